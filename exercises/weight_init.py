# Generated from solutions/weight_init.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 791bf55cafb83eb4 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=ec2261be _normal=167cbb20 he_init=f72c94fd
#   xavier_init=d470bf3a
"""Initial weights scaled to the layer's fan-in (book chapter 6.2).

With a std of 0.01 the activations of a deep net shrink towards zero layer by
layer; scaling by the number of inputs keeps their spread steady.

日本語: レイヤの入力数 (fan-in) に合わせてスケールした重みの初期値 (本書 6.2 節)。

標準偏差 0.01 だと、深いネットワークのアクティベーション (活性化関数の出力) は
層を重ねるごとに 0 に向かって小さくなります。入力の数でスケールすると、その分布の
広がりが保たれます。
"""
import numpy as np


def _normal(shape, rng):
    """Standard normal draws from ``rng`` or, when None, from NumPy's global state.

    日本語: ``rng`` から、None なら NumPy のグローバルな乱数状態から引いた標準正規分布の乱数。
    """
    if rng is None:
        return np.random.randn(*shape)
    return rng.standard_normal(shape)


def he_init(fan_in, fan_out, rng=None):
    """He initialisation for ReLU layers: N(0, 2 / fan_in).

    fan_in, fan_out: numbers of inputs and outputs of the layer.
    rng: a numpy.random.Generator, or None for the global random state.
    Returns a float array of shape (fan_in, fan_out).

    日本語: ReLU を使うレイヤのための He の初期値: N(0, 2 / fan_in)。

    fan_in, fan_out: レイヤの入力の数と出力の数。
    rng: numpy.random.Generator、または None (グローバルな乱数状態を使う)。
    形状 (fan_in, fan_out) の float の配列を返します。
    """
    # TODO: return standard normal draws of shape (fan_in, fan_out) times sqrt(2 / fan_in).
    #   Draw with _normal((fan_in, fan_out), rng) so that a given rng gives the same array.
    # 日本語: 形状 (fan_in, fan_out) の標準正規分布の乱数に sqrt(2 / fan_in) を掛けて返しましょ
    #   う (He の初期値)。同じ rng から同じ配列が得られるよう、_normal((fan_in, fan_out), rng)
    #   で乱数を引きます。
    raise NotImplementedError("return standard normal draws of shape (fan_in, fan_out) times sqrt(2 / fan_in). Draw with _normal((fan_in, fan_out), rng) so that a given rng gives the same array.")
    # ---- end of your code ----


def xavier_init(fan_in, fan_out, rng=None):
    """Xavier initialisation for sigmoid/tanh layers: N(0, 1 / fan_in) (the book's form).

    fan_in, fan_out: numbers of inputs and outputs of the layer.
    rng: a numpy.random.Generator, or None for the global random state.
    Returns a float array of shape (fan_in, fan_out).

    日本語: sigmoid/tanh を使うレイヤのための Xavier の初期値: N(0, 1 / fan_in) (本書の形)。

    fan_in, fan_out: レイヤの入力の数と出力の数。
    rng: numpy.random.Generator、または None (グローバルな乱数状態を使う)。
    形状 (fan_in, fan_out) の float の配列を返します。
    """
    # TODO: return standard normal draws of shape (fan_in, fan_out) times sqrt(1 / fan_in).
    #   Draw with _normal((fan_in, fan_out), rng) so that a given rng gives the same array.
    # 日本語: 形状 (fan_in, fan_out) の標準正規分布の乱数に sqrt(1 / fan_in) を掛けて返しましょ
    #   う (Xavier の初期値)。同じ rng から同じ配列が得られるよう、_normal((fan_in, fan_out),
    #   rng) で乱数を引きます。
    raise NotImplementedError("return standard normal draws of shape (fan_in, fan_out) times sqrt(1 / fan_in). Draw with _normal((fan_in, fan_out), rng) so that a given rng gives the same array.")
    # ---- end of your code ----
