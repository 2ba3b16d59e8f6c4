"""Checks of gradient.py: numerical_gradient against analytic gradients of catalogue functions.

The function handed to the student's numerical_gradient is built in the
worker from the catalogue (autograder/sandbox/catalogue.py): functions cannot
cross the process boundary.
"""
import numpy as np

from autograder.sandbox.catalogue import build

from autograder.translation import _

from .compare import difference, fail_mismatch, with_diagnosis
from .feedback import CheckFailed, show
from .numerical import as_array

# h anywhere in [1e-6, 1e-3]: truncation h**2 / 6 * |f'''| <= 2e-7 * |w|, rounding ~1e-9;
# a one-sided difference with the book's h = 1e-4 is ~5e-5 * |w| off.
NUMERICAL_GRADIENT_TOLERANCE = {"rtol": 1e-5, "atol": 2e-6}
UNIT = "gradient.numerical_gradient"


def check_numerical_gradient_values(sub, rng):
    for shape in ((3, 4), (5,)):
        x = rng.uniform(-3.0, 3.0, size=shape)
        weights = rng.uniform(0.5, 2.0, size=shape) * rng.choice([-1.0, 1.0], size=shape)
        f = sub.function("weighted_sum_of_sines", weights=weights)
        x_sent = x.copy()
        got = sub.plain(sub.call("numerical_gradient(f, x)", sub.modules["gradient"].numerical_gradient,
                                 f, x_sent))
        expected = weights * np.cos(x)
        found = difference(got, expected, **NUMERICAL_GRADIENT_TOLERANCE)
        if found:
            fail_mismatch(UNIT, _("numerical_gradient(f, x) for f(x) = sum(w * sin(x)), x of shape "
                                  "{shape}").format(shape=shape),
                          found, {"x": x, "w": weights}, scenario=_gradient_of_sines(x, weights),
                          got=got, **NUMERICAL_GRADIENT_TOLERANCE,
                          note=_("Central difference (f(x + h) - f(x - h)) / (2 * h) for every entry "
                                 "of x, whatever x's shape."))
        if not np.array_equal(x_sent, x):
            raise with_diagnosis(CheckFailed(_not_restored_message(x, x_sent)), UNIT,
                                 _x_after_gradient_of_sines(x, weights), x_sent, rtol=0.0, atol=0.0)


def check_numerical_gradient_in_place(sub, rng):
    x = rng.uniform(-2.0, 2.0, size=(2, 3, 2))
    held = sub.put(x)
    f = sub.function("sum_of_squares", target=held)   # ignores its argument, reads `held`
    got = sub.plain(sub.call("numerical_gradient(f, x)", sub.modules["gradient"].numerical_gradient, f, held))
    got = as_array("numerical_gradient(f, x)", got, x.shape)
    expected = 2 * x
    found = difference(got, expected, **NUMERICAL_GRADIENT_TOLERANCE)
    if found:
        note = (_("f must be called with the very array x, changed in place (x[i] = value + h, then "
                  "f(x)): functions like `lambda _: net.loss(x_batch, t_batch)` ignore their "
                  "argument and read the parameter array itself."))
        if np.allclose(got, 0.0):
            note = _("Your gradient is all zeros: ") + note
        fail_mismatch(UNIT, _("numerical_gradient(f, x) where f reads x through a closure"), found,
                      {"x": x}, scenario=_gradient_through_closure(x), got=got, note=note,
                      **NUMERICAL_GRADIENT_TOLERANCE)
    after = as_array("x after numerical_gradient", sub.plain(held), x.shape)
    if not np.array_equal(after, x):
        raise CheckFailed(_not_restored_message(x, after))


# Scenarios for naming a catalogue mistake; they run in the grader only, on trusted code,
# with the catalogue's functions built locally.

def _gradient_of_sines(x, weights):
    def scenario(m):
        f = build("weighted_sum_of_sines", {"weights": weights})
        return m["gradient"].numerical_gradient(f, x.copy())
    return scenario


def _x_after_gradient_of_sines(x, weights):
    def scenario(m):
        perturbed = x.copy()
        m["gradient"].numerical_gradient(build("weighted_sum_of_sines", {"weights": weights}), perturbed)
        return perturbed
    return scenario


def _gradient_through_closure(x):
    def scenario(m):
        held = x.copy()
        return m["gradient"].numerical_gradient(build("sum_of_squares", {"target": held}), held)
    return scenario


def _not_restored_message(before, after):
    changed = np.argwhere(before != after)
    index = tuple(int(i) for i in changed[0])
    return (f"numerical_gradient(f, x) changed x: x{list(index)} was {before[index]!r} before and "
            f"{after[index]!r} after ({len(changed)} entries differ).\n"
            "Keep each original value and put it back exactly (x[i] = original); adding h and "
            "subtracting it again does not give the same float.\n"
            f"x before: {show(before)}")
