# Generated from solutions/two_layer_net.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 60f40f981143d864 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=89d8900e TwoLayerNet=0108488a
"""A two-layer classifier: Affine -> Relu -> Affine -> SoftmaxWithLoss (book chapter 5.7).

日本語: 2 層の分類器: Affine -> Relu -> Affine -> SoftmaxWithLoss (本書 5.7 節)。
"""
import numpy as np

from .gradient import numerical_gradient
from .layers import Affine, Relu, SoftmaxWithLoss


class TwoLayerNet:
    """Two-layer network with parameters W1 (D, H), b1 (H,), W2 (H, C), b2 (C,).

    Weights start as N(0, weight_init_std**2) draws from NumPy's global random
    state; biases start at zero.

    日本語: パラメータ W1 (D, H)、b1 (H,)、W2 (H, C)、b2 (C,) をもつ
    2 層ニューラルネットワーク。

    重みの初期値は、NumPy のグローバルな乱数状態から引いた N(0, weight_init_std**2) です。
    バイアスの初期値は 0 です。
    """

    def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):
        self.params = {
            "W1": weight_init_std * np.random.randn(input_size, hidden_size),
            "b1": np.zeros(hidden_size),
            "W2": weight_init_std * np.random.randn(hidden_size, output_size),
            "b2": np.zeros(output_size),
        }
        # The layers share the parameter arrays: updating params in place updates them.
        self.layers = [
            Affine(self.params["W1"], self.params["b1"]),
            Relu(),
            Affine(self.params["W2"], self.params["b2"]),
        ]
        self.last_layer = SoftmaxWithLoss()

    def predict(self, x):
        """x: inputs (N, D). Returns class scores before softmax, (N, C).

        日本語: x: 入力 (N, D)。ソフトマックス関数を通す前の各クラスのスコア (N, C) を返します。
        """
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        """x: inputs (N, D); t: one-hot (N, C) or labels (N,). Returns the mean cross-entropy.

        日本語: x: 入力 (N, D)。t: one-hot (N, C) またはラベル (N,)。
        交差エントロピー誤差の平均を返します。
        """
        return self.last_layer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        """Fraction of samples whose highest score is the true class; t one-hot or labels.

        日本語: スコアが最大のクラスが正解クラスであるサンプルの割合。
        t は one-hot またはラベル。
        """
        predicted = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return float(np.mean(predicted == t))

    def numerical_gradient(self, x, t):
        """Gradients of the loss by central differences (slow; the check for ``gradient``).

        日本語: 損失関数の勾配を中心差分 (数値微分) で求めます
        (遅いので、``gradient`` の確認用)。
        """
        def loss_of_params(_):
            return self.loss(x, t)

        return {key: numerical_gradient(loss_of_params, value) for key, value in self.params.items()}

    def gradient(self, x, t):
        """Gradients of the loss by backpropagation.

        x: inputs (N, D); t: one-hot (N, C) or labels (N,).
        Returns a dict with the keys of ``params`` and arrays of their shapes.

        日本語: 損失関数の勾配を誤差逆伝播法で求めます。

        x: 入力 (N, D)。t: one-hot (N, C) またはラベル (N,)。
        ``params`` と同じキーをもち、それぞれと同じ形状の配列を値とする dict を返します。
        """
        # TODO: run the forward pass (self.loss), then call backward on self.last_layer (dout=1)
        #   and on each layer of self.layers in reverse order, passing each result to the next.
        #   Return {"W1": ..., "b1": ..., "W2": ..., "b2": ...} from the Affine layers' dW and db.
        # 日本語: 順伝播 (self.loss) をしてから、self.last_layer (dout=1)、続いて self.layers の
        #   各レイヤを逆順に backward し、それぞれの結果を次に渡しましょう (誤差逆伝播法)。
        #   Affine レイヤの dW と db から {"W1": ..., "b1": ..., "W2": ..., "b2": ...} を返しま
        #   す。
        raise NotImplementedError("run the forward pass (self.loss), then call backward on self.last_layer (dout=1) and on each layer of self.layers in reverse order, passing each result to the next. Return {\"W1\": ..., \"b1\": ..., \"W2\": ..., \"b2\": ...} from the Affine layers' dW and db.")
        # ---- end of your code ----
