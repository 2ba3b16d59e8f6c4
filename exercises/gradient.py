# Generated from solutions/gradient.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 5db49111a3d151a9 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=70b78163 numerical_gradient=7eac5925
"""Numerical differentiation (book chapter 4): the independent check of every backward pass."""
import numpy as np

#: Step of the central difference; the book's choice balances rounding and truncation errors.
DIFFERENCE_STEP = 1e-4


def numerical_gradient(f, x):
    """Gradient of f at x by central differences, one entry at a time.

    f: a function of one array returning a float. It is called with the very
       array object ``x``, changed in place, so closures such as
       ``lambda _: net.loss(x_batch, t_batch)`` over a parameter array see the change.
    x: float array of any shape (not 0-D). Restored exactly before returning.
    Returns an array of x's shape: (f(x + h e_i) - f(x - h e_i)) / 2h for every entry i.
    """
    # TODO: for every entry x[i] (np.nditer with multi_index walks any shape):
    #   keep the original value, set x[i] = value + h and evaluate f(x), set x[i] = value - h
    #   and evaluate f(x), store (f_plus - f_minus) / (2 * h), then put the original value back.
    # 日本語: x のすべての要素 x[i] について (multi_index 付きの np.nditer ならどんな形状でもた
    #   どれます): 元の値を取っておき、x[i] = value + h として f(x) を計算し、x[i] = value - h
    #   として f(x) を計算し、(f_plus - f_minus) / (2 * h) を保存してから、元の値に戻しましょう
    #   (数値微分の中心差分)。
    raise NotImplementedError("for every entry x[i] (np.nditer with multi_index walks any shape): keep the original value, set x[i] = value + h and evaluate f(x), set x[i] = value - h and evaluate f(x), store (f_plus - f_minus) / (2 * h), then put the original value back.")
    # ---- end of your code ----
