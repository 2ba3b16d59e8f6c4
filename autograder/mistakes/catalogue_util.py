"""Known mistakes in util.py: im2col and col2im."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    Mistake(
        name=N_("im2col reshaped without the transpose"),
        unit="util.im2col",
        target="util.im2col",
        hint=N_("col is filled as (N, C, FH, FW, OH, OW); rows must be (n, oh, ow) and columns (c, fh, fw): "
                "transpose it to (N, OH, OW, C, FH, FW) with .transpose(0, 4, 5, 1, 2, 3) before the reshape."),
        source="""
            def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
                N, C, H, W = input_data.shape
                out_h = (H + 2 * pad - filter_h) // stride + 1
                out_w = (W + 2 * pad - filter_w) // stride + 1
                img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
                col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))
                for y in range(filter_h):
                    for x in range(filter_w):
                        col[:, :, y, x, :, :] = img[:, :, y:y + stride * out_h:stride, x:x + stride * out_w:stride]
                return col.reshape(N * out_h * out_w, -1)
        """,
    ),
    Mistake(
        name=N_("im2col columns in (fh, fw, c) order"),
        unit="util.im2col",
        target="util.im2col",
        hint=N_("Within a row the channel comes first, then the row and the column inside the patch "
                "(c, fh, fw), as W.reshape(FN, -1) lays out the filters: transpose with (0, 4, 5, 1, 2, 3)."),
        source="""
            def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
                N, C, H, W = input_data.shape
                out_h = (H + 2 * pad - filter_h) // stride + 1
                out_w = (W + 2 * pad - filter_w) // stride + 1
                img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
                col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))
                for y in range(filter_h):
                    for x in range(filter_w):
                        col[:, :, y, x, :, :] = img[:, :, y:y + stride * out_h:stride, x:x + stride * out_w:stride]
                return col.transpose(0, 4, 5, 2, 3, 1).reshape(N * out_h * out_w, -1)
        """,
    ),
    Mistake(
        name=N_("im2col output size without the padding"),
        unit="util.im2col",
        target="util.im2col",
        hint=N_("The padding adds pad pixels on BOTH sides: OH = (H + 2 * pad - FH) // stride + 1 "
                "(conv_output_size(H, FH, stride, pad) computes it)."),
        source="""
            def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
                N, C, H, W = input_data.shape
                out_h = (H - filter_h) // stride + 1
                out_w = (W - filter_w) // stride + 1
                img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
                col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))
                for y in range(filter_h):
                    for x in range(filter_w):
                        col[:, :, y, x, :, :] = img[:, :, y:y + stride * out_h:stride, x:x + stride * out_w:stride]
                return col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)
        """,
    ),
    Mistake(
        name=N_("im2col output size by true division"),
        unit="util.im2col",
        target="util.im2col",
        hint=N_("(H + 2 * pad - FH) / stride is a float, and array sizes must be integers: divide with // "
                "(or use conv_output_size)."),
        source="""
            def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
                N, C, H, W = input_data.shape
                out_h = (H + 2 * pad - filter_h) / stride + 1
                out_w = (W + 2 * pad - filter_w) / stride + 1
                img = np.pad(input_data, [(0, 0), (0, 0), (pad, pad), (pad, pad)], "constant")
                col = np.zeros((N, C, filter_h, filter_w, out_h, out_w))
                for y in range(filter_h):
                    for x in range(filter_w):
                        col[:, :, y, x, :, :] = img[:, :, y:y + stride * out_h:stride, x:x + stride * out_w:stride]
                return col.transpose(0, 4, 5, 1, 2, 3).reshape(N * out_h * out_w, -1)
        """,
    ),
    Mistake(
        name=N_("col2im overwrites overlapping patches"),
        unit="util.col2im",
        target="util.col2im",
        hint=N_("Where patches overlap (stride smaller than the filter), a pixel gets a value from each patch "
                "that holds it, and they add up: use += where the values are written back, not =."),
        source="""
            def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
                N, C, H, W = input_shape
                out_h = (H + 2 * pad - filter_h) // stride + 1
                out_w = (W + 2 * pad - filter_w) // stride + 1
                col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
                img = np.zeros((N, C, H + 2 * pad + stride - 1, W + 2 * pad + stride - 1))
                for y in range(filter_h):
                    for x in range(filter_w):
                        img[:, :, y:y + stride * out_h:stride, x:x + stride * out_w:stride] = col[:, :, y, x, :, :]
                return img[:, :, pad:H + pad, pad:W + pad]
        """,
    ),
    Mistake(
        name=N_("col2im keeps the padding"),
        unit="util.col2im",
        target="util.col2im",
        hint=N_("The padded border is not part of the image: return img[:, :, pad:H + pad, pad:W + pad], "
                "of shape (N, C, H, W)."),
        source="""
            def col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0):
                N, C, H, W = input_shape
                out_h = (H + 2 * pad - filter_h) // stride + 1
                out_w = (W + 2 * pad - filter_w) // stride + 1
                col = col.reshape(N, out_h, out_w, C, filter_h, filter_w).transpose(0, 3, 4, 5, 1, 2)
                img = np.zeros((N, C, H + 2 * pad + stride - 1, W + 2 * pad + stride - 1))
                for y in range(filter_h):
                    for x in range(filter_w):
                        img[:, :, y:y + stride * out_h:stride, x:x + stride * out_w:stride] += col[:, :, y, x, :, :]
                return img
        """,
    ),
)
