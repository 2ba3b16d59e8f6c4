"""Visible tests of optimizer.py: update rules (book chapter 6.1).

Each rule is checked over three steps against its formula, written out below,
with eps = 1e-7 (anything in [1e-8, 1e-7] passes).
"""
import numpy as np
import pytest

from ..translation import _
from .assertions import assert_close

EPS = 1e-7
START = {"W": np.array([[1.0, -2.0], [0.5, 3.0]]), "b": np.array([0.1, -0.1])}
GRADIENTS = [  # three steps of gradients, one dict per step
    {"W": np.array([[0.2, -0.4], [1.0, 0.3]]), "b": np.array([0.3, -0.6])},
    {"W": np.array([[0.1, -0.5], [0.8, -0.2]]), "b": np.array([0.2, -0.4])},
    {"W": np.array([[-0.3, 0.6], [0.5, 0.1]]), "b": np.array([0.4, 0.1])},
]


def fresh_params():
    return {key: value.copy() for key, value in START.items()}


def run_steps(optimizer, steps=3):
    """Apply `steps` updates from START; return the final parameters."""
    params = fresh_params()
    for grads in GRADIENTS[:steps]:
        optimizer.update(params, {key: value.copy() for key, value in grads.items()})
    return params


def expected_momentum(lr, momentum, steps=3):
    params, v = fresh_params(), {key: 0.0 for key in START}
    for grads in GRADIENTS[:steps]:
        for key in params:
            v[key] = momentum * v[key] - lr * grads[key]
            params[key] = params[key] + v[key]
    return params


def expected_adagrad(lr, steps=3):
    params, h = fresh_params(), {key: 0.0 for key in START}
    for grads in GRADIENTS[:steps]:
        for key in params:
            h[key] = h[key] + grads[key] ** 2
            params[key] = params[key] - lr * grads[key] / (np.sqrt(h[key]) + EPS)
    return params


def expected_rmsprop(lr, decay_rate, steps=3):
    params, h = fresh_params(), {key: 0.0 for key in START}
    for grads in GRADIENTS[:steps]:
        for key in params:
            h[key] = decay_rate * h[key] + (1 - decay_rate) * grads[key] ** 2
            params[key] = params[key] - lr * grads[key] / (np.sqrt(h[key]) + EPS)
    return params


def expected_adam(lr, beta1, beta2, steps=3):
    params, m, v = fresh_params(), {key: 0.0 for key in START}, {key: 0.0 for key in START}
    for t, grads in enumerate(GRADIENTS[:steps], start=1):
        for key in params:
            m[key] = beta1 * m[key] + (1 - beta1) * grads[key]
            v[key] = beta2 * v[key] + (1 - beta2) * grads[key] ** 2
            m_hat, v_hat = m[key] / (1 - beta1 ** t), v[key] / (1 - beta2 ** t)
            params[key] = params[key] - lr * m_hat / (np.sqrt(v_hat) + EPS)
    return params


def defaults_hint(optimizer_class, defaults, expected, rtol):
    """The hint of a defaults test: about the defaults only when the same values, given explicitly, work.

    When they do not, the defaults are not what is wrong (the update rule is): saying
    "defaults: lr=..." would send you to the wrong line.
    """
    arguments = ", ".join(f"{name}={value}" for name, value in defaults.items())
    explicit = run_steps(optimizer_class(**defaults))
    if all(np.allclose(np.asarray(explicit[key]) - START[key], expected[key] - START[key], rtol=rtol, atol=1e-12)
           for key in START):
        return f"the defaults must be {arguments}"
    return (f"{optimizer_class.__name__}({arguments}) is wrong too, so the defaults are not the problem: "
            "fix the update rule first (see the other test of this unit)")


def assert_params_close(got, expected, what, hint, rtol=1e-6):
    """Compare the change from START of every parameter, so eps variants (~1e-6 of a step) pass."""
    __tracebackhide__ = True
    for key in START:
        assert_close(np.asarray(got[key]) - START[key], expected[key] - START[key],
                     f"{what}: change of params[{key!r}]", hint=hint, rtol=rtol, atol=1e-12)


@pytest.mark.unit("optimizer.SGD")
def test_sgd_one_step_by_hand(optimizer):
    """p = [1, 2], g = [0.5, -1], lr = 0.1: p - lr * g = [0.95, 2.1]."""
    params = {"p": np.array([1.0, 2.0])}
    optimizer.SGD(lr=0.1).update(params, {"p": np.array([0.5, -1.0])})
    assert_close(params["p"], [0.95, 2.1], "SGD(lr=0.1) one step from p = [1, 2] with g = [0.5, -1]",
                 hint=_("params[key] -= lr * grads[key]"))


@pytest.mark.unit("optimizer.SGD")
def test_sgd_three_steps_with_the_default_learning_rate(optimizer):
    """SGD() has lr = 0.01; three steps subtract 0.01 times the sum of the three gradients."""
    expected = {key: START[key] - 0.01 * sum(grads[key] for grads in GRADIENTS) for key in START}
    assert_params_close(run_steps(optimizer.SGD()), expected, "SGD() after three steps",
                        hint=_("the default learning rate is 0.01"))


