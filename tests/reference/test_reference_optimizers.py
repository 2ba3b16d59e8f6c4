"""solutions/optimizer.py against the update rules written out here, over several steps."""
import numpy as np
import pytest

from solutions.optimizer import DIVISION_EPSILON, SGD, AdaGrad, Adam, Momentum, RMSprop

STEP_COUNT = 6
SHAPES = {"W1": (3, 4), "b1": (4,), "gamma1": (2, 2, 2)}


def make_params(seed):
    rng = np.random.default_rng(seed)
    return {key: rng.standard_normal(shape) for key, shape in SHAPES.items()}


def gradient_sequence(seed):
    """STEP_COUNT dicts of unit-scale gradients (fresh arrays each step, as networks return)."""
    rng = np.random.default_rng(seed + 100)
    return [{key: rng.standard_normal(shape) for key, shape in SHAPES.items()} for _ in range(STEP_COUNT)]


def sgd_steps(params, grads, lr):
    for g in grads:
        params = {k: params[k] - lr * g[k] for k in params}
        yield params


def momentum_steps(params, grads, lr, momentum):
    v = {k: np.zeros_like(p) for k, p in params.items()}
    for g in grads:
        v = {k: momentum * v[k] - lr * g[k] for k in params}
        params = {k: params[k] + v[k] for k in params}
        yield params


def adagrad_steps(params, grads, lr, eps):
    h = {k: np.zeros_like(p) for k, p in params.items()}
    for g in grads:
        h = {k: h[k] + g[k] ** 2 for k in params}
        params = {k: params[k] - lr * g[k] / (np.sqrt(h[k]) + eps) for k in params}
        yield params


def rmsprop_steps(params, grads, lr, decay_rate, eps):
    h = {k: np.zeros_like(p) for k, p in params.items()}
    for g in grads:
        h = {k: decay_rate * h[k] + (1 - decay_rate) * g[k] ** 2 for k in params}
        params = {k: params[k] - lr * g[k] / (np.sqrt(h[k]) + eps) for k in params}
        yield params


def adam_steps(params, grads, lr, beta1, beta2, eps, form):
    m = {k: np.zeros_like(p) for k, p in params.items()}
    v = {k: np.zeros_like(p) for k, p in params.items()}
    for t, g in enumerate(grads, start=1):
        m = {k: beta1 * m[k] + (1 - beta1) * g[k] for k in params}
        v = {k: beta2 * v[k] + (1 - beta2) * g[k] ** 2 for k in params}
        if form == "kingma-ba":
            params = {k: params[k] - lr * (m[k] / (1 - beta1 ** t)) / (np.sqrt(v[k] / (1 - beta2 ** t)) + eps)
                      for k in params}
        else:  # the book's folded form
            lr_t = lr * np.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)
            params = {k: params[k] - lr_t * m[k] / (np.sqrt(v[k]) + eps) for k in params}
        yield params


CASES = {
    "SGD": (lambda: SGD(lr=0.1), lambda p, g: sgd_steps(p, g, 0.1)),
    "Momentum": (lambda: Momentum(lr=0.05, momentum=0.8), lambda p, g: momentum_steps(p, g, 0.05, 0.8)),
    "AdaGrad": (lambda: AdaGrad(lr=0.2), lambda p, g: adagrad_steps(p, g, 0.2, DIVISION_EPSILON)),
    "RMSprop": (lambda: RMSprop(lr=0.02, decay_rate=0.9),
                lambda p, g: rmsprop_steps(p, g, 0.02, 0.9, DIVISION_EPSILON)),
    "Adam": (lambda: Adam(lr=0.01, beta1=0.8, beta2=0.95),
             lambda p, g: adam_steps(p, g, 0.01, 0.8, 0.95, DIVISION_EPSILON, "kingma-ba")),
}


def test_division_epsilon_is_in_the_accepted_range():
    assert 1e-8 <= DIVISION_EPSILON <= 1e-7


