"""Checks of weight_init.py: statistics of large draws, and dependence on the rng only.

Draws are random, so they are judged by their statistics: shape, mean, standard
deviation (which tells fan_in from fan_out), and the share within one standard
deviation (about 0.683 for a normal distribution, 0.577 for a uniform one).
"""
import numpy as np

from autograder.translation import _

from .compare import with_diagnosis
from .feedback import CheckFailed

STD_RTOL = 0.02             # the std of ~70 000 draws is within 0.3 % of the truth (1 sigma)
MEAN_SIGMAS = 5
NORMAL_WITHIN_ONE_STD = 0.6827
WITHIN_ONE_STD_TOLERANCE = 0.02

# name -> {std formula: accepted?}; the formulas are what the feedback names.
STD_FORMULAS = {
    "sqrt(2 / fan_in)": lambda fi, fo: np.sqrt(2.0 / fi),
    "sqrt(1 / fan_in)": lambda fi, fo: np.sqrt(1.0 / fi),
    "sqrt(2 / (fan_in + fan_out))": lambda fi, fo: np.sqrt(2.0 / (fi + fo)),
    "sqrt(2 / fan_out)": lambda fi, fo: np.sqrt(2.0 / fo),
    "sqrt(1 / fan_out)": lambda fi, fo: np.sqrt(1.0 / fo),
    "1 (not scaled)": lambda fi, fo: 1.0,
    "0.01": lambda fi, fo: 0.01,
}
ACCEPTED = {
    "he_init": ("sqrt(2 / fan_in)",),
    "xavier_init": ("sqrt(1 / fan_in)", "sqrt(2 / (fan_in + fan_out))"),
}


def fan_sizes(rng):
    """(fan_in, fan_out) far enough apart that fan_in and fan_out formulas differ by > 10 %."""
    return int(rng.integers(350, 450)), int(rng.integers(150, 220))


def expect_statistics(sub, rng, name):
    fan_in, fan_out = fan_sizes(rng)
    init = getattr(sub.modules["weight_init"], name)
    seed = int(rng.integers(2**31))
    unseeded = []
    for how, kwargs in ((f"rng=np.random.default_rng({seed})", {"rng": sub.generator(seed)}),
                        ("rng=None", {}), ("rng=None", {})):
        what = f"{name}({fan_in}, {fan_out}, {how})"
        W = sub.plain(sub.call(what, init, fan_in, fan_out, **kwargs))
        try:
            _judge_draw(what, name, W, fan_in, fan_out)
        except CheckFailed as failure:
            if "rng" in kwargs:
                _name_the_mistake(failure, name, fan_in, fan_out, seed, W)
            raise
        if not kwargs:
            unseeded.append(np.asarray(W, dtype=float))
    if np.array_equal(*unseeded):
        raise CheckFailed(_("{name}({fan_in}, {fan_out}) without rng gave the same array twice: draw "
                            "from the global NumPy random state (np.random.randn(...)) when rng is "
                            "None.").format(
                              name=name, fan_in=fan_in, fan_out=fan_out))


def _name_the_mistake(failure, name, fan_in, fan_out, seed, W):
    """A draw from a seeded generator is reproducible: a known mistake may give the very same array."""
    def scenario(m):
        return getattr(m["weight_init"], name)(fan_in, fan_out, rng=np.random.default_rng(seed))

    with_diagnosis(failure, f"weight_init.{name}", scenario, W, rtol=1e-9, atol=0.0)


