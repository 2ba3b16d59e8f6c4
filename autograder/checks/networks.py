"""What the checks of two_layer_net.py and multi_layer_net.py share.

A network is built in the student's code with its own random weights; the
check then writes chosen parameters into `net.params[key]` in place (the
layers share those arrays), so the student's network and the reference's
compute on the same numbers: the constructor's own initial values never matter
(small random biases are fine). Targets are one-hot (integer labels are graded
in SoftmaxWithLoss's and cross_entropy_error's own units). Gradients are
compared with the reference network's gradient at the same parameters
(checks.backward). Tolerances are those of the layers a network uses
(checks.tolerances.network_tolerance).
"""
import numpy as np

from autograder.sandbox.remote import RemoteRef
from autograder.translation import N_, _, translated

from .backward import expect_reference_gradients
from .compare import expect_match, run_diagnosed
from .feedback import CheckFailed
from .inputs import MIN_TRUE_PROBABILITY
from .reference import REFERENCE, run_reference
from .tolerances import MIN_BATCH_VARIANCE, NETWORK_TOLERANCE, network_tolerance

KINK_MARGIN = 0.02          # no hidden pre-activation closer to 0 than this (ReLU's kink)
LOSS_TOLERANCE = network_tolerance("SoftmaxWithLoss")
SHARED_ARRAYS_HINT = N_("If the loss does not change when net.params[key] is changed in place, the "
                        "layers do not share the arrays of params: pass the arrays themselves to "
                        "Affine / BatchNormalization, and never rebind params[key].")


def set_in_place(target, value):
    """target[...] = value, for a local array or a handle to an array in the worker."""
    if isinstance(target, np.ndarray):
        target[...] = value
    else:
        target.assign(value)


def set_params(net, values):
    """Write `values` (key -> array) into net.params in place (in the worker: one request for all)."""
    params = net.params
    if isinstance(params, RemoteRef):
        params.assign_each(values)
        return
    for key, value in values.items():
        set_in_place(params[key], value)


def expect_param_shapes(sub, what, net, shapes):
    """Fail unless net.params has exactly the keys of `shapes`, with those shapes; return the params."""
    params = sub.plain(sub.call(f"{what}.params", lambda: net.params))
    if not isinstance(params, dict):
        raise CheckFailed(_("{what}.params is {name}, expected a dict of arrays").format(
                              what=what, name=type(params).__name__))
    missing = sorted(set(shapes) - set(params))
    extra = sorted(set(params) - set(shapes), key=str)
    if missing or extra:
        raise CheckFailed(_("{what}.params has keys {params}, expected {shapes}").format(
                              what=what, params=sorted(params, key=str), shapes=sorted(shapes))
                          + (f" (missing {missing})" if missing else "")
                          + (f" (unexpected {extra})" if extra else ""))
    for key, shape in shapes.items():
        got = np.shape(params[key])
        if got != tuple(shape):
            raise CheckFailed(_("{what}.params[{key!r}] has shape {got}, expected {shape}").format(
                                  what=what, key=key, got=got, shape=tuple(shape)))
    return params


def draw_smooth_values(rng, shapes, make_reference, x, t, train_flg=None, tries=200):
    """Parameter values at which the reference net is smooth (see reference_is_smooth).

    Weights shrink a little after each rejected draw: smaller scores keep the
    probabilities moderate.
    """
    for attempt in range(tries):
        values = random_values(rng, shapes, weight_scale=0.8 * 0.99 ** attempt)
        if train_flg:
            widen_batchnorm_inputs(values, make_reference, x)
        net = make_reference(REFERENCE)
        set_params(net, values)
        if reference_is_smooth(net, x, t, train_flg):
            return values
    raise RuntimeError(_("no smooth parameters found: the check's input sizes need a look"))


