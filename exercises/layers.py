# Generated from solutions/layers.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: cb157b0b66c3c674 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=44e1d33e Relu=5dac7419 Sigmoid=5cfc14be Affine=3eabddd7
#   SoftmaxWithLoss=e524b8b5 Dropout=a8f6b1ae BatchNormalization=80432082 Convolution=e80e1314
#   Pooling=4381b8d5
"""Layers with a forward and a backward pass (book chapters 5, 6 and 7).

Every layer has ``forward(...)`` and ``backward(dout)``. ``backward`` takes the
gradient of the loss with respect to the layer's output and returns the
gradient with respect to its input; gradients of parameters are stored as
attributes (``dW``, ``db``, ``dgamma``, ``dbeta``). Layers keep references to
the parameter arrays they are given, so an optimizer updating those arrays in
place changes what the layer computes next.

日本語: 順伝播 (forward) と逆伝播 (backward) をもつレイヤ (本書 5 章、6 章、7 章)。

どのレイヤも ``forward(...)`` と ``backward(dout)`` をもちます。``backward`` はレイヤの
出力に関する損失関数の勾配を受け取り、入力に関する勾配を返します。パラメータの勾配は
属性 (``dW``、``db``、``dgamma``、``dbeta``) に保存します。レイヤは渡されたパラメータの
配列への参照を持ち続けるので、オプティマイザがその配列をその場で更新すると、
レイヤの次の計算も変わります。
"""
import numpy as np

from .functions import cross_entropy_error, sigmoid, softmax
from .util import col2im, conv_output_size, im2col

#: Added to the batch variance before the square root in batch normalisation.
BATCH_NORM_EPSILON = 1e-6


class Relu:
    """ReLU layer: out = max(0, x).

    日本語: ReLU レイヤ: out = max(0, x)。
    """

    def __init__(self):
        self.mask = None  # bool array of x's shape: True where x <= 0

    def forward(self, x):
        """x: array of any shape. Returns max(0, x), same shape.

        日本語: x: 任意の形状の配列。max(0, x) を同じ形状で返します。
        """
        # TODO: remember where x <= 0 in self.mask, and return x with those entries set to 0
        #   (work on a copy: do not change x).
        # 日本語: x <= 0 の位置を self.mask に覚えておき、その要素を 0 にした x を返しましょう (
        #   コピーに対して行い、x 自体は変えません)。
        raise NotImplementedError("remember where x <= 0 in self.mask, and return x with those entries set to 0 (work on a copy: do not change x).")
        # ---- end of your code ----

    def backward(self, dout):
        """dout: array of the output's shape. Returns dx: dout where x > 0, else 0.

        日本語: dout: 出力と同じ形状の配列。dx を返します: x > 0 のところは dout、それ以外は 0。
        """
        # TODO: return dout with the entries where x <= 0 (self.mask) set to 0.
        # 日本語: x <= 0 だった要素 (self.mask) を 0 にした dout を返しましょう。
        raise NotImplementedError("return dout with the entries where x <= 0 (self.mask) set to 0.")
        # ---- end of your code ----


class Sigmoid:
    """Sigmoid layer: out = 1 / (1 + exp(-x)); its derivative is out * (1 - out).

    日本語: Sigmoid レイヤ: out = 1 / (1 + exp(-x))。その微分は out * (1 - out) です。
    """

    def __init__(self):
        self.out = None

    def forward(self, x):
        """x: array of any shape. Returns sigmoid(x), same shape.

        日本語: x: 任意の形状の配列。sigmoid(x) を同じ形状で返します。
        """
        # TODO: compute sigmoid(x), keep it in self.out for backward, and return it.
        # 日本語: sigmoid(x) を計算し、backward のために self.out に保存して返しましょう。
        raise NotImplementedError("compute sigmoid(x), keep it in self.out for backward, and return it.")
        # ---- end of your code ----

    def backward(self, dout):
        """dout: array of the output's shape. Returns dx = dout * out * (1 - out).

        日本語: dout: 出力と同じ形状の配列。dx = dout * out * (1 - out) を返します。
        """
        # TODO: return dout * out * (1 - out), using the output kept by forward.
        # 日本語: forward で保存した出力 out を使って dout * out * (1 - out) を返しましょう。
        raise NotImplementedError("return dout * out * (1 - out), using the output kept by forward.")
        # ---- end of your code ----


