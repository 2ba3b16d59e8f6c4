"""Hidden tests of gradient.py (checks in autograder/checks/gradient.py)."""
import pytest

from autograder.checks import gradient as checks


@pytest.mark.unit("gradient.numerical_gradient")
@pytest.mark.points(2)
def test_numerical_gradient_values(sub, rng):
    """numerical_gradient matches the analytic gradient on 1-D and 2-D x, and restores x"""
    checks.check_numerical_gradient_values(sub, rng)


@pytest.mark.unit("gradient.numerical_gradient")
@pytest.mark.points(2)
def test_numerical_gradient_in_place(sub, rng):
    """numerical_gradient perturbs the very array x in place (closures) and restores it exactly"""
    checks.check_numerical_gradient_in_place(sub, rng)
