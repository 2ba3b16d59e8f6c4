"""Name the known mistake a wrong output comes from.

A check that has just seen a wrong output ``got`` on its fixed inputs hands
``diagnose`` a scenario: a function of the modules that runs those inputs and
returns the output. ``diagnose`` runs it on the reference with each of the
unit's known mistakes patched in (trusted code, in the grader process) and
returns the first mistake that reproduces ``got``.
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from .catalogue import mistakes_for
from .mistake import Mistake, reference_modules

Scenario = Callable[[Mapping[str, Any]], Any]


class Raised:
    """What a scenario produced when it raised: the exception's type name and first line."""

    def __init__(self, error: BaseException):
        self.type_name = type(error).__name__
        self.message = first_line(str(error))

    def __repr__(self):
        return f"Raised({self.type_name}: {self.message})"


def first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""


def diagnose(unit: str, scenario: Scenario, got: Any, rtol: float = 1e-6, atol: float = 1e-9) -> Mistake | None:
    """The first known mistake of ``unit`` whose output on ``scenario`` matches ``got``, or None.

    scenario(modules) runs a check's fixed inputs on ``modules`` (contract
    module name -> module) and returns the output; it must draw any random
    numbers from generators or seeds it sets itself.
    got: what the submission produced: arrays, numbers, strings, None and
    dicts/lists/tuples of them, compared leafwise (same shapes, allclose; nan
    matches nan). An exception instance as ``got`` matches a mistake whose
    scenario raises the same exception type with the same first line of message.
    None is returned when ``got`` matches the reference's own output, and a
    mistake that behaves like the reference on this scenario is never named.
    """
    saved_random_state = np.random.get_state()
    try:
        expected = run_scenario(scenario, reference_modules())
        if outputs_match(got, expected, rtol, atol):
            return None
        for mistake in mistakes_for(unit):
            wrong = run_scenario(scenario, mistake.reference_with_mistake())
            if isinstance(wrong, Raised) and not isinstance(got, (BaseException, Raised)):
                continue
            if outputs_match(wrong, expected, rtol, atol):
                continue  # indistinguishable from the reference here
            if outputs_match(got, wrong, rtol, atol):
                return mistake
        return None
    finally:
        np.random.set_state(saved_random_state)


def run_scenario(scenario: Scenario, modules: Mapping[str, Any]) -> Any:
    """The scenario's output on ``modules``, or a `Raised` if it raised.

    Warnings are silenced: wrong code overflows on purpose (softmax without the max).
    """
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return scenario(modules)
    except Exception as error:  # the mistakes are trusted code; any failure is just "no match"
        return Raised(error)


def outputs_match(got: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-9) -> bool:
    """Whether two outputs agree leafwise: same structure, same shapes, allclose (nan == nan)."""
    if isinstance(got, BaseException):
        got = Raised(got)
    if isinstance(got, Raised) or isinstance(expected, Raised):
        return (isinstance(got, Raised) and isinstance(expected, Raised)
                and got.type_name == expected.type_name and got.message == expected.message)
    if isinstance(got, Mapping) or isinstance(expected, Mapping):
        return (isinstance(got, Mapping) and isinstance(expected, Mapping)
                and set(got) == set(expected)
                and all(outputs_match(got[key], expected[key], rtol, atol) for key in got))
    if isinstance(got, (list, tuple)) and isinstance(expected, (list, tuple)):
        return len(got) == len(expected) and all(
            outputs_match(a, b, rtol, atol) for a, b in zip(got, expected))
    if got is None or expected is None:
        return got is None and expected is None
    if isinstance(got, str) or isinstance(expected, str):
        return isinstance(got, str) and isinstance(expected, str) and got == expected
    return _arrays_match(got, expected, rtol, atol)


def _arrays_match(got: Any, expected: Any, rtol: float, atol: float) -> bool:
    try:
        got_array = np.asarray(got)
        expected_array = np.asarray(expected)
    except Exception:
        return got is expected
    if got_array.shape != expected_array.shape:
        return False
    numeric = all(array.dtype.kind in "biuf" for array in (got_array, expected_array))
    if not numeric:
        if got_array.dtype == object or expected_array.dtype == object:
            return got is expected
        return bool(np.array_equal(got_array, expected_array))
    return bool(np.allclose(got_array.astype(float), expected_array.astype(float),
                            rtol=rtol, atol=atol, equal_nan=True))
