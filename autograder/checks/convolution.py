"""Checks of the convolutional layers of layers.py (Convolution, Pooling): forward passes against
the reference, backward passes against the reference's gradient (checks.backward), on geometries
with several samples, channels and filters, odd sizes, stride 2, padding 1 and overlapping windows.
A failure names first util's im2col or col2im when they fail their own checks (checks.dependencies)."""
import numpy as np

from autograder.translation import _

from .compare import difference, expect_match, fail_mismatch
from .dependencies import names_failing_dependency
from .layers import expect_layer_backward
from .reference import run_reference
from .tolerances import CONVOLUTION_TOLERANCE

CONV_TOLERANCE = CONVOLUTION_TOLERANCE
POOL_GAP = 0.05   # no two input values of a pooling check closer than this: one clear maximum per window


def conv_geometries(rng):
    """Named (x shape, W shape, stride, pad), drawn fresh for each submission."""
    n, c, filters = int(rng.integers(2, 4)), int(rng.integers(2, 4)), int(rng.integers(2, 5))
    odd = int(rng.choice([5, 7]))
    return {
        "stride 1, no padding (patches overlap)": ((n, c, odd, odd + 1), (filters, c, 3, 3), 1, 0),
        "stride 2, padding 1, odd size": ((n, c, odd, odd), (filters, c, 3, 3), 2, 1),
        "stride 1, padding 1, 2x3 filters": ((n, c, 4, 5), (filters, c, 2, 3), 1, 1),
    }


def pool_geometries(rng):
    """Named (x shape, pool_h, pool_w, stride): pad is 0 (how to pad a max is a matter of taste)."""
    n, c = int(rng.integers(2, 4)), int(rng.integers(2, 4))
    return {
        "2x2 windows, stride 2": ((n, c, 4, 6), 2, 2, 2),
        "2x2 windows, stride 2, odd size": ((n, c, 5, 7), 2, 2, 2),
        "3x3 windows, stride 1 (windows overlap)": ((n, c, 5, 5), 3, 3, 1),
    }


def distinct_values(rng, shape, gap=POOL_GAP):
    """Unit-scale values no two of which are closer than `gap`, in random places."""
    return (rng.permutation(int(np.prod(shape))).reshape(shape) - np.prod(shape) / 2) * gap


def _describe_conv(name, x_shape, W_shape, stride, pad):
    return f"{name}: x {x_shape}, W {W_shape}, stride={stride}, pad={pad}"


# ---------------------------------------------------------------- Convolution

@names_failing_dependency("layers.Convolution")
def check_convolution_forward(sub, rng):
    cases = {name: (rng.normal(size=case[0]), rng.normal(size=case[1]), rng.normal(size=case[1][0]), *case[2:])
             for name, case in conv_geometries(rng).items()}

    def scenario(m):
        return {_describe_conv(name, x.shape, W.shape, stride, pad):
                m["layers"].Convolution(W.copy(), b.copy(), stride=stride, pad=pad).forward(x.copy())
                for name, (x, W, b, stride, pad) in cases.items()}

    first = next(iter(cases.values()))
    expect_match(sub, "layers.Convolution", _("Convolution(W, b, stride, pad).forward(x)"), scenario,
                 {"x (first case)": first[0], "W": first[1], "b": first[2]}, **CONV_TOLERANCE,
                 note=_("out = im2col(x) @ W.reshape(FN, -1).T + b has one row per (n, oh, ow): reshape it to "
                        "(N, OH, OW, FN), then transpose to (N, FN, OH, OW)."))
    _expect_references_kept(sub, *first)


