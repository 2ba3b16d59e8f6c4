"""Each experiment, run on the reference solutions at a small size, shows what the book shows.

The checks are on the figure's data (the dict each experiment returns), with
margins measured on these seeds: the runs are deterministic. The training
experiments run once, in a child process (`small_runs` in conftest.py).
"""
import math

import numpy as np
import pytest

from exercises.experiments import activation_histograms, batch_norm, gradient_vanishing, optimizers, overfitting
from exercises.experiments.training import final_loss

CHANCE_LOSS = math.log(10)  # cross-entropy of a uniform guess among 10 classes


def test_he_and_xavier_end_with_lower_loss_than_std_001(small_runs):
    result = small_runs["weight_init"]
    loss = {label: final_loss(losses) for label, losses in result["losses"].items()}
    assert len(result["losses"]["He"]) == 300
    # std 0.01 on 4 ReLU layers: the signal vanishes and the loss stays at chance.
    assert loss["std 0.01"] == pytest.approx(CHANCE_LOSS, abs=0.02)
    assert loss["Xavier"] < loss["std 0.01"] - 0.1
    assert loss["He"] < loss["std 0.01"] - 1.0
    assert loss["He"] < loss["Xavier"]  # He is made for ReLU
    assert result["test_accuracy"]["He"] > 0.8


@pytest.fixture(scope="module")
def sigmoid_activations(reference):
    return activation_histograms.activation_histograms(reference, samples=1000)["activations"]


def test_sigmoid_with_std_1_saturates_at_0_and_1(sigmoid_activations):
    for layer in sigmoid_activations["std 1"]:
        assert np.mean((layer < 0.1) | (layer > 0.9)) > 0.5


def test_sigmoid_with_std_001_concentrates_at_one_half(sigmoid_activations):
    for layer in sigmoid_activations["std 0.01"]:
        assert np.mean(np.abs(layer - 0.5) < 0.05) > 0.95


def test_sigmoid_with_xavier_stays_spread_in_every_layer(sigmoid_activations):
    for layer in sigmoid_activations["Xavier"]:
        assert np.mean((layer > 0.1) & (layer < 0.9)) > 0.9  # not saturated
        assert np.mean(np.abs(layer - 0.5) < 0.05) < 0.5  # not collapsed
        assert layer.std() > 0.08


def test_relu_keeps_its_spread_with_he_and_loses_it_with_std_001(reference):
    activations = activation_histograms.activation_histograms(
        reference, samples=1000, activation="relu")["activations"]
    he_spread = [layer.std() for layer in activations["He"]]
    assert max(he_spread) / min(he_spread) < 2
    assert activations["std 0.01"][-1].std() < 1e-3 * activations["std 0.01"][0].std()
    assert activations["Xavier"][-1].std() < 0.5 * activations["Xavier"][0].std()


def test_batch_norm_rescues_the_bad_initialisation(small_runs):
    result = small_runs["batch_norm"]
    panels = {(panel["activation"], panel["init"]): panel for panel in result["panels"]}
    assert len(panels) == 6
    for activation in ("sigmoid", "relu"):
        panel = panels[(activation, "std 0.01")]
        assert len(panel["with_batchnorm"]) == len(panel["without_batchnorm"]) == 6
        assert panel["without_batchnorm"][-1] < 0.2  # stuck near chance, 0.1
        assert panel["with_batchnorm"][-1] > panel["without_batchnorm"][-1] + 0.5
    for panel in result["panels"]:  # and batch norm helps every network of the grid
        assert panel["with_batchnorm"][-1] > panel["without_batchnorm"][-1]


def test_book_grid_spans_16_weight_scales_on_a_log_scale():
    inits = batch_norm.GRIDS["book"]["inits"]
    stds = np.array(list(inits.values()))
    assert len(stds) == 16 and stds[0] == 1 and stds[-1] == pytest.approx(1e-4)
    assert np.allclose(np.diff(np.log10(stds)), -4 / 15)


def test_adam_loss_falls_faster_than_sgd(small_runs):
    result = small_runs["optimizers"]
    loss = {name: final_loss(losses) for name, losses in result["losses"].items()}
    assert set(loss) == {"SGD", "Momentum", "AdaGrad", "RMSprop", "Adam"}
    assert loss["Adam"] < 0.5 * loss["SGD"]
    for name in ("Momentum", "AdaGrad", "RMSprop"):
        assert loss[name] < loss["SGD"]


def test_every_optimizer_descends_the_valley_and_sgd_zigzags(small_runs):
    paths = small_runs["optimizers"]["paths"]
    start = optimizers.valley(*optimizers.PATH_START)
    for name, path in paths.items():
        assert path.shape == (optimizers.PATH_STEPS + 1, 2)
        assert optimizers.valley(*path[-1]) < 0.05 * start, name
    # lr 0.95 overshoots across the steep direction y: its sign flips at every step.
    assert np.all(np.sign(paths["SGD"][1:, 1]) == -np.sign(paths["SGD"][:-1, 1]))


def test_regularisation_narrows_the_train_test_gap(small_runs):
    result = small_runs["overfitting"]
    runs = result["runs"]
    assert list(runs) == list(overfitting.REGULARISATIONS)
    assert len(runs["none"]["train"]) == len(result["evaluated_at"]) == 250 // overfitting.EVALUATE_EVERY + 1
    none = runs["none"]
    # Without regularisation the big net fits its 60 images exactly and does much worse on new ones.
    assert none["train"][-1] >= 0.99
    assert overfitting.mean_gap(none) >= 0.15
    # L2, L1, dropout and dropout + L1 each narrow the gap, and not by losing test accuracy.
    for label, cured in runs.items():
        if label != "none":
            assert overfitting.mean_gap(cured) <= overfitting.mean_gap(none) - 0.005, label
            assert mean_of_last_half(cured["test"]) >= mean_of_last_half(none["test"]), label


def mean_of_last_half(values):
    return float(np.mean(values[len(values) // 2:]))


def test_the_gradient_vanishes_in_deep_sigmoid_networks_and_not_with_relu_and_he(small_runs):
    result = small_runs["gradient_vanishing"]
    sizes = {label: np.array(values) for label, values in result["gradient_size"].items()}
    assert list(sizes) == list(gradient_vanishing.NETWORKS)
    for values in sizes.values():
        assert values.shape == (len(gradient_vanishing.HIDDEN_LAYERS) + 1,) and np.all(values > 0)
    # Sigmoid: smaller at every layer on the way back to the input, by orders of magnitude in all.
    for label in ("sigmoid, std 0.01", "sigmoid, Xavier"):
        assert np.all(np.diff(sizes[label]) > 0), label
    assert gradient_vanishing.first_to_last(sizes["sigmoid, std 0.01"]) < 1e-8
    assert gradient_vanishing.first_to_last(sizes["sigmoid, Xavier"]) < 1e-3
    # ReLU with He: about the same size in every layer.
    assert sizes["ReLU, He"].max() / sizes["ReLU, He"].min() < 10
    # Where the gradient vanishes, the loss stays near chance; ReLU with He learns.
    loss = {label: final_loss(losses) for label, losses in result["losses"].items()}
    assert len(result["losses"]["ReLU, He"]) == 200
    for label in ("sigmoid, std 0.01", "sigmoid, Xavier"):
        assert loss[label] == pytest.approx(CHANCE_LOSS, abs=0.05), label
    assert loss["ReLU, He"] < 0.5