class Affine:
    """Fully connected layer: out = x @ W + b.

    W: array (D, M); b: array (M,). Kept by reference, not copied.

    日本語: 全結合層 (Affine レイヤ): out = x @ W + b。

    W: 配列 (D, M)。b: 配列 (M,)。コピーせず、参照のまま持ちます。
    """

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None  # the input flattened to (N, D)
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        """x: array (N, D), or (N, d1, d2, ...) flattened to (N, D). Returns (N, M).

        日本語: x: 配列 (N, D)、または (N, D) に平らにする (N, d1, d2, ...)。(N, M) を返します。
        """
        # TODO: remember x's original shape, flatten x to (N, D) and keep it for backward,
        #   then return x @ W + b.
        # 日本語: x の元の形状を覚えておき、x を (N, D) に平らにして backward のために保存し、x
        #   @ W + b を返しましょう。
        raise NotImplementedError("remember x's original shape, flatten x to (N, D) and keep it for backward, then return x @ W + b.")
        # ---- end of your code ----

    def backward(self, dout):
        """dout: array (N, M). Sets self.dW (D, M) and self.db (M,); returns dx in x's original shape.

        日本語: dout: 配列 (N, M)。self.dW (D, M) と self.db (M,) を設定し、
        x の元の形状の dx を返します。
        """
        # TODO: dx = dout @ W.T (reshaped to x's original shape), dW = x.T @ dout,
        #   db = dout summed over the batch axis. Store dW and db; return dx.
        # 日本語: dx = dout @ W.T (x の元の形状に戻す)、dW = x.T @ dout、db = dout をバッチの軸
        #   で合計したもの、です。dW と db を保存し、dx を返しましょう。
        raise NotImplementedError("dx = dout @ W.T (reshaped to x's original shape), dW = x.T @ dout, db = dout summed over the batch axis. Store dW and db; return dx.")
        # ---- end of your code ----


class SoftmaxWithLoss:
    """Softmax followed by the cross-entropy loss (the last layer of a classifier).

    日本語: ソフトマックス関数と交差エントロピー誤差を続けて計算するレイヤ
    (分類器の最後のレイヤ)。
    """

    def __init__(self):
        self.y = None  # softmax output (N, C)
        self.t = None  # labels as given: one-hot (N, C) or integers (N,)
        self.loss = None

    def forward(self, x, t):
        """x: scores (N, C); t: one-hot (N, C) or integer labels (N,). Returns the mean loss (float).

        日本語: x: スコア (N, C)。t: one-hot (N, C) または整数のラベル (N,)。
        損失の平均 (float) を返します。
        """
        # TODO: keep t and y = softmax(x) for backward; return cross_entropy_error(y, t).
        # 日本語: backward のために t と y = softmax(x) を保存し、cross_entropy_error(y, t) を返
        #   しましょう。
        raise NotImplementedError("keep t and y = softmax(x) for backward; return cross_entropy_error(y, t).")
        # ---- end of your code ----

    def backward(self, dout=1):
        """Returns dx = (y - t) / N (times dout), shape (N, C); t as one-hot.

        日本語: dx = (y - t) / N (に dout を掛けたもの) を形状 (N, C) で返します。
        t は one-hot で考えます。
        """
        # TODO: return (y - t_one_hot) * dout / N. If t holds integer labels, subtract 1
        #   from y at each sample's true class instead.
        # 日本語: (y - t_one_hot) * dout / N を返しましょう。t が整数ラベルのときは、代わりに各
        #   データの正解クラスの位置で y から 1 を引きます。
        raise NotImplementedError("return (y - t_one_hot) * dout / N. If t holds integer labels, subtract 1 from y at each sample's true class instead.")
        # ---- end of your code ----


class Dropout:
    """Dropout (Srivastava et al. 2014), the book's convention.

    Training: each unit is kept with probability 1 - dropout_ratio (out = x * mask).
    Testing: every unit is kept and scaled by 1 - dropout_ratio, so that the
    expected output matches training.

    日本語: Dropout (Srivastava ら 2014)。本書の流儀に従います。

    学習時: 各ニューロンを確率 1 - dropout_ratio で残します (out = x * mask)。
    テスト時: すべてのニューロンを残し、1 - dropout_ratio を掛けて、出力の期待値を
    学習時とそろえます。
    """

    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None  # bool array of x's shape: True for kept units

    def forward(self, x, train_flg=True):
        """x: array of any shape. Returns an array of x's shape.

        日本語: x: 任意の形状の配列。x と同じ形状の配列を返します。
        """
        # TODO: in training, draw self.mask = (np.random.rand(*x.shape) > dropout_ratio) and
        #   return x * mask; in testing, return x * (1 - dropout_ratio).
        # 日本語: 学習時は self.mask = (np.random.rand(*x.shape) > dropout_ratio) を引いて x *
        #   mask を返し、テスト時は x * (1 - dropout_ratio) を返しましょう。
        raise NotImplementedError("in training, draw self.mask = (np.random.rand(*x.shape) > dropout_ratio) and return x * mask; in testing, return x * (1 - dropout_ratio).")
        # ---- end of your code ----

    def backward(self, dout):
        """dout: array of x's shape. Returns dout through the same mask as forward.

        日本語: dout: x と同じ形状の配列。forward と同じマスクを通した dout を返します。
        """
        # TODO: let the gradient through the units kept in forward only: dout * mask.
        # 日本語: forward で残したニューロンだけに勾配を通しましょう: dout * mask。
        raise NotImplementedError("let the gradient through the units kept in forward only: dout * mask.")
        # ---- end of your code ----


