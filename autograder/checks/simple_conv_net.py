"""Checks of simple_conv_net.py: params, predict, loss and accuracy against the reference with the
same parameters (written into net.params in place, so a wrong flattening order of the pooled maps
shows), and gradient against the gradient of the reference network's loss.

When a check fails, the layers the network runs on (Convolution, Pooling, Affine, Relu,
SoftmaxWithLoss) are checked too, and any that fail their own checks are named first: the
network's failure is then most likely theirs.
"""
import numpy as np

from autograder.translation import N_, _, translated

from . import convolution, layers
from .feedback import CheckFailed
from .inputs import MIN_TRUE_PROBABILITY
from .networks import (LOSS_TOLERANCE, expect_accuracy, expect_network_values, expect_param_shapes,
                       set_params)
from .reference import REFERENCE, run_reference
from .compare import run_diagnosed, with_diagnosis
from .reference_gradient import expect_reference_gradients

UNIT = "simple_conv_net.SimpleConvNet"
POOL_SIZE = 2
INIT_STD_RTOL = 0.05          # std of >= 20 000 draws: within 1 % of the truth (1 sigma)
# A step of h = 1e-5 along a unit direction moves any activation here by < 1e-4: margins of 1e-3
# keep every ReLU on its side and every pooling window's maximum in place (many activations: a
# wider margin would reject most draws).
KINK_MARGIN = 1e-3            # no ReLU input closer to 0 than this
POOL_MARGIN = 1e-3            # a pooling window's maximum leads the runner-up by at least this
USED_UNIT_FAILS = N_("{network} runs on your {unit}, which fails its own checks: fix {unit} first "
                      "(see its feedback), then this test.")
FORWARD_UNITS = {
    "layers.Convolution": convolution.check_convolution_forward,
    "layers.Pooling": convolution.check_pooling_forward,
    "layers.Relu": layers.check_relu_forward,
    "layers.Affine": layers.check_affine_forward,
}
BACKWARD_UNITS = {
    **FORWARD_UNITS,
    "layers.SoftmaxWithLoss": layers.check_softmax_with_loss_forward,
    "layers.Convolution backward": convolution.check_convolution_backward,
    "layers.Pooling backward": convolution.check_pooling_backward,
    "layers.Relu backward": layers.check_relu_backward,
    "layers.Affine backward": layers.check_affine_backward,
    "layers.SoftmaxWithLoss backward": layers.check_softmax_with_loss_backward,
}


def conv_output(size, filter_size, stride, pad):
    return (size + 2 * pad - filter_size) // stride + 1


def shapes(input_dim, conv_param, hidden_size, output_size):
    """The params' shapes: the pooled maps (FN, PH, PW) flattened into W2's rows."""
    channels, height, width = input_dim
    fn, fs = conv_param["filter_num"], conv_param["filter_size"]
    ph = conv_output(height, fs, conv_param["stride"], conv_param["pad"]) // POOL_SIZE
    pw = conv_output(width, fs, conv_param["stride"], conv_param["pad"]) // POOL_SIZE
    return {"W1": (fn, channels, fs, fs), "b1": (fn,), "W2": (fn * ph * pw, hidden_size), "b2": (hidden_size,),
            "W3": (hidden_size, output_size), "b3": (output_size,)}


def maker(input_dim, conv_param, hidden_size, output_size):
    """make(modules): a SimpleConvNet with these arguments from the given modules."""
    return lambda m: m["simple_conv_net"].SimpleConvNet(tuple(input_dim), dict(conv_param), hidden_size, output_size)


def describe(input_dim, conv_param, hidden_size, output_size, **kwargs):
    extra = "".join(f", {k}={v!r}" for k, v in kwargs.items())
    return f"SimpleConvNet({tuple(input_dim)}, {conv_param}, {hidden_size}, {output_size}{extra})"


def geometries(rng):
    """Two small nets: 'same' padding on square images, and stride 2 on an odd size (even conv output)."""
    fn = int(rng.integers(2, 4))
    return {
        "3x3 filters, pad 1": ((2, 6, 6), {"filter_num": fn, "filter_size": 3, "pad": 1, "stride": 1}),
        "3x3 filters, stride 2 on 9x9": ((1, 9, 9), {"filter_num": fn, "filter_size": 3, "pad": 0, "stride": 2}),
    }


# ---------------------------------------------------------------- the checks

