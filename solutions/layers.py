"""Layers with a forward and a backward pass (book chapters 5, 6 and 7).

Every layer has ``forward(...)`` and ``backward(dout)``. ``backward`` takes the
gradient of the loss with respect to the layer's output and returns the
gradient with respect to its input; gradients of parameters are stored as
attributes (``dW``, ``db``, ``dgamma``, ``dbeta``). Layers keep references to
the parameter arrays they are given, so an optimizer updating those arrays in
place changes what the layer computes next.
"""
import numpy as np

from .functions import cross_entropy_error, sigmoid, softmax
from .util import col2im, conv_output_size, im2col

#: Added to the batch variance before the square root in batch normalisation.
BATCH_NORM_EPSILON = 1e-6


class Relu:
    """ReLU layer: out = max(0, x)."""

    def __init__(self):
        self.mask = None  # bool array of x's shape: True where x <= 0

    def forward(self, x):
        """x: array of any shape. Returns max(0, x), same shape."""
        ### BEGIN SOLUTION
        # TODO: remember where x <= 0 in self.mask, and return x with those entries set to 0
        #   (work on a copy: do not change x).
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out
        ### END SOLUTION

    def backward(self, dout):
        """dout: array of the output's shape. Returns dx: dout where x > 0, else 0."""
        ### BEGIN SOLUTION
        # TODO: return dout with the entries where x <= 0 (self.mask) set to 0.
        dx = dout.copy()
        dx[self.mask] = 0
        return dx
        ### END SOLUTION


class Sigmoid:
    """Sigmoid layer: out = 1 / (1 + exp(-x)); its derivative is out * (1 - out)."""

    def __init__(self):
        self.out = None

    def forward(self, x):
        """x: array of any shape. Returns sigmoid(x), same shape."""
        ### BEGIN SOLUTION
        # TODO: compute sigmoid(x), keep it in self.out for backward, and return it.
        self.out = sigmoid(x)
        return self.out
        ### END SOLUTION

    def backward(self, dout):
        """dout: array of the output's shape. Returns dx = dout * out * (1 - out)."""
        ### BEGIN SOLUTION
        # TODO: return dout * out * (1 - out), using the output kept by forward.
        return dout * self.out * (1.0 - self.out)
        ### END SOLUTION


class Affine:
    """Fully connected layer: out = x @ W + b.

    W: array (D, M); b: array (M,). Kept by reference, not copied.
    """

    def __init__(self, W, b):
        self.W = W
        self.b = b
        self.x = None  # the input flattened to (N, D)
        self.original_x_shape = None
        self.dW = None
        self.db = None

    def forward(self, x):
        """x: array (N, D), or (N, d1, d2, ...) flattened to (N, D). Returns (N, M)."""
        ### BEGIN SOLUTION
        # TODO: remember x's original shape, flatten x to (N, D) and keep it for backward,
        #   then return x @ W + b.
        self.original_x_shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return self.x @ self.W + self.b
        ### END SOLUTION

    def backward(self, dout):
        """dout: array (N, M). Sets self.dW (D, M) and self.db (M,); returns dx in x's original shape."""
        ### BEGIN SOLUTION
        # TODO: dx = dout @ W.T (reshaped to x's original shape), dW = x.T @ dout,
        #   db = dout summed over the batch axis. Store dW and db; return dx.
        self.dW = self.x.T @ dout
        self.db = np.sum(dout, axis=0)
        dx = dout @ self.W.T
        return dx.reshape(self.original_x_shape)
        ### END SOLUTION


class SoftmaxWithLoss:
    """Softmax followed by the cross-entropy loss (the last layer of a classifier)."""

    def __init__(self):
        self.y = None  # softmax output (N, C)
        self.t = None  # labels as given: one-hot (N, C) or integers (N,)
        self.loss = None

    def forward(self, x, t):
        """x: scores (N, C); t: one-hot (N, C) or integer labels (N,). Returns the mean loss (float)."""
        ### BEGIN SOLUTION
        # TODO: keep t and y = softmax(x) for backward; return cross_entropy_error(y, t).
        self.t = t
        self.y = softmax(x)
        self.loss = cross_entropy_error(self.y, self.t)
        return self.loss
        ### END SOLUTION

    def backward(self, dout=1):
        """Returns dx = (y - t) / N (times dout), shape (N, C); t as one-hot."""
        ### BEGIN SOLUTION
        # TODO: return (y - t_one_hot) * dout / N. If t holds integer labels, subtract 1
        #   from y at each sample's true class instead.
        batch_size = self.y.shape[0]
        if self.t.size == self.y.size:
            dx = self.y - self.t
        else:
            dx = self.y.copy()
            dx[np.arange(batch_size), self.t] -= 1
        return dx * dout / batch_size
        ### END SOLUTION


