"""Convolution, max pooling and patches written as plain loops over their definitions.

Slow but easy to read: the tests compare your vectorised code (im2col, Convolution,
Pooling) with these. OH = (H + 2 * pad - FH) // stride + 1, OW likewise.
"""
import numpy as np


def output_size(input_size, filter_size, stride, pad):
    return (input_size + 2 * pad - filter_size) // stride + 1


def patches(x, filter_h, filter_w, stride=1, pad=0):
    """im2col by its definition: one row per (n, oh, ow), each row a patch in (c, fh, fw) order."""
    n, _, h, w = x.shape
    padded = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    rows = []
    for sample in range(n):
        for i in range(output_size(h, filter_h, stride, pad)):
            for j in range(output_size(w, filter_w, stride, pad)):
                top, left = i * stride, j * stride
                rows.append(padded[sample, :, top:top + filter_h, left:left + filter_w].ravel())
    return np.array(rows)


def convolution(x, W, b, stride=1, pad=0):
    """out[n, f, i, j] = sum(W[f] * patch of x at (i, j)) + b[f]; x (N, C, H, W), W (FN, C, FH, FW)."""
    filter_count, _, filter_h, filter_w = W.shape
    n, _, h, w = x.shape
    padded = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    out = np.empty((n, filter_count, output_size(h, filter_h, stride, pad), output_size(w, filter_w, stride, pad)))
    for sample, f, i, j in np.ndindex(*out.shape):
        top, left = i * stride, j * stride
        out[sample, f, i, j] = np.sum(padded[sample, :, top:top + filter_h, left:left + filter_w] * W[f]) + b[f]
    return out


def max_pooling(x, pool_h, pool_w, stride):
    """out[n, c, i, j] = the largest value of x[n, c] in the window at (i * stride, j * stride)."""
    n, c, h, w = x.shape
    out = np.empty((n, c, output_size(h, pool_h, stride, 0), output_size(w, pool_w, stride, 0)))
    for sample, channel, i, j in np.ndindex(*out.shape):
        top, left = i * stride, j * stride
        out[sample, channel, i, j] = x[sample, channel, top:top + pool_h, left:left + pool_w].max()
    return out


def distinct_values(rng, shape, gap=0.05):
    """Values no two of which are closer than `gap`: every pooling window has one clear maximum."""
    return rng.permutation(int(np.prod(shape))).reshape(shape) * gap - 1.0
