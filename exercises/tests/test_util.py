"""Visible tests of util.py: im2col and col2im (book chapter 7.4).

im2col lays every patch a filter sees out as one row, so that a convolution
becomes one matrix product; col2im sends values back from the rows to the
pixels, adding them up where patches overlap.
"""
import numpy as np
import pytest

from . import convolution_by_loops
from ..translation import _
from .assertions import assert_close, assert_number_close


@pytest.mark.unit("util.im2col")
def test_im2col_of_a_3x3_image_with_a_2x2_filter(util):
    """The 3x3 image 0..8 and a 2x2 filter, stride 1: four patches, one per row, read row by row."""
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    expected = [[0, 1, 3, 4], [1, 2, 4, 5], [3, 4, 6, 7], [4, 5, 7, 8]]
    assert_close(util.im2col(x, 2, 2), expected, "im2col(arange(9).reshape(1, 1, 3, 3), 2, 2)",
                 hint=_("rows in (n, oh, ow) order: patches left to right, then top to bottom"))


@pytest.mark.unit("util.im2col")
def test_im2col_columns_are_channel_then_patch_row_then_column(util):
    """Two channels, a 2x2 filter on a 2x2 image: the one row holds channel 0's patch, then channel 1's."""
    x = np.arange(8.0).reshape(1, 2, 2, 2)
    assert_close(util.im2col(x, 2, 2), [np.arange(8.0)], "im2col(arange(8).reshape(1, 2, 2, 2), 2, 2)",
                 hint=_("columns in (c, fh, fw) order: transpose to (N, OH, OW, C, FH, FW) before reshaping"))


@pytest.mark.unit("util.im2col")
@pytest.mark.parametrize("stride, pad", [(1, 0), (2, 1), (2, 0), (1, 1)])
def test_im2col_matches_the_patches_taken_one_by_one(util, stride, pad):
    """A (2, 3, 5, 5) batch, 3x3 filter: odd sizes, stride 2 and padding 1 included."""
    x = np.random.default_rng(stride * 10 + pad).standard_normal((2, 3, 5, 5))
    expected = convolution_by_loops.patches(x, 3, 3, stride, pad)
    assert_close(util.im2col(x.copy(), 3, 3, stride=stride, pad=pad), expected,
                 f"im2col(x of shape (2, 3, 5, 5), 3, 3, stride={stride}, pad={pad})",
                 hint=_("OH = (H + 2 * pad - FH) // stride + 1; pad with zeros on both sides"))


@pytest.mark.unit("util.col2im")
def test_col2im_adds_up_overlapping_patches(util):
    """col2im of all-ones rows, 2x2 filter, stride 1, on a 3x3 image: each pixel counts its patches."""
    col = np.ones((4, 4))
    expected = [[[[1, 2, 1], [2, 4, 2], [1, 2, 1]]]]
    assert_close(util.col2im(col, (1, 1, 3, 3), 2, 2), expected, "col2im(ones((4, 4)), (1, 1, 3, 3), 2, 2)",
                 hint=_("where patches overlap, their values add up (+=), they do not overwrite each other"))


@pytest.mark.unit("util.col2im")
@pytest.mark.parametrize("stride, pad", [(1, 0), (2, 1), (1, 1)])
def test_col2im_is_the_adjoint_of_im2col(util, stride, pad):
    """sum(im2col(x) * col) == sum(x * col2im(col)) for a (2, 2, 5, 5) x and any col: the gradient of im2col."""
    rng = np.random.default_rng(stride * 10 + pad)
    x = rng.standard_normal((2, 2, 5, 5))
    patches = convolution_by_loops.patches(x, 3, 3, stride, pad)
    col = rng.standard_normal(patches.shape)
    back = np.asarray(util.col2im(col.copy(), x.shape, 3, 3, stride=stride, pad=pad), dtype=float)
    if back.shape != x.shape:
        raise AssertionError(_("col2im(col, {shape}, 3, 3, stride={stride}, pad={pad}) has shape {got}, "
                               "expected {shape}").format(shape=x.shape, stride=stride, pad=pad, got=back.shape))
    assert_number_close(np.sum(x * back), np.sum(patches * col),
                        f"sum(x * col2im(col, ..., stride={stride}, pad={pad}))",
                        hint=_("col2im adds each row back onto the pixels of its patch and drops the padding"))
