"""Known mistakes in two_layer_net.py: the backward pass of TwoLayerNet."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    Mistake(
        name=N_("TwoLayerNet.gradient walks the layers in forward order"),
        unit="two_layer_net.TwoLayerNet",
        target="two_layer_net.TwoLayerNet.gradient",
        hint=N_("Backpropagation starts at the loss and goes back to the input: loop over "
                "reversed(self.layers), passing each layer's result to the one before it."),
        source="""
            def gradient(self, x, t):
                self.loss(x, t)
                dout = self.last_layer.backward(1)
                for layer in self.layers:
                    dout = layer.backward(dout)
                grads = {}
                grads["W1"], grads["b1"] = self.layers[0].dW, self.layers[0].db
                grads["W2"], grads["b2"] = self.layers[2].dW, self.layers[2].db
                return grads
        """,
    ),
    Mistake(
        name=N_("TwoLayerNet.gradient without a forward pass first"),
        unit="two_layer_net.TwoLayerNet",
        target="two_layer_net.TwoLayerNet.gradient",
        hint=N_("backward uses what the last forward stored (inputs, masks, softmax output): call "
                "self.loss(x, t) at the start of gradient, or the gradient belongs to older inputs."),
        source="""
            def gradient(self, x, t):
                dout = self.last_layer.backward(1)
                for layer in reversed(self.layers):
                    dout = layer.backward(dout)
                grads = {}
                grads["W1"], grads["b1"] = self.layers[0].dW, self.layers[0].db
                grads["W2"], grads["b2"] = self.layers[2].dW, self.layers[2].db
                return grads
        """,
    ),
)
