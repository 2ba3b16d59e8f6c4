"""solutions/util.py, the Convolution and Pooling layers and SimpleConvNet against independent oracles.

The oracles are plain loops over the definitions (a patch per output position,
a window per pooled value) and the fourth-order numerical gradient, in float64.
"""
import numpy as np
import pytest

from solutions.layers import Convolution, Pooling
from solutions.simple_conv_net import SimpleConvNet
from solutions.util import col2im, conv_output_size, im2col

from .central_difference import TOLERANCE, central_difference, exact_cross_entropy, relative_error

# (N, C, H, W), filter (FH, FW), stride, pad: odd sizes, stride 2, pad 1, non-square filters.
GEOMETRIES = [
    ((2, 3, 5, 5), (3, 3), 1, 0),
    ((2, 2, 7, 6), (3, 2), 2, 1),
    ((1, 3, 4, 5), (2, 2), 2, 0),
    ((2, 1, 6, 6), (3, 3), 1, 1),
    ((2, 2, 7, 7), (3, 3), 2, 0),
]


def patches_by_loops(x, filter_h, filter_w, stride, pad):
    """im2col by its definition: one row per (n, oh, ow), each row the patch in (c, fh, fw) order."""
    n, _, h, w = x.shape
    padded = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    out_h, out_w = (h + 2 * pad - filter_h) // stride + 1, (w + 2 * pad - filter_w) // stride + 1
    rows = []
    for sample in range(n):
        for i in range(out_h):
            for j in range(out_w):
                rows.append(padded[sample, :, i * stride:i * stride + filter_h,
                                   j * stride:j * stride + filter_w].ravel())
    return np.array(rows)


def convolution_by_loops(x, W, b, stride, pad):
    n = x.shape[0]
    filter_count, _, filter_h, filter_w = W.shape
    out_h = conv_output_size(x.shape[2], filter_h, stride, pad)
    out_w = conv_output_size(x.shape[3], filter_w, stride, pad)
    padded = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)])
    out = np.empty((n, filter_count, out_h, out_w))
    for sample, f, i, j in np.ndindex(*out.shape):
        patch = padded[sample, :, i * stride:i * stride + filter_h, j * stride:j * stride + filter_w]
        out[sample, f, i, j] = np.sum(patch * W[f]) + b[f]
    return out


def max_pool_by_loops(x, pool_h, pool_w, stride):
    out_h = conv_output_size(x.shape[2], pool_h, stride)
    out_w = conv_output_size(x.shape[3], pool_w, stride)
    out = np.empty(x.shape[:2] + (out_h, out_w))
    for sample, channel, i, j in np.ndindex(*out.shape):
        out[sample, channel, i, j] = x[sample, channel, i * stride:i * stride + pool_h,
                                       j * stride:j * stride + pool_w].max()
    return out


def distinct_values(rng, shape, gap=0.05):
    """Values with no two closer than `gap`: every pooling window has one clear maximum."""
    return rng.permutation(np.arange(int(np.prod(shape)))).reshape(shape) * gap - 1.0


@pytest.mark.parametrize("shape, filter_size, stride, pad", GEOMETRIES)
def test_im2col_rows_and_columns(shape, filter_size, stride, pad):
    x = np.random.default_rng(0).standard_normal(shape)
    np.testing.assert_array_equal(im2col(x, *filter_size, stride, pad), patches_by_loops(x, *filter_size, stride, pad))


@pytest.mark.parametrize("shape, filter_size, stride, pad", GEOMETRIES)
def test_col2im_is_the_adjoint_of_im2col(shape, filter_size, stride, pad):
    """<im2col(x), c> == <x, col2im(c)> for any x and c: overlapping patches add up."""
    rng = np.random.default_rng(1)
    x = rng.standard_normal(shape)
    col = rng.standard_normal(im2col(x, *filter_size, stride, pad).shape)
    back = col2im(col, shape, *filter_size, stride, pad)
    assert back.shape == shape
    assert np.isclose(np.sum(im2col(x, *filter_size, stride, pad) * col), np.sum(x * back), rtol=1e-12)


@pytest.mark.parametrize("shape, filter_size, stride, pad", GEOMETRIES)
def test_convolution_forward_and_backward(shape, filter_size, stride, pad, record_property):
    rng = np.random.default_rng(2)
    x = rng.standard_normal(shape)
    W = rng.standard_normal((3, shape[1], *filter_size))
    b = rng.standard_normal(3)
    layer = Convolution(W, b, stride, pad)
    out = layer.forward(x.copy())
    np.testing.assert_allclose(out, convolution_by_loops(x, W, b, stride, pad), rtol=1e-12, atol=1e-12)
    dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout.copy())
    def loss():
        return np.sum(dout * Convolution(W, b, stride, pad).forward(x))
    for name, analytic, value in (("dx", dx, x), ("dW", layer.dW, W), ("db", layer.db, b)):
        error = relative_error(analytic, central_difference(loss, value))
        record_property(name, error)
        assert error < TOLERANCE, f"{name}: relative error {error:.2e}"


@pytest.mark.parametrize("shape, pool, stride", [((2, 3, 4, 4), 2, 2), ((1, 2, 5, 7), 2, 2),
                                                 ((2, 2, 5, 5), 3, 1), ((1, 2, 6, 6), 3, 3)])
def test_pooling_forward_and_backward(shape, pool, stride):
    rng = np.random.default_rng(3)
    x = distinct_values(rng, shape)
    layer = Pooling(pool, pool, stride=stride)
    out = layer.forward(x.copy())
    np.testing.assert_array_equal(out, max_pool_by_loops(x, pool, pool, stride))
    dout = rng.standard_normal(out.shape)
    dx = layer.backward(dout.copy())
    numerical = central_difference(lambda: np.sum(dout * Pooling(pool, pool, stride=stride).forward(x)), x)
    assert relative_error(dx, numerical) < TOLERANCE


def test_simple_conv_net_gradient(record_property):
    np.random.seed(0)
    net = SimpleConvNet((2, 6, 6), {"filter_num": 3, "filter_size": 3, "pad": 1, "stride": 1},
                        hidden_size=5, output_size=4, weight_init_std=0.3)
    rng = np.random.default_rng(4)
    for key in ("b1", "b2", "b3"):
        net.params[key][...] = 0.1 * rng.standard_normal(net.params[key].shape)
    x = rng.standard_normal((3, 2, 6, 6))
    labels = np.array([0, 3, 1])
    assert net.params["W2"].shape == (3 * 3 * 3, 5)
    grads = net.gradient(x, labels)
    for key, value in net.params.items():
        numerical = central_difference(lambda: exact_cross_entropy(net.predict(x), labels), value)
        error = relative_error(grads[key], numerical)
        record_property(key, error)
        assert error < 1e-5, f"{key}: relative error {error:.2e}"
