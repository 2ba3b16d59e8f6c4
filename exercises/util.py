# Generated from solutions/util.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 5592e96df43b2a2a (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=eac65602 conv_output_size=f4eaa4d5 im2col=45b7bb05
#   col2im=8366f0c9
"""Turning convolutions into matrix products: im2col and its adjoint col2im (book chapter 7.4).

A convolution slides a filter of FH x FW pixels over an image. ``im2col``
copies every patch the filter sees into one row of a matrix, so that the
convolution becomes one matrix product with the filters laid out as columns.
``col2im`` goes back: it adds each row's values onto the pixels the patch came
from, which is how gradients return from the rows to the image.

Shapes: images (N, C, H, W); filters FH x FW; output OH x OW with
``OH = (H + 2 * pad - FH) // stride + 1`` (``conv_output_size``).

日本語: 畳み込みを行列の積に変える: im2col と、その随伴 col2im (本書 7.4 節)。

畳み込みでは、FH x FW 画素のフィルターを画像の上でスライドさせます。``im2col`` は
フィルターが見る各パッチを行列の 1 行にコピーするので、フィルターを列に並べれば
畳み込みは 1 回の行列の積になります。``col2im`` はその逆向きです: 各行の値を、
そのパッチの元の画素に足し戻します。勾配はこうして行から画像へ戻ります。

形状: 画像 (N, C, H, W)。フィルター FH x FW。出力 OH x OW。
``OH = (H + 2 * pad - FH) // stride + 1`` (``conv_output_size``)。
"""
import numpy as np


def conv_output_size(input_size, filter_size, stride=1, pad=0):
    """How many positions a filter takes along one axis: (input_size + 2 * pad - filter_size) // stride + 1.

    日本語: 1 つの軸の方向に、フィルターがいくつの位置をとるか:
    (input_size + 2 * pad - filter_size) // stride + 1。
    """
    return (input_size + 2 * pad - filter_size) // stride + 1


def im2col(input_data, filter_h, filter_w, stride=1, pad=0):
    """Every filter-sized patch of the (zero-padded) images, one patch per row.

    input_data: images (N, C, H, W).
    Returns col (N * OH * OW, C * filter_h * filter_w): rows in (n, oh, ow) order
    (sample, then output row, then output column); columns in (c, fh, fw) order
    (channel, then row and column inside the patch).

    日本語: (0 でパディングした) 画像の、フィルターの大きさのパッチすべて。1 行に 1 パッチ。

    input_data: 画像 (N, C, H, W)。
    col (N * OH * OW, C * filter_h * filter_w) を返します: 行は (n, oh, ow) の順
    (サンプル、出力の行、出力の列の順)。列は (c, fh, fw) の順
    (チャンネル、パッチの中の行と列の順)。
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

    日本語: im2col の随伴: 各行の値を、そのパッチの画素に足し戻します。

    col: 配列 (N * OH * OW, C * filter_h * filter_w)。im2col の出力と同じ並び。
    input_shape: (N, C, H, W)。im2col に渡した画像の形状。
    画像 (N, C, H, W) を返します。パッチが重なるところ (stride < フィルターの大きさ) では
    値を足し合わせます (ADD UP): これで col2im が im2col の勾配になります。
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
