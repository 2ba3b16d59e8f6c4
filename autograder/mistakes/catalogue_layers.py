"""Known mistakes in layers.py: forward and backward passes of the layers."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    # Relu
    Mistake(
        name=N_("Relu backward passes dout through unmasked"),
        unit="layers.Relu",
        target="layers.Relu.backward",
        hint=N_("Where the input was <= 0 the output did not depend on it: set dout to 0 there "
                "(dx[self.mask] = 0) before returning it."),
        source="""
            def backward(self, dout):
                return dout
        """,
    ),
    Mistake(
        name=N_("Relu backward with the mask inverted"),
        unit="layers.Relu",
        target="layers.Relu.backward",
        hint=N_("The gradient flows where the input was positive and is 0 where x <= 0: check which "
                "entries the mask selects (self.mask is True where x <= 0)."),
        source="""
            def backward(self, dout):
                dx = dout.copy()
                dx[~self.mask] = 0
                return dx
        """,
    ),
    # Sigmoid
    Mistake(
        name=N_("Sigmoid backward applies sigmoid' to the output"),
        unit="layers.Sigmoid",
        target="layers.Sigmoid.backward",
        hint=N_("out = sigmoid(x) is already stored, and d out / dx = out * (1 - out): use self.out as it is, "
                "do not pass it through sigmoid again."),
        source="""
            def backward(self, dout):
                s = sigmoid(self.out)
                return dout * s * (1.0 - s)
        """,
    ),
    Mistake(
        name=N_("Sigmoid backward without dout"),
        unit="layers.Sigmoid",
        target="layers.Sigmoid.backward",
        hint=N_("Backward returns the upstream gradient times the local derivative: multiply "
                "self.out * (1 - self.out) by dout (chain rule)."),
        source="""
            def backward(self, dout):
                return self.out * (1.0 - self.out)
        """,
    ),
    # Affine
    Mistake(
        name=N_("Affine dW transposed (dout.T @ x)"),
        unit="layers.Affine",
        target="layers.Affine.backward",
        hint=N_("dW must have W's shape (D, M): it is x.T @ dout, with x (N, D) and dout (N, M)."),
        source="""
            def backward(self, dout):
                dx = np.dot(dout, self.W.T)
                self.dW = np.dot(dout.T, self.x)
                self.db = np.sum(dout, axis=0)
                return dx.reshape(*self.original_x_shape)
        """,
    ),
    Mistake(
        name=N_("Affine db not summed over the batch"),
        unit="layers.Affine",
        target="layers.Affine.backward",
        hint=N_("b was added to every sample, so its gradient is dout summed over the batch axis: "
                "db = np.sum(dout, axis=0), of shape (M,)."),
        source="""
            def backward(self, dout):
                dx = np.dot(dout, self.W.T)
                self.dW = np.dot(self.x.T, dout)
                self.db = dout
                return dx.reshape(*self.original_x_shape)
        """,
    ),
    Mistake(
        name=N_("Affine db averaged over the batch"),
        unit="layers.Affine",
        target="layers.Affine.backward",
        hint=N_("db is the SUM of dout over the batch (np.sum(dout, axis=0)); the 1/N of the mean loss is "
                "already inside dout."),
        source="""
            def backward(self, dout):
                dx = np.dot(dout, self.W.T)
                self.dW = np.dot(self.x.T, dout)
                self.db = np.mean(dout, axis=0)
                return dx.reshape(*self.original_x_shape)
        """,
    ),
    Mistake(
        name=N_("Affine dx not reshaped to the input's shape"),
        unit="layers.Affine",
        target="layers.Affine.backward",
        hint=N_("forward flattened x (N, d1, d2, ...) to (N, D): give dx back the original shape with "
                "dx.reshape(self.original_x_shape)."),
        source="""
            def backward(self, dout):
                dx = np.dot(dout, self.W.T)
                self.dW = np.dot(self.x.T, dout)
                self.db = np.sum(dout, axis=0)
                return dx
        """,
    ),
    # SoftmaxWithLoss
    Mistake(
        name=N_("SoftmaxWithLoss backward without / N"),
        unit="layers.SoftmaxWithLoss",
        target="layers.SoftmaxWithLoss.backward",
        hint=N_("The loss is the mean over the batch, so its gradient is (y - t) / N: divide by the batch "
                "size."),
        source="""
            def backward(self, dout=1):
                batch_size = self.y.shape[0]
                if self.t.size == self.y.size:
                    dx = self.y - self.t
                else:
                    dx = self.y.copy()
                    dx[np.arange(batch_size), self.t] -= 1
                return dx * dout
        """,
    ),
    Mistake(
        name=N_("SoftmaxWithLoss backward assumes one-hot labels"),
        unit="layers.SoftmaxWithLoss",
        target="layers.SoftmaxWithLoss.backward",
        hint=N_("t may be integer labels of shape (N,): then y - t broadcasts wrongly. Subtract 1 from y at "
                "each sample's true class instead (dx[np.arange(N), t] -= 1)."),
        source="""
            def backward(self, dout=1):
                batch_size = self.t.shape[0]
                return (self.y - self.t) * dout / batch_size
        """,
    ),
    # Dropout
    Mistake(
        name=N_("Dropout backward ignores the mask"),
        unit="layers.Dropout",
        target="layers.Dropout.backward",
        hint=N_("Dropped units did not reach the output, so no gradient flows back through them: "
                "return dout * self.mask (with the same scale as forward)."),
        source="""
            def backward(self, dout):
                return dout
        """,
    ),
    Mistake(
        name=N_("Dropout test mode without scaling"),
        unit="layers.Dropout",
        target="layers.Dropout.forward",
        hint=N_("With the book's training output x * mask, only a fraction 1 - ratio of each unit gets "
                "through on average: in test mode return x * (1 - dropout_ratio), not x."),
        source="""
            def forward(self, x, train_flg=True):
                if train_flg:
                    self.mask = np.random.rand(*x.shape) > self.dropout_ratio
                    return x * self.mask
                return x
        """,
    ),
    Mistake(
        name=N_("Dropout keeps units with probability dropout_ratio"),
        unit="layers.Dropout",
        target="layers.Dropout.forward",
        hint=N_("dropout_ratio is the fraction DROPPED: keep a unit where np.random.rand(...) > dropout_ratio, "
                "not < (the two agree only at ratio 0.5)."),
        source="""
            def forward(self, x, train_flg=True):
                if train_flg:
                    self.mask = np.random.rand(*x.shape) < self.dropout_ratio
                    return x * self.mask
                return x * (1.0 - self.dropout_ratio)
        """,
    ),
    # BatchNormalization
    Mistake(
        name=N_("BatchNormalization backward without the variance and mean paths"),
        unit="layers.BatchNormalization",
        target="layers.BatchNormalization.backward",
        hint=N_("The batch mean and variance depend on every x too: besides dxhat / std, add the gradient "
                "through the variance (dvar) and through the mean (dmean)."),
        source="""
            def backward(self, dout):
                self.dbeta = dout.sum(axis=0)
                self.dgamma = np.sum(self.xn * dout, axis=0)
                return self.gamma * dout / self.std
        """,
    ),
    Mistake(
        name=N_("BatchNormalization backward without the mean path"),
        unit="layers.BatchNormalization",
        target="layers.BatchNormalization.backward",
        hint=N_("After the variance path, x also reaches the output through the batch mean: subtract "
                "dmean / N, with dmean = np.sum(dxc, axis=0)."),
        source="""
            def backward(self, dout):
                self.dbeta = dout.sum(axis=0)
                self.dgamma = np.sum(self.xn * dout, axis=0)
                dxn = self.gamma * dout
                dxc = dxn / self.std
                dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
                dvar = 0.5 * dstd / self.std
                dxc += (2.0 / self.batch_size) * self.xc * dvar
                return dxc
        """,
    ),
    Mistake(
        name=N_("BatchNormalization dgamma = sum(dout)"),
        unit="layers.BatchNormalization",
        target="layers.BatchNormalization.backward",
        hint=N_("gamma multiplies the normalised input, so dgamma = np.sum(self.xn * dout, axis=0); "
                "sum(dout) alone is dbeta."),
        source="""
            def backward(self, dout):
                self.dbeta = dout.sum(axis=0)
                self.dgamma = dout.sum(axis=0)
                dxn = self.gamma * dout
                dxc = dxn / self.std
                dstd = -np.sum((dxn * self.xc) / (self.std * self.std), axis=0)
                dvar = 0.5 * dstd / self.std
                dxc += (2.0 / self.batch_size) * self.xc * dvar
                dmean = np.sum(dxc, axis=0)
                return dxc - dmean / self.batch_size
        """,
    ),
    Mistake(
        name=N_("BatchNormalization normalises with the running statistics in training"),
        unit="layers.BatchNormalization",
        target="layers.BatchNormalization.forward",
        hint=N_("In training (train_flg=True), normalise with the mean and variance of THIS batch; the "
                "running statistics are only for test mode."),
        source="""
            def forward(self, x, train_flg=True):
                D = x.shape[1]
                if self.running_mean is None:
                    self.running_mean = np.zeros(D)
                if self.running_var is None:
                    self.running_var = np.zeros(D)
                if train_flg:
                    mu = x.mean(axis=0)
                    xc = x - mu
                    var = np.mean(xc ** 2, axis=0)
                    self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
                    self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
                    xc = x - self.running_mean
                    std = np.sqrt(self.running_var + 1e-6)
                    self.batch_size = x.shape[0]
                    self.xc = xc
                    self.std = std
                    self.xn = xc / std
                    xn = self.xn
                else:
                    xn = (x - self.running_mean) / np.sqrt(self.running_var + 1e-6)
                return self.gamma * xn + self.beta
        """,
    ),
    Mistake(
        name=N_("BatchNormalization does not update the running statistics"),
        unit="layers.BatchNormalization",
        target="layers.BatchNormalization.forward",
        hint=N_("Each training forward must move the running statistics towards the batch ones: "
                "running_mean = momentum * running_mean + (1 - momentum) * mean (same for the variance)."),
        source="""
            def forward(self, x, train_flg=True):
                D = x.shape[1]
                if self.running_mean is None:
                    self.running_mean = np.zeros(D)
                if self.running_var is None:
                    self.running_var = np.zeros(D)
                if train_flg:
                    mu = x.mean(axis=0)
                    xc = x - mu
                    var = np.mean(xc ** 2, axis=0)
                    std = np.sqrt(var + 1e-6)
                    self.batch_size = x.shape[0]
                    self.xc = xc
                    self.std = std
                    self.xn = xc / std
                    xn = self.xn
                else:
                    xn = (x - self.running_mean) / np.sqrt(self.running_var + 1e-6)
                return self.gamma * xn + self.beta
        """,
    ),
    Mistake(
        name=N_("BatchNormalization running statistics with momentum swapped"),
        unit="layers.BatchNormalization",
        target="layers.BatchNormalization.forward",
        hint=N_("momentum weighs the OLD running value: running = momentum * running + (1 - momentum) * "
                "batch statistic."),
        source="""
            def forward(self, x, train_flg=True):
                D = x.shape[1]
                if self.running_mean is None:
                    self.running_mean = np.zeros(D)
                if self.running_var is None:
                    self.running_var = np.zeros(D)
                if train_flg:
                    mu = x.mean(axis=0)
                    xc = x - mu
                    var = np.mean(xc ** 2, axis=0)
                    std = np.sqrt(var + 1e-6)
                    self.batch_size = x.shape[0]
                    self.xc = xc
                    self.std = std
                    self.xn = xc / std
                    self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
                    self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var
                    xn = self.xn
                else:
                    xn = (x - self.running_mean) / np.sqrt(self.running_var + 1e-6)
                return self.gamma * xn + self.beta
        """,
    ),
    Mistake(
        name=N_("BatchNormalization test mode uses the batch statistics"),
        unit="layers.BatchNormalization",
        target="layers.BatchNormalization.forward",
        hint=N_("With train_flg=False, normalise with running_mean and running_var (a test prediction must "
                "not depend on the other samples in the batch)."),
        source="""
            def forward(self, x, train_flg=True):
                D = x.shape[1]
                if self.running_mean is None:
                    self.running_mean = np.zeros(D)
                if self.running_var is None:
                    self.running_var = np.zeros(D)
                mu = x.mean(axis=0)
                xc = x - mu
                var = np.mean(xc ** 2, axis=0)
                std = np.sqrt(var + 1e-6)
                self.batch_size = x.shape[0]
                self.xc = xc
                self.std = std
                self.xn = xc / std
                if train_flg:
                    self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
                    self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
                return self.gamma * self.xn + self.beta
        """,
    ),
    # Convolution
    Mistake(
        name=N_("Convolution dW reshaped without the transpose"),
        unit="layers.Convolution",
        target="layers.Convolution.backward",
        hint=N_("col.T @ dout has shape (C * FH * FW, FN): transpose it to (FN, C * FH * FW) before reshaping "
                "to (FN, C, FH, FW), or the numbers land in the wrong filters."),
        source="""
            def backward(self, dout):
                FN, C, FH, FW = self.W.shape
                dout = dout.transpose(0, 2, 3, 1).reshape(-1, FN)
                self.db = np.sum(dout, axis=0)
                self.dW = np.dot(self.col.T, dout).reshape(FN, C, FH, FW)
                dcol = np.dot(dout, self.col_W.T)
                return col2im(dcol, self.x_shape, FH, FW, self.stride, self.pad)
        """,
    ),
    Mistake(
        name=N_("Convolution db not summed over N, OH and OW"),
        unit="layers.Convolution",
        target="layers.Convolution.backward",
        hint=N_("Each filter's bias was added at every sample and every output position: db[f] sums dout[:, f] "
                "over N, OH and OW, so db has shape (FN,)."),
        source="""
            def backward(self, dout):
                FN, C, FH, FW = self.W.shape
                self.db = np.sum(dout, axis=0)
                dout = dout.transpose(0, 2, 3, 1).reshape(-1, FN)
                self.dW = np.dot(self.col.T, dout).transpose(1, 0).reshape(FN, C, FH, FW)
                dcol = np.dot(dout, self.col_W.T)
                return col2im(dcol, self.x_shape, FH, FW, self.stride, self.pad)
        """,
    ),
    Mistake(
        name=N_("Convolution output reshaped to (N, FN, OH, OW) without the transpose"),
        unit="layers.Convolution",
        target="layers.Convolution.forward",
        hint=N_("col @ col_W has one row per (n, oh, ow) and one column per filter: reshape it to "
                "(N, OH, OW, FN) and then transpose(0, 3, 1, 2); a direct reshape mixes positions and filters."),
        source="""
            def forward(self, x):
                FN, C, FH, FW = self.W.shape
                N, C, H, W = x.shape
                out_h = (H + 2 * self.pad - FH) // self.stride + 1
                out_w = (W + 2 * self.pad - FW) // self.stride + 1
                self.x_shape = x.shape
                self.col = im2col(x, FH, FW, self.stride, self.pad)
                self.col_W = self.W.reshape(FN, -1).T
                out = np.dot(self.col, self.col_W) + self.b
                return out.reshape(N, FN, out_h, out_w)
        """,
    ),
    # Pooling
    Mistake(
        name=N_("Pooling backward with dout in (N, C, OH, OW) order"),
        unit="layers.Pooling",
        target="layers.Pooling.backward",
        hint=N_("forward's rows are in (n, oh, ow, c) order, and arg_max with them: lay dout out the same way, "
                "dout.transpose(0, 2, 3, 1).ravel(), or each gradient goes to another window's maximum."),
        source="""
            def backward(self, dout):
                pool_size = self.pool_h * self.pool_w
                dmax = np.zeros((dout.size, pool_size))
                dmax[np.arange(dout.size), self.arg_max.ravel()] = dout.ravel()
                dcol = dmax.reshape(-1, self.x_shape[1] * pool_size)
                return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
        """,
    ),
    Mistake(
        name=N_("Pooling backward sends dout to every element of the window"),
        unit="layers.Pooling",
        target="layers.Pooling.backward",
        hint=N_("Only the window's maximum moved the output: the gradient goes to that one pixel (its position "
                "kept in forward as arg_max) and the others get 0."),
        source="""
            def backward(self, dout):
                pool_size = self.pool_h * self.pool_w
                dout = dout.transpose(0, 2, 3, 1).ravel()
                dmax = np.repeat(dout[:, None], pool_size, axis=1)
                dcol = dmax.reshape(-1, self.x_shape[1] * pool_size)
                return col2im(dcol, self.x_shape, self.pool_h, self.pool_w, self.stride, self.pad)
        """,
    ),
    Mistake(
        name=N_("Pooling output reshaped to (N, C, OH, OW) without the transpose"),
        unit="layers.Pooling",
        target="layers.Pooling.forward",
        hint=N_("The maxima come out in (n, oh, ow, c) order: reshape to (N, OH, OW, C), then transpose(0, 3, 1, 2)."),
        source="""
            def forward(self, x):
                N, C, H, W = x.shape
                out_h = (H - self.pool_h) // self.stride + 1
                out_w = (W - self.pool_w) // self.stride + 1
                col = im2col(x, self.pool_h, self.pool_w, self.stride, self.pad).reshape(-1, self.pool_h * self.pool_w)
                self.x_shape = x.shape
                self.arg_max = np.argmax(col, axis=1)
                return np.max(col, axis=1).reshape(N, C, out_h, out_w)
        """,
    ),
)
