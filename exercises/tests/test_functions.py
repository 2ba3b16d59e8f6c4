"""Visible tests of functions.py: activation and loss functions (book chapters 3 and 4).

Every example is small enough to redo by hand or in a Python prompt.
"""
import warnings

import numpy as np
import pytest

from ..translation import _
from . import network_354
from .assertions import assert_close, assert_number_close


def call_step_function(functions, x):
    """functions.step_function(x), with a clear message for the book's np.int, gone in NumPy 1.24."""
    __tracebackhide__ = True
    try:
        return functions.step_function(x)
    except AttributeError as err:
        if "int" in str(err):
            pytest.fail(_("step_function uses np.int, which NumPy removed in version 1.24: "
                          "write int (or np.int64) instead."), pytrace=False)
        raise


@pytest.mark.unit("functions.step_function")
def test_step_function_of_a_few_floats(functions):
    """1 where x > 0, else 0; x = 0 itself gives 0."""
    got = call_step_function(functions, np.array([-1.0, 0.0, 0.5, 2.0]))
    assert_close(got, [0, 0, 1, 1], "step_function([-1.0, 0.0, 0.5, 2.0])",
                 hint=_("the test is x > 0 (strictly), so step_function(0) is 0"))


@pytest.mark.unit("functions.step_function")
def test_step_function_of_integers_and_a_matrix(functions):
    """Integer input works, and the shape is kept."""
    got = call_step_function(functions, np.array([[-3, 0, 4], [7, -1, 1]]))
    assert_close(got, [[0, 0, 1], [1, 0, 1]], "step_function([[-3, 0, 4], [7, -1, 1]])",
                 hint=_("compare the whole array at once: (x > 0) gives a bool array of x's shape"))


@pytest.mark.unit("functions.sigmoid")
def test_sigmoid_of_zero_is_half(functions):
    """sigmoid(0) = 1 / (1 + e^0) = 1/2."""
    assert_close(functions.sigmoid(np.array([0.0])), [0.5], "sigmoid([0.0])")


@pytest.mark.unit("functions.sigmoid")
def test_sigmoid_of_a_few_values(functions):
    """sigmoid(x) = 1 / (1 + exp(-x)), elementwise, shape kept."""
    x = np.array([[-2.0, -1.0], [1.0, 2.0]])
    expected = [[0.11920292202211755, 0.2689414213699951], [0.7310585786300049, 0.8807970779778823]]
    assert_close(functions.sigmoid(x), expected, "sigmoid([[-2, -1], [1, 2]])",
                 hint=_("1 / (1 + np.exp(-x)); mind the minus sign"))


@pytest.mark.unit("functions.sigmoid")
def test_sigmoid_of_large_inputs_is_exact_and_finite(functions):
    """Inputs up to |x| = 1000 give exact, finite values (no nan).

    NumPy may warn "overflow encountered in exp" for 1 / (1 + exp(-x)) at x = -1000:
    the value is still right, so that is advice, not a failure.
    """
    x = np.array([-1000.0, -30.0, 30.0, 1000.0])
    expected = [0.0, 9.357622968840175e-14, 1 - 9.357622968840175e-14, 1.0]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = functions.sigmoid(x)
    assert_close(got, expected, "sigmoid([-1000, -30, 30, 1000])", rtol=1e-9, atol=1e-300,
                 hint=_("no nan or inf allowed: for x < 0 use exp(x) / (1 + exp(x)), which never overflows"))
    if any(issubclass(warning.category, RuntimeWarning) for warning in caught):
        warnings.warn(_("sigmoid is right, but NumPy warned about an overflow in exp for x = -1000: "
                        "the TODO's hint shows a form that never overflows (advice, not a failure)."))


@pytest.mark.unit("functions.relu")
def test_relu_of_a_few_values(functions):
    """relu(x) = max(0, x), elementwise."""
    assert_close(functions.relu(np.array([-2.0, -0.5, 0.5, 3.0])), [0.0, 0.0, 0.5, 3.0],
                 "relu([-2.0, -0.5, 0.5, 3.0])", hint=_("np.maximum(0, x) (not np.max, which gives one number)"))


@pytest.mark.unit("functions.relu")
def test_relu_keeps_the_shape(functions):
    """A matrix in, a matrix of the same shape out."""
    assert_close(functions.relu(np.array([[1.0, -1.0, 2.0], [-3.0, 4.0, -5.0]])),
                 [[1.0, 0.0, 2.0], [0.0, 4.0, 0.0]], "relu([[1, -1, 2], [-3, 4, -5]])")


