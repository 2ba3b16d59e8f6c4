"""Backward passes checked against the numerical gradient of the student's own forward.

For a gradient g of a scalar loss L at a point p, a few random unit
directions v are drawn and g . v is compared with the central difference
(L(p + h v) - L(p - h v)) / 2h. Two loss evaluations per direction, whatever
the number of parameters, in float64.

Tolerances: an accepted variant is at most ~5e-6 off per sample (the book's
1e-7 inside the logarithm with true-class probabilities > 0.02 scales each
sample's gradient by 1 - 1e-7 / y_true; BN eps is the same in the student's
forward and backward), while the mistakes are ~1e-1 off or worse (missing BN
variance path, missing 1/N, N - 1 for N). A bias gradient sums the samples'
gradients and may nearly cancel, so each gradient is judged on the scale of
the largest one (FLOOR_FRACTION); GRADIENT_RTOL sits between the two groups.
"""
import numpy as np

from .compare import mistake_note, recognise_mistake, with_diagnosis
from .feedback import CheckFailed, describe_inputs, labelled, show

DIFFERENCE_STEP = 1e-5   # h, for unit directions in float64: truncation and rounding both ~1e-10
GRADIENT_RTOL = 1e-3
DIRECTIONS = 2           # random directions per gradient
# A gradient smaller than this share of the largest one is compared on that share's scale
# (a BatchNorm-fed bias has an exact zero gradient; central differences add ~ulp(L) / h ~ 1e-11).
FLOOR_FRACTION = 0.02


def random_direction(rng, shape):
    """A random unit vector of `shape`."""
    v = rng.standard_normal(shape)
    return v / np.linalg.norm(v)


def as_number(what, value):
    """`value` as a float; a CheckFailed when it is not one number."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        array = None
    if value is None or array is None or array.size != 1:
        raise CheckFailed(f"{what} returned {show(value)}, expected a single number")
    return float(array.reshape(()))


def as_array(what, value, shape):
    """`value` as a float array of `shape`; a CheckFailed otherwise."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        array = None
    if value is None or array is None:
        raise CheckFailed(f"{what} returned {show(value)}, expected an array of shape {shape}")
    if array.shape != tuple(shape):
        raise CheckFailed(f"{what} has shape {array.shape}, expected shape {tuple(shape)}")
    return array


def directional_derivatives(loss_at, point, grad, rng, directions=DIRECTIONS, h=DIFFERENCE_STEP):
    """(analytic, numeric): arrays of g . v and of central differences along random unit v."""
    analytic, numeric = [], []
    for _ in range(directions):
        v = random_direction(rng, point.shape)
        analytic.append(float(np.sum(grad * v)))
        numeric.append((loss_at(point + h * v) - loss_at(point - h * v)) / (2 * h))
    return np.array(analytic), np.array(numeric)


def relative_error(analytic, numeric, floor):
    """||a - n|| / max(||a||, ||n||, floor)."""
    scale = max(np.linalg.norm(analytic), np.linalg.norm(numeric), floor)
    return float(np.linalg.norm(analytic - numeric) / scale)


def expect_gradients(unit, what, loss_of, points, grads, rng, inputs, expected=None,
                    scenario=None, got=None, rtol=GRADIENT_RTOL, hint=None):
    """Fail unless every gradient agrees with central differences of the student's loss.

    loss_of(name, value): the student's loss with `points[name]` replaced by `value`.
    points: name -> array where the gradient was taken; grads: name -> the student's gradient.
    expected: name -> the reference's gradient on the same input (shown on failure).
    scenario, got: for naming a recognised mistake (see compare.recognise_mistake).
    hint: a line added to the feedback of a failure.
    """
    measured = {}
    for name, point in points.items():
        try:
            grad = as_array(f"{what}: {name}", grads.get(name), point.shape)
        except CheckFailed as failure:
            raise (with_diagnosis(failure, unit, scenario, got) if scenario else failure) from None
        measured[name] = directional_derivatives(lambda p, n=name: loss_of(n, p), point, grad, rng)
    floor = FLOOR_FRACTION * max([np.linalg.norm(n) for _, n in measured.values()] + [1e-12])
    errors = {name: relative_error(a, n, floor) for name, (a, n) in measured.items()}
    wrong = [name for name, error in errors.items() if not error <= rtol]
    if not wrong:
        return errors
    lines = [f"{what}: the gradient disagrees with the numerical gradient of your own forward pass"]
    for name in wrong:
        analytic, numeric = measured[name]
        lines.append(f"  {name}: relative error {errors[name]:.3g} (tolerance {rtol:g}); along random unit "
                     f"directions v your gradient gives g.v = {_numbers(analytic)}, central differences "
                     f"give {_numbers(numeric)}")
    if inputs:
        lines += ["input:", describe_inputs(inputs)]
    first = wrong[0]
    if expected is not None and first in expected:
        lines.append(labelled(f"expected {first} (reference): ", expected[first]))
    lines.append(labelled(f"got {first}: ".ljust(len(f"expected {first} (reference): ")),
                          np.asarray(grads.get(first))))
    if hint:
        lines.append(hint)
    mistake = recognise_mistake(unit, scenario, got, rtol=1e-6, atol=1e-9) if scenario else None
    if mistake:
        lines.append(mistake_note(mistake))
    raise CheckFailed("\n".join(lines), diagnosis=mistake.name if mistake else None)


def _numbers(values):
    return "[" + ", ".join(f"{v:.7g}" for v in values) + "]"
