"""Checks of optimizer.py: several update steps against the reference, and updates in place.

The parameter dicts live in the grader; the worker's changes to their arrays
are mirrored back, and so is a rebinding `params[key] = ...`, which is how a
lost array identity shows here.
"""
import numpy as np

from autograder.translation import _

from .compare import difference, fail_mismatch
from .feedback import CheckFailed
from .reference import run_reference

STEPS = 5
# The adaptive methods accept eps in [1e-8, 1e-7] and Adam's folded form: with gradient entries
# >= 0.1 in size these move an update by < 5e-5 of itself; a missing bias correction is ~2e-1 off.
ADAPTIVE_RTOL = 2e-4
PLAIN_RTOL = 1e-7

# name -> (hyper-parameters other than the defaults, relative tolerance on the parameter changes)
OPTIMIZERS = {
    "SGD": ({"lr": 0.05}, PLAIN_RTOL),
    "Momentum": ({"lr": 0.05, "momentum": 0.7}, PLAIN_RTOL),
    "AdaGrad": ({"lr": 0.05}, ADAPTIVE_RTOL),
    "RMSprop": ({"lr": 0.02, "decay_rate": 0.9}, ADAPTIVE_RTOL),
    "Adam": ({"lr": 0.01, "beta1": 0.8, "beta2": 0.99}, ADAPTIVE_RTOL),
}
RULES = {
    "SGD": "p -= lr * g",
    "Momentum": "v = momentum * v - lr * g; p += v",
    "AdaGrad": "h += g * g; p -= lr * g / (sqrt(h) + eps)",
    "RMSprop": "h = decay_rate * h + (1 - decay_rate) * g * g; p -= lr * g / (sqrt(h) + eps)",
    "Adam": "t += 1; m, v moving averages; p -= lr * m_hat / (sqrt(v_hat) + eps) with bias-corrected "
            "m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t)",
}


def random_params(rng):
    return {"W1": rng.normal(size=(3, 4)), "b1": rng.normal(size=4), "W2": rng.normal(size=(4, 2))}


def random_grads(rng, params, zeros=0):
    """Gradients with entries of size 0.1 to 1 and random signs, and `zeros` exact zeros per key.

    An exact zero before any other gradient makes h (or v) zero: only the eps keeps
    lr * 0 / (sqrt(0) + eps) from being nan.
    """
    grads = {}
    for key, value in params.items():
        g = rng.uniform(0.1, 1.0, size=value.shape) * rng.choice([-1.0, 1.0], size=value.shape)
        g.flat[rng.choice(g.size, size=min(zeros, g.size), replace=False)] = 0.0
        grads[key] = g
    return grads


def updates_scenario(name, kwargs, params, grads_per_step):
    """Scenario: the parameters after each of the update steps."""
    def scenario(m):
        optimizer = getattr(m["optimizer"], name)(**kwargs)
        current = {k: v.copy() for k, v in params.items()}
        after = {}
        for step, grads in enumerate(grads_per_step, start=1):
            optimizer.update(current, {k: g.copy() for k, g in grads.items()})
            after[f"step {step}"] = {k: np.array(v, dtype=float, copy=True) for k, v in current.items()}
        return after
    return scenario


def expect_updates(sub, rng, name):
    """The parameters after STEPS updates, with the defaults and with other hyper-parameters."""
    custom, _rtol = OPTIMIZERS[name]
    for kwargs in ({}, custom):
        params = random_params(rng)
        grads_per_step = [random_grads(rng, params, zeros=1 if step == 0 else 0) for step in range(STEPS)]
        arguments = ", ".join(f"{k}={v}" for k, v in kwargs.items())
        what = _("{name}({arguments}).update(params, grads), {steps} steps").format(
                   name=name, arguments=arguments, steps=STEPS)
        scenario = updates_scenario(name, kwargs, params, grads_per_step)
        expect_trajectory(sub, name, what, scenario, sub.run(what, scenario), params, grads_per_step)