@pytest.mark.unit("functions.softmax")
def test_softmax_of_equal_scores_is_uniform(functions):
    """Four equal scores give four probabilities of 1/4."""
    assert_close(functions.softmax(np.array([2.0, 2.0, 2.0, 2.0])), [0.25, 0.25, 0.25, 0.25],
                 "softmax([2, 2, 2, 2])", hint=_("exp(x) / sum(exp(x))"))


@pytest.mark.unit("functions.softmax")
def test_softmax_of_the_books_example(functions):
    """The book's example: softmax([0.3, 2.9, 4.0]) = [0.01821127, 0.24519181, 0.73659691]."""
    assert_close(functions.softmax(np.array([0.3, 2.9, 4.0])), [0.01821127, 0.24519181, 0.73659691],
                 "softmax([0.3, 2.9, 4.0])", atol=1e-8)


@pytest.mark.unit("functions.softmax")
def test_softmax_of_large_scores_does_not_overflow(functions):
    """Adding 1000 to every score changes nothing: softmax([1000, 1001, 1002]) = softmax([0, 1, 2])."""
    assert_close(functions.softmax(np.array([1000.0, 1001.0, 1002.0])),
                 [0.09003057317038046, 0.24472847105479764, 0.6652409557748219],
                 "softmax([1000, 1001, 1002])",
                 hint=_("exp(1000) overflows to inf: subtract the maximum score before np.exp"))


@pytest.mark.unit("functions.softmax")
def test_softmax_of_a_batch_works_row_by_row(functions):
    """A (3, 3) batch: each row is one sample and gets its own probabilities that sum to 1."""
    x = np.array([[1.0, 2.0, 3.0],
                  [2.0, 2.0, 2.0],
                  [1000.0, 0.0, 1000.0]])
    expected = [[0.09003057317038046, 0.24472847105479764, 0.6652409557748219],
                [1 / 3, 1 / 3, 1 / 3],
                [0.5, 0.0, 0.5]]
    got = functions.softmax(x.copy())
    assert_close(got, expected, "softmax of the batch [[1, 2, 3], [2, 2, 2], [1000, 0, 1000]]",
                 hint=softmax_batch_hint(got))


def softmax_batch_hint(got):
    """The hint that fits what softmax returned for the batch: overflow, wrong axis, or neither."""
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return ""
    if got.shape != (3, 3):
        return "a (N, C) batch gives a (N, C) result: one probability vector per row"
    if not np.all(np.isfinite(got)):
        return ("the row [1000, 0, 1000] gives nan: exp(1000) overflows to inf; "
                "subtract each row's maximum (axis=-1, keepdims=True) before np.exp")
    if np.allclose(got.sum(axis=0), 1) and not np.allclose(got.sum(axis=1), 1):
        return "each column sums to 1: normalise over each row (axis=-1, keepdims=True), not over each column"
    if np.isclose(got.sum(), 1):
        return "the whole batch sums to 1: normalise each row on its own (axis=-1, keepdims=True)"
    return "each row must sum to 1: exp(x - row max) / its sum over the row (axis=-1, keepdims=True)"


@pytest.mark.unit("functions.softmax")
def test_softmax_output_of_the_3_5_4_network(functions):
    """The seeds' 3-5-4 network: scores [1.56, 6.17, 1.76, 6.37] give softmax
    [0.00443583, 0.44573018, 0.00541793, 0.54441607] (see network_354.py)."""
    hidden = np.maximum(0, network_354.X @ network_354.W1 + network_354.B1)
    scores = hidden @ network_354.W2 + network_354.B2
    assert_close(functions.softmax(scores), network_354.SOFTMAX_OUTPUT,
                 "softmax of the 3-5-4 network's scores [1.56, 6.17, 1.76, 6.37]", rtol=0, atol=5e-9)


@pytest.mark.unit("functions.mean_squared_error")
def test_mean_squared_error_of_the_books_example(functions):
    """The book's example: 0.5 * sum((y - t)**2) = 0.0975 when the true class (2) gets 0.6."""
    y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])
    t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    assert_number_close(functions.mean_squared_error(y, t), 0.0975, "mean_squared_error(y, t), book example",
                        hint=_("0.5 * np.sum((y - t) ** 2)"))


