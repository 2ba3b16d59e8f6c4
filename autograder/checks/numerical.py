"""Reading what the student's code returned as numbers: one float, or an array of a given shape.

A value that is not what the contract says (None, a list of the wrong length, a shape that
differs) becomes a CheckFailed saying what was expected.
"""
import numpy as np

from .feedback import CheckFailed, show


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
