"""Lazy answers for functions.py and gradient.py: zeros, ones, constants, the input returned."""
from .lazy import lazy


def _function(unit, name, body, arguments="x"):
    function = unit.split(".", 1)[1]
    return lazy(unit, name, unit, f"def {function}({arguments}):\n    {body}\n")


_ELEMENTWISE = ("functions.step_function", "functions.sigmoid", "functions.relu", "functions.softmax")

LAZY_ANSWERS = (
    *(_function(unit, "zeros", "return np.zeros_like(x, dtype=float)") for unit in _ELEMENTWISE),
    *(_function(unit, "ones", "return np.ones_like(x, dtype=float)") for unit in _ELEMENTWISE),
    *(_function(unit, "the input returned", "return x") for unit in _ELEMENTWISE),
    *(_function(unit, "a constant 0.5", "return np.full_like(x, 0.5, dtype=float)") for unit in _ELEMENTWISE),
    _function("functions.sigmoid", "a step", "return (x > 0).astype(float)"),
    _function("functions.sigmoid", "a clipped line", "return np.clip(0.5 + 0.25 * x, 0.0, 1.0)"),
    _function("functions.relu", "absolute value", "return np.abs(x)"),
    _function("functions.softmax", "uniform probabilities", "return np.ones_like(x) / x.shape[-1]"),
    _function("functions.softmax", "one-hot of the argmax",
              "return (x == np.max(x, axis=-1, keepdims=True)).astype(float)"),
    *(_function(loss, f"a constant {value}", f"return {value}", "y, t")
      for loss in ("functions.mean_squared_error", "functions.cross_entropy_error")
      for value in ("0.0", "1.0", "100.0")),
    _function("functions.cross_entropy_error", "-log of the largest probability",
              "return float(-np.mean(np.log(np.max(y, axis=-1) + 1e-7)))", "y, t"),
    _function("gradient.numerical_gradient", "zeros", "return np.zeros_like(x)", "f, x"),
    _function("gradient.numerical_gradient", "ones", "return np.ones_like(x)", "f, x"),
    _function("gradient.numerical_gradient", "the input returned", "return x.copy()", "f, x"),
    _function("gradient.numerical_gradient", "f(x) everywhere", "return np.full_like(x, f(x))", "f, x"),
)
