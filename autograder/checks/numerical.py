"""Reading what the student's code returned as numbers: one float, or an array of a given shape.

A value that is not what the contract says (None, a list of the wrong length, a shape that
differs) becomes a CheckFailed saying what was expected.
"""
import numpy as np

from autograder.translation import _

from .feedback import CheckFailed, show


def as_number(what, value):
    """`value` as a float; a CheckFailed when it is not one number."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        array = None
    if value is None or array is None or array.size != 1:
        raise CheckFailed(_("{what} returned {value}, expected a single number").format(
                              what=what, value=show(value)))
    return float(array.reshape(()))


def as_array(what, value, shape):
    """`value` as a float array of `shape`; a CheckFailed otherwise."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        array = None
    if value is None or array is None:
        raise CheckFailed(_("{what} returned {value}, expected an array of shape {shape}").format(
                              what=what, value=show(value), shape=shape))
    if array.shape != tuple(shape):
        raise CheckFailed(_("{what} has shape {shape}, expected shape {shape2}").format(
                              what=what, shape=array.shape, shape2=tuple(shape)))
    return array
