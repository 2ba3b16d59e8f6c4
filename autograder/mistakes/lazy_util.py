"""Lazy answers for util.py: patches and images that hold no work."""
from .lazy import lazy

IM2COL_ARGUMENTS = "input_data, filter_h, filter_w, stride=1, pad=0"
COL2IM_ARGUMENTS = "col, input_shape, filter_h, filter_w, stride=1, pad=0"
OUTPUT_SIZE = """
    N, C, H, W = {shape}
    out_h = (H + 2 * pad - filter_h) // stride + 1
    out_w = (W + 2 * pad - filter_w) // stride + 1
"""

LAZY_ANSWERS = (
    lazy("util.im2col", "zeros of the right shape", "util.im2col",
         f"def im2col({IM2COL_ARGUMENTS}):" + OUTPUT_SIZE.format(shape="input_data.shape")
         + "    return np.zeros((N * out_h * out_w, C * filter_h * filter_w))\n"),
    lazy("util.im2col", "the input reshaped", "util.im2col",
         f"def im2col({IM2COL_ARGUMENTS}):\n"
         "    return input_data.reshape(-1, input_data.shape[1] * filter_h * filter_w)\n"),
    lazy("util.im2col", "the first pixels repeated", "util.im2col",
         f"def im2col({IM2COL_ARGUMENTS}):" + OUTPUT_SIZE.format(shape="input_data.shape")
         + "    return np.resize(input_data, (N * out_h * out_w, C * filter_h * filter_w))\n"),
    lazy("util.col2im", "zeros of the image's shape", "util.col2im",
         f"def col2im({COL2IM_ARGUMENTS}):\n    return np.zeros(input_shape)\n"),
    lazy("util.col2im", "the rows' values poured into the image", "util.col2im",
         f"def col2im({COL2IM_ARGUMENTS}):\n    return np.resize(col, input_shape)\n"),
)
