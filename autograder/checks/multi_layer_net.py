"""Checks of multi_layer_net.py: params and initialisation (each with predict's values), predict and
loss (weight decay) against the reference with the same parameters, gradient (with and without batch
norm, with weight decay, with L1) against the reference's gradient in training mode; the L1 penalty
in the loss; the dropout wiring read through predict's outputs (no gradient check with dropout on).
Targets are one-hot; the constructor's biases are not held to any value (the checks set params); a
network with batch norm is judged with BatchNormalization's own tolerance (checks.tolerances)."""
import numpy as np

from autograder.translation import _

from .compare import difference
from .dependencies import names_failing_dependency
from .feedback import CheckFailed, mismatch_message
from .networks import (LOSS_TOLERANCE, batches_of_distinct_accuracy, draw_smooth_values, expect_accuracy,
                       expect_network_gradient, expect_network_values, expect_param_shapes, set_params)
from .numerical import as_array
from .reference import run_reference
from .tolerances import network_tolerance
from .weight_init import STD_FORMULAS

UNIT = "multi_layer_net.MultiLayerNet"
INIT_STD_RTOL = 0.03        # std of >= 40 000 draws: within 0.4 % of the truth (1 sigma)
INIT_NAMES = {               # weight_init_std -> accepted std formulas of W1
    "relu": ("sqrt(2 / fan_in)",),
    "he": ("sqrt(2 / fan_in)",),
    "sigmoid": ("sqrt(1 / fan_in)", "sqrt(2 / (fan_in + fan_out))"),
    "xavier": ("sqrt(1 / fan_in)", "sqrt(2 / (fan_in + fan_out))"),
}
L1_KINK_MARGIN = 0.01       # no weight closer to 0 than this where the L1 gradient is checked: |W| has a kink
DROPOUT_SAMPLES = 300       # rows fed through the dropout network: kept fractions within ~0.01 (1 sigma)
DROPOUT_FRACTION_TOLERANCE = 0.05   # kept fraction of (1 - r) ** layers, +- this (5 sigma)


def shapes(input_size, hidden_sizes, output_size, use_batchnorm=False):
    sizes = [input_size, *hidden_sizes, output_size]
    result = {}
    for i in range(1, len(sizes)):
        result[f"W{i}"] = (sizes[i - 1], sizes[i])
        result[f"b{i}"] = (sizes[i],)
    if use_batchnorm:
        for i, size in enumerate(hidden_sizes, start=1):
            result[f"gamma{i}"] = (size,)
            result[f"beta{i}"] = (size,)
    return result


def maker(input_size, hidden_sizes, output_size, **kwargs):
    """make(modules): a MultiLayerNet with these arguments from the given modules."""
    return lambda m: m["multi_layer_net"].MultiLayerNet(input_size, list(hidden_sizes), output_size, **kwargs)


def _describe(input_size, hidden_sizes, output_size, **kwargs):
    extra = "".join(f", {k}={v!r}" for k, v in kwargs.items())
    return f"MultiLayerNet({input_size}, {list(hidden_sizes)}, {output_size}{extra})"


def tolerance(**kwargs):
    """The tolerance of a MultiLayerNet's values: its layers' (BN's with use_batchnorm)."""
    return network_tolerance(*(["BatchNormalization"] if kwargs.get("use_batchnorm") else []))


@names_failing_dependency(UNIT)
def check_multi_layer_net_params(sub, rng):
    """Keys and shapes of params (a diagnostic), then predict's values with params of those shapes."""
    d, hidden, c = int(rng.integers(4, 9)), [int(rng.integers(3, 8)), int(rng.integers(3, 8))], int(rng.integers(2, 6))
    n = c + 2   # not square: the predict test has square batches
    for kwargs in ({}, {"use_batchnorm": True}):
        what = _describe(d, hidden, c, **kwargs)
        net = sub.make(what, maker(d, hidden, c, **kwargs), sub.modules)
        expect_param_shapes(sub, what, net, shapes(d, hidden, c, **kwargs))
        expect_predict(sub, rng, n, d, hidden, c, kwargs, train_flg=bool(kwargs))


