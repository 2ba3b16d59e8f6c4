"""Lazy answers for layers.py: layers whose forward and backward do no work."""
from .lazy import lazy

FORWARD_ZEROS = "def forward(self, x):\n    return np.zeros_like(x)\n"
BACKWARD_ZEROS = "def backward(self, dout):\n    return np.zeros_like(dout)\n"
FORWARD_IDENTITY = "def forward(self, x):\n    return x\n"
BACKWARD_IDENTITY = "def backward(self, dout):\n    return dout\n"


def _elementwise(layer):
    unit = f"layers.{layer}"
    return (
        lazy(unit, "forward and backward return zeros",
             f"{unit}.forward", FORWARD_ZEROS, f"{unit}.backward", BACKWARD_ZEROS),
        lazy(unit, "an identity layer", f"{unit}.forward", FORWARD_IDENTITY, f"{unit}.backward", BACKWARD_IDENTITY),
        lazy(unit, "forward returns zeros, backward passes dout on",
             f"{unit}.forward", FORWARD_ZEROS, f"{unit}.backward", BACKWARD_IDENTITY),
    )


AFFINE = (
    lazy("layers.Affine", "forward and backward return zeros",
         "layers.Affine.forward", """
            def forward(self, x):
                self.original_x_shape = x.shape
                return np.zeros((x.shape[0], self.W.shape[1]))
         """,
         "layers.Affine.backward", """
            def backward(self, dout):
                self.dW = np.zeros_like(self.W)
                self.db = np.zeros_like(self.b)
                return np.zeros(self.original_x_shape)
         """),
    lazy("layers.Affine", "only the bias, gradients of ones",
         "layers.Affine.forward", """
            def forward(self, x):
                self.original_x_shape = x.shape
                return np.zeros((x.shape[0], self.W.shape[1])) + self.b
         """,
         "layers.Affine.backward", """
            def backward(self, dout):
                self.dW = np.ones_like(self.W)
                self.db = np.ones_like(self.b)
                return np.ones(self.original_x_shape)
         """),
)

SOFTMAX_WITH_LOSS = tuple(
    lazy("layers.SoftmaxWithLoss", f"a constant loss {value}, zero gradient",
         "layers.SoftmaxWithLoss.forward", f"""
            def forward(self, x, t):
                self.x = x
                return {value}
         """,
         "layers.SoftmaxWithLoss.backward", """
            def backward(self, dout=1):
                return np.zeros_like(self.x)
         """)
    for value in ("0.0", "1.0", "100.0", "float(np.log(x.shape[1]))"))

DROPOUT = (
    lazy("layers.Dropout", "an identity layer",
         "layers.Dropout.forward", "def forward(self, x, train_flg=True):\n    return x\n",
         "layers.Dropout.backward", BACKWARD_IDENTITY),
    lazy("layers.Dropout", "forward and backward return zeros",
         "layers.Dropout.forward", "def forward(self, x, train_flg=True):\n    return np.zeros_like(x)\n",
         "layers.Dropout.backward", BACKWARD_ZEROS),
    lazy("layers.Dropout", "x * (1 - ratio) in both modes",
         "layers.Dropout.forward", "def forward(self, x, train_flg=True):\n    return x * (1.0 - self.dropout_ratio)\n",
         "layers.Dropout.backward", "def backward(self, dout):\n    return dout * (1.0 - self.dropout_ratio)\n"),
    lazy("layers.Dropout", "the same fixed mask every time",
         "layers.Dropout.forward", """
            def forward(self, x, train_flg=True):
                if not train_flg:
                    return x * (1.0 - self.dropout_ratio)
                self.mask = np.random.default_rng(0).random(x.shape) > self.dropout_ratio
                return x * self.mask
         """,
         "layers.Dropout.backward", "def backward(self, dout):\n    return dout * self.mask\n"),
)

