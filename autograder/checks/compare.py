"""Comparing the student's result with the reference's, and naming the mistake when they differ.

`difference(got, expected, rtol, atol)` walks dicts, lists and tuples and
compares arrays and numbers with `|got - expected| <= atol + rtol * |expected|`
entry by entry; it says what differs (a key, a shape, a nan, the worst entry)
or returns None. `expect_match` runs one scenario on both sides and raises a
`CheckFailed` with the standard feedback, naming a recognised mistake from the
catalogue (`autograder.mistakes`) when the student's result matches one.
"""
from dataclasses import dataclass

import numpy as np

from autograder.translation import _, translated

from .feedback import CheckFailed, mismatch_message
from .reference import run_reference


@dataclass
class Difference:
    """How a result differs: `problem` (one line), at `where` (a key path), the two values there."""

    problem: str
    where: str
    got: object
    expected: object


def difference(got, expected, rtol, atol, where=""):
    """The first way `got` differs from `expected` beyond the tolerance, or None."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return Difference(_("expected a dict with keys {keys}, got {type}").format(
                keys=sorted(expected), type=type(got).__name__), where, got, expected)
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            if missing and extra:
                problem = _("keys differ: missing {missing} unexpected {extra}").format(missing=missing, extra=extra)
            elif missing:
                problem = _("keys differ: missing {missing}").format(missing=missing)
            else:
                problem = _("keys differ: unexpected {extra}").format(extra=extra)
            return Difference(problem, where, sorted(map(str, got)), sorted(map(str, expected)))
        for key in expected:
            found = difference(got[key], expected[key], rtol, atol, _join(where, key))
            if found:
                return found
        return None
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)) or len(got) != len(expected):
            return Difference(_("expected a sequence of {count} items").format(count=len(expected)),
                              where, got, expected)
        for index, (g, e) in enumerate(zip(got, expected)):
            found = difference(g, e, rtol, atol, _join(where, index))
            if found:
                return found
        return None
    if isinstance(expected, np.ndarray) and expected.ndim > 0 and isinstance(got, (list, tuple)):
        # The unit's own test fails a list where an array is due; units using it are spared the fault
        # (the worker hands them a list as an array: sandbox/worker_session.hand_arrays_between_modules).
        return Difference(_("returned a Python {name}, expected a NumPy array (ndarray) of shape "
                            "{shape}: return an array (np.array(...)), as the contract says").format(
                              name=type(got).__name__, shape=expected.shape),
                          where, got, expected)
    return _numeric_difference(got, expected, rtol, atol, where)


def _numeric_difference(got, expected, rtol, atol, where):
    expected_array = np.asarray(expected, dtype=float)
    try:
        got_array = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return Difference(_("expected numbers, got {type}").format(type=type(got).__name__), where, got, expected)
    if got is None:
        return Difference(_("returned None (is a `return` missing?)"), where, got, expected)
    if got_array.shape != expected_array.shape:
        # A scalar may come back as a 0-d or 1-element array: accept that, nothing else.
        if not (got_array.size == expected_array.size == 1):
            return Difference(_("shape {got}, expected shape {expected}").format(
                got=got_array.shape, expected=expected_array.shape), where, got, expected)
        got_array = got_array.reshape(expected_array.shape)
    bad_nan = np.isnan(got_array) & ~np.isnan(expected_array)
    if bad_nan.any():
        return Difference(_("nan at index {index} (expected a number)").format(index=_index(bad_nan)),
                          where, got, expected)
    bad_inf = np.isinf(got_array) & ~np.isinf(expected_array)
    if bad_inf.any():
        return Difference(_("inf at index {index} (expected a finite number)").format(index=_index(bad_inf)),
                          where, got, expected)
    with np.errstate(invalid="ignore"):
        error = np.where(got_array == expected_array, 0.0, np.abs(got_array - expected_array))  # equal infinities
        allowed = atol + rtol * np.abs(expected_array)
    over = error > allowed
    if not over.any():
        return None
    worst = np.unravel_index(np.argmax(np.where(over, error - allowed, -np.inf)), error.shape)
    numbers = {"count": int(over.sum()), "size": over.size, "got": f"{got_array[worst]:.8g}",
               "expected": f"{expected_array[worst]:.8g}", "atol": f"{atol:g}", "rtol": f"{rtol:g}"}
    if error.ndim:
        problem = _("{count} of {size} values differ; worst at index {index}: {got} instead of {expected} "
                    "(tolerance {atol} + {rtol} * |expected|)").format(
            index=tuple(int(i) for i in worst), **numbers)
    else:
        problem = _("{count} of {size} values differ; worst: {got} instead of {expected} "
                    "(tolerance {atol} + {rtol} * |expected|)").format(**numbers)
    return Difference(problem, where, got, expected)


def _index(mask):
    index = np.argwhere(mask)[0]
    return tuple(int(i) for i in index) if len(index) else "()"


def _join(where, key):
    return f"{where} / {key}" if where else str(key)


def recognise_mistake(unit, scenario, got, rtol, atol):
    """The catalogue's Mistake whose output matches `got` on this scenario, or None.

    Only an unambiguous match is named: when two known mistakes give the same
    output here (a gradient of zeros), naming either could mislead. The
    catalogue (autograder.mistakes) may be absent; a catalogue error never
    fails a check.
    """
    try:
        from autograder.mistakes import diagnose, mistakes_for, outputs_match
        from autograder.mistakes.diagnosis import run_scenario
    except ImportError:
        return None
    try:
        mistake = diagnose(unit, scenario, got, rtol=rtol, atol=atol)
        if mistake is None:
            return None
        for other in mistakes_for(unit):
            if other is not mistake and other.name != mistake.name:
                if outputs_match(got, run_scenario(scenario, other.reference_with_mistake()), rtol, atol):
                    return None
        return mistake
    except Exception:  # noqa: BLE001 - a diagnosis is a bonus, never a failure
        return None


def with_diagnosis(failure, unit, scenario, got, rtol=1e-6, atol=1e-9):
    """`failure` (a CheckFailed) naming the catalogue mistake that gives `got`, if one does."""
    mistake = recognise_mistake(unit, scenario, got, rtol, atol)
    if mistake and not failure.diagnosis:
        failure.diagnosis = translated(mistake.name)
        failure.message = f"{failure.message}\n{mistake_note(mistake)}"
        failure.args = (failure.message,)
    return failure


def mistake_note(mistake):
    """The feedback line naming a recognised mistake."""
    hint = translated(getattr(mistake, "hint", "") or "")
    if hint:
        return _("likely mistake: {mistake} - {hint}").format(mistake=translated(mistake.name), hint=hint)
    return _("likely mistake: {mistake}").format(mistake=translated(mistake.name))


def fail_mismatch(unit, what, found, inputs, scenario=None, rtol=0.0, atol=0.0, note=None, got=None):
    """Raise the CheckFailed for difference `found`, naming a recognised mistake."""
    mistake = recognise_mistake(unit, scenario, got, rtol, atol) if scenario is not None else None
    # A recognised mistake's hint is more exact than the check's general note, which may point elsewhere
    # (softmax over the wrong axis also fails the overflow check, whose note is about exp(1000)).
    hint = mistake_note(mistake) if mistake else note
    label = f"{what}, {found.where}" if found.where else what
    message = mismatch_message(label, inputs, found.expected, found.got, found.problem, hint)
    raise CheckFailed(message, diagnosis=translated(mistake.name) if mistake else None)


def run_diagnosed(sub, unit, what, scenario):
    """sub.run(what, scenario); an exception it raises is named when a known mistake raises it too."""
    try:
        return sub.run(what, scenario)
    except CheckFailed as failure:
        if failure.raised:
            type_name, message = failure.raised
            with_diagnosis(failure, unit, scenario, type(str(type_name), (Exception,), {})(message), 0.0, 0.0)
        raise


def expect_match(sub, unit, what, scenario, inputs, rtol, atol, note=None):
    """Run `scenario` on the student's modules and the reference; fail unless they agree.

    Returns the student's (plain) result.
    """
    got = run_diagnosed(sub, unit, what, scenario)
    expected = run_reference(scenario)
    found = difference(got, expected, rtol, atol)
    if found:
        fail_mismatch(unit, what, found, inputs, scenario, rtol, atol, note, got)
    return got