def check_simple_conv_net_params(sub, rng):
    # The contract's defaults: (1, 28, 28) images, 30 filters of 5x5, 100 hidden units, 10 classes, std 0.01.
    default_shapes = shapes((1, 28, 28), {"filter_num": 30, "filter_size": 5, "pad": 0, "stride": 1}, 100, 10)
    net = sub.make("SimpleConvNet()", sub.modules["simple_conv_net"].SimpleConvNet)
    params = expect_param_shapes(sub, "SimpleConvNet()", net, default_shapes)
    _expect_std("SimpleConvNet()", params, 0.01)

    std = float(np.round(rng.uniform(0.05, 0.5), 3))
    for input_dim, conv_param in geometries(rng).values():
        hidden, classes = int(rng.integers(20, 40)), int(rng.integers(3, 6))
        what = describe(input_dim, conv_param, hidden, classes, weight_init_std=std)
        net = sub.make(what, lambda m: m["simple_conv_net"].SimpleConvNet(
            tuple(input_dim), dict(conv_param), hidden, classes, weight_init_std=std), sub.modules)
        expect_param_shapes(sub, what, net, shapes(input_dim, conv_param, hidden, classes))


def _expect_std(what, params, expected_std):
    W2 = np.asarray(params["W2"], dtype=float)
    got = float(W2.std())
    if abs(got - expected_std) > INIT_STD_RTOL * expected_std:
        raise CheckFailed(_("{what}.params['W2']: the weights have standard deviation {got}, expected "
                            "weight_init_std = {expected} (weight_init_std * np.random.randn(...)).").format(
            what=what, got=f"{got:.4g}", expected=f"{expected_std:g}"))


def check_simple_conv_net_predict_and_loss(sub, rng):
    cases = []
    for name, (input_dim, conv_param) in geometries(rng).items():
        n = classes = int(rng.integers(3, 5))      # N == C
        hidden = int(rng.integers(4, 7))
        x = rng.normal(size=(n, *input_dim))
        labels = rng.integers(0, classes, size=n)
        make = maker(input_dim, conv_param, hidden, classes)
        values = draw_smooth_values(rng, shapes(input_dim, conv_param, hidden, classes), make, x, labels)
        cases.append((name, make, values, x, np.eye(classes)[labels]))

    def predict(m):
        result = {}
        for name, make, values, x, _t in cases:
            net = make(m)
            set_params(net, values)
            result[name] = net.predict(x.copy())
        return result

    def loss(m):
        result = {}
        for name, make, values, x, t in cases:
            net = make(m)
            set_params(net, values)
            result[name] = net.loss(x.copy(), t.copy())
        return result

    name, _make, values, x, t = cases[0]
    inputs = {f"x ({name})": x, "t": t, **values}
    with_used_units_named(sub, rng, FORWARD_UNITS, lambda: expect_network_values(
        sub, UNIT, "SimpleConvNet.predict(x) with the params given", predict, inputs,
        note=_("predict: Convolution -> Relu -> Pooling(2, 2, stride=2) -> Affine -> Relu -> Affine; the first "
               "Affine flattens each sample's pooled maps (FN, PH, PW) in that order, as reshape(N, -1) does.")))
    with_used_units_named(sub, rng, {**FORWARD_UNITS, "layers.SoftmaxWithLoss": layers.check_softmax_with_loss_forward},
                          lambda: expect_network_values(sub, UNIT, "SimpleConvNet.loss(x, t) with the params given",
                                                        loss, inputs, tolerance=LOSS_TOLERANCE))


def check_simple_conv_net_accuracy(sub, rng):
    input_dim, conv_param = geometries(rng)["3x3 filters, pad 1"]
    n, hidden, classes = 12, 5, 3
    x = rng.normal(size=(n, *input_dim))
    labels = rng.integers(0, classes, size=n)
    make = maker(input_dim, conv_param, hidden, classes)
    values = random_values(rng, shapes(input_dim, conv_param, hidden, classes))
    with_used_units_named(sub, rng, FORWARD_UNITS,
                          lambda: expect_accuracy(sub, UNIT, "SimpleConvNet", make, values, x, labels))


def check_simple_conv_net_gradient(sub, rng):
    input_dim, conv_param = geometries(rng)["3x3 filters, pad 1"]
    n, hidden, classes = 3, int(rng.integers(4, 7)), 3
    x = rng.normal(size=(n, *input_dim))
    t = np.eye(classes)[rng.integers(0, classes, size=n)]     # one-hot: the network's own targets
    make = maker(input_dim, conv_param, hidden, classes)
    values = draw_smooth_values(rng, shapes(input_dim, conv_param, hidden, classes), make, x, t)
    with_used_units_named(sub, rng, BACKWARD_UNITS, lambda: _expect_gradient(sub, rng, make, values, x, t))


