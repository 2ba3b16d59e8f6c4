"""Checks of two_layer_net.py: params (keys, shapes, weight scale), predict, loss and accuracy against
the reference with the same parameters, gradient against the reference's gradient. Targets are
one-hot; the constructor's biases are not held to any value (the checks set params)."""
import numpy as np

from autograder.translation import _

from .dependencies import names_failing_dependency
from .feedback import CheckFailed
from .networks import (LOSS_TOLERANCE, batches_of_distinct_accuracy, draw_smooth_values, expect_accuracy,
                       expect_network_gradient, expect_network_values, expect_param_shapes, random_values,
                       set_params)

UNIT = "two_layer_net.TwoLayerNet"
INIT_STD_RTOL = 0.05        # std of >= 6000 draws: within 1 % of the truth (1 sigma)
DEFAULT_WEIGHT_INIT_STD = 0.01


def shapes(input_size, hidden_size, output_size):
    return {"W1": (input_size, hidden_size), "b1": (hidden_size,),
            "W2": (hidden_size, output_size), "b2": (output_size,)}


def maker(input_size, hidden_size, output_size):
    """make(modules): a TwoLayerNet of these sizes from the given modules."""
    return lambda m: m["two_layer_net"].TwoLayerNet(input_size, hidden_size, output_size)


def expect_params(sub, rng):
    """params: keys, shapes, weights of std weight_init_std (default 0.01). Biases may start anywhere."""
    sizes = int(rng.integers(100, 140)), int(rng.integers(60, 80)), int(rng.integers(3, 6))
    std = float(np.round(rng.uniform(0.05, 0.5), 3))
    for kwargs, expected_std in (({"weight_init_std": std}, std), ({}, DEFAULT_WEIGHT_INIT_STD)):
        what = "TwoLayerNet(%d, %d, %d%s)" % (*sizes, "".join(f", {k}={v}" for k, v in kwargs.items()))
        net = sub.make(what, sub.modules["two_layer_net"].TwoLayerNet, *sizes, **kwargs)
        params = expect_param_shapes(sub, what, net, shapes(*sizes))
        got_std = float(np.std(params["W1"]))
        if abs(got_std - expected_std) > INIT_STD_RTOL * expected_std:
            raise CheckFailed(_("{what}.params['W1']: the weights have standard deviation "
                                "{got_std:.4g}, expected weight_init_std = {expected_std:g} "
                                "(weight_init_std * np.random.randn(...)).").format(
                                  what=what, got_std=got_std, expected_std=expected_std))


@names_failing_dependency(UNIT)
def check_two_layer_net_params_predict_and_loss(sub, rng):
    # The constructor is provided code: its params are checked here, with what the student wrote.
    expect_params(sub, rng)
    n = c = int(rng.integers(3, 6))      # N == C
    d, h = int(rng.integers(3, 6)), int(rng.integers(4, 8))
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, size=n)
    one_hot = np.eye(c)[labels]
    make = maker(d, h, c)
    values = draw_smooth_values(rng, shapes(d, h, c), make, x, labels)

    def predict(m):
        net = make(m)
        set_params(net, values)
        return net.predict(x.copy())

    def loss(m):
        net = make(m)
        set_params(net, values)
        return net.loss(x.copy(), one_hot.copy())

    inputs = {"x": x, _("t (labels of the one-hot t)"): labels, **values}
    expect_network_values(sub, UNIT, _("TwoLayerNet.predict(x) with the params given"), predict, inputs,
                          note=_("predict: Affine -> Relu -> Affine, scores before softmax."))
    expect_network_values(sub, UNIT, _("TwoLayerNet.loss(x, t) with the params given, t one-hot"), loss, inputs,
                          tolerance=LOSS_TOLERANCE)


@names_failing_dependency(UNIT)
def check_two_layer_net_accuracy(sub, rng):
    d, h, c = 4, 6, 3
    make = maker(d, h, c)
    values = random_values(rng, shapes(d, h, c))
    batches = batches_of_distinct_accuracy(rng, make, values, (12, 7), d, c)
    expect_accuracy(sub, UNIT, "TwoLayerNet", make, values, batches)


@names_failing_dependency(UNIT)
def check_two_layer_net_gradient(sub, rng):
    n, d, h, c = 5, int(rng.integers(3, 6)), int(rng.integers(4, 7)), 3
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, size=n)
    make = maker(d, h, c)
    values = draw_smooth_values(rng, shapes(d, h, c), make, x, labels)
    expect_network_gradient(sub, rng, UNIT, "TwoLayerNet", make, values, x, np.eye(c)[labels])
