# Generated from solutions/functions.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: e7aea913ce4ab148 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=0438ad66 step_function=79605370 sigmoid=605cf821
#   relu=c6b4531d softmax=7770999c mean_squared_error=3a6d81b2 cross_entropy_error=5023a0e2
"""Activation and loss functions of a neural network (book chapters 3 and 4).

Every function works on NumPy arrays and returns a new array (or a float for
the losses); none of them modifies its input.

日本語: ニューラルネットワークの活性化関数と損失関数 (本書 3 章、4 章)。

どの関数も NumPy の配列を受け取り、新しい配列 (損失関数は float) を返します。
入力を書き換える関数はありません。
"""
import numpy as np

#: Added inside the logarithm of the cross-entropy so that log(0) never happens.
LOG_EPSILON = 1e-7


def step_function(x):
    """Step function: 1 where x > 0, else 0.

    x: array of any shape (int or float).
    Returns an int array of x's shape.

    日本語: ステップ関数: x > 0 のところは 1、それ以外は 0。

    x: 任意の形状の配列 (int でも float でも)。
    x と同じ形状の int の配列を返します。
    """
    # TODO: return 1 where x > 0 and 0 elsewhere, as an int array of x's shape
    #   (hint: a comparison gives a bool array; np.int is gone in NumPy >= 1.24, use int).
    # 日本語: x > 0 のところは 1、それ以外は 0 を、x と同じ形状の int の配列で返しましょう (ヒン
    #   ト: 比較演算の結果は bool の配列になります。np.int は NumPy 1.24 以降ではないので int を
    #   使います)。
    raise NotImplementedError("return 1 where x > 0 and 0 elsewhere, as an int array of x's shape (hint: a comparison gives a bool array; np.int is gone in NumPy >= 1.24, use int).")
    # ---- end of your code ----


def sigmoid(x):
    """Sigmoid 1 / (1 + exp(-x)), elementwise.

    x: array of any shape. Returns a float array of x's shape.
    Exact and overflow-free for any |x| <= 1000.

    日本語: シグモイド関数 1 / (1 + exp(-x)) を要素ごとに計算します。

    x: 任意の形状の配列。x と同じ形状の float の配列を返します。
    |x| <= 1000 ならどの x でも正確で、オーバーフローしません。
    """
    # TODO: return 1 / (1 + exp(-x)) elementwise.
    #   For large negative x, exp(-x) overflows: write it so that it never does
    #   (e.g. use exp(x) / (1 + exp(x)) where x < 0).
    # 日本語: 要素ごとに 1 / (1 + exp(-x)) を返しましょう。x が大きな負の値だと exp(-x) がオーバー
    #   フローするので、決してオーバーフローしない書き方にします (例: x < 0 のところでは exp(x)
    #   / (1 + exp(x)) を使う)。
    raise NotImplementedError("return 1 / (1 + exp(-x)) elementwise. For large negative x, exp(-x) overflows: write it so that it never does (e.g. use exp(x) / (1 + exp(x)) where x < 0).")
    # ---- end of your code ----


def relu(x):
    """Rectified linear unit max(0, x), elementwise.

    x: array of any shape. Returns an array of x's shape.

    日本語: ReLU (Rectified Linear Unit) 関数 max(0, x) を要素ごとに計算します。

    x: 任意の形状の配列。x と同じ形状の配列を返します。
    """
    # TODO: return max(0, x) elementwise (np.maximum).
    # 日本語: 要素ごとに max(0, x) を返しましょう (np.maximum)。
    raise NotImplementedError("return max(0, x) elementwise (np.maximum).")
    # ---- end of your code ----


def softmax(x):
    """Softmax: exp(x) normalised to sum to 1.

    x: array of shape (C,) for one sample or (N, C) for a batch (row-wise).
    Returns probabilities of x's shape. Exact and finite for inputs up to 1e3.

    日本語: ソフトマックス関数: 合計が 1 になるように正規化した exp(x)。

    x: 1 つのサンプルなら形状 (C,)、バッチなら (N, C) (行ごとに計算) の配列。
    x と同じ形状の確率を返します。入力が 1e3 までなら正確で、有限の値になります。
    """
    # TODO: return exp(x) / sum(exp(x)); for a batch (N, C), normalise each row.
    #   Subtract the maximum of each row first so that exp never overflows.
    # 日本語: exp(x) / sum(exp(x)) を返しましょう。バッチ (N, C) では行ごとに正規化します。exp
    #   がオーバーフローしないよう、先に各行の最大値を引きます。
    raise NotImplementedError("return exp(x) / sum(exp(x)); for a batch (N, C), normalise each row. Subtract the maximum of each row first so that exp never overflows.")
    # ---- end of your code ----


def mean_squared_error(y, t):
    """Sum of squared errors, halved: 0.5 * sum((y - t) ** 2) (the book's definition).

    y, t: arrays of the same shape. Returns a float.

    日本語: 2 乗和誤差: 0.5 * sum((y - t) ** 2) (本書の定義のとおり 1/2 を掛けます)。

    y, t: 同じ形状の配列。float を返します。
    """
    # TODO: return 0.5 * sum((y - t) ** 2) over all entries, as a float.
    # 日本語: すべての要素についての 0.5 * sum((y - t) ** 2) を float で返しましょう (2 乗和誤差)。
    raise NotImplementedError("return 0.5 * sum((y - t) ** 2) over all entries, as a float.")
    # ---- end of your code ----


def cross_entropy_error(y, t):
    """Mean cross-entropy -log(y[true class] + LOG_EPSILON) over a batch.

    y: probabilities, shape (C,) or (N, C).
    t: one-hot labels of y's shape, or integer labels of shape () or (N,).
    Returns a float: the mean over the N samples (N = 1 for 1-D y).

    日本語: 交差エントロピー誤差 -log(y[正解クラス] + LOG_EPSILON) のバッチ平均。

    y: 確率。形状 (C,) または (N, C)。
    t: y と同じ形状の one-hot のラベル、または形状 () か (N,) の整数のラベル。
    float を返します: N 個のサンプルの平均 (y が 1 次元なら N = 1)。
    """
    # TODO: return the batch mean of -log(y[n, true class of n] + LOG_EPSILON).
    #   Make a 1-D y a batch of one; turn one-hot t into labels with argmax.
    # 日本語: -log(y[n, n の正解クラス] + LOG_EPSILON) のバッチ平均を返しましょう (交差エントロ
    #   ピー誤差)。1 次元の y は 1 個だけのバッチにし、one-hot 表現の t は argmax でラベルに変換
    #   します。
    raise NotImplementedError("return the batch mean of -log(y[n, true class of n] + LOG_EPSILON). Make a 1-D y a batch of one; turn one-hot t into labels with argmax.")
    # ---- end of your code ----
