"""Hidden tests of layers.py (checks in autograder/checks/layers.py and, for the
convolutional layers, autograder/checks/convolution.py)."""
import pytest

from autograder.checks import convolution as conv_checks
from autograder.checks import layers as checks


@pytest.mark.unit("layers.Relu")
@pytest.mark.points(1)
def test_relu_forward(sub, rng):
    """Relu.forward matches the reference"""
    checks.check_relu_forward(sub, rng)


@pytest.mark.unit("layers.Relu")
@pytest.mark.points(1)
def test_relu_backward(sub, rng):
    """Relu.backward matches the reference's backward on the same input"""
    checks.check_relu_backward(sub, rng)


@pytest.mark.unit("layers.Sigmoid")
@pytest.mark.points(1)
def test_sigmoid_forward(sub, rng):
    """Sigmoid.forward matches the reference"""
    checks.check_sigmoid_forward(sub, rng)


@pytest.mark.unit("layers.Sigmoid")
@pytest.mark.points(1)
def test_sigmoid_backward(sub, rng):
    """Sigmoid.backward matches the reference's backward on the same input"""
    checks.check_sigmoid_backward(sub, rng)


@pytest.mark.unit("layers.Affine")
@pytest.mark.points(1)
def test_affine_forward(sub, rng):
    """Affine.forward matches the reference (2-D and 3-D x) and follows W, b changed in place"""
    checks.check_affine_forward(sub, rng)


@pytest.mark.unit("layers.Affine")
@pytest.mark.points(2)
def test_affine_backward(sub, rng):
    """Affine.backward: dx, dW, db match the reference's on the same input and parameters"""
    checks.check_affine_backward(sub, rng)


@pytest.mark.unit("layers.SoftmaxWithLoss")
@pytest.mark.points(1)
def test_softmax_with_loss_forward(sub, rng):
    """SoftmaxWithLoss.forward matches the reference with labels and one-hot t"""
    checks.check_softmax_with_loss_forward(sub, rng)


@pytest.mark.unit("layers.SoftmaxWithLoss")
@pytest.mark.points(2)
def test_softmax_with_loss_backward(sub, rng):
    """SoftmaxWithLoss.backward matches the reference's, with one-hot t and with labels"""
    checks.check_softmax_with_loss_backward(sub, rng)


@pytest.mark.unit("layers.Dropout")
@pytest.mark.points(2)
def test_dropout_forward(sub, rng):
    """Dropout keeps about 1 - ratio of the units, one scale, train mean matching test output"""
    checks.check_dropout_forward(sub, rng)


@pytest.mark.unit("layers.Dropout")
@pytest.mark.points(1)
def test_dropout_backward(sub, rng):
    """Dropout.backward uses the last forward pass's mask and scale (a forward that drops units afresh)"""
    checks.check_dropout_backward(sub, rng)


@pytest.mark.unit("layers.BatchNormalization")
@pytest.mark.points(1)
def test_batchnorm_forward(sub, rng):
    """BatchNormalization.forward in training mode matches the reference"""
    checks.check_batchnorm_forward(sub, rng)


@pytest.mark.unit("layers.BatchNormalization")
@pytest.mark.points(3)
def test_batchnorm_backward(sub, rng):
    """BatchNormalization.backward: dx, dgamma, dbeta match the reference's on the same input"""
    checks.check_batchnorm_backward(sub, rng)


@pytest.mark.unit("layers.BatchNormalization")
@pytest.mark.points(2)
def test_batchnorm_test_mode(sub, rng):
    """BatchNormalization test mode uses running statistics (given, and after training steps)"""
    checks.check_batchnorm_test_mode(sub, rng)


@pytest.mark.unit("layers.Convolution")
@pytest.mark.points(2)
def test_convolution_forward(sub, rng):
    """Convolution.forward matches the reference (stride 2, padding 1, odd sizes) and follows W, b changed in place"""
    conv_checks.check_convolution_forward(sub, rng)


@pytest.mark.unit("layers.Convolution")
@pytest.mark.points(3)
def test_convolution_backward(sub, rng):
    """Convolution.backward: dx, dW, db match the reference's gradient (overlapping patches, stride 2 with padding)"""
    conv_checks.check_convolution_backward(sub, rng)


@pytest.mark.unit("layers.Pooling")
@pytest.mark.points(1)
def test_pooling_forward(sub, rng):
    """Pooling.forward matches the reference, channel by channel"""
    conv_checks.check_pooling_forward(sub, rng)


@pytest.mark.unit("layers.Pooling")
@pytest.mark.points(2)
def test_pooling_backward(sub, rng):
    """Pooling.backward routes each gradient to its window's maximum (the reference's gradient)"""
    conv_checks.check_pooling_backward(sub, rng)
