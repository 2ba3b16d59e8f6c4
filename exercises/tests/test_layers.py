"""Visible tests of layers.py: forward and backward passes (book chapters 5, 6 and 7).

Every backward pass is checked against a numerical gradient of your own forward
pass: for a loss L = sum(out * dout), the gradient of L with respect to the
input is exactly what backward(dout) must return.
"""
import numpy as np
import pytest

from ..translation import _
from . import convolution_by_loops
from .assertions import assert_close, assert_number_close
from .gradient_check import assert_matches_numerical, numerical_gradient


def away_from_zero(rng, shape):
    """Unit-scale values with |x| >= 0.1: ReLU's kink at 0 stays out of the numerical gradient's way."""
    values = rng.standard_normal(shape)
    return np.sign(values) * (0.1 + np.abs(values))


def weighted_sum(out, dout):
    """The loss whose gradient with respect to out is dout."""
    return np.sum(out * dout)


# --- Relu ---------------------------------------------------------------------------------------

@pytest.mark.unit("layers.Relu")
def test_relu_forward_zeroes_the_negative_entries(layers):
    """max(0, x) elementwise."""
    out = layers.Relu().forward(np.array([[1.0, -0.5], [-2.0, 3.0]]))
    assert_close(out, [[1.0, 0.0], [0.0, 3.0]], "Relu().forward([[1, -0.5], [-2, 3]])")


@pytest.mark.unit("layers.Relu")
def test_relu_backward_lets_the_gradient_through_where_x_was_positive(layers):
    """x = [[1, -0.5], [-2, 3]], dout = [[10, 20], [30, 40]]: dx = [[10, 0], [0, 40]]."""
    relu = layers.Relu()
    relu.forward(np.array([[1.0, -0.5], [-2.0, 3.0]]))
    dx = relu.backward(np.array([[10.0, 20.0], [30.0, 40.0]]))
    assert_close(dx, [[10.0, 0.0], [0.0, 40.0]], "Relu.backward(dout) after forward([[1, -0.5], [-2, 3]])",
                 hint=_("keep in forward where x <= 0 (self.mask) and zero dout there"))


@pytest.mark.unit("layers.Relu")
def test_relu_backward_matches_numerical_gradient(layers):
    """A (3, 4) input: backward(dout) equals the numerical gradient of sum(forward(x) * dout)."""
    rng = np.random.default_rng(1)
    x, dout = away_from_zero(rng, (3, 4)), rng.standard_normal((3, 4))
    relu = layers.Relu()
    relu.forward(x.copy())
    dx = relu.backward(dout.copy())
    expected = numerical_gradient(lambda: weighted_sum(layers.Relu().forward(x), dout), x)
    assert_matches_numerical(dx, expected, "Relu.backward: dx")


# --- Sigmoid ------------------------------------------------------------------------------------

@pytest.mark.unit("layers.Sigmoid")
def test_sigmoid_forward_at_zero_and_plus_minus_one(layers):
    """sigmoid(0) = 0.5, sigmoid(1) = 0.7310585786300049, sigmoid(-1) = 0.2689414213699951."""
    out = layers.Sigmoid().forward(np.array([[0.0, 1.0, -1.0]]))
    assert_close(out, [[0.5, 0.7310585786300049, 0.2689414213699951]], "Sigmoid().forward([[0, 1, -1]])")


@pytest.mark.unit("layers.Sigmoid")
def test_sigmoid_backward_at_zero_is_a_quarter(layers):
    """At x = 0, out = 0.5, so dx = dout * 0.5 * (1 - 0.5) = dout / 4."""
    sigmoid = layers.Sigmoid()
    sigmoid.forward(np.array([[0.0, 0.0]]))
    dx = sigmoid.backward(np.array([[1.0, 8.0]]))
    assert_close(dx, [[0.25, 2.0]], "Sigmoid.backward([[1, 8]]) after forward([[0, 0]])",
                 hint=_("dx = dout * out * (1 - out), with out kept from forward"))


@pytest.mark.unit("layers.Sigmoid")
def test_sigmoid_backward_matches_numerical_gradient(layers):
    """A (3, 4) input: backward(dout) equals the numerical gradient of sum(forward(x) * dout)."""
    rng = np.random.default_rng(2)
    x, dout = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    sigmoid = layers.Sigmoid()
    sigmoid.forward(x.copy())
    dx = sigmoid.backward(dout.copy())
    expected = numerical_gradient(lambda: weighted_sum(layers.Sigmoid().forward(x), dout), x)
    assert_matches_numerical(dx, expected, "Sigmoid.backward: dx")


