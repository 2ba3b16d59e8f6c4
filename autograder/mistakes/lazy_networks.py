"""Lazy answers for the networks: constant networks, whatever their constructor made."""
from .lazy import lazy


def _constant_network(unit, name, scores, loss, accuracy, predict_arguments="x"):
    cls = unit
    return lazy(
        unit, name,
        f"{cls}.predict", f"def predict(self, {predict_arguments}):\n    return {scores}\n",
        f"{cls}.loss", f"def loss(self, x, t, **kwargs):\n    return {loss}\n",
        f"{cls}.accuracy", f"def accuracy(self, x, t):\n    return {accuracy}\n",
        f"{cls}.gradient", "def gradient(self, x, t):\n    return {k: np.zeros_like(v) for k, v in self.params.items()}\n",
    )


def _answers(unit, predict_arguments):
    last_bias = "self.params['b' + str(sum(1 for k in self.params if k.startswith('W')))]"
    return (
        _constant_network(unit, "zero scores, zero loss, zero gradient",
                          f"np.zeros((x.shape[0], {last_bias}.size))", "0.0", "0.0", predict_arguments),
        _constant_network(unit, "uniform scores, loss log(C), accuracy 1/C",
                          f"np.ones((x.shape[0], {last_bias}.size))", f"float(np.log({last_bias}.size))",
                          f"1.0 / {last_bias}.size", predict_arguments),
        _constant_network(unit, "the bias as scores, accuracy 1",
                          f"np.zeros((x.shape[0], {last_bias}.size)) + {last_bias}", "1.0", "1.0", predict_arguments),
    )


LAZY_ANSWERS = (*_answers("two_layer_net.TwoLayerNet", "x"),
                *_answers("multi_layer_net.MultiLayerNet", "x, train_flg=False"),
                *_answers("simple_conv_net.SimpleConvNet", "x"))
