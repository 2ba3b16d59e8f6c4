"""Known mistakes in functions.py: activations and losses."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    Mistake(
        name=N_("step_function uses np.int"),
        unit="functions.step_function",
        target="functions.step_function",
        hint=N_("np.int was an alias of Python's int and is gone since NumPy 1.24, so this line raises "
                "AttributeError: write dtype=int (or return (x > 0).astype(int))."),
        source="""
            def step_function(x):
                return np.array(x > 0, dtype=np.int)
        """,
    ),
    Mistake(
        name=N_("step_function is 1 at x == 0"),
        unit="functions.step_function",
        target="functions.step_function",
        hint=N_("The step is 1 only where x > 0 (strictly); check the comparison: > rather than >=."),
        source="""
            def step_function(x):
                return np.array(x >= 0, dtype=int)
        """,
    ),
    Mistake(
        name=N_("sigmoid with the wrong sign in exp"),
        unit="functions.sigmoid",
        target="functions.sigmoid",
        hint=N_("sigmoid(x) is 1 / (1 + exp(-x)): check the sign inside exp (sigmoid(2) should be about 0.88)."),
        source="""
            def sigmoid(x):
                return 1 / (1 + np.exp(x))
        """,
    ),
    Mistake(
        name=N_("sigmoid as exp(x) / (1 + exp(x)) gives nan for large x"),
        unit="functions.sigmoid",
        target="functions.sigmoid",
        hint=N_("For large positive x, exp(x) overflows to inf and inf / inf is nan: use 1 / (1 + exp(-x)) "
                "where x >= 0 (the exp(x) form is only safe where x < 0)."),
        source="""
            def sigmoid(x):
                return np.exp(x) / (1 + np.exp(x))
        """,
    ),
    Mistake(
        name=N_("relu with np.max instead of np.maximum"),
        unit="functions.relu",
        target="functions.relu",
        hint=N_("np.max(0, x) reduces an array along the axis x, it does not compare: np.maximum(0, x) "
                "takes the larger of 0 and x entry by entry."),
        source="""
            def relu(x):
                return np.max(0, x)
        """,
    ),
    Mistake(
        name=N_("relu returns its derivative (0 or 1), not max(0, x)"),
        unit="functions.relu",
        target="functions.relu",
        hint=N_("relu keeps the positive values themselves: return np.maximum(0, x), not the mask x > 0."),
        source="""
            def relu(x):
                return (x > 0).astype(float)
        """,
    ),
    Mistake(
        name=N_("softmax without subtracting the max"),
        unit="functions.softmax",
        target="functions.softmax",
        hint=N_("exp(1000) overflows to inf and inf / inf is nan: subtract each row's maximum from x before "
                "np.exp (the result does not change)."),
        source="""
            def softmax(x):
                exp_x = np.exp(x)
                return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
        """,
    ),
    Mistake(
        name=N_("softmax over the wrong axis (columns of a batch)"),
        unit="functions.softmax",
        target="functions.softmax",
        hint=N_("For a batch (N, C) each row is one sample and must sum to 1: take the max and the sum "
                "over axis=-1 (or axis=1) with keepdims=True, not axis=0."),
        source="""
            def softmax(x):
                x = x - np.max(x, axis=0)
                return np.exp(x) / np.sum(np.exp(x), axis=0)
        """,
    ),
    Mistake(
        name=N_("softmax row sums without keepdims"),
        unit="functions.softmax",
        target="functions.softmax",
        hint=N_("np.sum(..., axis=-1) of an (N, C) batch has shape (N,), which NumPy lines up with the "
                "columns: pass keepdims=True so each row is divided by its own sum (square batches hide this)."),
        source="""
            def softmax(x):
                exp_x = np.exp(x - np.max(x, axis=-1, keepdims=True))
                return exp_x / np.sum(exp_x, axis=-1)
        """,
    ),
    Mistake(
        name=N_("softmax normalised over the whole batch"),
        unit="functions.softmax",
        target="functions.softmax",
        hint=N_("np.sum(exp_x) without an axis adds up the whole batch: normalise each row on its own "
                "(axis=-1, keepdims=True), and subtract each row's max."),
        source="""
            def softmax(x):
                c = np.max(x)
                exp_x = np.exp(x - c)
                return exp_x / np.sum(exp_x)
        """,
    ),
    Mistake(
        name=N_("mean_squared_error without the 0.5"),
        unit="functions.mean_squared_error",
        target="functions.mean_squared_error",
        hint=N_("The book's loss is 0.5 * sum((y - t) ** 2): the factor 0.5 is missing."),
        source="""
            def mean_squared_error(y, t):
                return np.sum((y - t) ** 2)
        """,
    ),
    Mistake(
        name=N_("mean_squared_error averaged instead of summed"),
        unit="functions.mean_squared_error",
        target="functions.mean_squared_error",
        hint=N_("Despite its name, the book's mean_squared_error is 0.5 * the SUM of the squared errors: "
                "use np.sum, not np.mean."),
        source="""
            def mean_squared_error(y, t):
                return 0.5 * np.mean((y - t) ** 2)
        """,
    ),
    Mistake(
        name=N_("cross_entropy_error summed over the batch (no 1/N)"),
        unit="functions.cross_entropy_error",
        target="functions.cross_entropy_error",
        hint=N_("The loss is the mean over the batch: divide the sum of -log(...) by the batch size N."),
        source="""
            def cross_entropy_error(y, t):
                if y.ndim == 1:
                    t = t.reshape(1, t.size)
                    y = y.reshape(1, y.size)
                if t.size == y.size:
                    t = t.argmax(axis=1)
                batch_size = y.shape[0]
                return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7))
        """,
    ),
    Mistake(
        name=N_("cross_entropy_error without eps inside the log"),
        unit="functions.cross_entropy_error",
        target="functions.cross_entropy_error",
        hint=N_("log(0) is -inf, so the loss is inf when the true class has probability 0: add a small "
                "delta such as 1e-7 inside the log, np.log(y + 1e-7)."),
        source="""
            def cross_entropy_error(y, t):
                if y.ndim == 1:
                    t = t.reshape(1, t.size)
                    y = y.reshape(1, y.size)
                if t.size == y.size:
                    t = t.argmax(axis=1)
                batch_size = y.shape[0]
                return -np.sum(np.log(y[np.arange(batch_size), t])) / batch_size
        """,
    ),
    Mistake(
        name=N_("cross_entropy_error that only handles one-hot labels"),
        unit="functions.cross_entropy_error",
        target="functions.cross_entropy_error",
        hint=N_("t may also be integer labels of shape (N,): then t * log(y) broadcasts wrongly. Turn labels "
                "into picks with y[np.arange(N), t], or one-hot into labels with t.argmax(axis=1)."),
        source="""
            def cross_entropy_error(y, t):
                if y.ndim == 1:
                    t = t.reshape(1, t.size)
                    y = y.reshape(1, y.size)
                batch_size = y.shape[0]
                return -np.sum(t * np.log(y + 1e-7)) / batch_size
        """,
    ),
    Mistake(
        name=N_("cross_entropy_error indexes with one-hot labels (no argmax)"),
        unit="functions.cross_entropy_error",
        target="functions.cross_entropy_error",
        hint=N_("y[np.arange(N), t] needs integer labels: when t is one-hot (t.size == y.size), turn it into "
                "labels first with t = t.argmax(axis=1)."),
        source="""
            def cross_entropy_error(y, t):
                if y.ndim == 1:
                    t = t.reshape(1, t.size)
                    y = y.reshape(1, y.size)
                batch_size = y.shape[0]
                return -np.sum(np.log(y[np.arange(batch_size), t] + 1e-7)) / batch_size
        """,
    ),
)
