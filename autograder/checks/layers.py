"""Checks of layers.py: forward passes against the reference, backward passes against the
reference's backward on the same input (checks.backward), Dropout through its outputs (its
forward and backward values, read through the mask), BatchNormalization's test mode after
training steps."""
import numpy as np

from autograder.translation import _

from .backward import expect_reference_gradients
from .compare import difference, expect_match, fail_mismatch, run_diagnosed
from .dependencies import names_failing_dependency
from .feedback import CheckFailed
from .inputs import away_from_zero, moderate_scores
from .numerical import as_array
from .reference import REFERENCE, run_reference
from .tolerances import BATCH_NORM_TOLERANCE, CROSS_ENTROPY_TOLERANCE, EXACT, MIN_BATCH_VARIANCE
DROPOUT_SAMPLE_SHAPE = (200, 50)
DROPOUT_FRACTION_SIGMAS = 5      # kept fraction within this many standard deviations of 1 - ratio
SCALE_RTOL = 1e-9                 # one scale for every kept unit


# ---------------------------------------------------------------- Relu, Sigmoid

def check_relu_forward(sub, rng):
    x = away_from_zero(rng, (4, 5))
    expect_match(sub, "layers.Relu", "Relu().forward(x)",
                 lambda m: m["layers"].Relu().forward(x.copy()), {"x": x}, **EXACT)


def check_relu_backward(sub, rng):
    x = away_from_zero(rng, (5, 4))
    expect_layer_backward(sub, rng, "layers.Relu", "Relu", lambda m, p: m["layers"].Relu(), {}, x,
                         dout=rng.normal(size=x.shape))


@names_failing_dependency("layers.Sigmoid")
def check_sigmoid_forward(sub, rng):
    x = rng.normal(0.0, 3.0, size=(4, 5))
    expect_match(sub, "layers.Sigmoid", "Sigmoid().forward(x)",
                 lambda m: m["layers"].Sigmoid().forward(x.copy()), {"x": x}, **EXACT)


@names_failing_dependency("layers.Sigmoid")
def check_sigmoid_backward(sub, rng):
    x = rng.normal(0.0, 2.0, size=(5, 3))
    expect_layer_backward(sub, rng, "layers.Sigmoid", "Sigmoid", lambda m, p: m["layers"].Sigmoid(), {}, x,
                         dout=rng.normal(size=x.shape))


# ---------------------------------------------------------------- Affine

def check_affine_forward(sub, rng):
    n, d1, d2, m_out = 4, 2, 3, int(rng.integers(3, 6))
    x = rng.normal(size=(n, d1, d2))
    W, b = rng.normal(size=(d1 * d2, m_out)), rng.normal(size=m_out)
    x2 = rng.normal(size=(n + 1, d1 * d2))
    expect_match(sub, "layers.Affine", "Affine(W, b).forward(x)",
                 lambda m: {"x of shape (N, d1, d2)": m["layers"].Affine(W.copy(), b.copy()).forward(x.copy()),
                            "x of shape (N, D)": m["layers"].Affine(W.copy(), b.copy()).forward(x2.copy())},
                 {"x (N, d1, d2)": x, "x (N, D)": x2, "W": W, "b": b}, **EXACT)

    # The layer must keep the very arrays it was given: an optimizer updates them in place.
    W_held, b_held = sub.put(W), sub.put(b)
    layer = sub.make("Affine(W, b)", sub.modules["layers"].Affine, W_held, b_held)
    sub.call("Affine.forward", layer.forward, x2.copy())
    W_new, b_new = rng.normal(size=W.shape), rng.normal(size=b.shape)
    sub.assign(W_held, W_new)
    sub.assign(b_held, b_new)
    got = sub.plain(sub.call("Affine.forward", layer.forward, x2.copy()))
    expected = x2 @ W_new + b_new
    found = difference(got, expected, **EXACT)
    if found:
        fail_mismatch("layers.Affine", _("Affine.forward after W and b were changed in place"), found,
                      {"x": x2, "new W": W_new, "new b": b_new},
                      note=_("Keep references to W and b (self.W = W), do not copy them: an "
                             "optimizer updates these arrays in place."))