# --- Affine -------------------------------------------------------------------------------------

@pytest.mark.unit("layers.Affine")
def test_affine_forward_by_hand(layers):
    """x = [[1, 2]], W = [[1, 2, 3], [4, 5, 6]], b = [0.5, 0, -0.5]: x @ W + b = [[9.5, 12, 14.5]]."""
    W = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    b = np.array([0.5, 0.0, -0.5])
    out = layers.Affine(W, b).forward(np.array([[1.0, 2.0]]))
    assert_close(out, [[9.5, 12.0, 14.5]], "Affine(W, b).forward([[1, 2]])", hint=_("x @ W + b (np.dot(x, W) + b)"))


def require_references_to_the_parameters(affine, x, W, out):
    """Fail with the real cause when the layer copied W: the numerical dW of a copy is all zeros."""
    __tracebackhide__ = True
    W[0, 0] += 1.0
    try:
        moved = np.array(affine.forward(x.copy()), dtype=float)
    finally:
        W[0, 0] -= 1.0
    if np.allclose(moved, out):
        raise AssertionError(
            _("Affine(W, b) does not see W change in place (W[0, 0] += 1 left forward's output as it was), "
              "so its gradients cannot be checked.\n"
              "  hint: keep self.W = W and self.b = b as given, without a copy: "
              "an optimizer updates these very arrays in place"))


def check_affine_backward(layers, x_shape, W_shape, seed):
    """Affine's dx, dW and db against numerical gradients, for x of x_shape."""
    __tracebackhide__ = True
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(x_shape)
    W, b = rng.standard_normal(W_shape), rng.standard_normal(W_shape[1])
    dout = rng.standard_normal((x_shape[0], W_shape[1]))
    affine = layers.Affine(W, b)
    out = np.array(affine.forward(x.copy()), dtype=float)
    require_references_to_the_parameters(affine, x, W, out)
    dx = affine.backward(dout.copy())
    dW, db = affine.dW, affine.db

    def loss():
        return weighted_sum(affine.forward(x), dout)

    shape = "x".join(str(n) for n in x_shape)
    assert_matches_numerical(dx, numerical_gradient(loss, x), f"Affine.backward: dx for a {shape} input",
                             hint=_("dx = dout @ W.T, reshaped to x's original shape"))
    assert_matches_numerical(dW, numerical_gradient(loss, W), f"Affine.backward: self.dW for a {shape} input",
                             hint=_("dW = x.T @ dout, with x flattened to (N, D)"))
    assert_matches_numerical(db, numerical_gradient(loss, b), f"Affine.backward: self.db for a {shape} input",
                             hint=_("db = dout summed over the batch (axis=0)"))


@pytest.mark.unit("layers.Affine")
def test_affine_backward_matches_numerical_gradient(layers):
    """x (4, 3), W (3, 5): dx, self.dW and self.db against numerical gradients."""
    check_affine_backward(layers, (4, 3), (3, 5), seed=3)


@pytest.mark.unit("layers.Affine")
def test_affine_flattens_image_like_input(layers):
    """x of shape (2, 2, 3) is used as (2, 6); dx comes back in x's shape (2, 2, 3)."""
    rng = np.random.default_rng(4)
    x, W, b = rng.standard_normal((2, 2, 3)), rng.standard_normal((6, 4)), rng.standard_normal(4)
    out = layers.Affine(W, b).forward(x.copy())
    assert_close(out, x.reshape(2, 6) @ W + b, "Affine.forward of a (2, 2, 3) input",
                 hint=_("flatten x to (N, D) with x.reshape(x.shape[0], -1) and remember the original shape"))
    check_affine_backward(layers, (2, 2, 3), (6, 4), seed=5)


@pytest.mark.unit("layers.Affine")
def test_affine_keeps_references_to_its_parameters(layers):
    """An optimizer updates W and b in place: the layer must see the change."""
    W = np.array([[1.0, 2.0], [3.0, 4.0]])
    b = np.array([1.0, -1.0])
    affine = layers.Affine(W, b)
    affine.forward(np.array([[1.0, 1.0]]))
    W *= 2
    b -= 1
    assert_close(affine.forward(np.array([[1.0, 1.0]])), [[8.0, 10.0]],
                 "Affine.forward after W *= 2 and b -= 1 in place",
                 hint=_("keep self.W = W and self.b = b as given (no copy)"))


# --- SoftmaxWithLoss ----------------------------------------------------------------------------