class BatchNormalization:
    """Batch normalisation (Ioffe & Szegedy 2015) of inputs (N, D), feature by feature.

    Training: xhat = (x - batch mean) / sqrt(batch var + eps); out = gamma * xhat + beta,
    and running = momentum * running + (1 - momentum) * batch statistic.
    Testing: the running mean and variance replace the batch statistics.
    gamma, beta: arrays (D,), kept by reference.

    日本語: 入力 (N, D) の特徴量ごとのバッチ正規化 (Batch Normalization、Ioffe & Szegedy 2015)。

    学習時: xhat = (x - バッチの平均) / sqrt(バッチの分散 + eps)、out = gamma * xhat + beta。
    そして running = momentum * running + (1 - momentum) * バッチの統計量。
    テスト時: バッチの統計量の代わりに、学習中に更新した平均と分散の移動平均 (running) を
    使います。
    gamma, beta: 配列 (D,)。参照のまま持ちます。
    """

    def __init__(self, gamma, beta, momentum=0.9, running_mean=None, running_var=None):
        self.gamma = gamma
        self.beta = beta
        self.momentum = momentum
        self.running_mean = running_mean
        self.running_var = running_var
        # kept by forward for backward
        self.batch_size = None
        self.xc = None   # x - mean, (N, D)
        self.std = None  # sqrt(var + eps), (D,)
        self.xn = None   # normalised x, (N, D)
        self.dgamma = None
        self.dbeta = None

    def forward(self, x, train_flg=True):
        """x: array (N, D). Returns gamma * xhat + beta, shape (N, D).

        日本語: x: 配列 (N, D)。gamma * xhat + beta を形状 (N, D) で返します。
        """
        # TODO: return gamma * xn + beta, where xn is x normalised feature by feature.
        #   Start each running statistic at zeros of shape (D,) when it is None.
        #   Training: centre x with the batch mean, divide by sqrt(biased batch var + BATCH_NORM_EPSILON),
        #   keep xc, std, xn and the batch size for backward, and update the running statistics.
        #   Testing: normalise with running_mean and running_var instead.
        # 日本語: gamma * xn + beta を返しましょう。xn は x を特徴量ごとに正規化したものです。移
        #   動平均の統計量が None のときは、形状 (D,) のゼロから始めます。学習時: バッチの平均で
        #   x を中心化し、sqrt(バッチの分散 (標本分散) + BATCH_NORM_EPSILON) で割り、backward の
        #   ために xc、std、xn とバッチサイズを保存して、移動平均の統計量を更新します。テスト時:
        #   代わりに running_mean と running_var で正規化します。
        raise NotImplementedError("return gamma * xn + beta, where xn is x normalised feature by feature. Start each running statistic at zeros of shape (D,) when it is None. Training: centre x with the batch mean, divide by sqrt(biased batch var + BATCH_NORM_EPSILON), keep xc, std, xn and the batch size for backward, and update the running statistics. Testing: normalise with running_mean and running_var instead.")
        # ---- end of your code ----

    def backward(self, dout):
        """dout: array (N, D). Sets self.dgamma, self.dbeta (D,); returns dx (N, D).

        The batch mean and variance depend on every x, so dx has three paths:
        through xhat directly, through the variance and through the mean.

        日本語: dout: 配列 (N, D)。self.dgamma、self.dbeta (D,) を設定し、dx (N, D) を返します。

        バッチの平均と分散はすべての x に依存するので、dx には 3 つの経路があります:
        xhat を直接通る経路、分散を通る経路、平均を通る経路です。
        """
        # TODO: dbeta = sum of dout over the batch; dgamma = sum of xn * dout.
        #   Then back through out = gamma * xc / std: dxn = gamma * dout; dxc = dxn / std;
        #   dstd = -sum(dxn * xc / std**2); dvar = 0.5 * dstd / std; dxc += (2 / N) * xc * dvar;
        #   dmean = sum(dxc); dx = dxc - dmean / N.
        # 日本語: dbeta = dout のバッチでの和、dgamma = xn * dout の和です。次に out = gamma *
        #   xc / std を逆にたどります: dxn = gamma * dout; dxc = dxn / std; dstd = -sum(dxn * xc
        #   / std**2); dvar = 0.5 * dstd / std; dxc += (2 / N) * xc * dvar; dmean = sum(dxc); dx
        #   = dxc - dmean / N。
        raise NotImplementedError("dbeta = sum of dout over the batch; dgamma = sum of xn * dout. Then back through out = gamma * xc / std: dxn = gamma * dout; dxc = dxn / std; dstd = -sum(dxn * xc / std**2); dvar = 0.5 * dstd / std; dxc += (2 / N) * xc * dvar; dmean = sum(dxc); dx = dxc - dmean / N.")
        # ---- end of your code ----


