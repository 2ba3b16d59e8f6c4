"""Hidden tests of functions.py (checks in autograder/checks/functions.py)."""
import pytest

from autograder.checks import functions as checks


@pytest.mark.unit("functions.step_function")
@pytest.mark.points(1)
def test_step_function(sub, rng):
    """step_function matches the reference on float and int inputs"""
    checks.check_step_function(sub, rng)


@pytest.mark.unit("functions.sigmoid")
@pytest.mark.points(1)
def test_sigmoid_values(sub, rng):
    """sigmoid matches the reference on random 2-D and 3-D inputs"""
    checks.check_sigmoid_values(sub, rng)


@pytest.mark.unit("functions.sigmoid")
@pytest.mark.points(1)
def test_sigmoid_extremes(sub, rng):
    """sigmoid is exact and finite for |x| up to 1000 (and moderate x)"""
    checks.check_sigmoid_extremes(sub, rng)


@pytest.mark.unit("functions.relu")
@pytest.mark.points(1)
def test_relu(sub, rng):
    """relu matches the reference on random inputs"""
    checks.check_relu(sub, rng)


@pytest.mark.unit("functions.softmax")
@pytest.mark.points(1)
def test_softmax_rows(sub, rng):
    """softmax matches the reference on a square batch and on a vector"""
    checks.check_softmax_rows(sub, rng)


@pytest.mark.unit("functions.softmax")
@pytest.mark.points(1)
def test_softmax_large_inputs(sub, rng):
    """softmax is exact and finite for inputs up to 1e3"""
    checks.check_softmax_large_inputs(sub, rng)


@pytest.mark.unit("functions.mean_squared_error")
@pytest.mark.points(1)
def test_mean_squared_error(sub, rng):
    """mean_squared_error (or the book's sum_squared_error) matches the reference (0.5 * sum of squares)"""
    checks.check_mean_squared_error(sub, rng)


@pytest.mark.unit("functions.cross_entropy_error")
@pytest.mark.points(1)
def test_cross_entropy_values(sub, rng):
    """cross_entropy_error matches the reference with labels and one-hot t, 1-D and 2-D"""
    checks.check_cross_entropy_values(sub, rng)


@pytest.mark.unit("functions.cross_entropy_error")
@pytest.mark.points(1)
def test_cross_entropy_zero_probability(sub, rng):
    """cross_entropy_error matches the reference and stays finite when the true class has probability 0"""
    checks.check_cross_entropy_zero_probability(sub, rng)