BATCH_NORMALIZATION = (
    lazy("layers.BatchNormalization", "an identity layer, zero parameter gradients",
         "layers.BatchNormalization.forward", "def forward(self, x, train_flg=True):\n    return x\n",
         "layers.BatchNormalization.backward", """
            def backward(self, dout):
                self.dgamma = np.zeros_like(self.gamma)
                self.dbeta = np.zeros_like(self.beta)
                return dout
         """),
    lazy("layers.BatchNormalization", "forward and backward return zeros",
         "layers.BatchNormalization.forward", "def forward(self, x, train_flg=True):\n    return np.zeros_like(x)\n",
         "layers.BatchNormalization.backward", """
            def backward(self, dout):
                self.dgamma = np.zeros_like(self.gamma)
                self.dbeta = np.zeros_like(self.beta)
                return np.zeros_like(dout)
         """),
    lazy("layers.BatchNormalization", "beta only",
         "layers.BatchNormalization.forward", "def forward(self, x, train_flg=True):\n    return np.zeros_like(x) + self.beta\n",
         "layers.BatchNormalization.backward", """
            def backward(self, dout):
                self.dgamma = np.zeros_like(self.gamma)
                self.dbeta = dout.sum(axis=0)
                return np.zeros_like(dout)
         """),
)

CONVOLUTION = (
    lazy("layers.Convolution", "zeros of the output's shape, zero gradients",
         "layers.Convolution.forward", """
            def forward(self, x):
                self.x_shape = x.shape
                FN, C, FH, FW = self.W.shape
                N, _, H, W = x.shape
                out_h = (H + 2 * self.pad - FH) // self.stride + 1
                out_w = (W + 2 * self.pad - FW) // self.stride + 1
                return np.zeros((N, FN, out_h, out_w))
         """,
         "layers.Convolution.backward", """
            def backward(self, dout):
                self.dW = np.zeros_like(self.W)
                self.db = np.zeros_like(self.b)
                return np.zeros(self.x_shape)
         """),
    lazy("layers.Convolution", "only the bias, db summed, the rest zero",
         "layers.Convolution.forward", """
            def forward(self, x):
                self.x_shape = x.shape
                FN, C, FH, FW = self.W.shape
                N, _, H, W = x.shape
                out_h = (H + 2 * self.pad - FH) // self.stride + 1
                out_w = (W + 2 * self.pad - FW) // self.stride + 1
                return np.zeros((N, FN, out_h, out_w)) + self.b[:, None, None]
         """,
         "layers.Convolution.backward", """
            def backward(self, dout):
                self.dW = np.zeros_like(self.W)
                self.db = dout.sum(axis=(0, 2, 3))
                return np.zeros(self.x_shape)
         """),
)

POOLING = (
    lazy("layers.Pooling", "zeros of the output's shape",
         "layers.Pooling.forward", """
            def forward(self, x):
                self.x_shape = x.shape
                N, C, H, W = x.shape
                return np.zeros((N, C, (H - self.pool_h) // self.stride + 1, (W - self.pool_w) // self.stride + 1))
         """,
         "layers.Pooling.backward", "def backward(self, dout):\n    return np.zeros(self.x_shape)\n"),
    lazy("layers.Pooling", "every stride-th pixel, gradient back to it",
         "layers.Pooling.forward", """
            def forward(self, x):
                self.x_shape = x.shape
                N, C, H, W = x.shape
                out_h = (H - self.pool_h) // self.stride + 1
                out_w = (W - self.pool_w) // self.stride + 1
                return x[:, :, :out_h * self.stride:self.stride, :out_w * self.stride:self.stride]
         """,
         "layers.Pooling.backward", """
            def backward(self, dout):
                dx = np.zeros(self.x_shape)
                out_h, out_w = dout.shape[2:]
                dx[:, :, :out_h * self.stride:self.stride, :out_w * self.stride:self.stride] = dout
                return dx
         """),
)

LAZY_ANSWERS = (*_elementwise("Relu"), *_elementwise("Sigmoid"), *AFFINE, *SOFTMAX_WITH_LOSS, *DROPOUT,
                *BATCH_NORMALIZATION, *CONVOLUTION, *POOLING)
