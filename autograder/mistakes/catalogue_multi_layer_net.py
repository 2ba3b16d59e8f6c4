"""Known mistakes in multi_layer_net.py: the backward pass of MultiLayerNet."""
from autograder.translation import N_

from .mistake import Mistake

MISTAKES = (
    Mistake(
        name=N_("MultiLayerNet.gradient without the weight decay term"),
        unit="multi_layer_net.MultiLayerNet",
        target="multi_layer_net.MultiLayerNet.gradient",
        hint=N_("The loss includes 0.5 * lambda * sum(W ** 2), whose gradient is lambda * W: add "
                "self.weight_decay_lambda * W to every dW."),
        source="""
            def gradient(self, x, t):
                self.loss(x, t, train_flg=True)
                dout = self.last_layer.backward(1)
                for layer in reversed(self.layers):
                    dout = layer.backward(dout)
                affine_layers = [layer for layer in self.layers if isinstance(layer, Affine)]
                batchnorm_layers = [layer for layer in self.layers if isinstance(layer, BatchNormalization)]
                grads = {}
                for i, layer in enumerate(affine_layers, start=1):
                    grads["W" + str(i)] = layer.dW
                    grads["b" + str(i)] = layer.db
                for i, layer in enumerate(batchnorm_layers, start=1):
                    grads["gamma" + str(i)] = layer.dgamma
                    grads["beta" + str(i)] = layer.dbeta
                return grads
        """,
    ),
    Mistake(
        name=N_("MultiLayerNet.gradient with weight decay 2 * lambda * W"),
        unit="multi_layer_net.MultiLayerNet",
        target="multi_layer_net.MultiLayerNet.gradient",
        hint=N_("The penalty is 0.5 * lambda * sum(W ** 2): the 0.5 cancels the 2 of the square, so its "
                "gradient is lambda * W."),
        source="""
            def gradient(self, x, t):
                self.loss(x, t, train_flg=True)
                dout = self.last_layer.backward(1)
                for layer in reversed(self.layers):
                    dout = layer.backward(dout)
                affine_layers = [layer for layer in self.layers if isinstance(layer, Affine)]
                batchnorm_layers = [layer for layer in self.layers if isinstance(layer, BatchNormalization)]
                grads = {}
                for i, layer in enumerate(affine_layers, start=1):
                    grads["W" + str(i)] = layer.dW + 2 * self.weight_decay_lambda * layer.W
                    grads["b" + str(i)] = layer.db
                for i, layer in enumerate(batchnorm_layers, start=1):
                    grads["gamma" + str(i)] = layer.dgamma
                    grads["beta" + str(i)] = layer.dbeta
                return grads
        """,
    ),
    Mistake(
        name=N_("MultiLayerNet.gradient leaves out gamma and beta"),
        unit="multi_layer_net.MultiLayerNet",
        target="multi_layer_net.MultiLayerNet.gradient",
        hint=N_("With use_batchnorm=True the params also hold gamma1.., beta1..: return their gradients "
                "(each BatchNormalization layer's dgamma and dbeta) too."),
        source="""
            def gradient(self, x, t):
                self.loss(x, t, train_flg=True)
                dout = self.last_layer.backward(1)
                for layer in reversed(self.layers):
                    dout = layer.backward(dout)
                affine_layers = [layer for layer in self.layers if isinstance(layer, Affine)]
                grads = {}
                for i, layer in enumerate(affine_layers, start=1):
                    grads["W" + str(i)] = layer.dW + self.weight_decay_lambda * layer.W
                    grads["b" + str(i)] = layer.db
                return grads
        """,
    ),
    Mistake(
        name=N_("MultiLayerNet.gradient runs the forward pass in test mode"),
        unit="multi_layer_net.MultiLayerNet",
        target="multi_layer_net.MultiLayerNet.gradient",
        hint=N_("Training gradients need the training forward: call self.loss(x, t, train_flg=True), so that "
                "batch norm uses (and stores) this batch's statistics."),
        source="""
            def gradient(self, x, t):
                self.loss(x, t)
                dout = self.last_layer.backward(1)
                for layer in reversed(self.layers):
                    dout = layer.backward(dout)
                affine_layers = [layer for layer in self.layers if isinstance(layer, Affine)]
                batchnorm_layers = [layer for layer in self.layers if isinstance(layer, BatchNormalization)]
                grads = {}
                for i, layer in enumerate(affine_layers, start=1):
                    grads["W" + str(i)] = layer.dW + self.weight_decay_lambda * layer.W
                    grads["b" + str(i)] = layer.db
                for i, layer in enumerate(batchnorm_layers, start=1):
                    grads["gamma" + str(i)] = layer.dgamma
                    grads["beta" + str(i)] = layer.dbeta
                return grads
        """,
    ),
)
