"""Forward values of solutions/functions.py against formulas written out here."""
import math
import warnings

import numpy as np
import pytest

from solutions.functions import (
    cross_entropy_error,
    mean_squared_error,
    relu,
    sigmoid,
    softmax,
    step_function,
)

from .central_difference import one_hot


def exact_sigmoid(value):
    """1 / (1 + e^-x) for one float, in the form that cannot overflow."""
    if value >= 0:
        return 1 / (1 + math.exp(-value))
    return math.exp(value) / (1 + math.exp(value))


@pytest.fixture
def no_warnings():
    """Any warning (an overflow RuntimeWarning above all) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


@pytest.mark.parametrize("dtype", [int, float, np.int32, np.float32])
def test_step_function(dtype):
    x = np.array([[-2, 0, 3], [1, -1, 0]], dtype=dtype)
    out = step_function(x)
    assert out.shape == x.shape
    assert np.issubdtype(out.dtype, np.integer)
    assert out.tolist() == [[0, 0, 1], [1, 0, 0]]


def test_sigmoid_values(no_warnings):
    x = np.array([-1000, -745, -700, -50, -1, -1e-9, 0, 1e-9, 2.5, 50, 700, 1000], dtype=float)
    out = sigmoid(x)
    expected = [exact_sigmoid(value) for value in x]
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, expected, rtol=1e-15, atol=0)
    assert out[-1] == 1.0 and out[0] == 0.0
    assert out[6] == 0.5


def test_sigmoid_keeps_the_shape(no_warnings):
    x = np.random.default_rng(0).uniform(-1000, 1000, (3, 4, 5))
    out = sigmoid(x)
    assert out.shape == x.shape
    assert np.all((out >= 0) & (out <= 1))


def test_relu():
    x = np.array([[-2.0, 0.5], [3.0, -0.1]])
    np.testing.assert_array_equal(relu(x), [[0, 0.5], [3.0, 0]])


def test_softmax_is_exact_at_1e3(no_warnings):
    x = np.array([1000.0, 999.0, 1000.0, 990.0])
    expected = np.exp([0.0, -1.0, 0.0, -10.0])
    expected /= expected.sum()
    np.testing.assert_allclose(softmax(x), expected, rtol=1e-15)
    np.testing.assert_allclose(softmax(-x), softmax(-x + 1000), rtol=1e-13)


def test_softmax_is_row_wise_on_a_square_batch(no_warnings):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4, 4)) * 3 + np.array([[0.0], [1e3], [-1e3], [5.0]])
    out = softmax(x)
    exp_x = np.exp(x - x.max(axis=1, keepdims=True))
    np.testing.assert_allclose(out, exp_x / exp_x.sum(axis=1, keepdims=True), rtol=1e-14)
    np.testing.assert_allclose(out.sum(axis=1), 1, rtol=1e-15)


def test_softmax_does_not_change_its_input():
    x = np.array([[1.0, 2.0, 3.0]])
    copy = x.copy()
    softmax(x)
    np.testing.assert_array_equal(x, copy)


def test_mean_squared_error():
    y = np.array([[0.1, 0.7, 0.2], [0.3, 0.3, 0.4]])
    t = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    assert mean_squared_error(y, t) == pytest.approx(0.5 * (0.01 + 0.09 + 0.04 + 0.09 + 0.09 + 0.36), rel=1e-14)


def test_cross_entropy_labels_equal_one_hot():
    rng = np.random.default_rng(2)
    y = softmax(rng.standard_normal((5, 5)))
    labels = rng.integers(0, 5, 5)
    from_labels = cross_entropy_error(y, labels)
    assert from_labels == cross_entropy_error(y, one_hot(labels, 5))
    exact = -np.mean(np.log(y[np.arange(5), labels]))
    assert from_labels == pytest.approx(exact, rel=1e-6)  # the 1e-7 inside the log


def test_cross_entropy_of_one_sample():
    y = np.array([0.1, 0.6, 0.3])
    expected = -math.log(0.6 + 1e-7)
    assert cross_entropy_error(y, 1) == pytest.approx(expected, rel=1e-12)
    assert cross_entropy_error(y, np.array(1)) == pytest.approx(expected, rel=1e-12)
    assert cross_entropy_error(y, np.array([0.0, 1.0, 0.0])) == pytest.approx(expected, rel=1e-12)


def test_cross_entropy_is_finite_when_the_true_class_has_probability_zero(no_warnings):
    y = np.array([[1.0, 0.0], [0.5, 0.5]])
    loss = cross_entropy_error(y, np.array([1, 0]))
    assert np.isfinite(loss) and loss > 5
