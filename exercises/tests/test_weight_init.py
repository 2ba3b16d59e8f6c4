"""Visible tests of weight_init.py: He and Xavier initial weights (book chapter 6.2)."""
import numpy as np
import pytest

from ..translation import _
from .assertions import assert_close


def check_spread(weights, expected_stds, what, hint):
    """A large draw: shape, mean about 0, standard deviation within 3 % of one of expected_stds."""
    __tracebackhide__ = True
    weights = np.asarray(weights, dtype=float)
    if weights.shape != (400, 500):
        raise AssertionError(_("{what}: expected shape (fan_in, fan_out) = (400, 500), got {shape}").format(
            what=what, shape=weights.shape))
    std = weights.std()
    if abs(weights.mean()) > 0.02 * expected_stds[0]:
        raise AssertionError(_("{what}: the mean of 200 000 draws is {mean:.4g}, expected about 0.\n"
                               "  hint: {hint}").format(what=what, mean=weights.mean(), hint=hint))
    if not any(abs(std - expected) <= 0.03 * expected for expected in expected_stds):
        expected_text = _(" or ").join(f"{expected:.5f}" for expected in expected_stds)
        raise AssertionError(_("{what}: the standard deviation of 200 000 draws is {std:.5f}, "
                               "expected {expected}.\n  hint: {hint}").format(what=what, std=std,
                                                                              expected=expected_text, hint=hint))


@pytest.mark.unit("weight_init.he_init")
def test_he_init_has_std_sqrt_2_over_fan_in(weight_init):
    """he_init(400, 500): shape (400, 500), N(0, 2 / 400), so std = sqrt(2 / 400) = 0.0707."""
    weights = weight_init.he_init(400, 500, rng=np.random.default_rng(0))
    check_spread(weights, [np.sqrt(2 / 400)], "he_init(400, 500, rng)",
                 hint=_("standard normal draws times sqrt(2 / fan_in)"))


@pytest.mark.unit("weight_init.xavier_init")
def test_xavier_init_has_std_sqrt_1_over_fan_in(weight_init):
    """xavier_init(400, 500): std = sqrt(1 / 400) = 0.05 (the book); Glorot's sqrt(2 / 900) = 0.0471 passes too."""
    weights = weight_init.xavier_init(400, 500, rng=np.random.default_rng(0))
    check_spread(weights, [np.sqrt(1 / 400), np.sqrt(2 / 900)], "xavier_init(400, 500, rng)",
                 hint=_("standard normal draws times sqrt(1 / fan_in)"))


INITIALISERS = [pytest.param(name, marks=pytest.mark.unit(f"weight_init.{name}"))
                for name in ("he_init", "xavier_init")]


@pytest.mark.parametrize("name", INITIALISERS)
def test_same_rng_seed_gives_the_same_weights(weight_init, name):
    """Two Generators with the same seed give the same array; another seed gives another array."""
    initialise = getattr(weight_init, name)
    first = initialise(3, 4, rng=np.random.default_rng(42))
    again = initialise(3, 4, rng=np.random.default_rng(42))
    other = initialise(3, 4, rng=np.random.default_rng(43))
    assert_close(again, first, f"{name}(3, 4, rng=default_rng(42)) twice", rtol=0, atol=0,
                 hint=_("draw from the rng you are given (rng.standard_normal), not from np.random"))
    if np.array_equal(first, other):
        raise AssertionError(_("{name}(3, 4, rng) gave the same array for seeds 42 and 43: is rng used?").format(
            name=name))


@pytest.mark.parametrize("name", INITIALISERS)
def test_without_rng_the_global_random_state_is_used(weight_init, name):
    """rng=None draws from NumPy's global state: np.random.seed(3) before each call gives the same array."""
    initialise = getattr(weight_init, name)
    np.random.seed(3)
    first = initialise(3, 4)
    np.random.seed(3)
    again = initialise(3, 4)
    assert_close(again, first, f"{name}(3, 4) after np.random.seed(3), twice", rtol=0, atol=0,
                 hint=_("with rng=None, draw with np.random.randn"))