SCORES = np.array([[0.5, -1.0, 2.0],
                   [1.5, 0.2, -0.3],
                   [0.0, 0.8, 0.1]])  # N == C on purpose: a softmax over the wrong axis shows up
LABELS = np.array([2, 0, 1])


def softmax_rows(x):
    exp_x = np.exp(x - x.max(axis=1, keepdims=True))
    return exp_x / exp_x.sum(axis=1, keepdims=True)


@pytest.mark.unit("layers.SoftmaxWithLoss")
def test_softmax_with_loss_forward_of_equal_scores(layers):
    """Three equal scores: every class gets 1/3, so the loss is log(3) = 1.0986."""
    loss = layers.SoftmaxWithLoss().forward(np.array([[0.0, 0.0, 0.0]]), np.array([1]))
    assert_number_close(loss, np.log(3), "SoftmaxWithLoss().forward([[0, 0, 0]], t=[1])",
                        hint=_("the loss is cross_entropy_error(softmax(x), t)"))


@pytest.mark.unit("layers.SoftmaxWithLoss")
def test_softmax_with_loss_forward_of_a_batch(layers):
    """A (3, 3) batch with labels [2, 0, 1], then one-hot: the mean of -log(softmax(x)[n, t[n]])."""
    probabilities = softmax_rows(SCORES)
    expected = -np.mean(np.log(probabilities[np.arange(3), LABELS]))
    layer = layers.SoftmaxWithLoss()
    assert_number_close(layer.forward(SCORES.copy(), LABELS.copy()), expected,
                        "SoftmaxWithLoss.forward of a (3, 3) batch with labels [2, 0, 1]",
                        hint=_("softmax of each row, then the batch mean of the cross-entropy"))
    assert_number_close(layer.forward(SCORES.copy(), np.eye(3)[LABELS]), expected,
                        "SoftmaxWithLoss.forward of a (3, 3) batch with one-hot targets")


@pytest.mark.unit("layers.SoftmaxWithLoss")
def test_softmax_with_loss_backward_is_y_minus_t_over_n(layers):
    """backward() = (softmax(x) - one_hot(t)) / N, for labels and for one-hot targets."""
    expected = (softmax_rows(SCORES) - np.eye(3)[LABELS]) / 3
    for targets, kind in ((LABELS, "labels [2, 0, 1]"), (np.eye(3)[LABELS], "one-hot targets")):
        layer = layers.SoftmaxWithLoss()
        layer.forward(SCORES.copy(), targets.copy())
        assert_close(layer.backward(1), expected, f"SoftmaxWithLoss.backward(1) for a (3, 3) batch with {kind}",
                     rtol=1e-6, atol=1e-8,
                     hint=_("(y - t) / N with N the batch size; with labels, subtract 1 at y[n, t[n]]"))


@pytest.mark.unit("layers.SoftmaxWithLoss")
@pytest.mark.parametrize("targets", ["labels", "one-hot"])
def test_softmax_with_loss_backward_matches_numerical_gradient(layers, targets):
    """A (4, 4) batch: backward(1) equals the numerical gradient of forward(x, t)."""
    rng = np.random.default_rng(6)
    x, labels = 0.5 * rng.standard_normal((4, 4)), np.array([3, 0, 1, 1])
    t = labels if targets == "labels" else np.eye(4)[labels]
    layer = layers.SoftmaxWithLoss()
    layer.forward(x.copy(), t.copy())
    dx = layer.backward(1)
    expected = numerical_gradient(lambda: layers.SoftmaxWithLoss().forward(x, t.copy()), x)
    assert_matches_numerical(dx, expected, f"SoftmaxWithLoss.backward: dx with {targets}",
                             hint=_("(y - t) / N, with y the softmax kept from forward"))


# --- Dropout ------------------------------------------------------------------------------------
# Both conventions are right: the book's (train: x * mask, test: x * (1 - ratio)) and
# inverted dropout (train: x * mask / (1 - ratio), test: x). The tests read the mask
# from the outputs, so either passes.

RATIO = 0.3


def dropout_input():
    """10 000 positive values: a dropped unit is exactly 0, a kept one is not."""
    return 1.0 + np.random.default_rng(7).random((100, 100))


