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
    ### BEGIN SOLUTION
    # TODO: pad the images with `pad` zeros on both sides of H and W (np.pad). Fill
    #   col6 (N, C, filter_h, filter_w, OH, OW): for each filter offset (y, x),
    #   col6[:, :, y, x] = padded[:, :, y : y + stride * OH : stride, x : x + stride * OW : stride].
    #   Then transpose to (N, OH, OW, C, filter_h, filter_w) and reshape to (N * OH * OW, -1).
    N, C, H, W = input_data.shape
    out_h = conv_output_size(H, filter_h, stride, pad)
    out_w = conv_output_size(W, filter_w, stride, pad)
    padded = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], mode="constant")
    col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))
    for y in range(filter_h):
        y_end = y + stride * out_h
        for x in range(filter_w):
            x_end = x + stride * out_w
            col[:, :, y, x, :, :] = padded[:, :, y:y_end:stride, x:x_end:stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)
    ### END SOLUTION


def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
    """The adjoint of im2col: each row's values added back onto the pixels of its patch.

    col: array (N * OH * OW, C * filter_h * filter_w), laid out as im2col's output.
    input_shape: (N, C, H, W), the shape of the images im2col was given.
    Returns images (N, C, H, W). Where patches overlap (stride < filter size),
    their values ADD UP: that is what makes col2im the gradient of im2col.
    """
    ### BEGIN SOLUTION
    # TODO: reshape col to (N, OH, OW, C, filter_h, filter_w) and transpose it to
    #   (N, C, filter_h, filter_w, OH, OW). Start from zeros of the padded image's shape and,
    #   for each filter offset (y, x), ADD (+=) col6[:, :, y, x] onto
    #   padded[:, :, y : y + stride * OH : stride, x : x + stride * OW : stride].
    #   Return the image without its padding.
    N, C, H, W = input_shape
    out_h = conv_output_size(H, filter_h, stride, pad)
    out_w = conv_output_size(W, filter_w, stride, pad)
    col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
    # stride - 1 spare rows and columns: the slices below may end past the padded image.
    padded = np.zeros((N, C, H + 2 * pad + stride - 1, W + 2 * pad + stride - 1))
    for y in range(filter_h):
        y_end = y + stride * out_h
        for x in range(filter_w):
            x_end = x + stride * out_w
            padded[:, :, y:y_end:stride, x:x_end:stride] += col[:, :, y, x, :, :]
    return padded[:, :, pad:H + pad, pad:W + pad]
    ### END SOLUTION