def check_affine_backward(sub, rng):
    n, d1, d2, m_out = 3, 2, 2, int(rng.integers(3, 6))
    x = rng.normal(size=(n, d1, d2))
    params = {"W": rng.normal(size=(d1 * d2, m_out)), "b": rng.normal(size=m_out)}
    expect_layer_backward(sub, rng, "layers.Affine", "Affine",
                         lambda m, p: m["layers"].Affine(p["W"], p["b"]), params, x,
                         dout=rng.normal(size=(n, m_out)), gradient_names={"W": "dW", "b": "db"},
                         hint=_("dx must have x's original shape (N, d1, d2)."))


# ---------------------------------------------------------------- SoftmaxWithLoss

@names_failing_dependency("layers.SoftmaxWithLoss")
def check_softmax_with_loss_forward(sub, rng):
    n = int(rng.integers(4, 7))
    x = moderate_scores(rng, (n, n))  # N == C
    labels = rng.integers(0, n, size=n)
    wide = moderate_scores(rng, (n + 2, n))   # N != C too
    wide_labels = rng.integers(0, n, size=n + 2)
    expect_match(sub, "layers.SoftmaxWithLoss", "SoftmaxWithLoss().forward(x, t)",
                 lambda m: {"t as labels": m["layers"].SoftmaxWithLoss().forward(x.copy(), labels.copy()),
                            "t one-hot": m["layers"].SoftmaxWithLoss().forward(x.copy(), np.eye(n)[labels]),
                            "N != C, t one-hot": m["layers"].SoftmaxWithLoss().forward(wide.copy(),
                                                                                       np.eye(n)[wide_labels])},
                 {"x": x, "t (labels)": labels, "x (N != C)": wide, "t (labels, N != C)": wide_labels},
                 **CROSS_ENTROPY_TOLERANCE)


@names_failing_dependency("layers.SoftmaxWithLoss")
def check_softmax_with_loss_backward(sub, rng):
    n = int(rng.integers(4, 7))
    x = moderate_scores(rng, (n, n))
    labels = rng.integers(0, n, size=n)
    # Square (N == C) and not (N != C): dividing by the number of classes instead of N shows only there.
    wide = moderate_scores(rng, (n - 2, n))
    wide_labels = rng.integers(0, n, size=n - 2)
    for xx, t in ((x, np.eye(n)[labels]), (x, labels), (wide, np.eye(n)[wide_labels])):
        kind = ("one-hot t" if t.ndim == 2 else "t as labels") + (", N != C" if len(xx) != n else ", N == C")
        expect_layer_backward(sub, rng, "layers.SoftmaxWithLoss", f"SoftmaxWithLoss ({kind})",
                              lambda m, p: m["layers"].SoftmaxWithLoss(), {}, xx, dout=None,
                              forward=lambda layer, x_in, t=t: layer.forward(x_in, t.copy()),
                              extra_inputs={"t": t}, hint=_("dx = (softmax(x) - t) / N for the batch "
                                                            "mean loss."))


# ---------------------------------------------------------------- Dropout

def check_dropout_forward(sub, rng):
    ratio = float(rng.choice([0.3, 0.4, 0.6]))
    x = rng.uniform(1.0, 2.0, size=DROPOUT_SAMPLE_SHAPE)
    layer = sub.make(f"Dropout({ratio})", sub.modules["layers"].Dropout, ratio)
    train = _array(sub, f"Dropout({ratio}).forward(x, train_flg=True)", layer.forward, x, x.shape, train_flg=True)
    again = _array(sub, f"Dropout({ratio}).forward(x, train_flg=True)", layer.forward, x, x.shape, train_flg=True)
    test = _array(sub, f"Dropout({ratio}).forward(x, train_flg=False)", layer.forward, x, x.shape, train_flg=False)
    train_scale, test_scale = _dropout_scales(ratio, x, train, test)
    if np.array_equal(train != 0, again != 0):
        raise CheckFailed(_("Dropout({ratio}): two training forward passes dropped exactly the same "
                            "units; draw a new random mask on every forward pass.").format(
                              ratio=ratio))

    default = sub.make("Dropout()", sub.modules["layers"].Dropout)
    out = _array(sub, "Dropout().forward(x, train_flg=True)", default.forward, x, x.shape, train_flg=True)
    _kept_fraction("Dropout() (default ratio 0.5)", 0.5, out != 0)
    return train_scale, test_scale