@pytest.mark.parametrize("name", CASES)
def test_updates_follow_the_rule_in_place(name):
    make_optimizer, expected_steps = CASES[name]
    params = make_params(0)
    start = {k: p.copy() for k, p in params.items()}
    arrays = {k: p for k, p in params.items()}  # the objects the network's layers hold
    grads = gradient_sequence(0)
    optimizer = make_optimizer()
    for step, (g, expected) in enumerate(zip(grads, expected_steps(start, grads)), start=1):
        optimizer.update(params, {k: v.copy() for k, v in g.items()})
        for key in params:
            assert params[key] is arrays[key], f"{key} was rebound, not updated in place"
            # Compare the displacement from the start, so that rounding is relative to the moves.
            np.testing.assert_allclose(params[key] - start[key], expected[key] - start[key],
                                       rtol=1e-12, atol=1e-15, err_msg=f"{name}, step {step}, {key}")


def step_relative_error(before, after, expected_before, expected_after):
    """Worst entrywise relative difference between two steps' updates."""
    return max(float(np.max(np.abs((after[k] - before[k]) - (expected_after[k] - expected_before[k]))
                            / np.abs(expected_after[k] - expected_before[k])))
               for k in before)


def test_adam_bias_correction_forms():
    """The reference is Kingma & Ba's form, to rounding. The book's folded form is the same
    update with eps / sqrt(1 - beta2**t) in place of eps, so it differs by about
    eps / (sqrt(1 - beta2**t) * sqrt(v_hat)) relative: ~6e-6 at t = 1 with |g| >= 0.5
    (and more with small gradients), never by 1e-12."""
    rng = np.random.default_rng(1)
    start = make_params(1)
    grads = [{k: rng.choice([-1, 1], shape) * rng.uniform(0.5, 2, shape) for k, shape in SHAPES.items()}
             for _ in range(STEP_COUNT)]
    params = {k: p.copy() for k, p in start.items()}
    optimizer = Adam(lr=0.001, beta1=0.9, beta2=0.999)  # the defaults
    reference = [start]
    for g in grads:
        optimizer.update(params, {k: v.copy() for k, v in g.items()})
        reference.append({k: p.copy() for k, p in params.items()})
    kingma_ba = [start, *adam_steps(start, grads, 0.001, 0.9, 0.999, DIVISION_EPSILON, "kingma-ba")]
    folded = [start, *adam_steps(start, grads, 0.001, 0.9, 0.999, DIVISION_EPSILON, "folded")]
    for t in range(1, STEP_COUNT + 1):
        assert step_relative_error(reference[t - 1], reference[t], kingma_ba[t - 1], kingma_ba[t]) < 1e-12
        assert step_relative_error(reference[t - 1], reference[t], folded[t - 1], folded[t]) < 1e-5
    # With bias correction the first step is lr * g / (|g| + eps), i.e. lr in size;
    # without it, it would be lr * 0.1 / sqrt(0.001) ~ 3.2 lr.
    first_step = reference[1]["W1"] - start["W1"]
    np.testing.assert_allclose(first_step, -0.001 * np.sign(grads[0]["W1"]), rtol=1e-6)


@pytest.mark.parametrize("name", CASES)
def test_state_is_created_lazily_per_key(name):
    make_optimizer, _ = CASES[name]
    optimizer = make_optimizer()
    # No shapes are known before the first call: any dict of any shapes works.
    small = {"a": np.ones(2), "b": np.ones((2, 3))}
    optimizer.update(small, {"a": np.full(2, 0.5), "b": np.full((2, 3), -0.5)})
    state = [getattr(optimizer, attribute) for attribute in ("v", "h", "m") if hasattr(optimizer, attribute)]
    for per_key in state:
        assert set(per_key) == {"a", "b"}
        assert per_key["a"].shape == (2,) and per_key["b"].shape == (2, 3)
    # Two fresh optimizers with the same calls agree: no state leaks between instances.
    other = make_optimizer()
    small_again = {"a": np.ones(2), "b": np.ones((2, 3))}
    other.update(small_again, {"a": np.full(2, 0.5), "b": np.full((2, 3), -0.5)})
    for key in small:
        np.testing.assert_array_equal(small[key], small_again[key])


def test_optimizers_start_with_no_state():
    assert Momentum().v is None
    assert AdaGrad().h is None and RMSprop().h is None
    adam = Adam()
    assert adam.m is None and adam.v is None and adam.t == 0
