# Generated from solutions/weight_init.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 9467352807e60a48 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=1c742788 _normal=8d4e62cd he_init=1765a0e3
#   xavier_init=5f8ccf54
"""Initial weights scaled to the layer's fan-in (book chapter 6.2).

With a std of 0.01 the activations of a deep net shrink towards zero layer by
layer; scaling by the number of inputs keeps their spread steady.
"""
import numpy as np


def _normal(shape, rng):
    """Standard normal draws from ``rng`` or, when None, from NumPy's global state."""
    if rng is None:
        return np.random.randn(*shape)
    return rng.standard_normal(shape)


def he_init(fan_in, fan_out, rng=None):
    """He initialisation for ReLU layers: N(0, 2 / fan_in).

    fan_in, fan_out: numbers of inputs and outputs of the layer.
    rng: a numpy.random.Generator, or None for the global random state.
    Returns a float array of shape (fan_in, fan_out).
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
    """
    # TODO: return standard normal draws of shape (fan_in, fan_out) times sqrt(1 / fan_in).
    #   Draw with _normal((fan_in, fan_out), rng) so that a given rng gives the same array.
    # 日本語: 形状 (fan_in, fan_out) の標準正規分布の乱数に sqrt(1 / fan_in) を掛けて返しましょ
    #   う (Xavier の初期値)。同じ rng から同じ配列が得られるよう、_normal((fan_in, fan_out),
    #   rng) で乱数を引きます。
    raise NotImplementedError("return standard normal draws of shape (fan_in, fan_out) times sqrt(1 / fan_in). Draw with _normal((fan_in, fan_out), rng) so that a given rng gives the same array.")
    # ---- end of your code ----