class Dropout:
    """Dropout (Srivastava et al. 2014), the book's convention.

    Training: each unit is kept with probability 1 - dropout_ratio (out = x * mask).
    Testing: every unit is kept and scaled by 1 - dropout_ratio, so that the
    expected output matches training.
    """

    def __init__(self, dropout_ratio=0.5):
        self.dropout_ratio = dropout_ratio
        self.mask = None  # bool array of x's shape: True for kept units

    def forward(self, x, train_flg=True):
        """x: array of any shape. Returns an array of x's shape."""
        ### BEGIN SOLUTION
        # TODO: in training, draw self.mask = (np.random.rand(*x.shape) > dropout_ratio) and
        #   return x * mask; in testing, return x * (1 - dropout_ratio).
        if train_flg:
            self.mask = np.random.rand(*x.shape) > self.dropout_ratio
            return x * self.mask
        return x * (1.0 - self.dropout_ratio)
        ### END SOLUTION

    def backward(self, dout):
        """dout: array of x's shape. Returns dout through the same mask as forward."""
        ### BEGIN SOLUTION
        # TODO: let the gradient through the units kept in forward only: dout * mask.
        return dout * self.mask
        ### END SOLUTION


class BatchNormalization:
    """Batch normalisation (Ioffe & Szegedy 2015) of inputs (N, D), feature by feature.

    Training: xhat = (x - batch mean) / sqrt(batch var + eps); out = gamma * xhat + beta,
    and running = momentum * running + (1 - momentum) * batch statistic.
    Testing: the running mean and variance replace the batch statistics.
    gamma, beta: arrays (D,), kept by reference.
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
        """x: array (N, D). Returns gamma * xhat + beta, shape (N, D)."""
        ### BEGIN SOLUTION
        # TODO: return gamma * xn + beta, where xn is x normalised feature by feature.
        #   Start each running statistic at zeros of shape (D,) when it is None.
        #   Training: centre x with the batch mean, divide by sqrt(biased batch var + BATCH_NORM_EPSILON),
        #   keep xc, std, xn and the batch size for backward, and update the running statistics.
        #   Testing: normalise with running_mean and running_var instead.
        feature_count = x.shape[1]
        if self.running_mean is None:
            self.running_mean = np.zeros(feature_count)
        if self.running_var is None:
            self.running_var = np.zeros(feature_count)
        if train_flg:
            mean = x.mean(axis=0)
            xc = x - mean
            var = np.mean(xc ** 2, axis=0)
            std = np.sqrt(var + BATCH_NORM_EPSILON)
            self.batch_size = x.shape[0]
            self.xc = xc
            self.std = std
            self.xn = xc / std
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mean
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
            xn = self.xn
        else:
            xn = (x - self.running_mean) / np.sqrt(self.running_var + BATCH_NORM_EPSILON)
        return self.gamma * xn + self.beta
        ### END SOLUTION

    def backward(self, dout):
        """dout: array (N, D). Sets self.dgamma, self.dbeta (D,); returns dx (N, D).

        The batch mean and variance depend on every x, so dx has three paths:
        through xhat directly, through the variance and through the mean.
        """
        ### BEGIN SOLUTION
        # TODO: dbeta = sum of dout over the batch; dgamma = sum of xn * dout.
        #   Then back through out = gamma * xc / std: dxn = gamma * dout; dxc = dxn / std;
        #   dstd = -sum(dxn * xc / std**2); dvar = 0.5 * dstd / std; dxc += (2 / N) * xc * dvar;
        #   dmean = sum(dxc); dx = dxc - dmean / N.
        self.dbeta = dout.sum(axis=0)
        self.dgamma = np.sum(self.xn * dout, axis=0)
        dxn = self.gamma * dout
        dxc = dxn / self.std
        dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
        dvar = 0.5 * dstd / self.std
        dxc = dxc + (2.0 / self.batch_size) * self.xc * dvar
        dmean = np.sum(dxc, axis=0)
        return dxc - dmean / self.batch_size
        ### END SOLUTION


class Convolution:
    """Convolution layer (book chapter 7.4): FN filters slid over images, through im2col.

    W: filters (FN, C, FH, FW); b: biases (FN,), one per filter. Kept by reference.
    out[n, f, i, j] = sum over c, y, x of W[f, c, y, x] * padded_x[n, c, i * stride + y, j * stride + x] + b[f].
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
        """x: images (N, C, H, W). Returns (N, FN, OH, OW), OH = conv_output_size(H, FH, stride, pad)."""
        ### BEGIN SOLUTION
        # TODO: col = im2col(x, FH, FW, stride, pad); lay the filters out as columns,
        #   col_W = W.reshape(FN, -1).T; out = col @ col_W + b has shape (N * OH * OW, FN):
        #   reshape it to (N, OH, OW, FN) and transpose to (N, FN, OH, OW).
        #   Keep x's shape, col and col_W for backward.
        filter_count, _, filter_h, filter_w = self.W.shape
        N, _, H, W = x.shape
        out_h = conv_output_size(H, filter_h, self.stride, self.pad)
        out_w = conv_output_size(W, filter_w, self.stride, self.pad)
        self.x_shape = x.shape
        self.col = im2col(x, filter_h, filter_w, self.stride, self.pad)
        self.col_W = self.W.reshape(filter_count, -1).T
        out = self.col @ self.col_W + self.b
        return out.reshape(N, out_h, out_w, filter_count).transpose(0, 3, 1, 2)
        ### END SOLUTION

    def backward(self, dout):
        """dout: (N, FN, OH, OW). Sets self.dW (FN, C, FH, FW) and self.db (FN,); returns dx (N, C, H, W)."""
        ### BEGIN SOLUTION
        # TODO: undo forward's last step: dout.transpose(0, 2, 3, 1).reshape(-1, FN), one row per
        #   output position. db = its sum over the rows (every sample and position);
        #   dW = col.T @ dout, of shape (C * FH * FW, FN): transpose it to (FN, C * FH * FW)
        #   BEFORE reshaping to W's shape; dcol = dout @ col_W.T, and dx = col2im(dcol, ...).
        filter_count, channels, filter_h, filter_w = self.W.shape
        dout = dout.transpose(0, 2, 3, 1).reshape(-1, filter_count)
        self.db = np.sum(dout, axis=0)
        self.dW = (self.col.T @ dout).T.reshape(filter_count, channels, filter_h, filter_w)
        dcol = dout @ self.col_W.T
        return col2im(dcol, self.x_shape, filter_h, filter_w, self.stride, self.pad)
        ### END SOLUTION


