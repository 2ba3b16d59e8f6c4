"""Checks of functions.py: activations and losses against the reference on random inputs."""
import numpy as np

from autograder.translation import _

from .compare import expect_match
from .feedback import CheckFailed, show
from .inputs import away_from_zero, probabilities
from .tolerances import CROSS_ENTROPY_TOLERANCE, EXACT

LOSS_AT_ZERO_PROBABILITY = 15.0  # -log(0 + eps) >= -log(1e-7) = 16.1 for every accepted eps
# The contract's name and the book's current name (common/functions.py) of the same loss.
SQUARED_ERROR_NAMES = ("mean_squared_error", "sum_squared_error")


def check_step_function(sub, rng):
    x = rng.normal(0.0, 2.0, size=(4, 5))
    x.flat[rng.choice(x.size, 3, replace=False)] = 0.0  # 0 is not > 0
    x_int = rng.integers(-3, 4, size=7)
    expect_match(
        sub, "functions.step_function", "step_function(x)",
        lambda m: {"float x": m["functions"].step_function(x.copy()),
                   "int x": m["functions"].step_function(x_int.copy())},
        {"float x": x, "int x": x_int}, rtol=0.0, atol=0.0,
        note=_("The result may be int, float or bool: 1 where x > 0, else 0."))


def check_sigmoid_values(sub, rng):
    x = rng.normal(0.0, 3.0, size=(3, 4))
    x3 = rng.normal(0.0, 2.0, size=(2, 3, 2))
    expect_match(
        sub, "functions.sigmoid", "sigmoid(x)",
        lambda m: {"2-D x": m["functions"].sigmoid(x.copy()), "3-D x": m["functions"].sigmoid(x3.copy())},
        {"2-D x": x, "3-D x": x3}, **EXACT)


def check_sigmoid_extremes(sub, rng):
    signs = rng.choice([-1.0, 1.0], size=6)
    # Moderate values too: on saturated inputs alone a step function would pass for a sigmoid.
    x = np.concatenate([[-1000.0, 1000.0, -745.5, 709.9, -40.0], signs * rng.uniform(30.0, 1000.0, 6),
                        away_from_zero(rng, (4,), scale=2.0, margin=0.3)])
    rng.shuffle(x)
    expect_match(
        sub, "functions.sigmoid", _("sigmoid(x) for large |x|"),
        lambda m: m["functions"].sigmoid(x.copy()), {"x": x}, **EXACT,
        note=_("For x far below 0, exp(-x) overflows: compute exp of -|x| only (e.g. exp(x) / (1 + "
               "exp(x)) where x < 0)."))


def check_relu(sub, rng):
    x = away_from_zero(rng, (4, 6))
    x1 = away_from_zero(rng, (7,))
    expect_match(
        sub, "functions.relu", "relu(x)",
        lambda m: {"2-D x": m["functions"].relu(x.copy()), "1-D x": m["functions"].relu(x1.copy())},
        {"2-D x": x, "1-D x": x1}, **EXACT)


def check_softmax_rows(sub, rng):
    n = int(rng.integers(4, 7))
    x = rng.normal(0.0, 2.0, size=(n, n))  # square: a wrong axis cannot broadcast its way through
    x1 = rng.normal(0.0, 2.0, size=n + 1)
    expect_match(
        sub, "functions.softmax", "softmax(x)",
        lambda m: {"batch x (N, C), N == C": m["functions"].softmax(x.copy()),
                   "1-D x": m["functions"].softmax(x1.copy())},
        {"batch x": x, "1-D x": x1}, **EXACT,
        note=_("For a batch every row sums to 1."))


def check_softmax_large_inputs(sub, rng):
    n = int(rng.integers(3, 6))
    # Rows of large values close to each other: every probability is far from 0 and 1 (a one-hot
    # of the argmax fails), and exp overflows (values near +1000) or underflows (near -1000).
    offsets = rng.uniform(-1000.0, 1000.0, size=(n, 1))
    offsets[0], offsets[-1] = rng.uniform(950.0, 1000.0), -rng.uniform(950.0, 1000.0)
    x = offsets + rng.normal(0.0, 1.0, size=(n, n))
    x1 = rng.uniform(900.0, 1000.0) + rng.normal(0.0, 1.0, size=5)
    expect_match(
        sub, "functions.softmax", _("softmax(x) for inputs up to 1e3"),
        lambda m: {"batch x": m["functions"].softmax(x.copy()), "1-D x": m["functions"].softmax(x1.copy())},
        {"batch x": x, "1-D x": x1}, **EXACT,
        note=_("exp(1000) overflows: subtract the maximum (of each row) before exp."))


