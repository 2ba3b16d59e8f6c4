"""Visible tests of multi_layer_net.py: MultiLayerNet with weight decay, L1, dropout and batch norm
(book chapter 6).

MultiLayerNet's plumbing is provided; it runs on your layers and initialisers.
Your parts are `gradient` (checked against numerical gradients of the training-mode loss),
`l1_penalty` and the Dropout layers built when use_dropout=True.
"""
import numpy as np
import pytest

from ..translation import _
from .assertions import assert_close, assert_number_close, failure_message
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
                                 hint=_("W{i}: the Affine layer's dW + weight_decay_lambda * W + "
                                        "l1_lambda * sign(W); gamma{i}, beta{i}: the BatchNormalization "
                                        "layer's dgamma, dbeta"))


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


@pytest.mark.unit("multi_layer_net.MultiLayerNet")
def test_loss_includes_the_l1_term(multi_layer_net):
    """Same weights, l1_lambda = 0.1 vs 0 (weight decay 0.05 in both): the losses differ by 0.1 * sum of |W|."""
    x, t = np.random.default_rng(4).standard_normal((3, 4)), np.eye(3)[[2, 0, 1]]
    losses = {}
    for l1_lambda in (0.0, 0.1):
        np.random.seed(2)
        net = multi_layer_net.MultiLayerNet(4, [5, 4], 3, weight_decay_lambda=0.05, l1_lambda=l1_lambda)
        losses[l1_lambda] = float(np.sum(net.loss(x.copy(), t.copy())))
    penalty = 0.1 * sum(np.sum(np.abs(net.params[f"W{i}"])) for i in (1, 2, 3))
    assert_number_close(losses[0.1] - losses[0.0], penalty, "loss(l1_lambda=0.1) - loss(l1_lambda=0)",
                        hint=_("l1_penalty returns l1_lambda * sum(|W|) over every W; the loss adds it "
                               "beside the weight-decay term"))


@pytest.mark.unit("multi_layer_net.MultiLayerNet")
def test_gradient_with_l1_and_weight_decay_matches_numerical_gradient(multi_layer_net):
    """A 4-5-4-3 ReLU net with l1_lambda=0.1 and weight_decay_lambda=0.05 on a batch of 3, one-hot targets."""
    np.random.seed(7)
    net = multi_layer_net.MultiLayerNet(4, [5, 4], 3, weight_init_std=0.5, weight_decay_lambda=0.05,
                                        l1_lambda=0.1)
    for key in net.params:
        if key.startswith("W"):  # |W| has a kink at 0: keep every weight away from it
            W = net.params[key]
            W[...] = np.where(W < 0, -1.0, 1.0) * np.maximum(np.abs(W), 0.05)
        else:
            net.params[key][...] = 0.1 * np.random.randn(*net.params[key].shape)
    x, t = np.random.randn(3, 4), np.eye(3)[[2, 0, 1]]
    check_gradient(net, x, t, "MultiLayerNet(4, [5, 4], 3, weight_decay_lambda=0.05, l1_lambda=0.1)")


def identity_dropout_net(multi_layer_net, size, ratio):
    """MultiLayerNet(size, [size, size], size) with dropout, identity weights and zero biases."""
    net = multi_layer_net.MultiLayerNet(size, [size, size], size, use_dropout=True, dropout_ratio=ratio)
    for key, value in net.params.items():
        value[...] = np.eye(size) if key.startswith("W") else 0.0
    return net


@pytest.mark.unit("multi_layer_net.MultiLayerNet")
def test_dropout_after_each_hidden_activation(multi_layer_net):
    """Identity weights, x > 0: predict(x, train_flg=True) keeps about (1 - 0.4) ** 2 of the units."""
    np.random.seed(8)
    net = identity_dropout_net(multi_layer_net, 10, 0.4)
    x = np.random.default_rng(9).uniform(0.5, 1.5, size=(400, 10))
    out = as_array(net.predict(x.copy(), train_flg=True), x.shape, "predict(x, train_flg=True)")
    kept = out != 0
    fraction = float(kept.mean())
    if abs(fraction - 0.6 ** 2) > 0.05:
        raise AssertionError(failure_message(
            _("the fraction of outputs kept by predict(x, train_flg=True)"),
            _("about 0.36 (two Dropout layers, each keeping 1 - 0.4 = 0.6)"), f"{fraction:.3f}",
            _("with use_dropout=True, append Dropout(dropout_ratio) after each hidden activation "
              "(two here), none after the output layer")))
    scales = out[kept] / x[kept]
    if not (np.allclose(scales, 1.0) or np.allclose(scales, 1 / 0.6 ** 2)):
        raise AssertionError(_("the kept outputs are x times {low:.4g} to {high:.4g}, expected x times 1 "
                               "(the book's dropout) or 1 / 0.6 ** 2 (inverted dropout)").format(
                                   low=scales.min(), high=scales.max()))


@pytest.mark.unit("multi_layer_net.MultiLayerNet")
def test_dropout_is_off_at_test_time(multi_layer_net):
    """predict(x, train_flg=False) with dropout: the same every call, each hidden output times 1 - ratio
    (the book's dropout) or unchanged (inverted dropout), as a net without dropout computes it."""
    np.random.seed(10)
    with_dropout = multi_layer_net.MultiLayerNet(4, [5, 4], 3, use_dropout=True, dropout_ratio=0.3)
    without = multi_layer_net.MultiLayerNet(4, [5, 4], 3)
    book = multi_layer_net.MultiLayerNet(4, [5, 4], 3)
    for key, value in with_dropout.params.items():
        value[...] = np.random.randn(*value.shape)
        without.params[key][...] = value
        book.params[key][...] = value * (0.7 if key in ("W2", "W3") else 1.0)  # scaled hidden outputs
    x = np.random.randn(6, 4)
    first = as_array(with_dropout.predict(x.copy(), train_flg=False), (6, 3), "predict(x, train_flg=False)")
    second = with_dropout.predict(x.copy(), train_flg=False)
    if not np.array_equal(first, np.asarray(second)):
        raise AssertionError(_("predict(x, train_flg=False) gave different outputs on two calls: dropout is "
                               "still on at test time.\n  hint: pass train_flg to every Dropout layer's "
                               "forward"))
    expected = without.predict(x.copy())
    if not np.allclose(first, book.predict(x.copy())):
        assert_close(first, expected, "predict(x, train_flg=False) with dropout_ratio=0.3",
                     hint=_("in test mode every unit is kept: times 1 - dropout_ratio (the book's Dropout) "
                            "or unchanged (inverted dropout)"))


def as_array(value, shape, what):
    """value as a float array of `shape`; a readable failure otherwise."""
    __tracebackhide__ = True
    array = np.asarray(value, dtype=float) if value is not None else None
    if array is None or array.shape != shape:
        got = "None" if array is None else str(array.shape)
        raise AssertionError(_("{what}: expected an array of shape {shape}, got {got}").format(
            what=what, shape=shape, got=got))
    return array
