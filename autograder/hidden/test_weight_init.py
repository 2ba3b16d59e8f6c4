"""Hidden tests of weight_init.py (checks in autograder/checks/weight_init.py)."""
import pytest

from autograder.checks import weight_init as checks


@pytest.mark.unit("weight_init.he_init")
@pytest.mark.points(2)
def test_he_init_statistics(sub, rng):
    """he_init draws N(0, 2 / fan_in): shape, mean, std and normality of large draws, fresh ones without rng"""
    checks.check_he_init_statistics(sub, rng)


@pytest.mark.unit("weight_init.he_init")
@pytest.mark.points(1)
def test_he_init_rng(sub, rng):
    """he_init depends on its rng only (same seed, same array), each draw N(0, 2 / fan_in)"""
    checks.check_he_init_rng(sub, rng)


@pytest.mark.unit("weight_init.xavier_init")
@pytest.mark.points(2)
def test_xavier_init_statistics(sub, rng):
    """xavier_init draws N(0, 1 / fan_in) (or Glorot's): shape, mean, std and normality, fresh ones without rng"""
    checks.check_xavier_init_statistics(sub, rng)


@pytest.mark.unit("weight_init.xavier_init")
@pytest.mark.points(1)
def test_xavier_init_rng(sub, rng):
    """xavier_init depends on its rng only (same seed, same array), each draw N(0, 1 / fan_in)"""
    checks.check_xavier_init_rng(sub, rng)