def expect_predict(sub, rng, n, d, hidden, c, kwargs, train_flg):
    """predict(x, train_flg) of MultiLayerNet(d, hidden, c, **kwargs) with params set, against the reference."""
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, size=n)
    make = maker(d, hidden, c, **kwargs)
    values = draw_smooth_values(rng, shapes(d, hidden, c, kwargs.get("use_batchnorm", False)),
                                make, x, labels, train_flg)

    def predict(m):
        net = make(m)
        set_params(net, values)
        return net.predict(x.copy(), train_flg=train_flg)

    what = _("{describe}.predict(x, train_flg={train_flg}) with the params given").format(
               describe=_describe(d, hidden, c, **kwargs), train_flg=train_flg)
    expect_network_values(sub, UNIT, what, predict, {"x": x, **values}, tolerance=tolerance(**kwargs),
                          note=_("Batch norm in training mode normalises with the batch statistics.")
                          if kwargs.get("use_batchnorm") else None)


@names_failing_dependency(UNIT)
def check_multi_layer_net_weight_init(sub, rng):
    d, h, c = int(rng.integers(250, 320)), int(rng.integers(140, 180)), 3
    std = float(np.round(rng.uniform(0.02, 0.2), 3))
    cases = [(name, INIT_NAMES[name]) for name in ("relu", "he", "sigmoid", "xavier")] + [(std, None)]
    for weight_init_std, formulas in cases:
        kwargs = {"weight_init_std": weight_init_std}
        if weight_init_std in ("sigmoid", "xavier"):
            kwargs["activation"] = "sigmoid"
        what = _describe(d, [h], c, **kwargs)
        net = sub.make(what, maker(d, [h], c, **kwargs), sub.modules)
        W1 = np.asarray(sub.plain(sub.call(f"{what}.params['W1']", lambda: net.params["W1"])), dtype=float)
        if W1.shape != (d, h):
            raise CheckFailed(_("{what}.params['W1'] has shape {shape}, expected {value}").format(
                                  what=what, shape=W1.shape, value=(d, h)))
        got = float(W1.std())
        targets = ({f: STD_FORMULAS[f](d, h) for f in formulas} if formulas
                   else {f"weight_init_std = {weight_init_std}": weight_init_std})
        if not any(abs(got - t) <= INIT_STD_RTOL * t for t in targets.values()):
            expected = " or ".join(f"{f} = {t:.4g}" for f, t in targets.items())
            raise CheckFailed(_("{what}: W1 (fan_in {d}, fan_out {h}) has standard deviation "
                                "{got:.4g}, expected {expected}.").format(
                                  what=what, d=d, h=h, got=got, expected=expected))
    # The scale of W1 alone earns nothing: the network built this way must also compute.
    expect_predict(sub, rng, 5, 4, [3], c, {"activation": "sigmoid", "weight_init_std": std}, train_flg=False)


@names_failing_dependency(UNIT)
def check_multi_layer_net_predict(sub, rng):
    n = c = int(rng.integers(4, 6))   # N == C
    d, hidden = int(rng.integers(3, 6)), [int(rng.integers(3, 6)), int(rng.integers(3, 6))]
    cases = (({"activation": "relu"}, False), ({"activation": "sigmoid"}, False),
             ({"activation": "relu", "use_batchnorm": True}, True))
    for kwargs, train_flg in cases:
        expect_predict(sub, rng, n, d, hidden, c, kwargs, train_flg)


@names_failing_dependency(UNIT)
def check_multi_layer_net_loss(sub, rng):
    n, d, hidden, c = 6, int(rng.integers(3, 6)), [int(rng.integers(3, 6))], 3
    decay = float(rng.choice([0.05, 0.1, 0.3]))
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, size=n)
    one_hot = np.eye(c)[labels]
    make = maker(d, hidden, c, weight_decay_lambda=decay)
    values = draw_smooth_values(rng, shapes(d, hidden, c), make, x, labels)

    def loss(m):
        net = make(m)
        set_params(net, values)
        return net.loss(x.copy(), one_hot.copy())

    expect_network_values(sub, UNIT, f"{_describe(d, hidden, c, weight_decay_lambda=decay)}.loss(x, t), t one-hot",
                          loss, {"x": x, "t (labels of the one-hot t)": labels, **values}, tolerance=LOSS_TOLERANCE,
                          note=_("The loss is the mean cross-entropy plus 0.5 * weight_decay_lambda "
                                 "* sum(W ** 2) over every weight matrix W1..WL."))
    batches = batches_of_distinct_accuracy(rng, make, values, (12, 7), d, c)
    expect_accuracy(sub, UNIT, "MultiLayerNet", make, values, batches)