def check_dropout_backward(sub, rng):
    ratio = float(rng.choice([0.25, 0.4, 0.7]))   # not 0.5: keeping with probability ratio would pass
    x = rng.uniform(1.0, 2.0, size=DROPOUT_SAMPLE_SHAPE)
    dout = rng.normal(size=x.shape)
    layer = sub.make(f"Dropout({ratio})", sub.modules["layers"].Dropout, ratio)
    first = _array(sub, f"Dropout({ratio}).forward(x, train_flg=True)", layer.forward, x, x.shape, train_flg=True)
    train = _array(sub, f"Dropout({ratio}).forward(x, train_flg=True)", layer.forward, x, x.shape, train_flg=True)
    kept = train != 0
    if np.array_equal(first != 0, kept):
        raise CheckFailed(_("Dropout({ratio}): two training forward passes dropped exactly the same "
                            "units; draw a new random mask on every forward pass (backward then uses "
                            "the last one).").format(ratio=ratio))
    # The backward is judged against a forward that drops units: an identity layer's "backward" earns nothing.
    _kept_fraction(f"Dropout({ratio}).forward(x, train_flg=True)", ratio, kept)
    scale = float(np.median(train[kept] / x[kept])) if kept.any() else 1.0
    if not any(np.isclose(scale, s, rtol=1e-9, atol=0) for s in (1.0, 1.0 / (1.0 - ratio))):
        raise CheckFailed(_("Dropout({ratio}).forward(x, train_flg=True) scales the kept units by "
                            "{scale:.6g}; expected 1 (the book's convention) or 1 / (1 - ratio) = "
                            "{value:.6g} (inverted).").format(
                              ratio=ratio, scale=scale, value=1 / (1 - ratio)))
    dx = _array(sub, f"Dropout({ratio}).backward(dout)", layer.backward, dout, x.shape)
    expected = dout * kept * scale
    found = difference(dx, expected, rtol=SCALE_RTOL, atol=1e-12)
    if found:
        fail_mismatch("layers.Dropout", f"Dropout({ratio}).backward(dout)", found,
                      {"dout (first rows)": dout[:2]},
                      note=_("backward must let dout through the units kept by the last forward "
                             "pass, with the forward pass's scale ({scale:.6g} here), and zero the "
                             "rest.").format(scale=scale))


def _dropout_scales(ratio, x, train, test):
    """(train scale, test scale), after checking the kept fraction and the two conventions."""
    what = f"Dropout({ratio}).forward(x, train_flg=True)"
    kept = train != 0
    _kept_fraction(what, ratio, kept)
    scales = train[kept] / x[kept]
    train_scale = float(np.median(scales))
    if not np.allclose(scales, train_scale, rtol=SCALE_RTOL, atol=0):
        raise CheckFailed(_("{what}: kept units are scaled differently (from {min:.6g} to "
                            "{max:.6g}); every kept unit is x times one scale.").format(
                              what=what, min=scales.min(), max=scales.max()))
    test_scales = test / x
    test_scale = float(np.median(test_scales))
    if not np.allclose(test_scales, test_scale, rtol=SCALE_RTOL, atol=0):
        raise CheckFailed(_("Dropout({ratio}).forward(x, train_flg=False): units are scaled "
                            "differently; in test mode every unit is kept, all with one scale.").format(
                              ratio=ratio))
    conventions = {"the book's (train x * mask, test x * (1 - ratio))": (1.0, 1.0 - ratio),
                   "inverted (train x * mask / (1 - ratio), test x)": (1.0 / (1.0 - ratio), 1.0)}
    for pair in conventions.values():
        if np.allclose((train_scale, test_scale), pair, rtol=1e-9, atol=0):
            return train_scale, test_scale
    raise CheckFailed(
        _("Dropout({ratio}): kept units are scaled by {train_scale:.6g} in training and every unit "
          "by {test_scale:.6g} in testing, so the mean training output ({mean:.4g}) does not match "
          "the test output ({mean2:.4g}). Accepted: ").format(
            ratio=ratio, train_scale=train_scale, test_scale=test_scale, mean=train.mean(), mean2=test.mean()) + "; or ".join(conventions) + ".")


