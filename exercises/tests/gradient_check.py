"""The tests' own numerical gradient: the oracle every backward pass is checked against.

It is separate from your `gradient.numerical_gradient`, so a mistake there does
not make the layer tests fail.
"""
import numpy as np

from ..translation import N_, _, translated
from .assertions import as_float_array, failure_message, show

TRANSPOSED_HINT = N_("the gradient is transposed: it must have the shape of the parameter, {shape} "
                     "(for Affine, dW = x.T @ dout, not dout.T @ x)")
#: Central-difference step: small enough for float64 unit-scale inputs, large enough for rounding.
DIFFERENCE_STEP = 1e-5


def numerical_gradient(loss, array):
    """Gradient of loss() with respect to each entry of array, by central differences.

    loss: a function of no arguments that reads `array` (for example a layer's
    forward pass followed by a weighted sum). array is changed in place, entry by
    entry, and restored.
    """
    grad = np.zeros(array.shape)
    for index in np.ndindex(array.shape):
        original = array[index]
        array[index] = original + DIFFERENCE_STEP
        loss_plus = np.sum(loss())
        array[index] = original - DIFFERENCE_STEP
        loss_minus = np.sum(loss())
        array[index] = original
        grad[index] = (loss_plus - loss_minus) / (2 * DIFFERENCE_STEP)
    return grad


def assert_matches_numerical(analytic, numerical, what, hint="", rtol=1e-4, atol=1e-6):
    """Fail unless the gradient from backward matches the numerical gradient, entry by entry."""
    __tracebackhide__ = True
    analytic = as_float_array(analytic, what)
    if analytic.shape != numerical.shape:
        if analytic.ndim == 2 and analytic.shape == numerical.shape[::-1]:
            hint = translated(TRANSPOSED_HINT).format(shape=numerical.shape)
        raise AssertionError(failure_message(
            what, f"an array of shape {numerical.shape}", f"shape {analytic.shape}", hint))
    excess = np.abs(analytic - numerical) - (atol + rtol * np.abs(numerical))
    if np.any(excess > 0) or not np.all(np.isfinite(analytic)):
        worst = np.unravel_index(np.argmax(np.nan_to_num(excess, nan=np.inf)), numerical.shape)
        raise AssertionError(failure_message(
            _("{what} does not match the numerical gradient (central differences of the forward pass); "
              "worst entry {index}: backward {backward:.8g}, numerical {numerical:.8g}").format(
                what=what, index=tuple(int(i) for i in worst), backward=analytic[worst],
                numerical=numerical[worst]),
            show(numerical), show(analytic), hint))