def widen_batchnorm_inputs(values, make_reference, x, target=2 * MIN_BATCH_VARIANCE):
    """Scale the columns of W{k}, b{k} feeding the k-th BatchNormalization so that its training batch has
    variance >= target in every feature, in place. Batch norm in training mode undoes the scale, so
    the network's outputs stay the same (up to eps), while every accepted eps agrees within
    BATCH_NORM_TOLERANCE."""
    net = make_reference(REFERENCE)
    set_params(net, values)
    batchnorm = REFERENCE["layers"].BatchNormalization
    h, k = x, 0
    for layer in net.layers:
        if isinstance(layer, batchnorm):
            k += 1
            factor = np.sqrt(np.maximum(1.0, target / np.maximum(h.var(axis=0), 1e-12)))
            values[f"W{k}"] *= factor
            values[f"b{k}"] *= factor
            h = h * factor
            h = layer.forward(h, train_flg=True)
        elif hasattr(layer, "forward") and "train_flg" in layer.forward.__code__.co_varnames:
            h = layer.forward(h, train_flg=True)
        else:
            h = layer.forward(h)


def reference_is_smooth(ref_net, x, t, train_flg=None):
    """Whether the reference net at (x, t) keeps ReLU inputs off the kink, probabilities moderate
    and the batches a BatchNormalization normalises in training mode of variance >= MIN_BATCH_VARIANCE
    (where BN's eps variants agree within BATCH_NORM_TOLERANCE)."""
    layers_module = REFERENCE["layers"]
    h = x
    for layer in ref_net.layers:
        if isinstance(layer, layers_module.Relu) and np.min(np.abs(h)) < KINK_MARGIN:
            return False
        if (isinstance(layer, layers_module.BatchNormalization) and train_flg
                and h.var(axis=0).min() < MIN_BATCH_VARIANCE):
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
    """Check net.gradient(x, t) against the reference network's gradient at the same parameters.

    make(modules) builds the network; `values` (key -> array) are written into its params.
    t: one-hot targets. rng and loss_kwargs are unused (kept for callers): the tolerance,
    checks.tolerances.GRADIENT_RTOL, admits every accepted layer variant.
    """
    def scenario(m):
        net = make(m)
        set_params(net, values)
        return net.gradient(x.copy(), t.copy())

    what = f"{name}.gradient(x, t)"
    got = run_diagnosed(sub, unit, what, scenario)
    if not isinstance(got, dict):
        raise CheckFailed(_("{what} returned {name}, expected a dict with the keys of params").format(
                              what=what, name=type(got).__name__))
    expected = run_reference(scenario)
    missing = sorted(set(expected) - set(got), key=str)
    if missing:
        from .compare import with_diagnosis
        raise with_diagnosis(CheckFailed(_("{what} returned keys {got}; missing {missing}").format(
                                             what=what, got=sorted(got, key=str), missing=missing)),
                             unit, scenario, got)
    expect_reference_gradients(unit, what, got, expected, {"x": x, "t": t, **values}, scenario, got,
                               hint=translated(SHARED_ARRAYS_HINT))


def expect_accuracy(sub, unit, name, make, values, batches, tolerance=NETWORK_TOLERANCE):
    """net.accuracy on one-hot targets against the reference, for each (x, t) of `batches`.

    Callers give batches whose reference accuracies differ, so no constant passes.
    """
    def scenario(m):
        net = make(m)
        set_params(net, values)
        return {f"batch of {len(x)}": net.accuracy(x.copy(), t.copy()) for x, t in batches}

    inputs = {}
    for x, t in batches:
        inputs[f"x (batch of {len(x)})"] = x
        inputs[f"labels (batch of {len(x)})"] = t.argmax(axis=1)
    expect_network_values(sub, unit, f"{name}.accuracy(x, t), t one-hot", scenario, inputs, tolerance=tolerance)


def batches_of_distinct_accuracy(rng, make, values, sizes, d, c, tries=100):
    """[(x, t one-hot)] of the given sizes whose reference accuracies all differ and lie strictly
    between 0 and 1 (a constant, 0 or 1 cannot pass them all)."""
    for _attempt in range(tries):
        sample_shape = d if isinstance(d, tuple) else (d,)   # d: features, or an image shape (C, H, W)
        batches = [(rng.normal(size=(n, *sample_shape)), np.eye(c)[rng.integers(0, c, size=n)]) for n in sizes]
        net = make(REFERENCE)
        set_params(net, values)
        accuracies = [float(net.accuracy(x, t)) for x, t in batches]
        if len(set(accuracies)) == len(accuracies) and all(0 < a < 1 for a in accuracies):
            return batches
    raise RuntimeError(_("no batches of distinct accuracies found: the check's sizes need a look"))


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

