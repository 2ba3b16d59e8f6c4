# Generated from solutions/simple_conv_net.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 3a30adfd5eca78eb (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=78383034 SimpleConvNet=8d65d245
"""A small convolutional network (book chapter 7.5):
Convolution -> Relu -> Pooling(2x2, stride 2) -> Affine -> Relu -> Affine -> SoftmaxWithLoss.

日本語: 小さな畳み込みニューラルネットワーク (本書 7.5 節):
Convolution -> Relu -> Pooling (2x2、ストライド 2) -> Affine -> Relu -> Affine
-> SoftmaxWithLoss。
"""
import numpy as np

from .gradient import numerical_gradient
from .layers import Affine, Convolution, Pooling, Relu, SoftmaxWithLoss
from .util import conv_output_size

POOL_SIZE = 2  # 2x2 windows, stride 2: halves the height and the width of the feature maps


class SimpleConvNet:
    """Convolutional classifier of images (C, H, W).

    input_dim: (C, H, W) of one image; conv_param: 'filter_num' (FN), 'filter_size' (FS),
    'pad', 'stride' of the convolution; hidden_size: units of the hidden Affine layer (Hd);
    output_size: classes (K). Weights start as N(0, weight_init_std**2) draws from NumPy's
    global random state.
    Params: W1 (FN, C, FS, FS), b1 (FN,) for the convolution; W2 (FN * PH * PW, Hd), b2 (Hd,);
    W3 (Hd, K), b3 (K,); with OH = conv_output_size(H, FS, stride, pad) and PH = OH // 2
    (PW likewise): the pooled feature maps, flattened per sample in (filter, row, column) order.

    日本語: 画像 (C, H, W) の畳み込みニューラルネットワークによる分類器。

    input_dim: 1 枚の画像の (C, H, W)。
    conv_param: 畳み込みの 'filter_num' (FN)、'filter_size' (FS)、'pad'、'stride'。
    hidden_size: 隠れ層の Affine レイヤのユニット数 (Hd)。
    output_size: クラス数 (K)。重みの初期値は、NumPy のグローバルな乱数状態から引いた
    N(0, weight_init_std**2) です。
    パラメータ: 畳み込みの W1 (FN, C, FS, FS)、b1 (FN,)。W2 (FN * PH * PW, Hd)、b2 (Hd,)。
    W3 (Hd, K)、b3 (K,)。ここで OH = conv_output_size(H, FS, stride, pad)、PH = OH // 2
    (PW も同様): プーリング後の特徴マップを、サンプルごとに
    (フィルター, 行, 列) の順に平らにしたもの。
    """

    def __init__(self, input_dim=(1, 28, 28),
                 conv_param={"filter_num": 30, "filter_size": 5, "pad": 0, "stride": 1},
                 hidden_size=100, output_size=10, weight_init_std=0.01):
        channels, height, width = input_dim
        filter_num = conv_param["filter_num"]
        filter_size = conv_param["filter_size"]
        pad = conv_param["pad"]
        stride = conv_param["stride"]
        # TODO: the convolution's output is OH x OW (conv_output_size), the pooling's
        #   OH // POOL_SIZE x OW // POOL_SIZE; the first Affine takes the FN pooled maps flattened.
        #   Draw self.params W1 (FN, C, FS, FS), W2 (FN * PH * PW, hidden_size), W3 (hidden_size,
        #   output_size) as weight_init_std * np.random.randn(...), and b1, b2, b3 as zeros. Then
        #   self.layers = [Convolution(W1, b1, stride, pad), Relu(), Pooling(POOL_SIZE, POOL_SIZE,
        #   stride=POOL_SIZE), Affine(W2, b2), Relu(), Affine(W3, b3)] and self.last_layer = SoftmaxWithLoss().
        # 日本語: 畳み込みの出力は OH x OW (conv_output_size)、プーリングの出力は OH //
        #   POOL_SIZE x OW // POOL_SIZE です。最初の Affine は FN 枚のプーリング後のマップを平坦
        #   化して受け取ります。self.params の W1 (FN, C, FS, FS)、W2 (FN * PH * PW,
        #   hidden_size)、W3 (hidden_size, output_size) を weight_init_std *
        #   np.random.randn(...) で作り、b1, b2, b3 はゼロにします。そして self.layers =
        #   [Convolution(W1, b1, stride, pad), Relu(), Pooling(POOL_SIZE, POOL_SIZE,
        #   stride=POOL_SIZE), Affine(W2, b2), Relu(), Affine(W3, b3)]、self.last_layer =
        #   SoftmaxWithLoss() とします。
        raise NotImplementedError("the convolution's output is OH x OW (conv_output_size), the pooling's OH // POOL_SIZE x OW // POOL_SIZE; the first Affine takes the FN pooled maps flattened. Draw self.params W1 (FN, C, FS, FS), W2 (FN * PH * PW, hidden_size), W3 (hidden_size, output_size) as weight_init_std * np.random.randn(...), and b1, b2, b3 as zeros. Then self.layers = [Convolution(W1, b1, stride, pad), Relu(), Pooling(POOL_SIZE, POOL_SIZE, stride=POOL_SIZE), Affine(W2, b2), Relu(), Affine(W3, b3)] and self.last_layer = SoftmaxWithLoss().")
        # ---- end of your code ----

    def predict(self, x):
        """x: images (N, C, H, W). Returns class scores before softmax, (N, K).

        日本語: x: 画像 (N, C, H, W)。ソフトマックス関数を通す前の
        各クラスのスコア (N, K) を返します。
        """
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        """x: images (N, C, H, W); t: one-hot (N, K) or labels (N,). Returns the mean cross-entropy.

        日本語: x: 画像 (N, C, H, W)。t: one-hot (N, K) またはラベル (N,)。
        交差エントロピー誤差の平均を返します。
        """
        return self.last_layer.forward(self.predict(x), t)

    def accuracy(self, x, t, batch_size=100):
        """Fraction of samples whose highest score is the true class; t one-hot or labels.

        Scored batch_size images at a time: im2col of a whole data set can be large.

        日本語: スコアが最大のクラスが正解クラスであるサンプルの割合。
        t は one-hot またはラベル。

        画像を batch_size 枚ずつ評価します: データセット全体の im2col は大きくなりうるからです。
        """
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        correct = 0
        for start in range(0, x.shape[0], batch_size):
            scores = self.predict(x[start:start + batch_size])
            correct += int(np.sum(np.argmax(scores, axis=1) == t[start:start + batch_size]))
        return correct / x.shape[0]

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

        x: images (N, C, H, W); t: one-hot (N, K) or labels (N,).
        Returns a dict with the keys of ``params`` (W1, b1, W2, b2, W3, b3) and arrays of their shapes.

        日本語: 損失関数の勾配を誤差逆伝播法で求めます。

        x: 画像 (N, C, H, W)。t: one-hot (N, K) またはラベル (N,)。
        ``params`` と同じキー (W1, b1, W2, b2, W3, b3) をもち、
        それぞれと同じ形状の配列を値とする dict を返します。
        """
        # TODO: as in TwoLayerNet: forward (self.loss), then backward through self.last_layer
        #   (dout=1) and self.layers in reverse order. W1, b1 are the Convolution's dW, db;
        #   W2, b2 and W3, b3 those of the two Affine layers.
        # 日本語: TwoLayerNet と同じく: 順伝播 (self.loss) の後、self.last_layer (dout=1) と
        #   self.layers を逆順に backward します。W1, b1 は Convolution の dW, db、W2, b2 と W3,
        #   b3 は 2 つの Affine 層のものです。
        raise NotImplementedError("as in TwoLayerNet: forward (self.loss), then backward through self.last_layer (dout=1) and self.layers in reverse order. W1, b1 are the Convolution's dW, db; W2, b2 and W3, b3 those of the two Affine layers.")
        # ---- end of your code ----
