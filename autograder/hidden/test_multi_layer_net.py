"""Hidden tests of multi_layer_net.py (checks in autograder/checks/multi_layer_net.py)."""
import pytest

from autograder.checks import multi_layer_net as checks

UNIT = "multi_layer_net.MultiLayerNet"


@pytest.mark.unit(UNIT)
@pytest.mark.points(1)
def test_multi_layer_net_params(sub, rng):
    """MultiLayerNet.params: keys and shapes with and without batch norm, and predict's values with them"""
    checks.check_multi_layer_net_params(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(1)
def test_multi_layer_net_weight_init(sub, rng):
    """MultiLayerNet initial weights: He, Xavier or a float std, by name; predict's values"""
    checks.check_multi_layer_net_weight_init(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(2)
def test_multi_layer_net_predict(sub, rng):
    """MultiLayerNet.predict matches the reference (ReLU, sigmoid, batch norm) with the same params"""
    checks.check_multi_layer_net_predict(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(2)
def test_multi_layer_net_loss(sub, rng):
    """MultiLayerNet.loss (with weight decay, one-hot t) and accuracy match the reference"""
    checks.check_multi_layer_net_loss(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(2)
def test_multi_layer_net_gradient(sub, rng):
    """MultiLayerNet.gradient (sigmoid, weight decay) matches the reference's gradient"""
    checks.check_multi_layer_net_gradient(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(3)
def test_multi_layer_net_gradient_batchnorm(sub, rng):
    """MultiLayerNet.gradient with batch norm and weight decay matches the reference's gradient"""
    checks.check_multi_layer_net_gradient_batchnorm(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(2)
def test_multi_layer_net_l1_loss(sub, rng):
    """MultiLayerNet.loss with l1_lambda (alone and with weight decay) matches the reference"""
    checks.check_multi_layer_net_l1_loss(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(2)
def test_multi_layer_net_gradient_l1(sub, rng):
    """MultiLayerNet.gradient with L1 and weight decay together matches the reference's gradient"""
    checks.check_multi_layer_net_gradient_l1(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(2)
def test_multi_layer_net_dropout_wiring(sub, rng):
    """MultiLayerNet(use_dropout=True): one Dropout after each hidden activation, on in training"""
    checks.check_multi_layer_net_dropout_wiring(sub, rng)


@pytest.mark.unit(UNIT)
@pytest.mark.points(2)
def test_multi_layer_net_dropout_test_mode(sub, rng):
    """MultiLayerNet(use_dropout=True).predict(x, train_flg=False): dropout off, as the reference"""
    checks.check_multi_layer_net_dropout_test_mode(sub, rng)