def _expect_references_kept(sub, x, W, b, stride, pad):
    """The layer must compute with the very W and b it was given: an optimizer updates them in place."""
    W_held, b_held = sub.put(W), sub.put(b)
    layer = sub.make("Convolution(W, b)", sub.modules["layers"].Convolution, W_held, b_held, stride, pad)
    sub.call("Convolution.forward", layer.forward, x.copy())
    W_new, b_new = W[::-1].copy() * 0.5 + 0.1, b[::-1] - 0.3
    sub.assign(W_held, W_new)
    sub.assign(b_held, b_new)
    got = sub.plain(sub.call("Convolution.forward", layer.forward, x.copy()))
    expected = run_reference(lambda m: m["layers"].Convolution(W_new, b_new, stride, pad).forward(x.copy()))
    found = difference(got, expected, **CONV_TOLERANCE)
    if found:
        fail_mismatch("layers.Convolution", _("Convolution.forward after W and b were changed in place"), found,
                      {"x": x, "new W": W_new, "new b": b_new},
                      note=_("Keep references to W and b (self.W = W), do not copy them: an optimizer updates "
                             "these arrays in place."))


@names_failing_dependency("layers.Convolution")
def check_convolution_backward(sub, rng):
    for name, (x_shape, W_shape, stride, pad) in conv_geometries(rng).items():
        if name.startswith("stride 1, padding 1"):
            continue   # two geometries suffice here: overlapping patches, and stride 2 with padding
        x, W, b = rng.normal(size=x_shape), rng.normal(size=W_shape), rng.normal(size=W_shape[0])
        out_shape = run_reference(lambda m: m["layers"].Convolution(W, b, stride, pad).forward(x.copy())).shape
        dout = rng.normal(size=out_shape)

        def build(m, p, stride=stride, pad=pad):
            return m["layers"].Convolution(p["W"], p["b"], stride=stride, pad=pad)

        expect_layer_backward(sub, rng, "layers.Convolution", f"Convolution(stride={stride}, pad={pad})",
                              build, {"W": W, "b": b}, x, dout, gradient_names={"W": "dW", "b": "db"},
                              hint=_("db sums dout over N, OH and OW; dW = col.T @ dout transposed to (FN, C*FH*FW) "
                                     "before the reshape to (FN, C, FH, FW); dx = col2im(dout @ col_W.T, ...)."))


# ---------------------------------------------------------------- Pooling

@names_failing_dependency("layers.Pooling")
def check_pooling_forward(sub, rng):
    cases = {name: (distinct_values(rng, shape), pool_h, pool_w, stride)
             for name, (shape, pool_h, pool_w, stride) in pool_geometries(rng).items()}

    def scenario(m):
        return {f"{name}: x {x.shape}": m["layers"].Pooling(pool_h, pool_w, stride=stride).forward(x.copy())
                for name, (x, pool_h, pool_w, stride) in cases.items()}

    first = next(iter(cases.values()))
    expect_match(sub, "layers.Pooling", "Pooling(pool_h, pool_w, stride).forward(x)", scenario,
                 {"x (first case)": first[0]}, rtol=0.0, atol=0.0,
                 note=_("Each channel is pooled on its own: reshape im2col's output to (-1, pool_h * pool_w), "
                        "take each row's max, reshape to (N, OH, OW, C) and transpose to (N, C, OH, OW)."))


@names_failing_dependency("layers.Pooling")
def check_pooling_backward(sub, rng):
    for name, (shape, pool_h, pool_w, stride) in pool_geometries(rng).items():
        if name.endswith("odd size"):
            continue
        x = distinct_values(rng, shape)
        out_shape = run_reference(lambda m: m["layers"].Pooling(pool_h, pool_w, stride=stride).forward(x.copy())).shape
        dout = rng.normal(size=out_shape)

        def build(m, p, pool_h=pool_h, pool_w=pool_w, stride=stride):
            return m["layers"].Pooling(pool_h, pool_w, stride=stride)

        expect_layer_backward(sub, rng, "layers.Pooling", f"Pooling({pool_h}, {pool_w}, stride={stride})",
                              build, {}, x, dout,
                              hint=_("Each window's gradient goes to the one pixel that was its maximum (keep its "
                                     "position in forward), in the same (n, oh, ow, c) order as forward's rows; where "
                                     "windows overlap, a pixel's gradients add up."))
