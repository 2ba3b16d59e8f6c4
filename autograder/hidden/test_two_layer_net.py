"""Hidden tests of two_layer_net.py (checks in autograder/checks/two_layer_net.py)."""
import pytest

from autograder.checks import two_layer_net as checks

UNIT = "two_layer_net.TwoLayerNet"


@pytest.mark.unit(UNIT)
@pytest.mark.points(3)
def test_two_layer_net_params_predict_and_loss(sub, rng):
    """TwoLayerNet.params (keys, shapes, weight scale); predict and loss (one-hot t) match the reference"""
    checks.check_two_layer_net_params_predict_and_loss(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(1)
def test_two_layer_net_accuracy(sub, rng):
    """TwoLayerNet.accuracy matches the reference (one-hot t) on batches of different accuracies"""
    checks.check_two_layer_net_accuracy(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(3)
def test_two_layer_net_gradient(sub, rng):
    """TwoLayerNet.gradient matches the reference's gradient (one-hot t)"""
    checks.check_two_layer_net_gradient(sub, rng)