def squared_error_name(sub):
    """The name the student's functions.py gives the squared-error loss (either is accepted)."""
    module = sub.modules["functions"]
    return next((name for name in SQUARED_ERROR_NAMES if sub.has(module, name)), SQUARED_ERROR_NAMES[0])


def check_mean_squared_error(sub, rng):
    n, c = 3, int(rng.integers(3, 6))
    y, t = rng.normal(size=(n, c)), rng.normal(size=(n, c))
    y1, t1 = rng.normal(size=c), rng.normal(size=c)
    name = squared_error_name(sub)

    def scenario(m):
        f = getattr(m["functions"], name if m is sub.modules else SQUARED_ERROR_NAMES[0])
        return {"2-D": f(y.copy(), t.copy()), "1-D": f(y1.copy(), t1.copy())}

    expect_match(
        sub, "functions.mean_squared_error", f"{name}(y, t)", scenario,
        {"y (2-D)": y, "t (2-D)": t, "y (1-D)": y1, "t (1-D)": t1}, **EXACT,
        note=_("The book's definition: 0.5 * sum((y - t) ** 2) over all entries."))


def check_cross_entropy_values(sub, rng):
    n = int(rng.integers(4, 7))
    y = probabilities(rng, (n, n))  # N == C
    labels = rng.integers(0, n, size=n)
    one_hot = np.eye(n)[labels]
    y1 = probabilities(rng, (n,))
    label1 = np.array(rng.integers(0, n))

    wide = probabilities(rng, (n + 2, n))   # N != C: dividing by C instead of N shows only here
    wide_labels = rng.integers(0, n, size=n + 2)

    def scenario(m):
        f = m["functions"].cross_entropy_error
        return {"2-D y, N != C, labels (N,)": f(wide.copy(), wide_labels.copy()),
                "2-D y, labels (N,)": f(y.copy(), labels.copy()),
                "2-D y, one-hot t": f(y.copy(), one_hot.copy()),
                "1-D y, label ()": f(y1.copy(), label1.copy()),
                "1-D y, one-hot t": f(y1.copy(), np.eye(n)[int(label1)])}

    expect_match(sub, "functions.cross_entropy_error", "cross_entropy_error(y, t)", scenario,
                 {"y (2-D)": y, "labels": labels, "y (N != C)": wide, "labels (N != C)": wide_labels,
                  "y (1-D)": y1, "label": label1},
                 **CROSS_ENTROPY_TOLERANCE, note=_("The mean over the batch of -log(y[true class] + "
                                                   "eps)."))


def check_cross_entropy_zero_probability(sub, rng):
    # The values first: a constant (100.0) is a finite -log(0 + eps) too.
    n = int(rng.integers(3, 6))
    y = probabilities(rng, (n, n + 1))
    labels = rng.integers(0, n + 1, size=n)
    expect_match(sub, "functions.cross_entropy_error", "cross_entropy_error(y, t)",
                 lambda m: m["functions"].cross_entropy_error(y.copy(), np.eye(n + 1)[labels]),
                 {"y": y, "t (labels)": labels}, **CROSS_ENTROPY_TOLERANCE,
                 note=_("The mean over the batch of -log(y[true class] + eps)."))
    c = int(rng.integers(3, 6))
    label = int(rng.integers(0, c))
    y1 = probabilities(rng, (c,))
    y1[label] = 0.0
    y1 /= y1.sum()
    t1 = np.eye(c)[label]
    got = sub.run(_("cross_entropy_error(y, t) with y[true class] == 0"),
                  lambda m: m["functions"].cross_entropy_error(y1.copy(), t1.copy()))
    value = np.asarray(got, dtype=float) if got is not None else np.array(np.nan)
    if value.size != 1 or not np.isfinite(value) or float(value) < LOSS_AT_ZERO_PROBABILITY:
        raise CheckFailed(
            _("cross_entropy_error(y, t) where the true class has probability 0 must be a large "
              "finite number (-log(0 + eps) >= {loss_at_zero_probability:g}), got {got}\ninput:\n  y "
              "= {y1}\n  t = {t1}\nhint: add a small eps (the book: 1e-7) inside the logarithm.").format(
                loss_at_zero_probability=LOSS_AT_ZERO_PROBABILITY, got=show(got), y1=show(y1), t1=show(t1)))
