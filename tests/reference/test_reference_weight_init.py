"""solutions/weight_init.py: the spread of the draws, and where the randomness comes from."""
import numpy as np
import pytest

from solutions.weight_init import he_init, xavier_init

# 500 x 400 = 2e5 draws: the sample std is within ~0.2 % (one sigma) of the true one.
FAN_IN, FAN_OUT = 500, 400
EXPECTED_STD = {he_init: np.sqrt(2 / FAN_IN), xavier_init: np.sqrt(1 / FAN_IN)}
INITIALISERS = [he_init, xavier_init]


@pytest.mark.parametrize("init", INITIALISERS, ids=lambda f: f.__name__)
def test_spread(init):
    W = init(FAN_IN, FAN_OUT, rng=np.random.default_rng(0))
    assert W.shape == (FAN_IN, FAN_OUT) and W.dtype == np.float64
    assert W.std() == pytest.approx(EXPECTED_STD[init], rel=0.02)
    assert abs(W.mean()) < 0.02 * EXPECTED_STD[init]
    # Normal, not uniform: about 68.3 % of the draws lie within one std.
    assert np.mean(np.abs(W) < EXPECTED_STD[init]) == pytest.approx(0.683, abs=0.01)


@pytest.mark.parametrize("init", INITIALISERS, ids=lambda f: f.__name__)
def test_a_given_rng_decides_alone(init):
    np.random.seed(0)
    untouched = np.random.get_state()
    a = init(30, 20, rng=np.random.default_rng(7))
    after = np.random.get_state()
    assert np.array_equal(after[1], untouched[1]) and after[2] == untouched[2], \
        "a given rng must leave the global state alone"
    np.random.seed(99)  # another global state changes nothing when an rng is given
    b = init(30, 20, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, init(30, 20, rng=np.random.default_rng(8)))


@pytest.mark.parametrize("init", INITIALISERS, ids=lambda f: f.__name__)
def test_without_rng_the_global_state_is_used(init):
    np.random.seed(3)
    a = init(30, 20)
    b = init(30, 20)
    assert not np.array_equal(a, b)  # the global state moved on
    np.random.seed(3)
    np.testing.assert_array_equal(init(30, 20), a)
    big = init(FAN_IN, FAN_OUT)
    assert big.std() == pytest.approx(EXPECTED_STD[init], rel=0.02)
