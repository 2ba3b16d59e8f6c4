# Generated from solutions/multi_layer_net.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: ac88709011cf5cf7 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=5f512f46 MultiLayerNet=6e07c8b1
"""A fully connected network of any depth, with weight decay, L1, dropout and batch normalisation.

Layers, for each hidden layer i = 1..L-1:
    Affine(W_i, b_i) -> [BatchNormalization(gamma_i, beta_i)] -> activation -> [Dropout]
then Affine(W_L, b_L) -> SoftmaxWithLoss (the book's MultiLayerNetExtend).
The loss adds the L2 penalty 0.5 * weight_decay_lambda * sum(W ** 2) (weight decay)
and the L1 penalty l1_lambda * sum(|W|) over every W; either or both may be on.

日本語: 任意の深さの全結合ネットワーク。
荷重減衰 (Weight decay)、L1、Dropout、バッチ正規化を使えます。

レイヤの並び: 各隠れ層 i = 1..L-1 について
    Affine(W_i, b_i) -> [BatchNormalization(gamma_i, beta_i)] -> 活性化関数 -> [Dropout]
その後に Affine(W_L, b_L) -> SoftmaxWithLoss (本書の MultiLayerNetExtend)。
損失関数には、すべての W についての L2 ペナルティ 0.5 * weight_decay_lambda * sum(W ** 2)
(荷重減衰) と L1 ペナルティ l1_lambda * sum(|W|) を加えます。どちらか一方でも両方でも使えます。
"""
import numpy as np

from .gradient import numerical_gradient
from .layers import Affine, BatchNormalization, Dropout, Relu, Sigmoid, SoftmaxWithLoss
from .weight_init import he_init, xavier_init

ACTIVATIONS = {"relu": Relu, "sigmoid": Sigmoid}
INITIALISERS = {"relu": he_init, "he": he_init, "sigmoid": xavier_init, "xavier": xavier_init}


