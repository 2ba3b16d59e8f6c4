# Generated from solutions/optimizer.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 0ad084df2022c776 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=669d14e6 SGD=430ff7ef Momentum=9d786c3b AdaGrad=9195263d
#   RMSprop=7bf35b55 Adam=b7f9cc4f
"""Parameter update rules (book chapter 6.1).

Each optimizer has ``update(params, grads)``: both are dicts of arrays with the
same keys. Parameters are updated **in place** (``params[key] -= ...``), never
rebound, because the network's layers hold references to these very arrays.
State (velocities, squared-gradient sums) is created on the first call, per key.

日本語: パラメータの更新方法 (本書 6.1 節)。

どのオプティマイザも ``update(params, grads)`` をもちます: どちらも同じキーをもつ配列の
dict です。パラメータは **その場で** 更新し (``params[key] -= ...``)、決して別の配列に
置き換えません。ネットワークのレイヤがまさにその配列への参照を持っているからです。
状態 (速度、勾配の 2 乗和) は最初の呼び出しのときに、キーごとに作ります。
"""
import numpy as np

#: Keeps the adaptive methods from dividing by zero.
DIVISION_EPSILON = 1e-7


class SGD:
    """Stochastic gradient descent: p -= lr * g.

    日本語: 確率的勾配降下法 (SGD): p -= lr * g。
    """

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        # TODO: for every key, subtract lr * grads[key] from params[key] in place (-=).
        # 日本語: すべてのキーについて、params[key] から lr * grads[key] をその場で引きましょう
        #   (-=)。
        raise NotImplementedError("for every key, subtract lr * grads[key] from params[key] in place (-=).")
        # ---- end of your code ----


class Momentum:
    """Momentum SGD: v = momentum * v - lr * g; p += v.

    日本語: Momentum SGD: v = momentum * v - lr * g; p += v。
    """

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        # TODO: on the first call set self.v to a dict of zero arrays shaped like params;
        #   then for every key: v = momentum * v - lr * g, and add v to params[key] in place.
        # 日本語: 最初の呼び出しで self.v を params と同じ形状のゼロ配列の辞書にします。それから
        #   すべてのキーについて v = momentum * v - lr * g とし、v を params[key] にその場で足し
        #   ましょう。
        raise NotImplementedError("on the first call set self.v to a dict of zero arrays shaped like params; then for every key: v = momentum * v - lr * g, and add v to params[key] in place.")
        # ---- end of your code ----


class AdaGrad:
    """AdaGrad: h += g * g; p -= lr * g / (sqrt(h) + eps).

    日本語: AdaGrad: h += g * g; p -= lr * g / (sqrt(h) + eps)。
    """

    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        # TODO: on the first call set self.h to zero arrays shaped like params; then for every
        #   key: h += g * g and params[key] -= lr * g / (sqrt(h) + DIVISION_EPSILON), in place.
        # 日本語: 最初の呼び出しで self.h を params と同じ形状のゼロ配列にします。それからすべて
        #   のキーについて h += g * g と params[key] -= lr * g / (sqrt(h) + DIVISION_EPSILON) を
        #   その場で行いましょう。
        raise NotImplementedError("on the first call set self.h to zero arrays shaped like params; then for every key: h += g * g and params[key] -= lr * g / (sqrt(h) + DIVISION_EPSILON), in place.")
        # ---- end of your code ----


class RMSprop:
    """RMSprop: h = decay_rate * h + (1 - decay_rate) * g * g; p -= lr * g / (sqrt(h) + eps).

    日本語: RMSprop: h = decay_rate * h + (1 - decay_rate) * g * g;
    p -= lr * g / (sqrt(h) + eps)。
    """

    def __init__(self, lr=0.01, decay_rate=0.99):
        self.lr = lr
        self.decay_rate = decay_rate
        self.h = None

    def update(self, params, grads):
        # TODO: like AdaGrad, but h is a moving average: h = decay_rate * h + (1 - decay_rate) * g * g.
        # 日本語: AdaGrad と同じですが、h は移動平均です: h = decay_rate * h + (1 - decay_rate)
        #   * g * g。
        raise NotImplementedError("like AdaGrad, but h is a moving average: h = decay_rate * h + (1 - decay_rate) * g * g.")
        # ---- end of your code ----


class Adam:
    """Adam (Kingma & Ba 2015) with bias correction; the step count t starts at 1.

    m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g * g
    p -= lr * m_hat / (sqrt(v_hat) + eps), with m_hat = m / (1 - beta1**t), v_hat = v / (1 - beta2**t)

    日本語: Adam (Kingma & Ba 2015)。バイアス補正あり。ステップ数 t は 1 から始まります。

    m = beta1 * m + (1 - beta1) * g;  v = beta2 * v + (1 - beta2) * g * g
    p -= lr * m_hat / (sqrt(v_hat) + eps)。
    ただし m_hat = m / (1 - beta1**t)、v_hat = v / (1 - beta2**t)
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.t = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        # TODO: update params in place with bias-corrected Adam steps.
        #   On the first call create zero m and v per key. Every call: t += 1; update m and v;
        #   correct their bias (divide by 1 - beta1**t and 1 - beta2**t); then
        #   params[key] -= lr * m_hat / (sqrt(v_hat) + DIVISION_EPSILON), in place.
        # 日本語: バイアス補正付きの Adam で params をその場で更新しましょう。最初の呼び出しでキー
        #   ごとにゼロの m と v を作ります。毎回: t += 1; m と v を更新; そのバイアスを補正 (1 -
        #   beta1**t と 1 - beta2**t で割る); それから params[key] -= lr * m_hat / (sqrt(v_hat)
        #   + DIVISION_EPSILON) をその場で行います。
        raise NotImplementedError("update params in place with bias-corrected Adam steps. On the first call create zero m and v per key. Every call: t += 1; update m and v; correct their bias (divide by 1 - beta1**t and 1 - beta2**t); then params[key] -= lr * m_hat / (sqrt(v_hat) + DIVISION_EPSILON), in place.")
        # ---- end of your code ----
