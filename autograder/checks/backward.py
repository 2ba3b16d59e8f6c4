"""Backward passes credited against the gradient of the contract's function.

The student's backward (a layer's dx, dW, ...; a network's gradient dict) is compared with the
REFERENCE's backward on the same input and parameters, computed in the grader. A backward that
is merely consistent with the student's own forward (zeros for a forward of zeros, an identity's
gradient for an identity layer) earns nothing: only the gradient of the contract's function
passes.

Each gradient array g is judged by ||g - e|| / max(||e||, floor) <= GRADIENT_RTOL, where e is
the reference's gradient and floor is FLOOR_FRACTION of the largest reference gradient's norm
(see checks.tolerances).
"""
import numpy as np

from autograder.translation import _, translated

from .compare import mistake_note, recognise_mistake, with_diagnosis
from .feedback import CheckFailed, describe_inputs, labelled
from .numerical import as_array
from .tolerances import FLOOR_FRACTION, GRADIENT_RTOL


def relative_errors(got, expected):
    """name -> ||got - expected|| / max(||expected||, floor), floor as in the module docstring."""
    floor = FLOOR_FRACTION * max([float(np.linalg.norm(e)) for e in expected.values()] + [1e-12])
    errors = {}
    for name, e in expected.items():
        with np.errstate(all="ignore"):
            error = float(np.linalg.norm(got[name] - e)) / max(float(np.linalg.norm(e)), floor)
        errors[name] = error if np.isfinite(error) else float("inf")
    return errors


def expect_reference_gradients(unit, what, got, expected, inputs, scenario=None, raw=None,
                               rtol=GRADIENT_RTOL, hint=None):
    """Fail unless every gradient in `got` matches the reference's gradient in `expected`.

    got, expected: name -> gradient (the student's, plain data; the reference's arrays).
    inputs: name -> value shown in the feedback. scenario, raw: for naming a catalogue mistake
    (raw is the student's whole result, as the scenario returns it).
    Returns name -> relative error.
    """
    arrays = {}
    for name, e in expected.items():
        value = got.get(name) if isinstance(got, dict) else None
        try:
            arrays[name] = _gradient_array(f"{what}: {name}", value, np.shape(e))
        except CheckFailed as failure:
            raise (with_diagnosis(failure, unit, scenario, raw) if scenario else failure) from None
    errors = relative_errors(arrays, {k: np.asarray(v, dtype=float) for k, v in expected.items()})
    wrong = [name for name, error in errors.items() if not error <= rtol]
    if not wrong:
        return errors
    lines = [_("{what}: the gradient differs from the gradient of the contract's function (the "
               "reference's backward pass on the same input and parameters)").format(what=what)]
    for name in wrong:
        lines.append(_("  {name}: relative error {errors:.3g} (tolerance {rtol:g})").format(
                         name=name, errors=errors[name], rtol=rtol))
    if inputs:
        lines += ["input:", describe_inputs(inputs)]
    first = wrong[0]
    lines.append(labelled(_("expected {first}: ").format(first=first), np.asarray(expected[first])))
    lines.append(labelled(f"got {first}: ".ljust(len(f"expected {first}: ")), arrays[first]))
    if hint:
        lines.append(hint)
    mistake = recognise_mistake(unit, scenario, raw, rtol=1e-6, atol=1e-9) if scenario else None
    if mistake:
        lines.append(mistake_note(mistake))
    raise CheckFailed("\n".join(lines), diagnosis=translated(mistake.name) if mistake else None)


def _gradient_array(what, value, shape):
    if isinstance(value, (list, tuple)):
        raise CheckFailed(_("{what} is a {name}, expected a NumPy array (ndarray) of shape {shape}").format(
                              what=what, name=type(value).__name__, shape=tuple(shape)))
    return as_array(what, value, shape)
