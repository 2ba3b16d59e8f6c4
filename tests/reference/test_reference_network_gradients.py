"""TwoLayerNet.gradient and MultiLayerNet.gradient against the oracle's numerical gradient.

The numerical gradient is taken of the exact cross-entropy (no epsilon inside the log)
of the network's own training-mode scores, plus the weight-decay term written out
here; the parameters are perturbed in place in ``net.params``, which the layers share.
Every net is also run through a forward pass written out here, which checks its
scores and that no ReLU input lies near the kink at 0.
"""
import numpy as np
import pytest

from solutions.layers import BATCH_NORM_EPSILON
from solutions.multi_layer_net import MultiLayerNet
from solutions.two_layer_net import TwoLayerNet

from .central_difference import (
    TOLERANCE,
    central_difference,
    exact_cross_entropy,
    log_softmax,
    one_hot,
    relative_error,
)

RELU_MARGIN = 1e-3         # the oracle moves a parameter by <= 2e-4: a ReLU input by far less
MIN_TRUE_CLASS_PROBABILITY = 0.02


def independent_forward(params, x, hidden_layer_count, activation, use_batchnorm):
    """Training-mode forward pass from the contract: returns (scores, activation inputs)."""
    activation_inputs = []
    h = x.reshape(len(x), -1)
    for i in range(1, hidden_layer_count + 1):
        a = h @ params[f"W{i}"] + params[f"b{i}"]
        if use_batchnorm:
            centred = a - a.mean(axis=0)
            a = params[f"gamma{i}"] * centred / np.sqrt(np.mean(centred ** 2, axis=0) + BATCH_NORM_EPSILON) \
                + params[f"beta{i}"]
        activation_inputs.append(a)
        h = np.maximum(a, 0) if activation == "relu" else 1 / (1 + np.exp(-a))
    last = hidden_layer_count + 1
    return h @ params[f"W{last}"] + params[f"b{last}"], activation_inputs


def check_preconditions(scores, activation_inputs, activation, labels):
    """The check is meaningful only away from ReLU kinks and with moderate probabilities."""
    if activation == "relu":
        closest = min(float(np.min(np.abs(a))) for a in activation_inputs)
        assert closest > RELU_MARGIN, f"a ReLU input is {closest:.1e} from 0: pick another seed"
    true_class = np.exp(log_softmax(scores)[np.arange(len(labels)), labels])
    assert true_class.min() > MIN_TRUE_CLASS_PROBABILITY, "a true-class probability is too small"


def check_all(record_property, analytic, numerical):
    assert set(analytic) == set(numerical)
    for key in numerical:
        assert analytic[key].shape == numerical[key].shape, key
        error = relative_error(analytic[key], numerical[key])
        record_property(key, error)
        assert error < TOLERANCE, f"{key}: relative error {error:.2e}"


@pytest.mark.parametrize("target", ["labels", "one-hot"])
def test_two_layer_net_gradient(target, record_property):
    np.random.seed(10)
    net = TwoLayerNet(input_size=5, hidden_size=6, output_size=4, weight_init_std=0.5)
    rng = np.random.default_rng(10)
    x = rng.standard_normal((4, 5))  # N == C
    labels = rng.integers(0, 4, 4)
    t = labels if target == "labels" else one_hot(labels, 4)

    scores, activation_inputs = independent_forward(net.params, x, 1, "relu", use_batchnorm=False)
    np.testing.assert_allclose(net.predict(x), scores, rtol=1e-12, atol=1e-12)
    check_preconditions(scores, activation_inputs, "relu", labels)

    analytic = {key: value.copy() for key, value in net.gradient(x, t).items()}
    numerical = {key: central_difference(lambda: exact_cross_entropy(net.predict(x), labels), value)
                 for key, value in net.params.items()}
    check_all(record_property, analytic, numerical)


