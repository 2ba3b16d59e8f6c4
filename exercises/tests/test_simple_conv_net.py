"""Visible tests of simple_conv_net.py: SimpleConvNet and its backward pass (book chapter 7.5).

Convolution -> Relu -> Pooling(2x2, stride 2) -> Affine -> Relu -> Affine -> SoftmaxWithLoss.
It runs on your layers (Convolution, Pooling, Affine, ...), so these tests wait for them.
"""
import numpy as np
import pytest

from . import convolution_by_loops
from ..translation import _
from .assertions import assert_close, assert_number_close
from .gradient_check import assert_matches_numerical, numerical_gradient

CONV_PARAM = {"filter_num": 3, "filter_size": 3, "pad": 1, "stride": 1}


def set_params(net, values):
    """Write values into net.params in place (the layers hold these very arrays)."""
    for key, value in values.items():
        net.params[key][...] = value


def small_net(simple_conv_net, seed):
    """A net for (2, 6, 6) images: 3 filters of 3x3 with pad 1 (6x6 maps, pooled to 3x3), 5 hidden units, 4 classes.

    The parameters are set here, biases included, so the test does not depend on how
    your constructor initialises them.
    """
    rng = np.random.default_rng(seed)
    net = simple_conv_net.SimpleConvNet((2, 6, 6), dict(CONV_PARAM), hidden_size=5, output_size=4)
    values = {"W1": 0.3 * rng.standard_normal((3, 2, 3, 3)), "b1": 0.1 * rng.standard_normal(3),
              "W2": 0.3 * rng.standard_normal((27, 5)), "b2": 0.1 * rng.standard_normal(5),
              "W3": 0.3 * rng.standard_normal((5, 4)), "b3": 0.1 * rng.standard_normal(4)}
    set_params(net, values)
    return net, values, rng.standard_normal((3, 2, 6, 6))


def scores_by_hand(values, x):
    """The network's scores, layer by layer, with the pooled maps flattened per sample as (filter, row, column)."""
    conv = np.maximum(0, convolution_by_loops.convolution(x, values["W1"], values["b1"], stride=1, pad=1))
    pooled = convolution_by_loops.max_pooling(conv, 2, 2, stride=2)
    hidden = np.maximum(0, pooled.reshape(len(x), -1) @ values["W2"] + values["b2"])
    return hidden @ values["W3"] + values["b3"]


@pytest.mark.unit("simple_conv_net.SimpleConvNet")
def test_params_have_the_shapes_of_the_layers(simple_conv_net):
    """For (1, 8, 8) images, 4 filters of 3x3 with pad 1, 20 hidden units, 10 classes: W2 is (4 * 4 * 4, 20)."""
    net = simple_conv_net.SimpleConvNet((1, 8, 8), {"filter_num": 4, "filter_size": 3, "pad": 1, "stride": 1},
                                        hidden_size=20, output_size=10)
    expected = {"W1": (4, 1, 3, 3), "b1": (4,), "W2": (64, 20), "b2": (20,), "W3": (20, 10), "b3": (10,)}
    got = {key: np.shape(value) for key, value in net.params.items()}
    if got != expected:
        raise AssertionError(_("SimpleConvNet params shapes: expected {expected}\n  got:      {got}\n  hint: the "
                               "convolution keeps 8x8 (pad 1), the pooling halves it to 4x4: W2 takes 4 maps of "
                               "4x4").format(expected=expected, got=got))


@pytest.mark.unit("simple_conv_net.SimpleConvNet")
def test_predict_runs_the_layers_in_order(simple_conv_net):
    """predict(x) = affine(relu(affine(flatten(pool(relu(conv(x))))))), for a batch of 3 images."""
    net, values, x = small_net(simple_conv_net, seed=0)
    assert_close(net.predict(x.copy()), scores_by_hand(values, x), "SimpleConvNet.predict of a (3, 2, 6, 6) batch",
                 hint=_("Convolution, Relu, Pooling(2, 2, stride=2), Affine, Relu, Affine; the first Affine "
                      "flattens each sample's pooled maps as (filter, row, column)"))


@pytest.mark.unit("simple_conv_net.SimpleConvNet")
@pytest.mark.parametrize("targets", ["labels", "one-hot"])
def test_conv_net_gradient_matches_numerical_gradient(simple_conv_net, targets):
    """gradient(x, t) returns W1..b3 gradients equal to the numerical gradients of loss(x, t)."""
    net, _values, x = small_net(simple_conv_net, seed=1)
    labels = np.array([0, 3, 1])
    t = labels if targets == "labels" else np.eye(4)[labels]
    grads = net.gradient(x.copy(), t.copy())
    keys = {"W1", "b1", "W2", "b2", "W3", "b3"}
    if not isinstance(grads, dict) or set(grads) != keys:
        raise AssertionError(_("SimpleConvNet.gradient must return a dict with the keys W1, b1, W2, b2, W3, b3; "
                               "got {got!r}").format(got=grads if not isinstance(grads, dict) else sorted(grads)))
    for key in ("W3", "b3", "W2", "b2", "W1", "b1"):
        expected = numerical_gradient(lambda: net.loss(x, t), net.params[key])
        assert_matches_numerical(grads[key], expected, f"SimpleConvNet.gradient(x, t with {targets})[{key!r}]",
                                 hint=_("forward (self.loss), then backward through last_layer and the layers in "
                                      "reverse order; W1, b1 come from the Convolution layer's dW, db"))


@pytest.mark.unit("simple_conv_net.SimpleConvNet")
def test_conv_net_accuracy_with_labels_and_one_hot(simple_conv_net):
    """accuracy(x, t) is the share of images whose highest score is the true class: 70 of 100 here."""
    net, values, _x = small_net(simple_conv_net, seed=2)
    x = np.random.default_rng(3).standard_normal((100, 2, 6, 6))   # 100: the book scores 100 images at a time
    labels = np.argmax(scores_by_hand(values, x), axis=1)
    labels[:30] = (labels[:30] + 1) % 4
    assert_number_close(net.accuracy(x, labels), 0.7, "SimpleConvNet.accuracy with labels (70 of 100 right)")
    assert_number_close(net.accuracy(x, np.eye(4)[labels]), 0.7, "SimpleConvNet.accuracy with one-hot targets")
