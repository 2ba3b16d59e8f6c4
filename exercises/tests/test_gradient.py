"""Visible tests of gradient.py: the numerical gradient by central differences (book chapter 4)."""
import numpy as np
import pytest

from ..translation import _
from .assertions import assert_close


@pytest.mark.unit("gradient.numerical_gradient")
def test_numerical_gradient_of_a_sum_of_squares(gradient):
    """The book's example: f(x) = x0**2 + x1**2 has gradient (2 x0, 2 x1): (6, 8) at (3, 4)."""
    def sum_of_squares(x):
        return np.sum(x ** 2)

    for point, expected in (([3.0, 4.0], [6.0, 8.0]), ([0.0, 2.0], [0.0, 4.0]), ([3.0, 0.0], [6.0, 0.0])):
        got = gradient.numerical_gradient(sum_of_squares, np.array(point))
        assert_close(got, expected, f"numerical_gradient(x0**2 + x1**2) at {point}", rtol=1e-5, atol=1e-5,
                     hint=_("(f(x + h) - f(x - h)) / (2 * h) for each entry in turn, with h = 1e-4"))


@pytest.mark.unit("gradient.numerical_gradient")
def test_numerical_gradient_of_a_matrix_keeps_its_shape(gradient):
    """x of shape (2, 3), f(x) = sum(x**3): the gradient is 3 x**2, of shape (2, 3)."""
    x = np.array([[0.5, -1.0, 1.5], [2.0, -0.25, 1.0]])
    got = gradient.numerical_gradient(lambda x: np.sum(x ** 3), x)
    assert_close(got, 3 * np.array([[0.5, -1.0, 1.5], [2.0, -0.25, 1.0]]) ** 2,
                 "numerical_gradient(sum(x**3)) at a (2, 3) matrix", rtol=1e-5, atol=1e-5,
                 hint=_("walk every entry of a matrix (np.nditer with multi_index, or np.ndindex), not only a vector"))


@pytest.mark.unit("gradient.numerical_gradient")
def test_numerical_gradient_changes_x_itself(gradient):
    """f is called with the very array x, changed in place (networks' loss functions rely on it).

    Here f ignores its argument and reads x directly, like `lambda _: net.loss(x_batch, t_batch)`
    reads the network's parameter arrays.
    """
    x = np.array([1.0, -2.0, 0.5])
    weights = np.array([2.0, -3.0, 4.0])

    def reads_x_directly(_):
        return np.sum(weights * x)

    got = gradient.numerical_gradient(reads_x_directly, x)
    assert_close(got, weights, "numerical_gradient of f(_) = sum([2, -3, 4] * x), where f reads x itself",
                 rtol=1e-5, atol=1e-5,
                 hint=_("change x[i] in place (x[i] = value + h) and call f(x); do not pass a copy"))


@pytest.mark.unit("gradient.numerical_gradient")
def test_numerical_gradient_restores_x_exactly(gradient):
    """After the call, every entry of x holds its original value, bit for bit."""
    x = np.array([[0.1, 0.7], [1.3, -2.9]])
    original = x.copy()
    gradient.numerical_gradient(lambda x: np.sum(np.sin(x)), x)
    if not np.array_equal(x, original):
        raise AssertionError(
            _("numerical_gradient left x changed: it was {before}, now {after}.\n"
              "  hint: keep the original value and put it back (x[i] = original); "
              "adding h then subtracting h is not exact in floating point").format(
                before=original.tolist(), after=x.tolist()))