def _kept_fraction(what, ratio, kept):
    fraction = float(kept.mean())
    sigma = np.sqrt(ratio * (1 - ratio) / kept.size)
    if abs(fraction - (1 - ratio)) > DROPOUT_FRACTION_SIGMAS * sigma:
        raise CheckFailed(_("{what}: kept {fraction:.3f} of the units, expected about {value:.2f} (= "
                            "1 - dropout_ratio) on {size} units. A unit is kept with probability 1 - "
                            "dropout_ratio.").format(
                              what=what, fraction=fraction, value=1 - ratio, size=kept.size))


# ---------------------------------------------------------------- BatchNormalization

def check_batchnorm_forward(sub, rng):
    x = _batch(rng, 8, int(rng.integers(3, 6)))
    d = x.shape[1]
    gamma, beta = rng.uniform(0.5, 2.0, size=d), rng.normal(size=d)
    expect_match(sub, "layers.BatchNormalization", "BatchNormalization(gamma, beta).forward(x, train_flg=True)",
                 lambda m: m["layers"].BatchNormalization(gamma.copy(), beta.copy()).forward(x.copy(), train_flg=True),
                 {"x": x, "gamma": gamma, "beta": beta}, **BATCH_NORM_TOLERANCE,
                 note=_("Training mode: normalise each feature (column) with the batch mean and the "
                        "biased batch variance, then out = gamma * xhat + beta."))


def check_batchnorm_backward(sub, rng):
    x = _batch(rng, 6, int(rng.integers(3, 5)))
    d = x.shape[1]
    params = {"gamma": rng.uniform(0.5, 2.0, size=d), "beta": rng.normal(size=d)}
    expect_layer_backward(sub, rng, "layers.BatchNormalization", "BatchNormalization",
                         lambda m, p: m["layers"].BatchNormalization(p["gamma"], p["beta"]), params, x,
                         dout=rng.normal(size=x.shape), gradient_names={"gamma": "dgamma", "beta": "dbeta"},
                         forward=lambda layer, xx: layer.forward(xx, train_flg=True),
                         hint=_("dx has three paths: through xhat, through the batch variance and "
                                "through the batch mean."))