def train_forward(layers):
    """A Dropout(0.3) layer, its training output and the scale of its kept units."""
    __tracebackhide__ = True
    np.random.seed(0)
    layer = layers.Dropout(RATIO)
    x = dropout_input()
    out = np.asarray(layer.forward(x.copy(), train_flg=True), dtype=float)
    kept = out != 0
    scale = out[kept] / x[kept]
    if scale.size == 0 or not np.allclose(scale, scale[0], rtol=1e-12):
        raise AssertionError(_("Dropout.forward(x, train_flg=True): every kept unit must be x times one scale "
                               "(1 in the book, 1 / (1 - ratio) for inverted dropout)"))
    return layer, x, out, scale[0]


@pytest.mark.unit("layers.Dropout")
def test_dropout_train_drops_about_the_ratio(layers):
    """Dropout(0.3) in training keeps about 70 % of the units (of 10 000) and zeroes the rest."""
    _layer, _x, out, _scale = train_forward(layers)
    kept_fraction = np.mean(out != 0)
    if not 0.67 <= kept_fraction <= 0.73:
        raise AssertionError(_("Dropout(0.3).forward(x, train_flg=True) kept {fraction:.1%} of the units; "
                               "expected about 70 %.\n  hint: mask = np.random.rand(*x.shape) > dropout_ratio").format(
            fraction=kept_fraction))


@pytest.mark.unit("layers.Dropout")
def test_dropout_test_mode_matches_training_on_average(layers):
    """Test mode gives the expected training output: x * (1 - ratio) (book) or x (inverted)."""
    layer, x, out, scale = train_forward(layers)
    test_out = layer.forward(x.copy(), train_flg=False)
    inverted = np.isclose(scale, 1 / (1 - RATIO))
    expected = x if inverted else x * (1 - RATIO)
    convention = "inverted dropout (train scale 1 / (1 - ratio))" if inverted else "the book's dropout (train scale 1)"
    assert_close(test_out, expected, f"Dropout.forward(x, train_flg=False) for {convention}",
                 hint=_("book: test output = x * (1 - dropout_ratio); inverted: test output = x"))
    assert_number_close(np.mean(out), np.mean(expected), "mean of the training output vs the test output",
                        rtol=0.03)


@pytest.mark.unit("layers.Dropout")
def test_dropout_backward_uses_the_forward_mask(layers):
    """backward(dout) lets dout through the units kept in forward only, with the same scale."""
    layer, x, out, _scale = train_forward(layers)
    dout = np.random.default_rng(8).standard_normal(x.shape)
    dx = layer.backward(dout.copy())
    assert_close(dx, dout * (out / x), "Dropout.backward(dout) after a training forward",
                 hint=_("use the mask kept from forward (do not draw a new one), and the same scale"))


# --- BatchNormalization -------------------------------------------------------------------------
# eps anywhere in [1e-8, 1e-5] passes: the tolerances below allow for it.

def batch():
    """5 samples of 3 features with different means and spreads (batch variances of about 1.5 to 9)."""
    rng = np.random.default_rng(9)
    return rng.standard_normal((5, 3)) * np.array([2.0, 2.0, 1.5]) + np.array([0.0, 3.0, -1.0])


def normalised(x, mean, var, gamma, beta, eps=1e-6):
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


@pytest.mark.unit("layers.BatchNormalization")
def test_batchnorm_training_forward_normalises_each_feature(layers):
    """Training: each feature (column) is centred by its batch mean and scaled by its batch std, then gamma, beta."""
    x = batch()
    gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, -1.0, 0.5])
    out = layers.BatchNormalization(gamma, beta).forward(x.copy(), train_flg=True)
    expected = normalised(x, x.mean(axis=0), x.var(axis=0), gamma, beta)
    assert_close(out, expected, "BatchNormalization.forward(x, train_flg=True) of a (5, 3) batch",
                 rtol=1e-5, atol=2e-5,
                 hint=_("mean and biased variance over the batch (axis=0); out = gamma * (x - mean) / "
                        "sqrt(var + eps) + beta"))


@pytest.mark.unit("layers.BatchNormalization")
def test_batchnorm_updates_the_running_statistics(layers):
    """momentum 0.9, starting from zeros: after two batches, running = 0.9 * (0.1 * first) + 0.1 * second."""
    first, second = batch(), batch()[::-1] * 2.0 + 1.0
    layer = layers.BatchNormalization(np.ones(3), np.zeros(3), momentum=0.9)
    layer.forward(first.copy(), train_flg=True)
    layer.forward(second.copy(), train_flg=True)
    expected_mean = 0.9 * (0.1 * first.mean(axis=0)) + 0.1 * second.mean(axis=0)
    assert_close(layer.running_mean, expected_mean, "running_mean after two training batches",
                 hint=_("running = momentum * running + (1 - momentum) * batch statistic; start from zeros of shape (D,)"))
    got_var = np.asarray(layer.running_var, dtype=float)
    variants = {ddof: 0.9 * (0.1 * first.var(axis=0, ddof=ddof)) + 0.1 * second.var(axis=0, ddof=ddof)
                for ddof in (0, 1)}
    if not any(np.allclose(got_var, expected) for expected in variants.values()):
        assert_close(got_var, variants[0], "running_var after two training batches (biased; unbiased also accepted)",
                     hint=_("update running_var like running_mean, from the batch variance"))


