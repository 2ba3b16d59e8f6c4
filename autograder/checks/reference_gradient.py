"""Backward passes checked against the gradient of the contract's function (the reference forward).

The student's gradient g at a point p is compared, along a few random unit
directions v, with central differences of the REFERENCE loss computed in the
grader: (L_ref(p + h v) - L_ref(p - h v)) / 2h. So a backward pass earns its
points only when it is the gradient of what the contract asks for, never
because it agrees with a wrong or constant forward pass of the student's.
Two reference evaluations per direction, whatever the number of filters or
parameters: the cost does not grow with the layer's size, and no call goes to
the student's worker.
"""
import numpy as np

from autograder.translation import _

from .compare import mistake_note, recognise_mistake, with_diagnosis
from .feedback import CheckFailed, describe_inputs, labelled
from .numerical import (DIFFERENCE_STEP, FLOOR_FRACTION, GRADIENT_RTOL, as_array, directional_derivatives,
                        relative_error)

DIRECTIONS = 3   # random unit directions per gradient


def expect_reference_gradients(unit, what, reference_loss_of, points, grads, rng, inputs, expected=None,
                               scenario=None, got=None, rtol=GRADIENT_RTOL, hint=None, directions=DIRECTIONS):
    """Fail unless every gradient in `grads` is the gradient of the reference loss.

    reference_loss_of(name, value): the reference's loss (a float) with `points[name]` replaced by `value`.
    points: name -> array where the gradient is taken; grads: name -> the student's gradient there.
    expected: name -> the reference's own gradient (shown on failure).
    scenario, got: for naming a recognised mistake (see compare.recognise_mistake).
    hint: a line added to the feedback of a failure.
    Returns {name: relative error}.
    """
    measured = {}
    for name, point in points.items():
        try:
            grad = as_array(f"{what}: {name}", grads.get(name) if isinstance(grads, dict) else None, point.shape)
        except CheckFailed as failure:
            raise (with_diagnosis(failure, unit, scenario, got) if scenario else failure) from None
        if not np.all(np.isfinite(grad)):
            failure = CheckFailed(_("{what}: {name} holds nan or inf values.").format(what=what, name=name))
            raise (with_diagnosis(failure, unit, scenario, got) if scenario else failure)
        measured[name] = directional_derivatives(lambda p, n=name: reference_loss_of(n, p), point, grad, rng,
                                                 directions=directions, h=DIFFERENCE_STEP)
    floor = FLOOR_FRACTION * max([np.linalg.norm(n) for _analytic, n in measured.values()] + [1e-12])
    errors = {name: relative_error(a, n, floor) for name, (a, n) in measured.items()}
    wrong = [name for name, error in errors.items() if not error <= rtol]
    if not wrong:
        return errors
    lines = [_("{what}: the gradient is not the gradient of the function the contract defines").format(what=what)]
    for name in wrong:
        analytic, numeric = measured[name]
        lines.append("  " + _("{name}: relative error {error} (tolerance {tolerance}); along random unit directions "
                              "v your gradient gives g.v = {yours}, the expected gradient gives {expected}").format(
            name=name, error=f"{errors[name]:.3g}", tolerance=f"{rtol:g}", yours=_numbers(analytic),
            expected=_numbers(numeric)))
    if inputs:
        lines += [_("input:"), describe_inputs(inputs)]
    first = wrong[0]
    expected_label = _("expected {name}:").format(name=first) + " "
    got_label = _("got {name}:").format(name=first) + " "
    width = max(len(expected_label), len(got_label))
    if expected is not None and first in expected:
        lines.append(labelled(expected_label.ljust(width), expected[first]))
    lines.append(labelled(got_label.ljust(width), np.asarray(grads.get(first))))
    mistake = recognise_mistake(unit, scenario, got, rtol=1e-6, atol=1e-9) if scenario else None
    if mistake:
        lines.append(mistake_note(mistake))
    elif hint:
        lines.append(hint)
    raise CheckFailed("\n".join(lines), diagnosis=mistake.name if mistake else None)


def _numbers(values):
    return "[" + ", ".join(f"{v:.7g}" for v in values) + "]"
