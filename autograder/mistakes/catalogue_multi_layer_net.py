"""Known mistakes in multi_layer_net.py: the backward pass, the L1 penalty and the dropout wiring of MultiLayerNet."""
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
                    grads["W" + str(i)] = layer.dW + self.l1_lambda * np.sign(layer.W)
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
                    grads["W" + str(i)] = (layer.dW + 2 * self.weight_decay_lambda * layer.W
                                          + self.l1_lambda * np.sign(layer.W))
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
                    grads["W" + str(i)] = (layer.dW + self.weight_decay_lambda * layer.W
                                          + self.l1_lambda * np.sign(layer.W))
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
                    grads["W" + str(i)] = (layer.dW + self.weight_decay_lambda * layer.W
                                          + self.l1_lambda * np.sign(layer.W))
                    grads["b" + str(i)] = layer.db
                for i, layer in enumerate(batchnorm_layers, start=1):
                    grads["gamma" + str(i)] = layer.dgamma
                    grads["beta" + str(i)] = layer.dbeta
                return grads
        """,
    ),
    Mistake(
        name=N_("MultiLayerNet.gradient with the L1 term l1_lambda * W"),
        unit="multi_layer_net.MultiLayerNet",
        target="multi_layer_net.MultiLayerNet.gradient",
        hint=N_("The gradient of l1_lambda * |W| is l1_lambda * sign(W), not l1_lambda * W (that is the "
                "weight-decay form): use np.sign(W)."),
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
                    grads["W" + str(i)] = layer.dW + self.weight_decay_lambda * layer.W + self.l1_lambda * layer.W
                    grads["b" + str(i)] = layer.db
                for i, layer in enumerate(batchnorm_layers, start=1):
                    grads["gamma" + str(i)] = layer.dgamma
                    grads["beta" + str(i)] = layer.dbeta
                return grads
        """,
    ),
    Mistake(
        name=N_("MultiLayerNet.gradient without the L1 term"),
        unit="multi_layer_net.MultiLayerNet",
        target="multi_layer_net.MultiLayerNet.gradient",
        hint=N_("The loss includes l1_lambda * sum(|W|): add self.l1_lambda * np.sign(W) to every dW, "
                "beside the weight-decay term."),
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
                    grads["W" + str(i)] = layer.dW + self.weight_decay_lambda * layer.W
                    grads["b" + str(i)] = layer.db
                for i, layer in enumerate(batchnorm_layers, start=1):
                    grads["gamma" + str(i)] = layer.dgamma
                    grads["beta" + str(i)] = layer.dbeta
                return grads
        """,
    ),
    Mistake(
        name=N_("MultiLayerNet loss without the L1 penalty"),
        unit="multi_layer_net.MultiLayerNet",
        target="multi_layer_net.MultiLayerNet.l1_penalty",
        hint=N_("l1_penalty must return l1_lambda * sum(|W|) over every weight matrix W1..WL, so that the "
                "loss includes it."),
        source="""
            def l1_penalty(self):
                return 0.0
        """,
    ),
    Mistake(
        name=N_("MultiLayerNet keeps dropout on at test time"),
        unit="multi_layer_net.MultiLayerNet",
        target="multi_layer_net.MultiLayerNet.predict",
        hint=N_("Dropout.forward(x) defaults to training mode: predict must pass train_flg to every Dropout "
                "layer (and BatchNormalization layer), so that train_flg=False drops no unit."),
        source="""
            def predict(self, x, train_flg=False):
                for layer in self.layers:
                    if isinstance(layer, BatchNormalization):
                        x = layer.forward(x, train_flg)
                    else:
                        x = layer.forward(x)
                return x
        """,
    ),
    Mistake(
        name=N_("MultiLayerNet ignores use_dropout"),
        unit="multi_layer_net.MultiLayerNet",
        target="multi_layer_net.MultiLayerNet.__init__",
        hint=N_("With use_dropout=True, append Dropout(dropout_ratio) to self.layers right after each hidden "
                "activation."),
        source="""
            def __init__(self, input_size, hidden_size_list, output_size, activation="relu",
                         weight_init_std="relu", weight_decay_lambda=0, use_dropout=False,
                         dropout_ratio=0.5, use_batchnorm=False, l1_lambda=0):
                self.hidden_layer_num = len(hidden_size_list)
                self.weight_decay_lambda = weight_decay_lambda
                self.l1_lambda = l1_lambda
                self.use_batchnorm = use_batchnorm
                self.params = {}
                self.layers = []
                sizes = [input_size, *hidden_size_list, output_size]
                for i in range(1, len(sizes)):
                    self.params["W" + str(i)] = self._initial_weights(sizes[i - 1], sizes[i], weight_init_std)
                    self.params["b" + str(i)] = np.zeros(sizes[i])
                    self.layers.append(Affine(self.params["W" + str(i)], self.params["b" + str(i)]))
                    if i == len(sizes) - 1:
                        break
                    if use_batchnorm:
                        self.params["gamma" + str(i)] = np.ones(sizes[i])
                        self.params["beta" + str(i)] = np.zeros(sizes[i])
                        self.layers.append(BatchNormalization(self.params["gamma" + str(i)],
                                                              self.params["beta" + str(i)]))
                    self.layers.append(ACTIVATIONS[activation]())
                self.last_layer = SoftmaxWithLoss()
        """,
    ),
)
