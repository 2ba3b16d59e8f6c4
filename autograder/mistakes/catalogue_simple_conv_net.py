"""Known mistakes in simple_conv_net.py: SimpleConvNet's forward wiring and backward pass."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    Mistake(
        name=N_("SimpleConvNet flattens the pooled maps channels last"),
        unit="simple_conv_net.SimpleConvNet",
        target="simple_conv_net.SimpleConvNet.predict",
        hint=N_("The first Affine layer's W2 rows follow the pooled maps in (filter, row, column) order, as "
                "x.reshape(N, -1) of (N, FN, PH, PW) gives (Affine flattens it for you): do not move the "
                "filter axis last before flattening."),
        source="""
            def predict(self, x):
                for layer in self.layers:
                    if x.ndim == 4 and isinstance(layer, Affine):
                        x = x.transpose(0, 2, 3, 1).reshape(x.shape[0], -1)
                    x = layer.forward(x)
                return x
        """,
    ),
    Mistake(
        name=N_("SimpleConvNet.gradient walks the layers in forward order"),
        unit="simple_conv_net.SimpleConvNet",
        target="simple_conv_net.SimpleConvNet.gradient",
        hint=N_("Backpropagation starts at the loss and goes back to the input: loop over "
                "reversed(self.layers), passing each layer's result to the one before it."),
        source="""
            def gradient(self, x, t):
                self.loss(x, t)
                dout = self.last_layer.backward(1)
                for layer in self.layers:
                    dout = layer.backward(dout)
                conv, affine1, affine2 = self.layers[0], self.layers[3], self.layers[5]
                return {"W1": conv.dW, "b1": conv.db, "W2": affine1.dW, "b2": affine1.db,
                        "W3": affine2.dW, "b3": affine2.db}
        """,
    ),
    Mistake(
        name=N_("SimpleConvNet.gradient takes W1 and b1 from the first Affine layer"),
        unit="simple_conv_net.SimpleConvNet",
        target="simple_conv_net.SimpleConvNet.gradient",
        hint=N_("W1 and b1 are the Convolution layer's filters and biases: their gradients are that layer's "
                "dW and db (self.layers[0]); W2, b2 come from the first Affine layer."),
        source="""
            def gradient(self, x, t):
                self.loss(x, t)
                dout = self.last_layer.backward(1)
                for layer in reversed(self.layers):
                    dout = layer.backward(dout)
                affine1, affine2 = self.layers[3], self.layers[5]
                return {"W1": affine1.dW, "b1": affine1.db, "W2": affine1.dW, "b2": affine1.db,
                        "W3": affine2.dW, "b3": affine2.db}
        """,
    ),
)