@pytest.mark.unit("layers.BatchNormalization")
def test_batchnorm_test_mode_uses_the_running_statistics(layers):
    """Test mode: normalise with running_mean and running_var (here given to the constructor)."""
    x = batch()
    gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, -1.0, 0.5])
    running_mean, running_var = np.array([0.5, 2.0, -1.0]), np.array([1.0, 4.0, 2.0])
    layer = layers.BatchNormalization(gamma, beta, running_mean=running_mean.copy(), running_var=running_var.copy())
    out = layer.forward(x.copy(), train_flg=False)
    assert_close(out, normalised(x, running_mean, running_var, gamma, beta),
                 "BatchNormalization.forward(x, train_flg=False) with given running statistics",
                 rtol=1e-5, atol=2e-5, hint=_("test mode uses running_mean and running_var, not the batch's statistics"))


@pytest.mark.unit("layers.BatchNormalization")
def test_batchnorm_backward_matches_numerical_gradient(layers):
    """dx, self.dgamma and self.dbeta against numerical gradients of the training forward pass."""
    rng = np.random.default_rng(10)
    x, dout = batch(), rng.standard_normal((5, 3))
    gamma, beta = np.array([1.0, 2.0, 0.5]), np.array([0.0, -1.0, 0.5])
    layer = layers.BatchNormalization(gamma, beta)
    layer.forward(x.copy(), train_flg=True)
    dx = layer.backward(dout.copy())
    dgamma, dbeta = layer.dgamma, layer.dbeta

    def loss():
        return weighted_sum(layer.forward(x, train_flg=True), dout)

    assert_matches_numerical(dbeta, numerical_gradient(loss, beta), "BatchNormalization.backward: self.dbeta",
                             hint=_("dbeta = dout summed over the batch"))
    assert_matches_numerical(dgamma, numerical_gradient(loss, gamma), "BatchNormalization.backward: self.dgamma",
                             hint=_("dgamma = sum over the batch of xhat * dout"))
    assert_matches_numerical(dx, numerical_gradient(loss, x), "BatchNormalization.backward: dx",
                             hint=_("the batch mean and variance depend on every x: "
                                    "follow the paths through the variance and the mean too"))


# --- Convolution --------------------------------------------------------------------------------

@pytest.mark.unit("layers.Convolution")
def test_convolution_forward_of_one_filter_by_hand(layers):
    """The 3x3 image 0..8, one 2x2 filter [[1, 0], [0, 1]] and bias 10: out = [[14, 16], [20, 22]]."""
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    W, b = np.array([[[[1.0, 0.0], [0.0, 1.0]]]]), np.array([10.0])
    assert_close(layers.Convolution(W, b).forward(x), [[[[14.0, 16.0], [20.0, 22.0]]]],
                 "Convolution(W = [[1, 0], [0, 1]], b = 10).forward(arange(9).reshape(1, 1, 3, 3))")


@pytest.mark.unit("layers.Convolution")
@pytest.mark.parametrize("stride, pad", [(1, 0), (2, 1)])
def test_convolution_forward_matches_the_definition(layers, stride, pad):
    """3 filters of 3x3 on a (2, 2, 5, 5) batch: out (N, FN, OH, OW), every value sum(W[f] * patch) + b[f]."""
    rng = np.random.default_rng(stride + pad)
    x, W, b = rng.standard_normal((2, 2, 5, 5)), rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3)
    assert_close(layers.Convolution(W.copy(), b.copy(), stride=stride, pad=pad).forward(x.copy()),
                 convolution_by_loops.convolution(x, W, b, stride, pad),
                 f"Convolution(W (3, 2, 3, 3), b, stride={stride}, pad={pad}).forward(x (2, 2, 5, 5))",
                 hint=_("out = im2col(x) @ W.reshape(FN, -1).T + b, reshaped to (N, OH, OW, FN) "
                      "and transposed to (N, FN, OH, OW)"))


