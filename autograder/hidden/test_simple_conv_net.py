"""Hidden tests of simple_conv_net.py (checks in autograder/checks/simple_conv_net.py)."""
import pytest

from autograder.checks import simple_conv_net as checks

UNIT = "simple_conv_net.SimpleConvNet"


@pytest.mark.unit(UNIT)
@pytest.mark.points(3)
def test_simple_conv_net_params_predict_and_loss(sub, rng):
    """SimpleConvNet.params (keys, shapes, weight scale); predict and loss match the reference with the params given"""
    checks.check_simple_conv_net_params_predict_and_loss(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(1)
def test_simple_conv_net_accuracy(sub, rng):
    """SimpleConvNet.accuracy matches the reference on batches of different accuracies (one-hot t)"""
    checks.check_simple_conv_net_accuracy(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(3)
def test_simple_conv_net_gradient(sub, rng):
    """SimpleConvNet.gradient matches the reference network's gradient (one-hot t)"""
    checks.check_simple_conv_net_gradient(sub, rng)
