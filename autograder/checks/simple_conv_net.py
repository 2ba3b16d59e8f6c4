"""Checks of simple_conv_net.py: params (keys, shapes, weight scale) with predict and loss against
the reference with the same parameters (written into net.params in place, so a wrong flattening
order of the pooled maps shows), accuracy, and gradient against the reference's gradient.
Targets are one-hot; the constructor's biases are not held to any value (the checks set params).
A failure names first the layers the network uses that fail their own checks (checks.dependencies).
"""
import numpy as np

from autograder.translation import _

from .dependencies import names_failing_dependency
from .feedback import CheckFailed
from .inputs import MIN_TRUE_PROBABILITY
from .networks import (LOSS_TOLERANCE, batches_of_distinct_accuracy, expect_accuracy, expect_network_gradient,
                       expect_network_values, expect_param_shapes, set_params)
from .reference import REFERENCE

UNIT = "simple_conv_net.SimpleConvNet"
POOL_SIZE = 2
INIT_STD_RTOL = 0.05          # std of >= 20 000 draws: within 1 % of the truth (1 sigma)
DEFAULT_WEIGHT_INIT_STD = 0.01
# Values where the network is smooth: every ReLU input and every pooling window's lead over its
# runner-up at least this far from a tie (ReLU's kink at 0 and max's ties are where accepted
# conventions differ).
KINK_MARGIN = 1e-3
POOL_MARGIN = 1e-3


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


def maker(input_dim, conv_param, hidden_size, output_size, **kwargs):
    """make(modules): a SimpleConvNet with these arguments from the given modules."""
    return lambda m: m["simple_conv_net"].SimpleConvNet(tuple(input_dim), dict(conv_param), hidden_size,
                                                        output_size, **kwargs)


def describe(input_dim, conv_param, hidden_size, output_size, **kwargs):
    extra = "".join(f", {k}={v!r}" for k, v in kwargs.items())
    return f"SimpleConvNet({tuple(input_dim)}, {conv_param}, {hidden_size}, {output_size}{extra})"


def geometries(rng):
    """Two small nets on square images (the book's constructor reads input_dim[1] only):
    'same' padding, and stride 2 on an odd size with an even convolution output."""
    fn = int(rng.integers(2, 4))
    return {
        "3x3 filters, pad 1": ((2, 6, 6), {"filter_num": fn, "filter_size": 3, "pad": 1, "stride": 1}),
        "3x3 filters, stride 2 on 9x9": ((1, 9, 9), {"filter_num": fn, "filter_size": 3, "pad": 0, "stride": 2}),
    }


def expect_params(sub, rng):
    """params: keys and shapes (the contract's defaults and two small nets); W2's std is weight_init_std."""
    default_conv = {"filter_num": 30, "filter_size": 5, "pad": 0, "stride": 1}
    net = sub.make("SimpleConvNet()", sub.modules["simple_conv_net"].SimpleConvNet)
    params = expect_param_shapes(sub, "SimpleConvNet()", net, shapes((1, 28, 28), default_conv, 100, 10))
    _expect_std("SimpleConvNet()", params, DEFAULT_WEIGHT_INIT_STD)
    std = float(np.round(rng.uniform(0.05, 0.5), 3))
    for input_dim, conv_param in geometries(rng).values():
        hidden, classes = int(rng.integers(20, 40)), int(rng.integers(3, 6))
        what = describe(input_dim, conv_param, hidden, classes, weight_init_std=std)
        net = sub.make(what, maker(input_dim, conv_param, hidden, classes, weight_init_std=std), sub.modules)
        expect_param_shapes(sub, what, net, shapes(input_dim, conv_param, hidden, classes))


def _expect_std(what, params, expected_std):
    got = float(np.std(np.asarray(params["W2"], dtype=float)))
    if abs(got - expected_std) > INIT_STD_RTOL * expected_std:
        raise CheckFailed(_("{what}.params['W2']: the weights have standard deviation {got}, expected "
                            "weight_init_std = {expected} (weight_init_std * np.random.randn(...)).").format(
            what=what, got=f"{got:.4g}", expected=f"{expected_std:g}"))


# ---------------------------------------------------------------- the checks

@names_failing_dependency(UNIT)
def check_simple_conv_net_params_predict_and_loss(sub, rng):
    # The constructor is the student's: its params are checked here, with what it computes.
    expect_params(sub, rng)
    cases = []
    for name, (input_dim, conv_param) in geometries(rng).items():
        n = classes = int(rng.integers(3, 5))      # N == C
        hidden = int(rng.integers(4, 7))
        x = rng.normal(size=(n, *input_dim))
        t = np.eye(classes)[rng.integers(0, classes, size=n)]
        make = maker(input_dim, conv_param, hidden, classes)
        values = draw_smooth_values(rng, shapes(input_dim, conv_param, hidden, classes), make, x, t)
        cases.append((name, make, values, x, t))

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
    expect_network_values(
        sub, UNIT, _("SimpleConvNet.predict(x) with the params given"), predict, inputs,
        note=_("predict: Convolution -> Relu -> Pooling(2, 2, stride=2) -> Affine -> Relu -> Affine; the first "
               "Affine flattens each sample's pooled maps (FN, PH, PW) in that order, as reshape(N, -1) does."))
    expect_network_values(sub, UNIT, _("SimpleConvNet.loss(x, t) with the params given"), loss, inputs,
                          tolerance=LOSS_TOLERANCE)


@names_failing_dependency(UNIT)
def check_simple_conv_net_accuracy(sub, rng):
    input_dim, conv_param = geometries(rng)["3x3 filters, pad 1"]
    hidden, classes = 5, 3
    make = maker(input_dim, conv_param, hidden, classes)
    values = random_values(rng, shapes(input_dim, conv_param, hidden, classes))
    # Whole hundreds: the book's accuracy scores batch_size=100 images at a time and skips a remainder.
    batches = batches_of_distinct_accuracy(rng, make, values, (100, 200), input_dim, classes)
    expect_accuracy(sub, UNIT, "SimpleConvNet", make, values, batches)


@names_failing_dependency(UNIT)
def check_simple_conv_net_gradient(sub, rng):
    input_dim, conv_param = geometries(rng)["3x3 filters, pad 1"]
    n, hidden, classes = 3, int(rng.integers(4, 7)), 3
    x = rng.normal(size=(n, *input_dim))
    t = np.eye(classes)[rng.integers(0, classes, size=n)]     # one-hot: the network's own targets
    make = maker(input_dim, conv_param, hidden, classes)
    values = draw_smooth_values(rng, shapes(input_dim, conv_param, hidden, classes), make, x, t)
    expect_network_gradient(sub, rng, UNIT, "SimpleConvNet", make, values, x, t)


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
    raise RuntimeError(_("no smooth parameters found: the check's input sizes need a look"))


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
    return p[np.arange(len(t)), t.argmax(axis=1)].min() >= MIN_TRUE_PROBABILITY


def _clear_maxima(h, pooling):
    """Whether every window's maximum leads its runner-up by POOL_MARGIN (windows of zeros aside:
    after a ReLU kept off its kink they stay zero, and their gradient is zero whichever zero gets it)."""
    windows = REFERENCE["util"].im2col(h, pooling.pool_h, pooling.pool_w, pooling.stride, pooling.pad)
    windows = np.sort(windows.reshape(-1, pooling.pool_h * pooling.pool_w), axis=1)
    top, runner_up = windows[:, -1], windows[:, -2]
    return bool(np.all((top == 0) | (top - runner_up >= POOL_MARGIN)))
