"""Forward values of solutions/layers.py: Affine, BatchNormalization (train, test, running
statistics), Dropout (kept fraction, scaling), and the sharing of parameter arrays."""
import numpy as np
import pytest

from solutions.layers import BATCH_NORM_EPSILON, Affine, BatchNormalization, Dropout, Relu, SoftmaxWithLoss


def test_batch_norm_epsilon_is_in_the_accepted_range():
    assert 1e-8 <= BATCH_NORM_EPSILON <= 1e-5


def test_affine_forward_flattens_and_keeps_parameter_references():
    rng = np.random.default_rng(0)
    x = rng.standard_normal((4, 2, 3))
    W = rng.standard_normal((6, 5))
    b = rng.standard_normal(5)
    layer = Affine(W, b)
    np.testing.assert_allclose(layer.forward(x), x.reshape(4, 6) @ W + b, rtol=1e-14)
    W *= 2  # an optimizer updates params in place: the layer must see it
    b += 1
    np.testing.assert_allclose(layer.forward(x), x.reshape(4, 6) @ W + b, rtol=1e-14)


def test_relu_does_not_change_its_input_or_dout():
    x = np.array([[-1.0, 2.0], [3.0, -4.0]])
    dout = np.ones((2, 2))
    layer = Relu()
    layer.forward(x)
    layer.backward(dout)
    assert x.tolist() == [[-1.0, 2.0], [3.0, -4.0]] and dout.tolist() == [[1.0, 1.0], [1.0, 1.0]]


def test_softmax_with_loss_forward_on_a_square_batch():
    x = np.array([[1.0, 2.0, 3.0], [1e3, 0.0, 0.0], [0.0, 0.0, 0.0]])
    t = np.array([2, 0, 1])
    probabilities = np.exp(x - x.max(axis=1, keepdims=True))
    probabilities /= probabilities.sum(axis=1, keepdims=True)
    expected = -np.mean(np.log(probabilities[np.arange(3), t]))
    assert SoftmaxWithLoss().forward(x, t) == pytest.approx(expected, rel=1e-6)


def batch_norm_sample(seed, batch_size=50, feature_count=4):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((batch_size, feature_count)) * rng.uniform(0.5, 3, feature_count) \
        + rng.uniform(-5, 5, feature_count)
    return rng, x, rng.uniform(0.5, 2, feature_count), rng.standard_normal(feature_count)


def test_batch_normalization_train_mode():
    rng, x, gamma, beta = batch_norm_sample(1)
    out = BatchNormalization(gamma, beta).forward(x, train_flg=True)
    mean, var = x.mean(axis=0), x.var(axis=0)  # biased variance
    expected = gamma * (x - mean) / np.sqrt(var + BATCH_NORM_EPSILON) + beta
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(out.mean(axis=0), beta, atol=1e-12)


def test_batch_normalization_running_statistics():
    """running = momentum * running + (1 - momentum) * batch statistic, starting at zeros."""
    rng, _, gamma, beta = batch_norm_sample(2)
    momentum = 0.8
    layer = BatchNormalization(gamma, beta, momentum=momentum)
    running_mean = np.zeros(4)
    biased, unbiased = np.zeros(4), np.zeros(4)
    for _ in range(5):
        x = rng.standard_normal((20, 4)) * 2 + 3
        layer.forward(x, train_flg=True)
        running_mean = momentum * running_mean + (1 - momentum) * x.mean(axis=0)
        biased = momentum * biased + (1 - momentum) * x.var(axis=0)
        unbiased = momentum * unbiased + (1 - momentum) * x.var(axis=0, ddof=1)
    np.testing.assert_allclose(layer.running_mean, running_mean, rtol=1e-13)
    # The contract accepts either variance; the reference uses the biased one.
    np.testing.assert_allclose(layer.running_var, biased, rtol=1e-13)
    assert not np.allclose(layer.running_var, unbiased, rtol=1e-3)

    x = rng.standard_normal((7, 4))
    out = layer.forward(x, train_flg=False)
    expected = gamma * (x - running_mean) / np.sqrt(biased + BATCH_NORM_EPSILON) + beta
    np.testing.assert_allclose(out, expected, rtol=1e-12, atol=1e-12)
    # Test mode leaves the running statistics alone.
    np.testing.assert_allclose(layer.running_mean, running_mean, rtol=1e-13)


def test_batch_normalization_test_mode_with_given_running_statistics():
    rng, x, gamma, beta = batch_norm_sample(3)
    running_mean, running_var = rng.standard_normal(4), rng.uniform(0.5, 2, 4)
    layer = BatchNormalization(gamma, beta, running_mean=running_mean.copy(), running_var=running_var.copy())
    out = layer.forward(x, train_flg=False)
    np.testing.assert_allclose(out, gamma * (x - running_mean) / np.sqrt(running_var + BATCH_NORM_EPSILON) + beta,
                               rtol=1e-12, atol=1e-12)


def test_batch_normalization_keeps_parameter_references():
    _, x, gamma, beta = batch_norm_sample(4)
    layer = BatchNormalization(gamma, beta)
    before = layer.forward(x)
    gamma *= 2
    beta += 1
    np.testing.assert_allclose(layer.forward(x), 2 * (before - (beta - 1)) + beta, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("dropout_ratio", [0.5, 0.2, 0.8])
def test_dropout_kept_fraction_and_scaling(dropout_ratio):
    np.random.seed(0)
    x = np.random.default_rng(5).uniform(1, 2, (400, 250))  # 1e5 units, none zero
    layer = Dropout(dropout_ratio)
    train = layer.forward(x, train_flg=True)
    kept = train != 0
    # Binomial with 1e5 draws: the kept fraction is within 0.005 of 1 - ratio (> 3 sigma).
    assert abs(kept.mean() - (1 - dropout_ratio)) < 0.005
    scales = train[kept] / x[kept]
    np.testing.assert_allclose(scales, scales[0], rtol=1e-15)  # one scale for every kept unit
    test = layer.forward(x, train_flg=False)
    # The book's convention: train keeps x, test scales by 1 - ratio.
    np.testing.assert_allclose(scales[0], 1.0, rtol=1e-15)
    np.testing.assert_allclose(test, x * (1 - dropout_ratio), rtol=1e-15)
    # Whatever the convention, the mean train output matches the test output.
    assert train.mean() == pytest.approx(test.mean(), rel=0.01)


def test_dropout_draws_a_new_mask_each_call():
    np.random.seed(1)
    layer = Dropout(0.5)
    x = np.ones((20, 20))
    assert not np.array_equal(layer.forward(x) != 0, layer.forward(x) != 0)