@pytest.mark.unit("optimizer.Momentum")
def test_momentum_three_steps_follow_the_formula(optimizer):
    """Momentum(lr=0.1, momentum=0.9): v = momentum * v - lr * g; p += v (v starts at 0)."""
    assert_params_close(run_steps(optimizer.Momentum(lr=0.1, momentum=0.9)), expected_momentum(0.1, 0.9),
                        "Momentum(lr=0.1, momentum=0.9) after three steps",
                        hint=_("keep one velocity per key in self.v, created on the first call"))


@pytest.mark.unit("optimizer.Momentum")
def test_momentum_defaults(optimizer):
    """Momentum() has lr = 0.01 and momentum = 0.9."""
    expected = expected_momentum(0.01, 0.9)
    hint = defaults_hint(optimizer.Momentum, {"lr": 0.01, "momentum": 0.9}, expected, rtol=1e-6)
    assert_params_close(run_steps(optimizer.Momentum()), expected, "Momentum() after three steps", hint=hint, rtol=1e-6)


@pytest.mark.unit("optimizer.AdaGrad")
def test_adagrad_three_steps_follow_the_formula(optimizer):
    """AdaGrad(lr=0.1): h += g * g; p -= lr * g / (sqrt(h) + eps) (h starts at 0)."""
    assert_params_close(run_steps(optimizer.AdaGrad(lr=0.1)), expected_adagrad(0.1),
                        "AdaGrad(lr=0.1) after three steps",
                        hint=_("h accumulates g * g over all steps, per key"), rtol=1e-5)


@pytest.mark.unit("optimizer.AdaGrad")
def test_adagrad_defaults(optimizer):
    """AdaGrad() has lr = 0.01."""
    expected = expected_adagrad(0.01)
    hint = defaults_hint(optimizer.AdaGrad, {"lr": 0.01}, expected, rtol=1e-5)
    assert_params_close(run_steps(optimizer.AdaGrad()), expected, "AdaGrad() after three steps", hint=hint, rtol=1e-5)


@pytest.mark.unit("optimizer.RMSprop")
def test_rmsprop_three_steps_follow_the_formula(optimizer):
    """RMSprop(lr=0.1, decay_rate=0.9): h = decay_rate * h + (1 - decay_rate) * g * g; p -= lr * g / (sqrt(h) + eps)."""
    assert_params_close(run_steps(optimizer.RMSprop(lr=0.1, decay_rate=0.9)), expected_rmsprop(0.1, 0.9),
                        "RMSprop(lr=0.1, decay_rate=0.9) after three steps",
                        hint=_("h is a moving average of g * g, not a sum"), rtol=1e-5)


@pytest.mark.unit("optimizer.RMSprop")
def test_rmsprop_defaults(optimizer):
    """RMSprop() has lr = 0.01 and decay_rate = 0.99."""
    expected = expected_rmsprop(0.01, 0.99)
    hint = defaults_hint(optimizer.RMSprop, {"lr": 0.01, "decay_rate": 0.99}, expected, rtol=1e-5)
    assert_params_close(run_steps(optimizer.RMSprop()), expected, "RMSprop() after three steps", hint=hint, rtol=1e-5)


@pytest.mark.unit("optimizer.Adam")
def test_adam_three_steps_follow_the_formula(optimizer):
    """Adam(lr=0.1, beta1=0.9, beta2=0.999) with bias correction, t = 1, 2, 3.

    m = beta1 * m + (1 - beta1) * g; v = beta2 * v + (1 - beta2) * g * g;
    p -= lr * m_hat / (sqrt(v_hat) + eps), m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t).
    The book's folded form (lr_t = lr * sqrt(1 - beta2**t) / (1 - beta1**t)) passes too.
    """
    assert_params_close(run_steps(optimizer.Adam(lr=0.1, beta1=0.9, beta2=0.999)), expected_adam(0.1, 0.9, 0.999),
                        "Adam(lr=0.1, beta1=0.9, beta2=0.999) after three steps",
                        hint=_("count steps from t = 1 and correct the bias of m and v"), rtol=1e-4)


@pytest.mark.unit("optimizer.Adam")
def test_adam_defaults(optimizer):
    """Adam() has lr = 0.001, beta1 = 0.9 and beta2 = 0.999."""
    expected = expected_adam(0.001, 0.9, 0.999)
    hint = defaults_hint(optimizer.Adam, {"lr": 0.001, "beta1": 0.9, "beta2": 0.999}, expected, rtol=1e-4)
    assert_params_close(run_steps(optimizer.Adam()), expected, "Adam() after three steps", hint=hint, rtol=1e-4)


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.unit(f"optimizer.{name}"))
    for name in ("SGD", "Momentum", "AdaGrad", "RMSprop", "Adam")
])
def test_update_changes_the_parameter_arrays_in_place(optimizer, name):
    """After update, params[key] is still the same array object, with new values.

    A network's layers hold references to its parameter arrays: rebinding
    params[key] = params[key] - ... would leave the layers with the old weights.
    """
    params = fresh_params()
    arrays_before = {key: params[key] for key in params}
    getattr(optimizer, name)().update(params, {key: value.copy() for key, value in GRADIENTS[0].items()})
    for key in params:
        if params[key] is not arrays_before[key]:
            raise AssertionError(
                _("{name}.update replaced params[{key!r}] by a new array instead of changing it in place.\n"
                  "  hint: write params[key] -= ... (or +=), not params[key] = params[key] - ...").format(
                    name=name, key=key))
        if np.array_equal(params[key], START[key]):
            raise AssertionError(_("{name}.update left params[{key!r}] unchanged.").format(name=name, key=key))
