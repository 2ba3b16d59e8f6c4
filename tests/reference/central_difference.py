"""The oracle's own numerical gradient and relative error (independent of solutions.gradient)."""
import numpy as np

#: Step of the central difference. The fourth-order stencil below has a truncation error
#: of ~h**4 (1e-16 here) and a rounding error of ~1.5 * 1e-16 / h (~2e-12 on a loss of
#: order 1): about ten times below the plain (f(x+h) - f(x-h)) / 2h at its best step, 1e-5.
STEP = 1e-4

#: Below this magnitude an entry is compared absolutely: a gradient that is exactly zero
#: (the bias of an Affine layer feeding batch norm) has only rounding noise (~1e-12)
#: as its numerical value, and a pure relative error of noise over zero means nothing.
ABSOLUTE_FLOOR = 1e-4

#: The bar every backward pass of the reference must clear.
TOLERANCE = 1e-6


def central_difference(f, x, step=STEP):
    """Numerical gradient of f at x by the fourth-order central difference, entry by entry.

    df/dx_i ~ (f(x - 2h e_i) - 8 f(x - h e_i) + 8 f(x + h e_i) - f(x + 2h e_i)) / 12h.

    f: called with no argument; it must read x (or an object holding x by reference),
       which is changed in place here, one entry at a time, by at most 2 * step.
    x: float64 array of any shape (not 0-D). Each entry is put back after use.
    Returns a float64 array of x's shape.
    """
    if x.dtype != np.float64:
        raise TypeError(f"the oracle works in float64, got {x.dtype}")
    grad = np.empty(x.shape)
    for index in np.ndindex(*x.shape):
        original = x[index]
        values = {}
        for offset in (-2, -1, 1, 2):
            x[index] = original + offset * step
            values[offset] = float(f())
        x[index] = original
        grad[index] = (values[-2] - 8 * values[-1] + 8 * values[1] - values[2]) / (12 * step)
    return grad


def relative_error(analytic, numerical, floor=ABSOLUTE_FLOOR):
    """Worst entrywise |a - n| / max(|a|, |n|, floor) over two arrays of one shape."""
    analytic = np.asarray(analytic, dtype=np.float64)
    numerical = np.asarray(numerical, dtype=np.float64)
    if analytic.shape != numerical.shape:
        raise ValueError(f"shapes differ: analytic {analytic.shape}, numerical {numerical.shape}")
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numerical)), floor)
    return float(np.max(np.abs(analytic - numerical) / scale))


def log_softmax(scores):
    """Row-wise log of the softmax of scores (N, C), by log-sum-exp (no log(0), no overflow)."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def exact_cross_entropy(scores, labels):
    """Mean of -log softmax(scores)[n, labels[n]]: the loss with no epsilon inside the log.

    The reference adds 1e-7 inside its log (as the book does), which moves the numerical
    gradient by ~1e-7 / p_true; comparing backward passes with this exact loss removes
    that offset, so the tolerance can stay at 1e-6.
    scores: (N, C); labels: integer array (N,).
    """
    return float(-np.mean(log_softmax(scores)[np.arange(len(labels)), labels]))


def one_hot(labels, class_count):
    """Integer labels (N,) as a float one-hot array (N, class_count)."""
    encoded = np.zeros((len(labels), class_count))
    encoded[np.arange(len(labels)), labels] = 1.0
    return encoded
