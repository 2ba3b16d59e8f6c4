"""Activation and loss functions of a neural network (book chapters 3 and 4).

Every function works on NumPy arrays and returns a new array (or a float for
the losses); none of them modifies its input.
"""
import numpy as np

#: Added inside the logarithm of the cross-entropy so that log(0) never happens.
LOG_EPSILON = 1e-7


def step_function(x):
    """Step function: 1 where x > 0, else 0.

    x: array of any shape (int or float).
    Returns an int array of x's shape.
    """
    ### BEGIN SOLUTION
    # TODO: return 1 where x > 0 and 0 elsewhere, as an int array of x's shape
    #   (hint: a comparison gives a bool array; np.int is gone in NumPy >= 1.24, use int).
    return np.array(x > 0, dtype=int)
    ### END SOLUTION


def sigmoid(x):
    """Sigmoid 1 / (1 + exp(-x)), elementwise.

    x: array of any shape. Returns a float array of x's shape.
    Exact and overflow-free for any |x| <= 1000.
    """
    ### BEGIN SOLUTION
    # TODO: return 1 / (1 + exp(-x)) elementwise.
    #   For large negative x, exp(-x) overflows: write it so that it never does
    #   (e.g. use exp(x) / (1 + exp(x)) where x < 0).
    x = np.asarray(x, dtype=float)
    exp_of_minus_abs = np.exp(-np.abs(x))  # never overflows: the exponent is <= 0
    return np.where(x >= 0, 1 / (1 + exp_of_minus_abs), exp_of_minus_abs / (1 + exp_of_minus_abs))
    ### END SOLUTION


def relu(x):
    """Rectified linear unit max(0, x), elementwise.

    x: array of any shape. Returns an array of x's shape.
    """
    ### BEGIN SOLUTION
    # TODO: return max(0, x) elementwise (np.maximum).
    return np.maximum(0, x)
    ### END SOLUTION


def softmax(x):
    """Softmax: exp(x) normalised to sum to 1.

    x: array of shape (C,) for one sample or (N, C) for a batch (row-wise).
    Returns probabilities of x's shape. Exact and finite for inputs up to 1e3.
    """
    ### BEGIN SOLUTION
    # TODO: return exp(x) / sum(exp(x)); for a batch (N, C), normalise each row.
    #   Subtract the maximum of each row first so that exp never overflows.
    shifted = x - np.max(x, axis=-1, keepdims=True)
    exp_x = np.exp(shifted)
    return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
    ### END SOLUTION


def mean_squared_error(y, t):
    """Sum of squared errors, halved: 0.5 * sum((y - t) ** 2) (the book's definition).

    y, t: arrays of the same shape. Returns a float.
    """
    ### BEGIN SOLUTION
    # TODO: return 0.5 * sum((y - t) ** 2) over all entries, as a float.
    return 0.5 * float(np.sum((y - t) ** 2))
    ### END SOLUTION


def cross_entropy_error(y, t):
    """Mean cross-entropy -log(y[true class] + LOG_EPSILON) over a batch.

    y: probabilities, shape (C,) or (N, C).
    t: one-hot labels of y's shape, or integer labels of shape () or (N,).
    Returns a float: the mean over the N samples (N = 1 for 1-D y).
    """
    ### BEGIN SOLUTION
    # TODO: return the batch mean of -log(y[n, true class of n] + LOG_EPSILON).
    #   Make a 1-D y a batch of one; turn one-hot t into labels with argmax.
    y = np.atleast_2d(y)
    t = np.asarray(t)
    if t.size == y.size:  # one-hot: the label is the position of the 1
        t = t.reshape(y.shape).argmax(axis=1)
    else:
        t = t.reshape(-1)
    batch_size = y.shape[0]
    true_class_probabilities = y[np.arange(batch_size), t]
    return float(-np.sum(np.log(true_class_probabilities + LOG_EPSILON)) / batch_size)
    ### END SOLUTION
