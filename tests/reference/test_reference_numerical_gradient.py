"""solutions.gradient.numerical_gradient against analytic gradients, and its closure semantics."""
import numpy as np
import pytest

from solutions.gradient import numerical_gradient

from .central_difference import relative_error

SHAPES = [(7,), (3, 4), (2, 3, 4)]


def sample(shape, seed):
    """Unit-scale values, the first ones tiny: (x - h) + h == 0 != x for x = 1e-20 and any
    step h, so a restore by arithmetic instead of the saved value is caught."""
    x = np.random.default_rng(seed).uniform(-2, 2, shape)
    x.flat[:3] = [1e-20, -3e-17, 0.1 + 1e-15][:x.size]
    return x


@pytest.mark.parametrize("shape", SHAPES)
def test_quadratic(shape):
    rng = np.random.default_rng(0)
    a = rng.uniform(0.5, 2, shape)
    b = rng.standard_normal(shape)
    x = sample(shape, 1)
    grad = numerical_gradient(lambda z: np.sum(a * z ** 2 + b * z), x)
    assert grad.shape == shape
    # A central difference is exact for a quadratic, up to rounding (~1e-16 / h).
    assert relative_error(grad, 2 * a * x + b) < 1e-8


@pytest.mark.parametrize("shape", SHAPES)
def test_sine(shape):
    x = sample(shape, 2)
    grad = numerical_gradient(lambda z: np.sum(np.sin(z)), x)
    # Truncation error h**2 / 6 * |cos| with h <= 1e-3: below 2e-7.
    assert relative_error(grad, np.cos(x)) < 2e-7


@pytest.mark.parametrize("shape", SHAPES)
def test_x_is_restored_exactly(shape):
    x = sample(shape, 3)
    original = x.copy()
    numerical_gradient(lambda z: float(np.sum(np.exp(z))), x)
    assert np.array_equal(x, original)
    assert x.tobytes() == original.tobytes()


@pytest.mark.parametrize("shape", SHAPES)
def test_f_gets_the_same_array_object_changed_one_entry_at_a_time(shape):
    x = sample(shape, 4)
    original = x.copy()
    seen = []

    def f(z):
        assert z is x
        changed = np.flatnonzero(z != original)
        seen.append(tuple(changed))
        return float(np.sum(z ** 3))

    numerical_gradient(f, x)
    # Two calls per entry, each with exactly that one entry moved.
    assert len(seen) == 2 * x.size
    assert all(len(changed) == 1 for changed in seen)
    assert sorted(set(seen)) == [(i,) for i in range(x.size)]


def test_a_closure_over_a_parameter_array_sees_the_change():
    """The networks' numerical_gradient(lambda _: net.loss(x, t), W) depends on it."""
    rng = np.random.default_rng(5)
    W = rng.standard_normal((3, 2))
    inputs = rng.standard_normal((4, 3))
    grad = numerical_gradient(lambda _: float(np.sum((inputs @ W) ** 2)), W)
    analytic = 2 * inputs.T @ (inputs @ W)
    assert relative_error(grad, analytic) < 1e-7
