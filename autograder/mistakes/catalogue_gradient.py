"""Known mistakes in gradient.py: the numerical gradient."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    Mistake(
        name=N_("numerical_gradient by forward difference"),
        unit="gradient.numerical_gradient",
        target="gradient.numerical_gradient",
        hint=N_("(f(x + h) - f(x)) / h is off by a term of order h: use the central difference "
                "(f(x + h) - f(x - h)) / (2 * h)."),
        source="""
            def numerical_gradient(f, x):
                h = 1e-4
                grad = np.zeros_like(x)
                it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
                while not it.finished:
                    idx = it.multi_index
                    tmp_val = x[idx]
                    fx = f(x)
                    x[idx] = tmp_val + h
                    fxh = f(x)
                    grad[idx] = (fxh - fx) / h
                    x[idx] = tmp_val
                    it.iternext()
                return grad
        """,
    ),
    Mistake(
        name=N_("numerical_gradient does not restore x"),
        unit="gradient.numerical_gradient",
        target="gradient.numerical_gradient",
        hint=N_("After evaluating f at x + h and x - h, put the original value back (x[idx] = tmp_val): "
                "otherwise x ends up changed and later entries are measured at the wrong point."),
        source="""
            def numerical_gradient(f, x):
                h = 1e-4
                grad = np.zeros_like(x)
                it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
                while not it.finished:
                    idx = it.multi_index
                    tmp_val = x[idx]
                    x[idx] = tmp_val + h
                    fxh1 = f(x)
                    x[idx] = tmp_val - h
                    fxh2 = f(x)
                    grad[idx] = (fxh1 - fxh2) / (2 * h)
                    it.iternext()
                return grad
        """,
    ),
    Mistake(
        name=N_("numerical_gradient perturbs a copy of x"),
        unit="gradient.numerical_gradient",
        target="gradient.numerical_gradient",
        hint=N_("f must be called with the very array x, changed in place (x[idx] = tmp_val + h): a function "
                "such as lambda _: net.loss(x_batch, t) ignores its argument and reads the parameters "
                "themselves, so changes made to a copy are never seen."),
        source="""
            def numerical_gradient(f, x):
                h = 1e-4
                grad = np.zeros_like(x)
                it = np.nditer(x, flags=["multi_index"])
                while not it.finished:
                    idx = it.multi_index
                    x_plus = x.copy()
                    x_plus[idx] += h
                    x_minus = x.copy()
                    x_minus[idx] -= h
                    grad[idx] = (f(x_plus) - f(x_minus)) / (2 * h)
                    it.iternext()
                return grad
        """,
    ),
    Mistake(
        name=N_("numerical_gradient with a tiny h (1e-50)"),
        unit="gradient.numerical_gradient",
        target="gradient.numerical_gradient",
        hint=N_("In float64, x + 1e-50 rounds back to x, so every difference is 0: use h = 1e-4."),
        source="""
            def numerical_gradient(f, x):
                h = 1e-50
                grad = np.zeros_like(x)
                it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
                while not it.finished:
                    idx = it.multi_index
                    tmp_val = x[idx]
                    x[idx] = tmp_val + h
                    fxh1 = f(x)
                    x[idx] = tmp_val - h
                    fxh2 = f(x)
                    grad[idx] = (fxh1 - fxh2) / (2 * h)
                    x[idx] = tmp_val
                    it.iternext()
                return grad
        """,
    ),
)