class Pooling:
    """Max pooling (book chapter 7.4): the largest value of each pool_h x pool_w window, channel by channel.

    Windows start every `stride` pixels; no parameters to learn.
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
        """x: (N, C, H, W). Returns (N, C, OH, OW), OH = conv_output_size(H, pool_h, stride, pad)."""
        ### BEGIN SOLUTION
        # TODO: col = im2col(x, pool_h, pool_w, stride, pad) has one row per (sample, window) and
        #   the channels side by side: reshape it to (-1, pool_h * pool_w), one row per window of
        #   one channel. Keep each row's argmax for backward; out = each row's max, reshaped to
        #   (N, OH, OW, C) and transposed to (N, C, OH, OW).
        N, C, H, W = x.shape
        out_h = conv_output_size(H, self.pool_h, self.stride, self.pad)
        out_w = conv_output_size(W, self.pool_w, self.stride, self.pad)
        col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad)
        col = col.reshape(-1, self.pool_h * self.pool_w)
        self.x_shape = x.shape
        self.arg_max = np.argmax(col, axis=1)
        out = np.max(col, axis=1)
        return out.reshape(N, out_h, out_w, C).transpose(0, 3, 1, 2)
        ### END SOLUTION

    def backward(self, dout):
        """dout: (N, C, OH, OW). Returns dx (N, C, H, W): each window's gradient at its maximum, 0 elsewhere."""
        ### BEGIN SOLUTION
        # TODO: lay dout out as forward's rows: dout.transpose(0, 2, 3, 1).ravel(). Put each value
        #   in a row of zeros of width pool_h * pool_w, at the column of that window's argmax;
        #   reshape to (N * OH * OW, C * pool_h * pool_w) and return col2im of it.
        pool_size = self.pool_h * self.pool_w
        dout = dout.transpose(0, 2, 3, 1).ravel()
        dmax = np.zeros((dout.size, pool_size))
        dmax[np.arange(dout.size), self.arg_max] = dout
        channels = self.x_shape[1]
        dcol = dmax.reshape(-1, channels * pool_size)
        return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
        ### END SOLUTION