def _expect_gradient(sub, rng, make, values, x, t):
    def scenario(m):
        net = make(m)
        set_params(net, values)
        return net.gradient(x.copy(), t.copy())

    what = "SimpleConvNet.gradient(x, t)"
    got = run_diagnosed(sub, UNIT, what, scenario)
    if not isinstance(got, dict):
        raise with_diagnosis(CheckFailed(_("{what} returned {type}, expected a dict with the keys W1, b1, W2, b2, "
                                           "W3, b3.").format(what=what, type=type(got).__name__)), UNIT, scenario, got)
    missing = sorted(set(values) - set(got))
    if missing:
        raise with_diagnosis(CheckFailed(_("{what} returned the keys {keys}; missing {missing}.").format(
            what=what, keys=sorted(got, key=str), missing=missing)), UNIT, scenario, got)
    expected = run_reference(scenario)

    def reference_loss_of(key, value):
        net = make(REFERENCE)
        set_params(net, {**values, key: value})
        return float(net.loss(x.copy(), t.copy()))

    expect_reference_gradients(UNIT, what, reference_loss_of, values, got, rng, {"x": x, "t": t}, expected,
                               scenario, got, hint=_("Forward (self.loss), then backward through last_layer and the "
                                                     "layers in reverse order; W1, b1 are the Convolution's dW, db."))


# ---------------------------------------------------------------- naming the units a failure comes from

def with_used_units_named(sub, rng, used_units, check):
    """check(); if it fails, the used units that fail their own checks are named first in its feedback."""
    try:
        return check()
    except CheckFailed as failure:
        failing = []
        for label, probe in used_units.items():
            unit = label.split(" ")[0]
            if unit in failing:
                continue
            try:
                probe(sub, np.random.default_rng(rng.integers(2**63)))
            except CheckFailed:
                failing.append(unit)
        if failing:
            lines = [translated(USED_UNIT_FAILS).format(network="SimpleConvNet", unit=unit) for unit in failing]
            failure.message = "\n".join([*lines, failure.message])
            failure.args = (failure.message,)
        raise


# ---------------------------------------------------------------- parameter values

def random_values(rng, param_shapes, weight_scale=1.0, bias_scale=0.3):
    """W* ~ N(0, weight_scale**2 / fan_in) (unit-scale activations), b* ~ N(0, bias_scale**2)."""
    values = {}
    for key, shape in param_shapes.items():
        if key.startswith("W"):
            fan_in = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]
            values[key] = rng.normal(0.0, weight_scale / np.sqrt(fan_in), size=shape)
        else:
            values[key] = rng.normal(0.0, bias_scale, size=shape)
    return values


def draw_smooth_values(rng, param_shapes, make, x, t, tries=200):
    """Parameter values at which the reference net is smooth: ReLU inputs off the kink, one clear
    maximum in each pooling window, true-class probabilities moderate."""
    for attempt in range(tries):
        values = random_values(rng, param_shapes, weight_scale=1.5 * 0.99 ** attempt)
        net = make(REFERENCE)
        set_params(net, values)
        if reference_is_smooth(net, x, t):
            return values
    raise RuntimeError("no smooth parameters found: the check's input sizes need a look")


def reference_is_smooth(ref_net, x, t):
    layers_module = REFERENCE["layers"]
    h = x
    for layer in ref_net.layers:
        if isinstance(layer, layers_module.Relu) and np.min(np.abs(h)) < KINK_MARGIN:
            return False
        if isinstance(layer, layers_module.Pooling) and not _clear_maxima(h, layer):
            return False
        h = layer.forward(h)
    p = np.exp(h - h.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    labels = t if t.ndim == 1 else t.argmax(axis=1)
    return p[np.arange(len(labels)), labels].min() >= MIN_TRUE_PROBABILITY


def _clear_maxima(h, pooling):
    """Whether every window's maximum leads its runner-up by POOL_MARGIN (windows of zeros aside:
    their gradient is zero whichever zero gets it)."""
    windows = REFERENCE["util"].im2col(h, pooling.pool_h, pooling.pool_w, pooling.stride, pooling.pad)
    windows = np.sort(windows.reshape(-1, pooling.pool_h * pooling.pool_w), axis=1)
    top, runner_up = windows[:, -1], windows[:, -2]
    return bool(np.all((top == 0) | (top - runner_up >= POOL_MARGIN)))
