"""Assertions whose failure message says what was checked, what was expected and what came back."""
import numpy as np

from ..translation import _, columns, pad

#: How arrays are printed in failure messages: short, 8 significant digits.
PRINT_OPTIONS = {"precision": 8, "threshold": 24, "edgeitems": 3, "separator": ", "}


def show(value):
    """A short text form of an array or number."""
    return np.array2string(np.asarray(value), **PRINT_OPTIONS)


def failure_message(what, expected, got, hint=""):
    expected_label, got_label = aligned_labels(_("expected:"), _("got:"))
    lines = [what, labelled("  " + expected_label, expected), labelled("  " + got_label, got)]
    if hint:
        lines.append("  " + _("hint: {hint}").format(hint=hint))
    return "\n".join(lines)


def labelled(label, value):
    """"label value", the value's continuation lines (an array's rows) aligned under its first."""
    return label + str(value).replace("\n", "\n" + " " * columns(label))


def aligned_labels(*labels):
    """The labels followed by spaces so that what follows them starts in one column."""
    width = max(columns(label) for label in labels) + 1
    return [pad(label, width) for label in labels]


def as_float_array(value, what):
    """value as a float array; a readable failure when it is None or not numbers."""
    __tracebackhide__ = True
    if value is None:
        raise AssertionError(_("{what}: got None. Is a `return` missing?").format(what=what))
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise AssertionError(_("{what}: expected numbers, got {type}: {value!r}").format(
            what=what, type=type(value).__name__, value=value)) from None


def assert_close(got, expected, what, hint="", rtol=1e-6, atol=1e-9):
    """Fail unless got has expected's shape and matches it within the tolerances."""
    __tracebackhide__ = True
    got_array = as_float_array(got, what)
    expected = np.asarray(expected, dtype=float)
    if got_array.shape != expected.shape:
        raise AssertionError(failure_message(
            what, _("an array of shape {shape}").format(shape=expected.shape),
            _("shape {shape}: {array}").format(shape=got_array.shape, array=show(got_array)), hint))
    if not np.allclose(got_array, expected, rtol=rtol, atol=atol):
        raise AssertionError(failure_message(what, show(expected), show(got_array), hint))


def assert_number_close(got, expected, what, hint="", rtol=1e-6, atol=1e-9):
    """Like assert_close for one number; a float, a NumPy scalar or a 1-element array are all fine."""
    __tracebackhide__ = True
    got_array = as_float_array(got, what)
    if got_array.size != 1:
        raise AssertionError(failure_message(
            what, _("one number"),
            _("an array of shape {shape}: {array}").format(shape=got_array.shape, array=show(got_array)), hint))
    got_number = float(got_array.reshape(-1)[0])
    if not np.isclose(got_number, expected, rtol=rtol, atol=atol):
        raise AssertionError(failure_message(what, repr(float(expected)), repr(got_number), hint))