class Convolution:
    """Convolution layer (book chapter 7.4): FN filters slid over images, through im2col.

    W: filters (FN, C, FH, FW); b: biases (FN,), one per filter. Kept by reference.
    out[n, f, i, j] = sum over c, y, x of W[f, c, y, x] * padded_x[n, c, i * stride + y, j * stride + x] + b[f].

    日本語: 畳み込み層 (Convolution レイヤ、本書 7.4 節):
    FN 個のフィルターを画像の上でスライドさせます (im2col を使用)。

    W: フィルター (FN, C, FH, FW)。b: バイアス (FN,)、フィルターごとに 1 つ。
    参照のまま持ちます。
    out[n, f, i, j] = (c, y, x についての和)
        W[f, c, y, x] * padded_x[n, c, i * stride + y, j * stride + x] + b[f]。
    """

    def __init__(self, W, b, stride=1, pad=0):
        self.W = W
        self.b = b
        self.stride = stride
        self.pad = pad
        # kept by forward for backward
        self.x_shape = None
        self.col = None    # im2col of x, (N * OH * OW, C * FH * FW)
        self.col_W = None  # the filters as columns, (C * FH * FW, FN)
        self.dW = None
        self.db = None

    def forward(self, x):
        """x: images (N, C, H, W). Returns (N, FN, OH, OW), OH = conv_output_size(H, FH, stride, pad).

        日本語: x: 画像 (N, C, H, W)。(N, FN, OH, OW) を返します。
        OH = conv_output_size(H, FH, stride, pad)。
        """
        # TODO: col = im2col(x, FH, FW, stride, pad); lay the filters out as columns,
        #   col_W = W.reshape(FN, -1).T; out = col @ col_W + b has shape (N * OH * OW, FN):
        #   reshape it to (N, OH, OW, FN) and transpose to (N, FN, OH, OW).
        #   Keep x's shape, col and col_W for backward.
        # 日本語: col = im2col(x, FH, FW, stride, pad) とし、フィルターを列に並べます: col_W =
        #   W.reshape(FN, -1).T。out = col @ col_W + b の形は (N * OH * OW, FN) です: (N, OH,
        #   OW, FN) に reshape してから (N, FN, OH, OW) に transpose します。backward のために x
        #   の形、col、col_W を保存します。
        raise NotImplementedError("col = im2col(x, FH, FW, stride, pad); lay the filters out as columns, col_W = W.reshape(FN, -1).T; out = col @ col_W + b has shape (N * OH * OW, FN): reshape it to (N, OH, OW, FN) and transpose to (N, FN, OH, OW). Keep x's shape, col and col_W for backward.")
        # ---- end of your code ----

    def backward(self, dout):
        """dout: (N, FN, OH, OW). Sets self.dW (FN, C, FH, FW) and self.db (FN,); returns dx (N, C, H, W).

        日本語: dout: (N, FN, OH, OW)。self.dW (FN, C, FH, FW) と self.db (FN,) を設定し、
        dx (N, C, H, W) を返します。
        """
        # TODO: undo forward's last step: dout.transpose(0, 2, 3, 1).reshape(-1, FN), one row per
        #   output position. db = its sum over the rows (every sample and position);
        #   dW = col.T @ dout, of shape (C * FH * FW, FN): transpose it to (FN, C * FH * FW)
        #   BEFORE reshaping to W's shape; dcol = dout @ col_W.T, and dx = col2im(dcol, ...).
        # 日本語: forward の最後の手順を逆にたどります: dout.transpose(0, 2, 3, 1).reshape(-1,
        #   FN) で出力位置ごとに 1 行にします。db はその行についての合計 (すべてのサンプルと位置)
        #   です。dW = col.T @ dout の形は (C * FH * FW, FN) です: W の形に reshape する「前に」
        #   (FN, C * FH * FW) に転置します。dcol = dout @ col_W.T とし、dx = col2im(dcol, ...)
        #   です。
        raise NotImplementedError("undo forward's last step: dout.transpose(0, 2, 3, 1).reshape(-1, FN), one row per output position. db = its sum over the rows (every sample and position); dW = col.T @ dout, of shape (C * FH * FW, FN): transpose it to (FN, C * FH * FW) BEFORE reshaping to W's shape; dcol = dout @ col_W.T, and dx = col2im(dcol, ...).")
        # ---- end of your code ----


