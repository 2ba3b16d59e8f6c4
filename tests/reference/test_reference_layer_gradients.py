"""Every backward pass of solutions/layers.py against the oracle's numerical gradient, in float64.

Each layer is checked through the scalar L = sum(w * forward(x)) with fixed random
weights w, whose gradient with respect to the layer's output is w: so backward(w)
must equal the numerical gradient of L, for the input and for every parameter.
"""
import numpy as np
import pytest

from solutions.layers import Affine, BatchNormalization, Dropout, Relu, Sigmoid, SoftmaxWithLoss

from .central_difference import TOLERANCE, central_difference, exact_cross_entropy, one_hot, relative_error


def away_from_zero(rng, shape, margin=0.05):
    """Unit-scale values with |x| >= margin: ReLU's kink at 0 never lies within a step of them."""
    x = rng.standard_normal(shape)
    return np.where(x >= 0, x + margin, x - margin)


def check(record_property, name, analytic, numerical, **floor):
    error = relative_error(analytic, numerical, **floor)
    record_property(name, error)
    assert error < TOLERANCE, f"{name}: relative error {error:.2e}"


@pytest.mark.parametrize("shape", [(4, 5), (3, 2, 4)])
def test_relu_backward(shape, record_property):
    rng = np.random.default_rng(1)
    x = away_from_zero(rng, shape)
    w = rng.standard_normal(shape)
    layer = Relu()
    layer.forward(x.copy())
    dx = layer.backward(w.copy())
    numerical = central_difference(lambda: np.sum(w * Relu().forward(x)), x)
    check(record_property, "dx", dx, numerical)


@pytest.mark.parametrize("shape", [(4, 5), (3, 2, 4)])
def test_sigmoid_backward(shape, record_property):
    rng = np.random.default_rng(2)
    x = rng.uniform(-4, 4, shape)
    w = rng.standard_normal(shape)
    layer = Sigmoid()
    layer.forward(x.copy())
    dx = layer.backward(w.copy())
    numerical = central_difference(lambda: np.sum(w * Sigmoid().forward(x)), x)
    check(record_property, "dx", dx, numerical)


@pytest.mark.parametrize("x_shape", [(5, 4), (5, 2, 3), (3, 2, 2, 2)])
def test_affine_backward(x_shape, record_property):
    rng = np.random.default_rng(3)
    x = rng.standard_normal(x_shape)
    input_size = int(np.prod(x_shape[1:]))
    W = rng.standard_normal((input_size, 3))
    b = rng.standard_normal(3)
    w = rng.standard_normal((x_shape[0], 3))
    layer = Affine(W, b)

    def projected_output():
        return np.sum(w * layer.forward(x))

    projected_output()
    dx = layer.backward(w.copy())
    assert dx.shape == x_shape
    assert layer.dW.shape == W.shape and layer.db.shape == b.shape
    dW, db = layer.dW.copy(), layer.db.copy()
    check(record_property, "dx", dx, central_difference(projected_output, x))
    check(record_property, "dW", dW, central_difference(projected_output, W))
    check(record_property, "db", db, central_difference(projected_output, b))


@pytest.mark.parametrize("batch_size, class_count", [(5, 5), (7, 4), (1, 3)])
@pytest.mark.parametrize("target", ["labels", "one-hot"])
def test_softmax_with_loss_backward(batch_size, class_count, target, record_property):
    """Square batches (N == C) too: a softmax over the wrong axis would broadcast silently there."""
    rng = np.random.default_rng(4 + batch_size)
    scores = rng.standard_normal((batch_size, class_count))
    labels = rng.integers(0, class_count, batch_size)
    t = labels if target == "labels" else one_hot(labels, class_count)
    layer = SoftmaxWithLoss()
    loss = layer.forward(scores.copy(), t)
    dx = layer.backward(1)
    exact = exact_cross_entropy(scores, labels)
    # The reference's loss is the exact one up to its 1e-7 inside the log.
    assert abs(loss - exact) <= 1e-6 * exact
    numerical = central_difference(lambda: exact_cross_entropy(scores, labels), scores)
    check(record_property, "dx", dx, numerical)


@pytest.mark.parametrize("batch_size, feature_count", [(6, 4), (4, 4), (10, 3)])
def test_batch_normalization_backward(batch_size, feature_count, record_property):
    """dx through all three paths (xhat, variance, mean), and dgamma, dbeta, with random gamma, beta."""
    rng = np.random.default_rng(5 + batch_size)
    x = rng.standard_normal((batch_size, feature_count)) * rng.uniform(0.5, 2, feature_count) \
        + rng.standard_normal(feature_count)
    gamma = rng.uniform(0.5, 2, feature_count)
    beta = rng.standard_normal(feature_count)
    w = rng.standard_normal((batch_size, feature_count))
    layer = BatchNormalization(gamma, beta)

    def projected_output():
        return np.sum(w * layer.forward(x, train_flg=True))

    projected_output()
    dx = layer.backward(w.copy())
    dgamma, dbeta = layer.dgamma.copy(), layer.dbeta.copy()
    check(record_property, "dx", dx, central_difference(projected_output, x))
    check(record_property, "dgamma", dgamma, central_difference(projected_output, gamma))
    check(record_property, "dbeta", dbeta, central_difference(projected_output, beta))


def test_batch_normalization_gradient_of_a_constant_shift_is_zero():
    """Adding c to a feature changes nothing after normalisation: the rows of dx sum to ~0."""
    rng = np.random.default_rng(6)
    layer = BatchNormalization(rng.uniform(0.5, 2, 3), rng.standard_normal(3))
    layer.forward(rng.standard_normal((8, 3)), train_flg=True)
    dx = layer.backward(rng.standard_normal((8, 3)))
    np.testing.assert_allclose(dx.sum(axis=0), 0, atol=1e-12)


@pytest.mark.parametrize("dropout_ratio", [0.5, 0.2])
def test_dropout_backward_uses_the_forward_mask(dropout_ratio, record_property):
    """Gradient of sum(w * forward(x)) with the mask frozen.

    The reference draws its mask from NumPy's global state, so the mask is frozen by
    reseeding before each forward call; the last forward (before backward) draws it again.
    """
    rng = np.random.default_rng(7)
    x = away_from_zero(rng, (6, 5))
    w = rng.standard_normal((6, 5))
    layer = Dropout(dropout_ratio)

    def projected_output_with_frozen_mask():
        np.random.seed(123)
        return np.sum(w * layer.forward(x, train_flg=True))

    numerical = central_difference(projected_output_with_frozen_mask, x)
    projected_output_with_frozen_mask()
    dx = layer.backward(w.copy())
    check(record_property, "dx", dx, numerical)
    # Read through the outputs: dx is dout times the forward's per-unit factor out / x.
    out = layer.forward(x, train_flg=True)
    np.testing.assert_allclose(layer.backward(w.copy()), w * out / x, rtol=1e-15)