@names_failing_dependency(UNIT)
def check_multi_layer_net_gradient(sub, rng):
    n, d, hidden, c = 5, int(rng.integers(3, 5)), [4, 3], 3
    decay = float(rng.choice([0.05, 0.1]))
    kwargs = {"activation": "sigmoid", "weight_decay_lambda": decay}
    _expect_gradient(sub, rng, n, d, hidden, c, kwargs)


@names_failing_dependency(UNIT)
def check_multi_layer_net_gradient_batchnorm(sub, rng):
    n, d, hidden, c = 6, int(rng.integers(3, 5)), [5, 4], 3
    decay = float(rng.choice([0.05, 0.1]))
    kwargs = {"activation": "relu", "use_batchnorm": True, "weight_decay_lambda": decay}
    _expect_gradient(sub, rng, n, d, hidden, c, kwargs)


def _expect_gradient(sub, rng, n, d, hidden, c, kwargs, weight_margin=0.0):
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, size=n)
    one_hot = np.eye(c)[labels]
    make = maker(d, hidden, c, **kwargs)
    while True:
        values = draw_smooth_values(rng, shapes(d, hidden, c, kwargs.get("use_batchnorm", False)),
                                    make, x, labels, train_flg=True)
        if all(np.min(np.abs(v)) >= weight_margin for k, v in values.items() if k.startswith("W")):
            break
    expect_network_gradient(sub, rng, UNIT, _describe(d, hidden, c, **kwargs), make, values, x, one_hot,
                            loss_kwargs={"train_flg": True})


@names_failing_dependency(UNIT)
def check_multi_layer_net_l1_loss(sub, rng):
    n, d, hidden, c = 6, int(rng.integers(3, 6)), [int(rng.integers(3, 6)), int(rng.integers(3, 6))], 3
    l1 = float(rng.choice([0.02, 0.05, 0.1]))
    decay = float(rng.choice([0.05, 0.1]))
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, size=n)
    one_hot = np.eye(c)[labels]
    for kwargs in ({"l1_lambda": l1}, {"l1_lambda": l1, "weight_decay_lambda": decay}):
        make = maker(d, hidden, c, **kwargs)
        values = draw_smooth_values(rng, shapes(d, hidden, c), make, x, labels)

        def loss(m, make=make, values=values):
            net = make(m)
            set_params(net, values)
            return net.loss(x.copy(), one_hot.copy())

        expect_network_values(sub, UNIT, f"{_describe(d, hidden, c, **kwargs)}.loss(x, t), t one-hot", loss,
                              {"x": x, "t (labels of the one-hot t)": labels, **values}, tolerance=LOSS_TOLERANCE,
                              note=_("The loss is the mean cross-entropy plus l1_lambda * sum(|W|) "
                                     "and 0.5 * weight_decay_lambda * sum(W ** 2) over every weight "
                                     "matrix W1..WL."))


@names_failing_dependency(UNIT)
def check_multi_layer_net_gradient_l1(sub, rng):
    n, d, hidden, c = 5, int(rng.integers(3, 5)), [4, 3], 3
    kwargs = {"activation": "relu", "l1_lambda": float(rng.choice([0.05, 0.1])),
              "weight_decay_lambda": float(rng.choice([0.05, 0.1]))}
    _expect_gradient(sub, rng, n, d, hidden, c, kwargs, weight_margin=L1_KINK_MARGIN)


