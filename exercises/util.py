# Generated from solutions/util.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: b3688e76593d7e5b (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=681b1aae conv_output_size=f4c35290 im2col=1e38c4d4
#   col2im=4b645913
"""Turning convolutions into matrix products: im2col and its adjoint col2im (book chapter 7.4).

A convolution slides a filter of FH x FW pixels over an image. ``im2col``
copies every patch the filter sees into one row of a matrix, so that the
convolution becomes one matrix product with the filters laid out as columns.
``col2im`` goes back: it adds each row's values onto the pixels the patch came
from, which is how gradients return from the rows to the image.

Shapes: images (N, C, H, W); filters FH x FW; output OH x OW with
``OH = (H + 2 * pad - FH) // stride + 1`` (``conv_output_size``).
"""
import numpy as np


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    """How many positions a filter takes along one axis: (input_size + 2 * pad - filter_size) // stride + 1."""
    return (input_size + 2 * pad - filter_size) // stride + 1


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    """Every filter-sized patch of the (zero-padded) images, one patch per row.

    input_data: images (N, C, H, W).
    Returns col (N * OH * OW, C * filter_h * filter_w): rows in (n, oh, ow) order
    (sample, then output row, then output column); columns in (c, fh, fw) order
    (channel, then row and column inside the patch).
    """
    # TODO: pad the images with `pad` zeros on both sides of H and W (np.pad). Fill
    #   col6 (N, C, filter_h, filter_w, OH, OW): for each filter offset (y, x),
    #   col6[:, :, y, x] = padded[:, :, y : y + stride * OH : stride, x : x + stride * OW : stride].
    #   Then transpose to (N, OH, OW, C, filter_h, filter_w) and reshape to (N * OH * OW, -1).
    # 日本語: 画像の H と W の両側に `pad` 個のゼロを詰めます (np.pad)。col6 (N, C, filter_h,
    #   filter_w, OH, OW) を埋めます: フィルター内の各位置 (y, x) について col6[:, :, y, x] =
    #   padded[:, :, y : y + stride * OH : stride, x : x + stride * OW : stride]。それから (N,
    #   OH, OW, C, filter_h, filter_w) に transpose し、(N * OH * OW, -1) に reshape します。
    raise NotImplementedError("pad the images with `pad` zeros on both sides of H and W (np.pad). Fill col6 (N, C, filter_h, filter_w, OH, OW): for each filter offset (y, x), col6[:, :, y, x] = padded[:, :, y : y + stride * OH : stride, x : x + stride * OW : stride]. Then transpose to (N, OH, OW, C, filter_h, filter_w) and reshape to (N * OH * OW, -1).")
    # ---- end of your code ----


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    """The adjoint of im2col: each row's values added back onto the pixels of its patch.

    col: array (N * OH * OW, C * filter_h * filter_w), laid out as im2col's output.
    input_shape: (N, C, H, W), the shape of the images im2col was given.
    Returns images (N, C, H, W). Where patches overlap (stride < filter size),
    their values ADD UP: that is what makes col2im the gradient of im2col.
    """
    # TODO: reshape col to (N, OH, OW, C, filter_h, filter_w) and transpose it to
    #   (N, C, filter_h, filter_w, OH, OW). Start from zeros of the padded image's shape and,
    #   for each filter offset (y, x), ADD (+=) col6[:, :, y, x] onto
    #   padded[:, :, y : y + stride * OH : stride, x : x + stride * OW : stride].
    #   Return the image without its padding.
    # 日本語: col を (N, OH, OW, C, filter_h, filter_w) に reshape し、(N, C, filter_h,
    #   filter_w, OH, OW) に transpose します。パディングした画像の形のゼロから始め、フィルター
    #   内の各位置 (y, x) について col6[:, :, y, x] を padded[:, :, y : y + stride * OH :
    #   stride, x : x + stride * OW : stride] に「足し込み」ます (+=)。パディングを除いた画像を
    #   返します。
    raise NotImplementedError("reshape col to (N, OH, OW, C, filter_h, filter_w) and transpose it to (N, C, filter_h, filter_w, OH, OW). Start from zeros of the padded image's shape and, for each filter offset (y, x), ADD (+=) col6[:, :, y, x] onto padded[:, :, y : y + stride * OH : stride, x : x + stride * OW : stride]. Return the image without its padding.")
    # ---- end of your code ----
