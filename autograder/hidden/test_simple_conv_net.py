"""Hidden tests of simple_conv_net.py (checks in autograder/checks/simple_conv_net.py)."""
import pytest

from autograder.checks import simple_conv_net as checks

UNIT = "simple_conv_net.SimpleConvNet"


@pytest.mark.unit(UNIT)
@pytest.mark.points(1)
def test_simple_conv_net_params(sub, rng):
    """SimpleConvNet.params: keys and shapes (default and given arguments), weights of std weight_init_std"""
    checks.check_simple_conv_net_params(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(2)
def test_simple_conv_net_predict_and_loss(sub, rng):
    """SimpleConvNet.predict and loss match the reference with the params given"""
    checks.check_simple_conv_net_predict_and_loss(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(1)
def test_simple_conv_net_accuracy(sub, rng):
    """SimpleConvNet.accuracy matches the reference with labels and one-hot t"""
    checks.check_simple_conv_net_accuracy(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(3)
def test_simple_conv_net_gradient(sub, rng):
    """SimpleConvNet.gradient is the gradient of the reference network's loss"""
    checks.check_simple_conv_net_gradient(sub, rng)