def expect_trajectory(sub, name, what, scenario, got, params, grads_per_step):
    """Fail unless `got` (step -> params after it) matches the reference's run of `scenario`."""
    _custom, rtol = OPTIMIZERS[name]
    expected = run_reference(scenario)
    # Compare the changes from the start, so the tolerance is relative to the update size.
    got_changes = _changes(got, params)
    expected_changes = _changes(expected, params)
    scale = max(np.max(np.abs(v)) for step in expected_changes.values() for v in step.values())
    found = difference(got_changes, expected_changes, rtol=rtol, atol=rtol * scale)
    if found:
        found.problem = _("change of the parameters from their start: {problem}").format(problem=found.problem)
        fail_mismatch(f"optimizer.{name}", what, found,
                      {"params (start)": params, "grads (step 1)": grads_per_step[0]},
                      scenario=scenario, rtol=rtol, atol=rtol * scale,
                      note=_("Rule: {rules}. State is created on the first call, per key.").format(
                               rules=RULES[name]),
                      got=got)


def expect_in_place(sub, rng, name):
    """update() changes the arrays in params in place, never rebinds params[key], and by the right amount.

    The in-place property alone earns nothing (`params[k] += 1` is in place): the parameters after
    the two updates must also match the reference's.
    """
    params = random_params(rng)
    start = {k: v.copy() for k, v in params.items()}
    originals = dict(params)
    grads_per_step = [random_grads(rng, params) for _ in range(2)]
    optimizer = sub.make(f"{name}()", getattr(sub.modules["optimizer"], name))
    after = {}
    for step, grads in enumerate(grads_per_step, start=1):
        sub.call(f"{name}().update(params, grads)", optimizer.update, params, {k: g.copy() for k, g in grads.items()})
        rebound = [k for k in originals if params.get(k) is not originals[k]]
        if rebound:
            raise CheckFailed(
                _("{name}().update(params, grads) replaced params[{rebound!r}] with a new array "
                  "(step {step}). Update in place (params[key] -= ...): the network's layers hold "
                  "references to these very arrays, so a new array silently freezes them.").format(
                    name=name, rebound=rebound[0], step=step))
        after[f"step {step}"] = {k: np.array(v, dtype=float, copy=True) for k, v in params.items()}
    unchanged = [k for k in start if np.array_equal(params[k], start[k])]
    if unchanged:
        raise CheckFailed(_("{name}().update(params, grads): params[{unchanged!r}] did not change "
                            "after two updates.").format(
                              name=name, unchanged=unchanged[0]))
    expect_trajectory(sub, name, _("{name}().update(params, grads) in place, 2 steps").format(name=name),
                      updates_scenario(name, {}, start, grads_per_step), after, start, grads_per_step)


def _changes(trajectory, start):
    if not isinstance(trajectory, dict):
        return trajectory
    changes = {}
    for step, values in trajectory.items():
        if not isinstance(values, dict):
            return trajectory
        changes[step] = {k: _minus(v, start.get(k)) for k, v in values.items()}
    return changes


def _minus(value, start):
    try:
        return np.asarray(value, dtype=float) - start
    except (TypeError, ValueError):
        return value


def check_sgd_steps(sub, rng):
    expect_updates(sub, rng, "SGD")


def check_sgd_in_place(sub, rng):
    expect_in_place(sub, rng, "SGD")


def check_momentum_steps(sub, rng):
    expect_updates(sub, rng, "Momentum")


def check_momentum_in_place(sub, rng):
    expect_in_place(sub, rng, "Momentum")


def check_adagrad_steps(sub, rng):
    expect_updates(sub, rng, "AdaGrad")


def check_adagrad_in_place(sub, rng):
    expect_in_place(sub, rng, "AdaGrad")


def check_rmsprop_steps(sub, rng):
    expect_updates(sub, rng, "RMSprop")


def check_rmsprop_in_place(sub, rng):
    expect_in_place(sub, rng, "RMSprop")


def check_adam_steps(sub, rng):
    expect_updates(sub, rng, "Adam")


def check_adam_in_place(sub, rng):
    expect_in_place(sub, rng, "Adam")
