# Generated from solutions/gradient.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 5c59acf797a2b184 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=77396edc numerical_gradient=f1434705
"""Numerical differentiation (book chapter 4): the independent check of every backward pass.

日本語: 数値微分 (本書 4 章): すべての逆伝播 (backward) を独立に確かめる方法。
"""
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

    日本語: x における f の勾配を、中心差分で 1 要素ずつ求めます。

    f: 1 つの配列を受け取って float を返す関数。呼ぶときは配列オブジェクト ``x`` そのものを
       その場で書き換えて渡すので、パラメータの配列を使う
       ``lambda _: net.loss(x_batch, t_batch)`` のようなクロージャでも変更が反映されます。
    x: 任意の形状 (0 次元は不可) の float の配列。返す前に元の値へ正確に戻します。
    x と同じ形状の配列を返します: 各要素 i について (f(x + h e_i) - f(x - h e_i)) / 2h。
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
