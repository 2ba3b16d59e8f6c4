"""Visible tests of multi_layer_net.py: MultiLayerNet with weight decay and batch norm (book chapter 6).

MultiLayerNet's plumbing is provided; it runs on your layers and initialisers.
Your part is `gradient`, checked against numerical gradients of the training-mode loss.
"""
import numpy as np
import pytest

from ..translation import _
from .assertions import assert_number_close
from .gradient_check import assert_matches_numerical, numerical_gradient


def check_gradient(net, x, t, what):
    """Every entry of net.gradient(x, t) against the numerical gradient of loss(x, t, train_flg=True)."""
    __tracebackhide__ = True
    grads = net.gradient(x.copy(), t.copy())
    if not isinstance(grads, dict) or set(grads) != set(net.params):
        got = sorted(grads) if isinstance(grads, dict) else grads
        raise AssertionError(_("{what}: gradient must return a dict with the keys of params, "
                               "{keys}; got {got!r}").format(what=what, keys=sorted(net.params), got=got))
    for key in net.params:
        expected = numerical_gradient(lambda: net.loss(x, t, train_flg=True), net.params[key])
        assert_matches_numerical(grads[key], expected, f"{what}: gradient(x, t)[{key!r}]",
                                 hint=_("W{i}: the Affine layer's dW + weight_decay_lambda * W; "
                                        "gamma{i}, beta{i}: the BatchNormalization layer's dgamma, dbeta"))


@pytest.mark.unit("multi_layer_net.MultiLayerNet")
def test_he_initial_weights(multi_layer_net):
    """MultiLayerNet(200, [300], 10): W1 has std sqrt(2 / 200) and W2 std sqrt(2 / 300) (He, the default)."""
    np.random.seed(0)
    net = multi_layer_net.MultiLayerNet(200, [300], 10)
    for key, fan_in in (("W1", 200), ("W2", 300)):
        std, expected = np.std(net.params[key]), np.sqrt(2 / fan_in)
        if abs(std - expected) > 0.05 * expected:
            raise AssertionError(_("MultiLayerNet's {key} has std {std:.4f}, expected sqrt(2 / {fan_in}) = "
                                   "{expected:.4f}.\n  hint: the network uses your he_init for "
                                   "weight_init_std='relu'").format(key=key, std=std, fan_in=fan_in,
                                                                    expected=expected))


@pytest.mark.unit("multi_layer_net.MultiLayerNet")
def test_loss_includes_the_weight_decay_term(multi_layer_net):
    """Same weights, lambda = 0.1 vs 0: the losses differ by 0.5 * 0.1 * sum of every W**2."""
    x, t = np.random.default_rng(1).standard_normal((3, 4)), np.array([2, 0, 1])
    losses = {}
    for weight_decay_lambda in (0.0, 0.1):
        np.random.seed(2)
        net = multi_layer_net.MultiLayerNet(4, [5, 4], 3, weight_decay_lambda=weight_decay_lambda)
        losses[weight_decay_lambda] = float(np.sum(net.loss(x.copy(), t.copy())))
    penalty = 0.5 * 0.1 * sum(np.sum(net.params[f"W{i}"] ** 2) for i in (1, 2, 3))
    assert_number_close(losses[0.1] - losses[0.0], penalty, "loss(lambda=0.1) - loss(lambda=0)",
                        hint=_("the penalty is provided code: check that forward runs your layers correctly"))


@pytest.mark.unit("multi_layer_net.MultiLayerNet")
def test_gradient_with_weight_decay_matches_numerical_gradient(multi_layer_net):
    """A 4-5-4-3 ReLU net with weight_decay_lambda=0.1 on a batch of 3 (N == C)."""
    np.random.seed(3)
    net = multi_layer_net.MultiLayerNet(4, [5, 4], 3, weight_init_std=0.5, weight_decay_lambda=0.1)
    for key in ("b1", "b2", "b3"):
        net.params[key][...] = 0.1 * np.random.randn(*net.params[key].shape)
    x, t = np.random.randn(3, 4), np.array([2, 0, 1])
    check_gradient(net, x, t, "MultiLayerNet(4, [5, 4], 3, weight_decay_lambda=0.1)")


@pytest.mark.unit("multi_layer_net.MultiLayerNet")
def test_gradient_with_batchnorm_matches_numerical_gradient(multi_layer_net):
    """A 4-5-4-3 ReLU net with batch norm (and weight decay) on a batch of 6, one-hot targets."""
    np.random.seed(6)
    net = multi_layer_net.MultiLayerNet(4, [5, 4], 3, weight_decay_lambda=0.05, use_batchnorm=True)
    for key in net.params:
        if key.startswith(("gamma", "beta")):
            net.params[key][...] += 0.2 * np.random.randn(*net.params[key].shape)
    x, t = np.random.randn(6, 4), np.eye(3)[[0, 1, 2, 2, 1, 0]]
    check_gradient(net, x, t, "MultiLayerNet(4, [5, 4], 3, use_batchnorm=True)")


@pytest.mark.unit("multi_layer_net.MultiLayerNet")
def test_gradient_with_sigmoid_activation_matches_numerical_gradient(multi_layer_net):
    """A 3-4-3 sigmoid net with Xavier initial weights on a batch of 3."""
    np.random.seed(5)
    net = multi_layer_net.MultiLayerNet(3, [4], 3, activation="sigmoid", weight_init_std="xavier")
    x, t = np.random.randn(3, 3), np.array([1, 2, 0])
    check_gradient(net, x, t, "MultiLayerNet(3, [4], 3, activation='sigmoid')")