def check_batchnorm_test_mode(sub, rng):
    d = int(rng.integers(3, 6))
    gamma, beta = rng.uniform(0.5, 2.0, size=d), rng.normal(size=d)
    x = _batch(rng, 7, d)

    # 1. Running statistics given to the constructor.
    running_mean, running_var = rng.normal(size=d), rng.uniform(0.5, 2.0, size=d)
    expect_match(sub, "layers.BatchNormalization",
                 _("BatchNormalization(gamma, beta, running_mean=..., running_var=...).forward(x, "
                   "train_flg=False)"),
                 lambda m: m["layers"].BatchNormalization(
                     gamma.copy(), beta.copy(), running_mean=running_mean.copy(),
                     running_var=running_var.copy()).forward(x.copy(), train_flg=False),
                 {"x": x, "gamma": gamma, "beta": beta, "running_mean": running_mean, "running_var": running_var},
                 **BATCH_NORM_TOLERANCE, note=_("Test mode normalises with the running statistics."))

    # 2. After training steps from scratch (running statistics start at zeros).
    momentum = float(rng.choice([0.7, 0.8]))
    batches = [_batch(rng, 8, d) for _ in range(3)]
    layer = sub.make(f"BatchNormalization(gamma, beta, momentum={momentum})",
                     sub.modules["layers"].BatchNormalization, gamma.copy(), beta.copy(), momentum)
    for batch in batches:
        sub.call("BatchNormalization.forward(x, train_flg=True)", layer.forward, batch.copy(), train_flg=True)
    got = _array(sub, "BatchNormalization.forward(x, train_flg=False)", layer.forward, x, x.shape,
                 train_flg=False)
    forms = {form: _batchnorm_after_training(batches, x, gamma, beta, momentum, ddof)
             for form, ddof in (("biased", 0), ("unbiased", 1))}
    if any(difference(got, expected, **BATCH_NORM_TOLERANCE) is None for expected in forms.values()):
        return
    def scenario(m):
        bn = m["layers"].BatchNormalization(gamma.copy(), beta.copy(), momentum)
        for batch in batches:
            bn.forward(batch.copy(), train_flg=True)
        return bn.forward(x.copy(), train_flg=False)

    found = difference(got, forms["biased"], **BATCH_NORM_TOLERANCE)
    fail_mismatch("layers.BatchNormalization",
                  _("test mode after 3 training steps with momentum={momentum}").format(momentum=momentum), found,
                  {"x (test batch)": x, "gamma": gamma, "beta": beta, "training batch 1": batches[0]},
                  scenario=scenario, rtol=BATCH_NORM_TOLERANCE["rtol"], atol=BATCH_NORM_TOLERANCE["atol"], got=got,
                  note=_("Start running_mean and running_var at zeros of shape (D,); after each "
                         "training step, running = momentum * running + (1 - momentum) * batch "
                         "statistic. Both the biased and the unbiased batch variance are accepted "
                         "for running_var."))


def _batchnorm_after_training(batches, x, gamma, beta, momentum, ddof):
    """Test-mode output after training steps, running_var from the variance with `ddof`."""
    eps = REFERENCE["layers"].BATCH_NORM_EPSILON
    running_mean = np.zeros(x.shape[1])
    running_var = np.zeros(x.shape[1])
    for batch in batches:
        running_mean = momentum * running_mean + (1 - momentum) * batch.mean(axis=0)
        running_var = momentum * running_var + (1 - momentum) * batch.var(axis=0, ddof=ddof)
    return gamma * (x - running_mean) / np.sqrt(running_var + eps) + beta


def _batch(rng, n, d):
    """A batch (n, d) whose features have variance >= MIN_BATCH_VARIANCE and various means."""
    while True:
        x = rng.normal(rng.normal(0.0, 2.0, size=d), rng.uniform(1.0, 2.5, size=d), size=(n, d))
        if x.var(axis=0).min() >= MIN_BATCH_VARIANCE:
            return x


# ---------------------------------------------------------------- shared

def expect_layer_backward(sub, rng, unit, name, build, params, x, dout, gradient_names=None,
                          forward=None, extra_inputs=None, hint=None):
    """Check backward(dout) of the layer `build(modules, params)` after forward(x).

    dx and every parameter gradient (attribute `gradient_names[param]`) are compared with the
    reference layer's on the same x, params and dout (dout None: a loss layer, backward(1)).
    rng is unused (kept so every check has one signature).
    """
    gradient_names = gradient_names or {}
    forward = forward or (lambda layer, xx: layer.forward(xx))

    def scenario(m):
        layer = build(m, {k: v.copy() for k, v in params.items()})
        forward(layer, x.copy())
        result = {"dx": layer.backward(1 if dout is None else dout.copy())}
        for attribute in gradient_names.values():
            result[attribute] = getattr(layer, attribute)
        return result

    what = f"{name}.backward"
    got = run_diagnosed(sub, unit, what, scenario)
    expected = run_reference(scenario)
    inputs = {"x": x, **params, **(extra_inputs or {})}
    if dout is not None:
        inputs["dout"] = dout
    expect_reference_gradients(unit, what, got, expected, inputs, scenario, got, hint=hint)


def _array(sub, what, fn, x, shape, **kwargs):
    return as_array(what, sub.plain(sub.call(what, fn, x.copy(), **kwargs)), shape)
