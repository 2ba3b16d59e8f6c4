"""Visible tests of two_layer_net.py: TwoLayerNet and its backward pass (book chapter 5.7).

TwoLayerNet's plumbing is provided; it runs on your layers (Affine, Relu,
SoftmaxWithLoss), so these tests wait for them. Your part is `gradient`.
"""
import numpy as np
import pytest

from ..translation import _
from . import network_354
from .assertions import assert_close, assert_number_close
from .gradient_check import assert_matches_numerical, numerical_gradient


def set_params(net, values):
    """Write values into net.params in place (the layers hold these very arrays)."""
    for key, value in values.items():
        net.params[key][...] = value


def small_problem(two_layer_net, seed):
    """A 4-5-3 net with weights of std 0.5 and a batch of 3 samples (N == C).

    The seeds below keep every true-class probability above 0.05 (the book's 1e-7
    inside the log moves the numerical gradient by about 1e-7 / probability).
    """
    np.random.seed(seed)
    net = two_layer_net.TwoLayerNet(4, 5, 3, weight_init_std=0.5)
    set_params(net, {"b1": 0.1 * np.random.randn(5), "b2": 0.1 * np.random.randn(3)})
    x = np.random.randn(3, 4)
    return net, x, np.array([2, 0, 1])


@pytest.mark.unit("two_layer_net.TwoLayerNet")
def test_the_3_5_4_network(two_layer_net):
    """The seeds' 3-5-4 network: scores [1.56, 6.17, 1.76, 6.37] and loss 0.6080413107681358 for d = [0, 0, 0, 1]."""
    net = two_layer_net.TwoLayerNet(3, 5, 4)
    set_params(net, {"W1": network_354.W1, "b1": network_354.B1, "W2": network_354.W2, "b2": network_354.B2})
    x = network_354.X.reshape(1, 3)
    assert_close(net.predict(x), network_354.SCORES.reshape(1, 4), "TwoLayerNet.predict([[1, 2, 3]]), 3-5-4 network",
                 hint=_("predict runs Affine -> Relu -> Affine: check those layers' forward"))
    assert_number_close(net.loss(x, network_354.D.reshape(1, 4)), network_354.CROSS_ENTROPY,
                        "TwoLayerNet.loss([[1, 2, 3]], d=[[0, 0, 0, 1]]), 3-5-4 network",
                        hint=_("loss is SoftmaxWithLoss.forward of the scores"))


@pytest.mark.unit("two_layer_net.TwoLayerNet")
def test_predict_is_affine_relu_affine(two_layer_net):
    """predict(x) = relu(x @ W1 + b1) @ W2 + b2, on a batch of 3."""
    net, x, _t = small_problem(two_layer_net, seed=0)
    params = {key: value.copy() for key, value in net.params.items()}
    expected = np.maximum(0, x @ params["W1"] + params["b1"]) @ params["W2"] + params["b2"]
    assert_close(net.predict(x.copy()), expected, "TwoLayerNet.predict of a (3, 4) batch")


def record_backward_order(net):
    """A list that fills with the positions in net.layers of each layer whose backward is called."""
    order = []
    for position, layer in enumerate(net.layers):
        backward = layer.backward

        def recorded(dout, position=position, backward=backward):
            order.append(position)
            return backward(dout)

        layer.backward = recorded
    return order


def fail_if_forward_order(order, layer_count):
    """Fail with the real cause when backward went through the layers first to last."""
    __tracebackhide__ = True
    if layer_count > 1 and order and order[0] == 0:
        pytest.fail(_("TwoLayerNet.gradient called backward on the layers in forward order (first to last): "
                      "backpropagation starts at the loss and goes back to the input.\n"
                      "  hint: for layer in reversed(self.layers): dout = layer.backward(dout)"), pytrace=False)


@pytest.mark.unit("two_layer_net.TwoLayerNet")
@pytest.mark.parametrize("targets", ["labels", "one-hot"])
def test_gradient_matches_numerical_gradient(two_layer_net, targets):
    """gradient(x, t) returns W1, b1, W2, b2 gradients equal to numerical gradients of loss(x, t)."""
    net, x, labels = small_problem(two_layer_net, seed=1)
    t = labels if targets == "labels" else np.eye(3)[labels]
    order = record_backward_order(net)
    raised = None
    try:
        grads = net.gradient(x.copy(), t.copy())
    except Exception as error:  # a shape error deep in Affine.backward: first say if the order is the cause
        raised = error
    fail_if_forward_order(order, len(net.layers))
    if raised is not None:
        raise raised
    if not isinstance(grads, dict) or set(grads) != {"W1", "b1", "W2", "b2"}:
        raise AssertionError(_("TwoLayerNet.gradient must return a dict with the keys W1, b1, W2, b2; "
                               "got {got!r}").format(got=grads if not isinstance(grads, dict) else sorted(grads)))
    for key in ("W2", "b2", "W1", "b1"):
        expected = numerical_gradient(lambda: net.loss(x, t), net.params[key])
        assert_matches_numerical(grads[key], expected, f"TwoLayerNet.gradient(x, t with {targets})[{key!r}]",
                                 hint=_("forward (self.loss), then backward through last_layer and the layers "
                                        "in reverse order; take dW, db from the Affine layers"))


@pytest.mark.unit("two_layer_net.TwoLayerNet")
def test_accuracy_counts_the_highest_scores(two_layer_net):
    """Scores whose highest entry is the true class for 2 of 4 samples: accuracy 0.5, with labels or one-hot."""
    net = two_layer_net.TwoLayerNet(2, 2, 2)
    set_params(net, {"W1": np.eye(2), "b1": np.zeros(2), "W2": np.eye(2), "b2": np.zeros(2)})
    x = np.array([[1.0, 0.1], [0.2, 2.0], [3.0, 0.5], [0.1, 0.4]])  # predicted classes 0, 1, 0, 1
    labels = np.array([0, 0, 1, 1])
    assert_number_close(net.accuracy(x, labels), 0.5, "TwoLayerNet.accuracy with labels")
    assert_number_close(net.accuracy(x, np.eye(2)[labels]), 0.5, "TwoLayerNet.accuracy with one-hot targets")
