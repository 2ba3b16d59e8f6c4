"""The convolution-filters experiment on the reference solutions, at a small size: the figure's data
shows what the book shows (filters that gain structure, response maps of the trained filters)."""
import numpy as np
import pytest

from exercises.experiments import conv_filters
from exercises.experiments.datasets import load_dataset

ITERATIONS = 120   # margins below measured at this size on seed 0


@pytest.fixture(scope="module")
def result(reference):
    digits = load_dataset(reference, "digits", seed=0)
    return conv_filters.train_conv_net(reference, digits, iterations=ITERATIONS, seed=0)


def test_the_filters_are_the_first_layers_before_and_after_training(result):
    conv_param, _, _ = conv_filters.NETWORKS["digits"]
    shape = (conv_param["filter_num"], 1, conv_param["filter_size"], conv_param["filter_size"])
    assert result["filters_before"].shape == result["filters_after"].shape == shape
    assert np.std(result["filters_before"]) == pytest.approx(conv_filters.WEIGHT_INIT_STD, rel=0.2)
    moved = np.linalg.norm(result["filters_after"] - result["filters_before"])
    assert moved > 5 * np.linalg.norm(result["filters_before"])   # what they show is learned
    assert len(result["losses"]) == ITERATIONS


def test_training_gives_the_filters_structure_and_the_net_accuracy(result):
    before = conv_filters.neighbour_correlation(result["filters_before"])
    after = conv_filters.neighbour_correlation(result["filters_after"])
    assert abs(before) < 0.15          # random noise
    assert after > before + 0.15       # smooth strokes and blobs
    assert result["test_accuracy"] > 0.9


def test_the_response_maps_are_the_trained_filters_slid_over_the_digit(result):
    digit, filters = result["digit"][0], result["filters_after"][:, 0]
    pad = conv_filters.NETWORKS["digits"][0]["pad"]
    size = filters.shape[-1]
    padded = np.pad(digit, pad)
    expected = np.array([[[np.sum(padded[i:i + size, j:j + size] * f) for j in range(digit.shape[1])]
                          for i in range(digit.shape[0])] for f in filters])
    assert result["responses"].shape == expected.shape == (len(filters), 8, 8)
    offset = result["responses"] - expected   # each map's bias, the same at every pixel
    np.testing.assert_allclose(offset, offset[:, :1, :1] * np.ones_like(offset), atol=1e-9)
    assert 0 <= result["label"] <= 9 and digit.max() == pytest.approx(1.0, abs=0.5)
