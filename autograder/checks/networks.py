"""What the checks of two_layer_net.py and multi_layer_net.py share.

A network is built in the student's code with its own random weights; the
check then writes chosen parameters into `net.params[key]` in place (the
layers share those arrays), so the student's network and the reference's
compute on the same numbers. Gradients are checked by perturbing one parameter
in place at a time and asking the student's own loss.
"""
import numpy as np

from .compare import expect_match, run_diagnosed, with_diagnosis
from .feedback import CheckFailed
from .inputs import MIN_TRUE_PROBABILITY
from .reference import REFERENCE, run_reference
from .numerical import as_number, expect_gradients

KINK_MARGIN = 0.02          # no hidden pre-activation closer to 0 than this (ReLU's kink)
NETWORK_TOLERANCE = {"rtol": 1e-7, "atol": 1e-9}
LOSS_TOLERANCE = {"rtol": 1e-5, "atol": 1e-5}       # eps inside the log (see checks.functions)
SHARED_ARRAYS_HINT = ("If the loss does not change when net.params[key] is changed in place, the "
                      "layers do not share the arrays of params: pass the arrays themselves to "
                      "Affine / BatchNormalization, and never rebind params[key].")


def set_in_place(target, value):
    """target[...] = value, for a local array or a handle to an array in the worker."""
    if isinstance(target, np.ndarray):
        target[...] = value
    else:
        target.assign(value)


def set_params(net, values):
    """Write `values` (key -> array) into net.params in place."""
    params = net.params
    for key, value in values.items():
        set_in_place(params[key], value)


def expect_param_shapes(sub, what, net, shapes):
    """Fail unless net.params has exactly the keys of `shapes`, with those shapes; return the params."""
    params = sub.plain(sub.call(f"{what}.params", lambda: net.params))
    if not isinstance(params, dict):
        raise CheckFailed(f"{what}.params is {type(params).__name__}, expected a dict of arrays")
    missing = sorted(set(shapes) - set(params))
    extra = sorted(set(params) - set(shapes), key=str)
    if missing or extra:
        raise CheckFailed(f"{what}.params has keys {sorted(params, key=str)}, expected {sorted(shapes)}"
                          + (f" (missing {missing})" if missing else "")
                          + (f" (unexpected {extra})" if extra else ""))
    for key, shape in shapes.items():
        got = np.shape(params[key])
        if got != tuple(shape):
            raise CheckFailed(f"{what}.params[{key!r}] has shape {got}, expected {tuple(shape)}")
    return params


def draw_smooth_values(rng, shapes, make_reference, x, t, train_flg=None, tries=200):
    """Parameter values at which the reference net is smooth (see reference_is_smooth).

    Weights shrink a little after each rejected draw: smaller scores keep the
    probabilities moderate.
    """
    for attempt in range(tries):
        values = random_values(rng, shapes, weight_scale=0.8 * 0.99 ** attempt)
        net = make_reference(REFERENCE)
        set_params(net, values)
        if reference_is_smooth(net, x, t, train_flg):
            return values
    raise RuntimeError("no smooth parameters found: the check's input sizes need a look")


def reference_is_smooth(ref_net, x, t, train_flg=None):
    """Whether the reference net at (x, t) keeps ReLU inputs off the kink and probabilities moderate."""
    layers_module = REFERENCE["layers"]
    h = x
    for layer in ref_net.layers:
        if isinstance(layer, layers_module.Relu) and np.min(np.abs(h)) < KINK_MARGIN:
            return False
        if isinstance(layer, (layers_module.BatchNormalization, layers_module.Dropout)):
            h = layer.forward(h, train_flg=bool(train_flg))
        else:
            h = layer.forward(h)
    p = np.exp(h - h.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    labels = t if t.ndim == 1 else t.argmax(axis=1)
    return p[np.arange(len(labels)), labels].min() >= MIN_TRUE_PROBABILITY


def expect_network_values(sub, unit, what, scenario, inputs, tolerance=NETWORK_TOLERANCE, note=None):
    """expect_match with the network tolerances."""
    return expect_match(sub, unit, what, scenario, inputs, note=note, **tolerance)


def expect_network_gradient(sub, rng, unit, name, make, values, x, t, loss_kwargs=None):
    """Check net.gradient(x, t) against central differences of the student's net.loss.

    make(modules) builds the network; `values` (key -> array) are written into
    its params. The loss is net.loss(x, t, **loss_kwargs).
    """
    loss_kwargs = loss_kwargs or {}

    def scenario(m):
        net = make(m)
        set_params(net, values)
        return net.gradient(x.copy(), t.copy())

    what = f"{name}.gradient(x, t)"
    got = run_diagnosed(sub, unit, what, scenario)
    if not isinstance(got, dict):
        raise CheckFailed(f"{what} returned {type(got).__name__}, expected a dict with the keys of params")
    missing = sorted(set(values) - set(got))
    if missing:
        raise with_diagnosis(CheckFailed(f"{what} returned keys {sorted(got, key=str)}; missing {missing}"),
                             unit, scenario, got)
    expected = run_reference(scenario)
    net = sub.make(name, make, sub.modules)
    sub.call(f"setting {name}.params", set_params, net, values)
    params = net.params

    def loss_of(key, value):
        sub.assign(params[key], value)
        try:
            loss = sub.call(f"{name}.loss", net.loss, x.copy(), t.copy(), **loss_kwargs)
        finally:
            sub.assign(params[key], values[key])
        return as_number(f"{name}.loss", loss)

    expect_gradients(unit, what, loss_of, values, got, rng, {"x": x, "t": t}, expected, scenario, got,
                     hint=SHARED_ARRAYS_HINT)


def expect_accuracy(sub, unit, name, make, values, x, labels):
    """net.accuracy with labels and with one-hot t against the reference."""
    one_hot = np.eye(int(labels.max()) + 1)[labels]

    def scenario(m):
        net = make(m)
        set_params(net, values)
        return {"t as labels": net.accuracy(x.copy(), labels.copy()),
                "t one-hot": net.accuracy(x.copy(), one_hot.copy())}

    expect_network_values(sub, unit, f"{name}.accuracy(x, t)", scenario, {"x": x, "labels": labels})


def random_values(rng, shapes, weight_scale=0.8, bias_scale=0.3):
    """Parameter values by key: W* ~ N(0, weight_scale**2), gamma* ~ U(0.6, 1.4), the rest N(0, bias_scale**2)."""
    values = {}
    for key, shape in shapes.items():
        if key.startswith("W"):
            values[key] = rng.normal(0.0, weight_scale, size=shape)
        elif key.startswith("gamma"):
            values[key] = rng.uniform(0.6, 1.4, size=shape)
        else:
            values[key] = rng.normal(0.0, bias_scale, size=shape)
    return values

