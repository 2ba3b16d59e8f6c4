"""Checks of util.py: im2col and col2im against the reference, on geometries that tell the
layouts apart (several samples, channels and output positions) and that exercise the output
size formula (odd sizes, stride 2, padding 1) and overlapping patches (stride < filter size)."""
import numpy as np

from autograder.translation import _

from .compare import expect_match
from .reference import REFERENCE
from .tolerances import EXACT


def geometries(rng):
    """Named (input shape, filter_h, filter_w, stride, pad), drawn fresh for each submission.

    Every geometry has N >= 2, C >= 2 and at least 2 x 2 output positions, so a wrong row or
    column order cannot go unseen; sizes are odd where the stride is 2.
    """
    n, c = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    odd = int(rng.choice([5, 7]))
    return {
        "stride 1, no padding": ((n, c, odd, odd + 1), 3, 3, 1, 0),
        "stride 2, padding 1, odd size": ((n, c, odd, odd), 3, 3, 2, 1),
        "stride 2, odd size, 2x3 filter": ((n, c, odd + 2, odd), 2, 3, 2, 0),
        "stride 1, padding 1": ((n, c, 4, 5), 3, 3, 1, 1),
    }


def describe(name, shape, filter_h, filter_w, stride, pad):
    return f"{name}: input {shape}, filter {filter_h}x{filter_w}, stride={stride}, pad={pad}"


def check_im2col(sub, rng):
    cases = geometries(rng)
    images = {name: rng.normal(size=case[0]) for name, case in cases.items()}

    def scenario(m):
        return {describe(name, *case): m["util"].im2col(images[name].copy(), *case[1:3], stride=case[3], pad=case[4])
                for name, case in cases.items()}

    first = next(iter(cases))
    expect_match(sub, "util.im2col", _("im2col(x, filter_h, filter_w, stride, pad)"), scenario,
                 {f"x ({first})": images[first]}, **EXACT,
                 note=_("Shape (N * OH * OW, C * FH * FW) with OH = (H + 2 * pad - FH) // stride + 1; rows in "
                        "(n, oh, ow) order, columns in (c, fh, fw) order: transpose the (N, C, FH, FW, OH, OW) "
                        "array to (N, OH, OW, C, FH, FW) before reshaping."))


def check_col2im(sub, rng):
    cases = geometries(rng)
    reference_im2col = REFERENCE["util"].im2col
    cols = {name: rng.normal(size=reference_im2col(np.zeros(case[0]), *case[1:]).shape)
            for name, case in cases.items()}

    def scenario(m):
        return {describe(name, *case): m["util"].col2im(cols[name].copy(), case[0], *case[1:3], stride=case[3],
                                                        pad=case[4])
                for name, case in cases.items()}

    first = next(iter(cases))
    expect_match(sub, "util.col2im", _("col2im(col, input_shape, filter_h, filter_w, stride, pad)"), scenario,
                 {f"col ({first})": cols[first]}, **EXACT,
                 note=_("col2im is the adjoint of im2col: each row's values go back to the pixels of its patch "
                        "and ADD UP where patches overlap (stride smaller than the filter); the padding is "
                        "dropped at the end. Returns (N, C, H, W)."))