NETWORKS = {
    "relu-1": dict(hidden_size_list=[6], activation="relu"),
    "relu-2": dict(hidden_size_list=[6, 5], activation="relu"),
    "relu-3": dict(hidden_size_list=[6, 5, 4], activation="relu"),
    "sigmoid-2": dict(hidden_size_list=[6, 5], activation="sigmoid", weight_init_std="sigmoid"),
    "sigmoid-3-decay": dict(hidden_size_list=[6, 5, 4], activation="sigmoid", weight_init_std=1.0,
                            weight_decay_lambda=0.1),
    "relu-2-decay": dict(hidden_size_list=[6, 5], activation="relu", weight_decay_lambda=0.3),
    "relu-1-batchnorm": dict(hidden_size_list=[6], activation="relu", use_batchnorm=True),
    "relu-3-batchnorm": dict(hidden_size_list=[6, 5, 4], activation="relu", use_batchnorm=True),
    "sigmoid-2-batchnorm": dict(hidden_size_list=[6, 5], activation="sigmoid", use_batchnorm=True,
                                weight_init_std="xavier"),
    "relu-2-batchnorm-decay": dict(hidden_size_list=[6, 5], activation="relu", use_batchnorm=True,
                                   weight_decay_lambda=0.2),
}


@pytest.mark.parametrize("name", NETWORKS)
def test_multi_layer_net_gradient(name, record_property):
    options = NETWORKS[name]
    input_size, output_size, batch_size = 5, 4, 8
    np.random.seed(20)
    net = MultiLayerNet(input_size, output_size=output_size, **options)
    rng = np.random.default_rng(20)
    hidden_layer_count = len(options["hidden_size_list"])
    use_batchnorm = options.get("use_batchnorm", False)
    if use_batchnorm:  # move gamma and beta off their initial 1 and 0, so that every term counts
        for i in range(1, hidden_layer_count + 1):
            net.params[f"gamma{i}"][...] = rng.uniform(0.5, 1.5, net.params[f"gamma{i}"].shape)
            net.params[f"beta{i}"][...] = 0.3 * rng.standard_normal(net.params[f"beta{i}"].shape)
    # Shrinking the output weights keeps every true-class probability moderate (> 0.02).
    net.params[f"W{hidden_layer_count + 1}"] *= 0.4
    x = rng.standard_normal((batch_size, input_size))
    labels = rng.integers(0, output_size, batch_size)
    decay = options.get("weight_decay_lambda", 0)

    scores, activation_inputs = independent_forward(
        net.params, x, hidden_layer_count, options["activation"], use_batchnorm)
    np.testing.assert_allclose(net.predict(x, train_flg=True), scores, rtol=1e-10, atol=1e-12)
    check_preconditions(scores, activation_inputs, options["activation"], labels)

    def exact_loss():
        penalty = 0.5 * decay * sum(np.sum(net.params[f"W{i}"] ** 2) for i in range(1, hidden_layer_count + 2))
        return exact_cross_entropy(net.predict(x, train_flg=True), labels) + penalty

    # The reference's own loss is the exact one up to its 1e-7 inside the log.
    assert abs(net.loss(x, labels, train_flg=True) - exact_loss()) < 1e-6 * exact_loss()

    analytic = {key: value.copy() for key, value in net.gradient(x, labels).items()}
    numerical = {key: central_difference(exact_loss, value) for key, value in net.params.items()}
    check_all(record_property, analytic, numerical)
    if use_batchnorm:  # batch norm subtracts the batch mean: a bias before it has no effect
        for i in range(1, hidden_layer_count + 1):
            assert np.max(np.abs(analytic[f"b{i}"])) < 1e-12


def test_multi_layer_net_gradient_with_one_hot_targets_equals_labels():
    np.random.seed(30)
    net = MultiLayerNet(5, [6, 5], 4, use_batchnorm=True, weight_decay_lambda=0.1)
    rng = np.random.default_rng(30)
    x = rng.standard_normal((4, 5))
    labels = rng.integers(0, 4, 4)
    from_labels = {key: value.copy() for key, value in net.gradient(x, labels).items()}
    from_one_hot = net.gradient(x, one_hot(labels, 4))
    for key in from_labels:
        np.testing.assert_allclose(from_one_hot[key], from_labels[key], rtol=1e-13, atol=1e-15)