@pytest.mark.unit("functions.mean_squared_error")
def test_mean_squared_error_sums_over_every_entry(functions):
    """A (2, 2) batch against zeros: 0.5 * (1 + 4 + 9 + 16) = 15 (the book's halved sum, not a mean)."""
    y = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert_number_close(functions.mean_squared_error(y, np.zeros((2, 2))), 15.0,
                        "mean_squared_error([[1, 2], [3, 4]], zeros)",
                        hint=_("the book's definition sums over all entries and halves: no mean"))


BOOK_Y = np.array([0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0])


@pytest.mark.unit("functions.cross_entropy_error")
def test_cross_entropy_of_a_one_hot_target_is_minus_log_p(functions):
    """The book's example: the true class (2) gets 0.6, so the loss is -log(0.6) = 0.5108."""
    t = np.array([0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    assert_number_close(functions.cross_entropy_error(BOOK_Y, t), -np.log(0.6),
                        "cross_entropy_error(y, one-hot t), book example",
                        hint=_("-sum(t * log(y + 1e-7)), or -log(y[true class] + 1e-7)"))


@pytest.mark.unit("functions.cross_entropy_error")
def test_cross_entropy_of_an_integer_label(functions):
    """The same example with the label 2 instead of a one-hot vector."""
    assert_number_close(functions.cross_entropy_error(BOOK_Y, np.array(2)), -np.log(0.6),
                        "cross_entropy_error(y, t=2)",
                        hint=_("with an integer label, the loss is -log(y[label] + 1e-7)"))


SQUARE_BATCH_Y = np.array([[0.1, 0.7, 0.2],
                           [0.25, 0.25, 0.5],
                           [0.6, 0.3, 0.1]])
SQUARE_BATCH_LABELS = np.array([1, 2, 0])
SQUARE_BATCH_LOSS = -(np.log(0.7) + np.log(0.5) + np.log(0.6)) / 3


@pytest.mark.unit("functions.cross_entropy_error")
def test_cross_entropy_of_a_batch_with_labels_is_the_mean(functions):
    """3 samples with labels [1, 2, 0]: the mean of -log 0.7, -log 0.5 and -log 0.6."""
    assert_number_close(functions.cross_entropy_error(SQUARE_BATCH_Y, SQUARE_BATCH_LABELS), SQUARE_BATCH_LOSS,
                        "cross_entropy_error of a (3, 3) batch with labels [1, 2, 0]",
                        hint=_("pick y[np.arange(N), t] and divide the sum by N, the number of samples"))


@pytest.mark.unit("functions.cross_entropy_error")
def test_cross_entropy_of_a_batch_with_one_hot_targets_is_the_mean(functions):
    """The same batch with one-hot targets."""
    one_hot = np.eye(3)[SQUARE_BATCH_LABELS]
    assert_number_close(functions.cross_entropy_error(SQUARE_BATCH_Y, one_hot), SQUARE_BATCH_LOSS,
                        "cross_entropy_error of a (3, 3) batch with one-hot targets",
                        hint=_("turn one-hot rows into labels with argmax(axis=1), then divide by N"))


@pytest.mark.unit("functions.cross_entropy_error")
def test_cross_entropy_is_finite_when_the_true_class_gets_zero(functions):
    """y[true] = 0 must not give inf or nan: add a small eps (like 1e-7) inside the log."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        got = functions.cross_entropy_error(np.array([[0.0, 1.0]]), np.array([0]))
    value = float(np.asarray(got, dtype=float).reshape(-1)[0])
    assert np.isfinite(value) and value > 10, (
        _("cross_entropy_error([[0, 1]], t=[0]) should be large but finite (-log(1e-7) = 16.1), got {value}.\n"
          "  hint: np.log(0) is -inf; add a small eps such as 1e-7 inside the log").format(value=value))


@pytest.mark.unit("functions.cross_entropy_error")
def test_cross_entropy_of_the_3_5_4_network(functions):
    """The seeds' 3-5-4 network: output [0.00443583, ..., 0.54441607] and d = [0, 0, 0, 1] give 0.6080413107681358."""
    assert_number_close(functions.cross_entropy_error(network_354.SOFTMAX_OUTPUT, network_354.D),
                        network_354.CROSS_ENTROPY, "cross_entropy_error(3-5-4 output, d=[0, 0, 0, 1])")