class MultiLayerNet:
    """Fully connected classifier.

    input_size: D; hidden_size_list: sizes of the hidden layers, e.g. [100, 100];
    output_size: C; activation: 'relu' or 'sigmoid';
    weight_init_std: 'relu'/'he', 'sigmoid'/'xavier' or a float std;
    weight_decay_lambda: strength of the L2 penalty (weight decay);
    l1_lambda: strength of the L1 penalty;
    use_dropout, dropout_ratio: a Dropout after each hidden activation;
    use_batchnorm: a BatchNormalization before each hidden activation.
    Params: W1..WL, b1..bL and, with batch norm, gamma1.., beta1.. per hidden layer.

    日本語: 全結合の分類器。

    input_size: D。hidden_size_list: 隠れ層のサイズのリスト (例: [100, 100])。
    output_size: C。activation: 'relu' または 'sigmoid'。
    weight_init_std: 'relu'/'he'、'sigmoid'/'xavier'、または標準偏差の float。
    weight_decay_lambda: L2 ペナルティ (荷重減衰) の強さ。
    l1_lambda: L1 ペナルティの強さ。
    use_dropout, dropout_ratio: 各隠れ層の活性化関数の後に Dropout を入れる。
    use_batchnorm: 各隠れ層の活性化関数の前に BatchNormalization を入れる。
    パラメータ: W1..WL、b1..bL、バッチ正規化を使うときは隠れ層ごとの gamma1..、beta1..。
    """

    def __init__(self, input_size, hidden_size_list, output_size, activation="relu",
                 weight_init_std="relu", weight_decay_lambda=0, use_dropout=False,
                 dropout_ratio=0.5, use_batchnorm=False, l1_lambda=0):
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, not {activation!r}")
        self.hidden_layer_num = len(hidden_size_list)
        self.weight_decay_lambda = weight_decay_lambda
        self.l1_lambda = l1_lambda
        self.use_batchnorm = use_batchnorm
        self.params = {}
        self.layers = []

        sizes = [input_size, *hidden_size_list, output_size]
        for i in range(1, len(sizes)):
            self.params[f"W{i}"] = self._initial_weights(sizes[i - 1], sizes[i], weight_init_std)
            self.params[f"b{i}"] = np.zeros(sizes[i])
            self.layers.append(Affine(self.params[f"W{i}"], self.params[f"b{i}"]))
            if i == len(sizes) - 1:
                break  # the output layer has no activation: SoftmaxWithLoss follows
            if use_batchnorm:
                self.params[f"gamma{i}"] = np.ones(sizes[i])
                self.params[f"beta{i}"] = np.zeros(sizes[i])
                self.layers.append(BatchNormalization(self.params[f"gamma{i}"], self.params[f"beta{i}"]))
            self.layers.append(ACTIVATIONS[activation]())
            if use_dropout:
                # TODO: append a Dropout(dropout_ratio) layer to self.layers, right after the
                #   activation, so that every hidden layer's output passes through its own Dropout.
                # 日本語: 活性化関数のすぐ後ろで self.layers に Dropout(dropout_ratio) レイヤを
                #   追加し、各隠れ層の出力がそれぞれの Dropout を通るようにしましょう。
                raise NotImplementedError("append a Dropout(dropout_ratio) layer to self.layers, right after the activation, so that every hidden layer's output passes through its own Dropout.")
                # ---- end of your code ----
        self.last_layer = SoftmaxWithLoss()

    @staticmethod
    def _initial_weights(fan_in, fan_out, weight_init_std):
        """Weights (fan_in, fan_out): He or Xavier by name, or N(0, std**2) for a float std.

        日本語: 重み (fan_in, fan_out): 名前で He または Xavier の初期値、
        float の std なら N(0, std**2)。
        """
        if isinstance(weight_init_std, str):
            if weight_init_std.lower() not in INITIALISERS:
                raise ValueError(f"weight_init_std must be a float or one of {sorted(INITIALISERS)}")
            return INITIALISERS[weight_init_std.lower()](fan_in, fan_out)
        return weight_init_std * np.random.randn(fan_in, fan_out)

    def predict(self, x, train_flg=False):
        """x: inputs (N, D). Returns class scores (N, C); train_flg switches dropout and batch norm.

        日本語: x: 入力 (N, D)。各クラスのスコア (N, C) を返します。
        train_flg で Dropout とバッチ正規化の学習時/テスト時を切り替えます。
        """
        for layer in self.layers:
            if isinstance(layer, (Dropout, BatchNormalization)):
                x = layer.forward(x, train_flg)
            else:
                x = layer.forward(x)
        return x

    def weights(self):
        """The weight matrices W1..WL, in order.

        日本語: 重み行列 W1..WL を順番に。
        """
        return [self.params[f"W{i}"] for i in range(1, self.hidden_layer_num + 2)]

    def weight_decay(self):
        """The L2 penalty 0.5 * weight_decay_lambda * sum(W ** 2) over every weight matrix.

        日本語: すべての重み行列についての L2 ペナルティ
        0.5 * weight_decay_lambda * sum(W ** 2)。
        """
        return 0.5 * self.weight_decay_lambda * sum(np.sum(W ** 2) for W in self.weights())

    def l1_penalty(self):
        """The L1 penalty l1_lambda * sum(|W|) over every weight matrix (a float).

        日本語: すべての重み行列についての L1 ペナルティ l1_lambda * sum(|W|) (float)。
        """
        # TODO: return l1_lambda times the sum of the absolute values of every entry of
        #   every weight matrix W1..WL (self.weights()); 0 when l1_lambda is 0.
        # 日本語: すべての重み行列 W1..WL (self.weights()) の全要素の絶対値の和に l1_lambda を掛
        #   けて返しましょう。l1_lambda が 0 なら 0 です。
        raise NotImplementedError("return l1_lambda times the sum of the absolute values of every entry of every weight matrix W1..WL (self.weights()); 0 when l1_lambda is 0.")
        # ---- end of your code ----

    def loss(self, x, t, train_flg=False):
        """Mean cross-entropy plus both penalties; t one-hot (N, C) or labels (N,).

        日本語: 交差エントロピー誤差の平均に 2 つのペナルティを足したもの。
        t は one-hot (N, C) またはラベル (N,)。
        """
        return (self.last_layer.forward(self.predict(x, train_flg), t)
                + self.weight_decay() + self.l1_penalty())

    def accuracy(self, x, t):
        """Fraction of samples whose highest score (test mode) is the true class.

        日本語: 認識精度: スコアが最大のクラス (テストモードで計算) が
        正解クラスであるサンプルの割合。
        """
        predicted = np.argmax(self.predict(x, train_flg=False), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return float(np.mean(predicted == t))

    def numerical_gradient(self, x, t):
        """Gradients of the training-mode loss by central differences (slow; for checking).

        日本語: 学習モードの損失関数の勾配を中心差分 (数値微分) で求めます (遅いので確認用)。
        """
        def loss_of_params(_):
            return self.loss(x, t, train_flg=True)

        return {key: numerical_gradient(loss_of_params, value) for key, value in self.params.items()}

    def gradient(self, x, t):
        """Gradients of the training-mode loss by backpropagation, both penalties included.

        Returns a dict with the keys of ``params`` and arrays of their shapes.

        日本語: 学習モードの損失関数の勾配を誤差逆伝播法で求めます。2 つのペナルティも含みます。

        ``params`` と同じキーをもち、それぞれと同じ形状の配列を値とする dict を返します。
        """
        # TODO: forward in training mode (self.loss(x, t, train_flg=True)); backward through
        #   self.last_layer and then self.layers in reverse order. Then collect, for each Affine
        #   layer i (1..L), W{i}: dW + weight_decay_lambda * W + l1_lambda * sign(W) and
        #   b{i}: db, and for each BatchNormalization layer i, gamma{i}: dgamma and beta{i}: dbeta.
        # 日本語: 学習モードで順伝播し (self.loss(x, t, train_flg=True))、self.last_layer、続い
        #   て self.layers を逆順にたどって逆伝播しましょう。それから各 Affine レイヤ i (1..L)
        #   について W{i}: dW + weight_decay_lambda * W (荷重減衰) + l1_lambda * sign(W) (L1 正
        #   則化) と b{i}: db を、各 BatchNormalization レイヤ i について gamma{i}: dgamma と
        #   beta{i}: dbeta を集めます。
        raise NotImplementedError("forward in training mode (self.loss(x, t, train_flg=True)); backward through self.last_layer and then self.layers in reverse order. Then collect, for each Affine layer i (1..L), W{i}: dW + weight_decay_lambda * W + l1_lambda * sign(W) and b{i}: db, and for each BatchNormalization layer i, gamma{i}: dgamma and beta{i}: dbeta.")
        # ---- end of your code ----