def _judge_draw(what, name, W, fan_in, fan_out):
    if isinstance(W, (list, tuple)):
        raise CheckFailed(_("{what} returned a Python {name}, expected a NumPy array (ndarray)").format(
                              what=what, name=type(W).__name__))
    try:
        W = np.asarray(W, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(_("{what} returned {name}, expected an array").format(
                              what=what, name=type(W).__name__)) from None
    if W.shape != (fan_in, fan_out):
        raise CheckFailed(_("{what} has shape {shape}, expected (fan_in, fan_out) = {value}").format(
                              what=what, shape=W.shape, value=(fan_in, fan_out)))
    if not np.all(np.isfinite(W)):
        raise CheckFailed(_("{what} holds nan or inf").format(what=what))
    std = float(W.std())
    targets = {f: STD_FORMULAS[f](fan_in, fan_out) for f in ACCEPTED[name]}
    if not any(abs(std - target) <= STD_RTOL * target for target in targets.values()):
        closest = None if std <= 0 else min(
            STD_FORMULAS, key=lambda f: abs(np.log(std / STD_FORMULAS[f](fan_in, fan_out))))
        if closest is not None:
            closest_std = STD_FORMULAS[closest](fan_in, fan_out)
            closest = closest if abs(std - closest_std) <= 0.05 * closest_std else None
        expected = " or ".join(f"{f} = {t:.4g}" for f, t in targets.items())
        raise CheckFailed(
            _("{what}: the standard deviation of the draws is {std:.4g}, expected {expected}").format(
                what=what, std=std, expected=expected)
            + (_("; yours matches {closest}").format(closest=closest) if closest else "") + ".")
    mean = float(W.mean())
    if abs(mean) > MEAN_SIGMAS * std / np.sqrt(W.size):
        raise CheckFailed(_("{what}: the draws have mean {mean:.4g}, expected 0 (a normal "
                            "distribution centred at 0).").format(
                              what=what, mean=mean))
    within = float(np.mean(np.abs(W - mean) <= std))
    if abs(within - NORMAL_WITHIN_ONE_STD) > WITHIN_ONE_STD_TOLERANCE:
        raise CheckFailed(_("{what}: {within:.3f} of the draws lie within one standard deviation, a "
                            "normal distribution puts {normal_within_one_std:.3f} there: draw from a "
                            "normal distribution (standard_normal / randn), not a uniform one.").format(
                              what=what, within=within, normal_within_one_std=NORMAL_WITHIN_ONE_STD))


def expect_rng_dependence(sub, rng, name):
    """Same seed -> same array; another seed -> another array; every draw N(0, the right std)."""
    fan_in, fan_out = fan_sizes(rng)
    seed, other_seed = (int(s) for s in rng.choice(2**31, size=2, replace=False))
    init = getattr(sub.modules["weight_init"], name)
    draws = []
    for s in (seed, seed, other_seed):
        what = f"{name}({fan_in}, {fan_out}, rng=np.random.default_rng({s}))"
        W = sub.plain(sub.call(what, init, fan_in, fan_out, rng=sub.generator(s)))
        try:
            W = np.asarray(W, dtype=float)
        except (TypeError, ValueError):
            raise CheckFailed(_("{what} returned {name}, expected an array").format(
                                  what=what, name=type(W).__name__)) from None
        _judge_draw(what, name, W, fan_in, fan_out)   # the dependence alone earns nothing
        draws.append(W)
    if not np.array_equal(draws[0], draws[1]):
        raise CheckFailed(_("{name}(fan_in, fan_out, rng): two generators with the same seed "
                            "({seed}) gave different arrays. When rng is given, draw from it only "
                            "(rng.standard_normal(...)), not from np.random.").format(
                              name=name, seed=seed))
    if np.array_equal(draws[0], draws[2]):
        raise CheckFailed(_("{name}(fan_in, fan_out, rng): generators with different seeds gave the "
                            "same array. Draw the weights from rng.").format(
                              name=name))


def check_he_init_statistics(sub, rng):
    expect_statistics(sub, rng, "he_init")


def check_he_init_rng(sub, rng):
    expect_rng_dependence(sub, rng, "he_init")


def check_xavier_init_statistics(sub, rng):
    expect_statistics(sub, rng, "xavier_init")


def check_xavier_init_rng(sub, rng):
    expect_rng_dependence(sub, rng, "xavier_init")