@names_failing_dependency(UNIT)
def check_multi_layer_net_dropout_wiring(sub, rng):
    """With identity weights, zero biases and positive inputs, every ReLU passes its input through,
    so predict(x, train_flg=True) is x times the product of the hidden layers' dropout masks and scales:
    the kept fraction tells how many Dropout layers there are, the kept values that they scale x."""
    size, hidden_count = int(rng.integers(10, 15)), 2
    ratio = float(rng.choice([0.3, 0.4]))
    x = rng.uniform(0.5, 1.5, size=(DROPOUT_SAMPLES, size))
    kwargs = {"use_dropout": True, "dropout_ratio": ratio}
    name = _describe(size, [size] * hidden_count, size, **kwargs)
    make = maker(size, [size] * hidden_count, size, **kwargs)
    values = {key: (np.eye(size) if key.startswith("W") else np.zeros(size))
              for key in shapes(size, [size] * hidden_count, size)}

    def predict_twice(m):
        net = make(m)
        set_params(net, values)
        return net.predict(x.copy(), train_flg=True), net.predict(x.copy(), train_flg=True)

    what = _("{name}.predict(x, train_flg=True) with identity weights, zero biases and x > 0").format(
               name=name)
    first, second = (as_array(what, out, x.shape) for out in sub.run(what, predict_twice))
    kept = first != 0
    expected_fraction = (1 - ratio) ** hidden_count
    fraction = float(kept.mean())
    scales = first[kept] / x[kept] if kept.any() else np.array([np.nan])
    scale = float(np.median(scales))
    accepted_scales = (1.0, (1 - ratio) ** -hidden_count)   # the book's dropout, inverted dropout
    problem = None
    if abs(fraction - expected_fraction) > DROPOUT_FRACTION_TOLERANCE:
        layers_seen = np.log(max(fraction, 1e-12)) / np.log(1 - ratio)
        problem = (_("{what}: {fraction:.3f} of the outputs are kept, expected about "
                     "{expected_fraction:.3f} = (1 - {ratio}) ** {hidden_count}: one Dropout after "
                     "each of the {hidden_count} hidden activations (what you kept fits about "
                     "{layers_seen:.1f} Dropout layers). With use_dropout=True, append "
                     "Dropout(dropout_ratio) after every hidden activation, and none after the "
                     "output layer.").format(
                       what=what, fraction=fraction, expected_fraction=expected_fraction, ratio=ratio, hidden_count=hidden_count, layers_seen=layers_seen))
    elif (not np.allclose(scales, scale, rtol=1e-9, atol=0)
          or not any(np.isclose(scale, s, rtol=1e-9) for s in accepted_scales)):
        problem = (_("{what}: the kept outputs are x times {min:.6g} to {max:.6g}; expected x times "
                     "one scale, 1 (the book's dropout) or {accepted_scales:.6g} (inverted dropout, "
                     "1 / (1 - {ratio}) per layer).").format(
                       what=what, min=scales.min(), max=scales.max(), accepted_scales=accepted_scales[1], ratio=ratio))
    elif np.array_equal(kept, second != 0):
        problem = (_("{what}: two training passes dropped exactly the same units; each forward pass "
                     "in training mode must draw new masks.").format(what=what))
    if problem:
        raise CheckFailed(problem)


@names_failing_dependency(UNIT)
def check_multi_layer_net_dropout_test_mode(sub, rng):
    """predict(x, train_flg=False) with dropout on: deterministic, and the reference's test-mode output in
    either accepted convention (the book's: each hidden output times 1 - ratio; inverted: unchanged)."""
    n, d, hidden, c = 8, int(rng.integers(3, 6)), [int(rng.integers(4, 7)), int(rng.integers(4, 7))], 4
    ratio = float(rng.choice([0.2, 0.3, 0.5]))
    x = rng.normal(size=(n, d))
    labels = rng.integers(0, c, size=n)
    kwargs = {"use_dropout": True, "dropout_ratio": ratio}
    name = _describe(d, hidden, c, **kwargs)
    values = draw_smooth_values(rng, shapes(d, hidden, c), maker(d, hidden, c), x, labels)

    def predict_twice(m, make=maker(d, hidden, c, **kwargs)):
        net = make(m)
        set_params(net, values)
        return net.predict(x.copy(), train_flg=False), net.predict(x.copy(), train_flg=False)

    def predict_without_dropout(m, make=maker(d, hidden, c)):
        net = make(m)
        set_params(net, values)
        return net.predict(x.copy(), train_flg=False)

    what = _("{name}.predict(x, train_flg=False) with the params given").format(name=name)
    first, second = (as_array(what, out, (n, c)) for out in sub.run(what, predict_twice))
    if difference(second, first, rtol=0, atol=0) is not None:
        raise CheckFailed(_("{what}: two calls gave different outputs, so dropout is still on at "
                            "test time. predict must pass train_flg to every Dropout layer's "
                            "forward; with train_flg=False no unit is dropped.").format(
                              what=what))
    book = run_reference(lambda m: predict_twice(m)[0])
    inverted = run_reference(predict_without_dropout)
    found = [difference(first, expected, **tolerance()) for expected in (book, inverted)]
    if all(found):
        inputs = {"x": x, **values}
        raise CheckFailed(mismatch_message(
            what, inputs, book, first, found[0].problem,
            _("In test mode every unit is kept: with the book's Dropout each hidden output is scaled "
              "by 1 - dropout_ratio (the expected values shown); with inverted dropout it is "
              "unchanged.")))

