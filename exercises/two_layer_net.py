# Generated from solutions/two_layer_net.py by `python -m autograder.curriculum.make_exercises`: edit only between each `# TODO:` and its `# ---- end of your code ----`.
# Provided code fingerprint: 3820d15b71d5fce9 (the visible tests tell you when code outside them changed)
# Provided code by definition: <module>=7e9a37f9 TwoLayerNet=dc9a87b9
"""A two-layer classifier: Affine -> Relu -> Affine -> SoftmaxWithLoss (book chapter 5.7)."""
import numpy as np

from .gradient import numerical_gradient
from .layers import Affine, Relu, SoftmaxWithLoss


class TwoLayerNet:
    """Two-layer network with parameters W1 (D, H), b1 (H,), W2 (H, C), b2 (C,).

    Weights start as N(0, weight_init_std**2) draws from NumPy's global random
    state; biases start at zero.
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
        """x: inputs (N, D). Returns class scores before softmax, (N, C)."""
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def loss(self, x, t):
        """x: inputs (N, D); t: one-hot (N, C) or labels (N,). Returns the mean cross-entropy."""
        return self.last_layer.forward(self.predict(x), t)

    def accuracy(self, x, t):
        """Fraction of samples whose highest score is the true class; t one-hot or labels."""
        predicted = np.argmax(self.predict(x), axis=1)
        if t.ndim != 1:
            t = np.argmax(t, axis=1)
        return float(np.mean(predicted == t))

    def numerical_gradient(self, x, t):
        """Gradients of the loss by central differences (slow; the check for ``gradient``)."""
        def loss_of_params(_):
            return self.loss(x, t)

        return {key: numerical_gradient(loss_of_params, value) for key, value in self.params.items()}

    def gradient(self, x, t):
        """Gradients of the loss by backpropagation.

        x: inputs (N, D); t: one-hot (N, C) or labels (N,).
        Returns a dict with the keys of ``params`` and arrays of their shapes.
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