class Pooling:
    """Max pooling (book chapter 7.4): the largest value of each pool_h x pool_w window, channel by channel.

    Windows start every `stride` pixels; no parameters to learn.

    日本語: Max プーリング (プーリング層、本書 7.4 節):
    pool_h x pool_w の各ウィンドウの最大値を、チャンネルごとに取ります。

    ウィンドウは `stride` 画素ごとに始まります。学習するパラメータはありません。
    """

    def __init__(self, pool_h, pool_w, stride=2, pad=0):
        self.pool_h = pool_h
        self.pool_w = pool_w
        self.stride = stride
        self.pad = pad
        # kept by forward for backward
        self.x_shape = None
        self.arg_max = None  # index of each window's maximum inside the window, (N * OH * OW * C,)

    def forward(self, x):
        """x: (N, C, H, W). Returns (N, C, OH, OW), OH = conv_output_size(H, pool_h, stride, pad).

        日本語: x: (N, C, H, W)。(N, C, OH, OW) を返します。
        OH = conv_output_size(H, pool_h, stride, pad)。
        """
        # TODO: col = im2col(x, pool_h, pool_w, stride, pad) has one row per (sample, window) and
        #   the channels side by side: reshape it to (-1, pool_h * pool_w), one row per window of
        #   one channel. Keep each row's argmax for backward; out = each row's max, reshaped to
        #   (N, OH, OW, C) and transposed to (N, C, OH, OW).
        # 日本語: col = im2col(x, pool_h, pool_w, stride, pad) は (サンプル, ウィンドウ) ごとに
        #   1 行で、チャンネルが横に並びます: (-1, pool_h * pool_w) に reshape して、1 チャンネ
        #   ルのウィンドウごとに 1 行にします。backward のために各行の argmax を保存します。out
        #   は各行の最大値で、(N, OH, OW, C) に reshape してから (N, C, OH, OW) に transpose し
        #   ます。
        raise NotImplementedError("col = im2col(x, pool_h, pool_w, stride, pad) has one row per (sample, window) and the channels side by side: reshape it to (-1, pool_h * pool_w), one row per window of one channel. Keep each row's argmax for backward; out = each row's max, reshaped to (N, OH, OW, C) and transposed to (N, C, OH, OW).")
        # ---- end of your code ----

    def backward(self, dout):
        """dout: (N, C, OH, OW). Returns dx (N, C, H, W): each window's gradient at its maximum, 0 elsewhere.

        日本語: dout: (N, C, OH, OW)。dx (N, C, H, W) を返します:
        各ウィンドウの勾配はその最大値の位置に、ほかは 0。
        """
        # TODO: lay dout out as forward's rows: dout.transpose(0, 2, 3, 1).ravel(). Put each value
        #   in a row of zeros of width pool_h * pool_w, at the column of that window's argmax;
        #   reshape to (N * OH * OW, C * pool_h * pool_w) and return col2im of it.
        # 日本語: dout を forward の行と同じ順に並べます: dout.transpose(0, 2, 3, 1).ravel()。各
        #   値を、幅 pool_h * pool_w のゼロの行の、そのウィンドウの argmax の列に置きます。(N *
        #   OH * OW, C * pool_h * pool_w) に reshape し、その col2im を返します。
        raise NotImplementedError("lay dout out as forward's rows: dout.transpose(0, 2, 3, 1).ravel(). Put each value in a row of zeros of width pool_h * pool_w, at the column of that window's argmax; reshape to (N * OH * OW, C * pool_h * pool_w) and return col2im of it.")
        # ---- end of your code ----