@pytest.mark.unit("layers.Convolution")
@pytest.mark.parametrize("stride, pad", [(1, 0), (2, 1)])
def test_convolution_backward_matches_numerical_gradient(layers, stride, pad):
    """dx, dW and db of a (2, 2, 5, 5) batch and 3 filters of 3x3 equal the numerical gradients."""
    rng = np.random.default_rng(10 + stride + pad)
    x, W, b = rng.standard_normal((2, 2, 5, 5)), rng.standard_normal((3, 2, 3, 3)), rng.standard_normal(3)
    layer = layers.Convolution(W.copy(), b.copy(), stride=stride, pad=pad)
    out = np.asarray(layer.forward(x.copy()))
    dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout.copy())

    def loss():
        return weighted_sum(layers.Convolution(W, b, stride=stride, pad=pad).forward(x), dout)

    what = f"Convolution(stride={stride}, pad={pad}).backward"
    assert_matches_numerical(dx, numerical_gradient(loss, x), f"{what}: dx", hint=_("dx = col2im(dout @ col_W.T, ...)"))
    assert_matches_numerical(layer.dW, numerical_gradient(loss, W), f"{what}: dW",
                             hint=_("col.T @ dout is (C * FH * FW, FN): transpose it before reshaping to W's shape"))
    assert_matches_numerical(layer.db, numerical_gradient(loss, b), f"{what}: db",
                             hint=_("b[f] was added at every sample and position: sum dout over N, OH and OW"))


# --- Pooling ------------------------------------------------------------------------------------

@pytest.mark.unit("layers.Pooling")
def test_pooling_forward_takes_each_window_maximum(layers):
    """A 4x4 image, 2x2 windows, stride 2: the maximum of each window, [[5, 7], [13, 15]] for 0..15."""
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    assert_close(layers.Pooling(2, 2, stride=2).forward(x), [[[[5.0, 7.0], [13.0, 15.0]]]],
                 "Pooling(2, 2, stride=2).forward(arange(16).reshape(1, 1, 4, 4))")


@pytest.mark.unit("layers.Pooling")
@pytest.mark.parametrize("pool, stride", [(2, 2), (3, 1)])
def test_pooling_forward_matches_the_definition(layers, pool, stride):
    """A (2, 3, 5, 5) batch, channel by channel: out (N, C, OH, OW)."""
    x = convolution_by_loops.distinct_values(np.random.default_rng(pool), (2, 3, 5, 5))
    assert_close(layers.Pooling(pool, pool, stride=stride).forward(x.copy()),
                 convolution_by_loops.max_pooling(x, pool, pool, stride),
                 f"Pooling({pool}, {pool}, stride={stride}).forward(x (2, 3, 5, 5))",
                 hint=_("one row per window of one channel: reshape im2col's output to (-1, pool_h * pool_w)"))


@pytest.mark.unit("layers.Pooling")
def test_pooling_backward_sends_the_gradient_to_each_maximum(layers):
    """x = [[1, 2], [4, 3]], one 2x2 window: dout 5 goes to the 4 and nowhere else."""
    pool = layers.Pooling(2, 2, stride=2)
    pool.forward(np.array([[[[1.0, 2.0], [4.0, 3.0]]]]))
    assert_close(pool.backward(np.array([[[[5.0]]]])), [[[[0.0, 0.0], [5.0, 0.0]]]],
                 "Pooling(2, 2, stride=2).backward([[[[5]]]]) after forward([[[[1, 2], [4, 3]]]])",
                 hint=_("only the maximum of the window moved the output: keep its position (argmax) in forward"))


@pytest.mark.unit("layers.Pooling")
@pytest.mark.parametrize("pool, stride", [(2, 2), (3, 1)])
def test_pooling_backward_matches_numerical_gradient(layers, pool, stride):
    """A (2, 2, 5, 5) batch with one clear maximum per window: dx equals the numerical gradient."""
    rng = np.random.default_rng(20 + pool)
    x = convolution_by_loops.distinct_values(rng, (2, 2, 5, 5))
    layer = layers.Pooling(pool, pool, stride=stride)
    out = np.asarray(layer.forward(x.copy()))
    dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout.copy())
    expected = numerical_gradient(lambda: weighted_sum(layers.Pooling(pool, pool, stride=stride).forward(x), dout), x)
    assert_matches_numerical(dx, expected, f"Pooling({pool}, {pool}, stride={stride}).backward: dx",
                             hint=_("where windows overlap (stride < pool size), the gradients of a pixel add up"))
