"""Hidden tests of optimizer.py (checks in autograder/checks/optimizer.py)."""
import pytest

from autograder.checks import optimizer as checks


@pytest.mark.unit("optimizer.SGD")
@pytest.mark.points(2)
def test_sgd_steps(sub, rng):
    """SGD.update matches the reference over several steps (default and other hyper-parameters)"""
    checks.check_sgd_steps(sub, rng)


@pytest.mark.unit("optimizer.SGD")
@pytest.mark.points(1)
def test_sgd_in_place(sub, rng):
    """SGD.update changes the parameter arrays in place, by the reference's amount"""
    checks.check_sgd_in_place(sub, rng)


@pytest.mark.unit("optimizer.Momentum")
@pytest.mark.points(2)
def test_momentum_steps(sub, rng):
    """Momentum.update matches the reference over several steps (default and other hyper-parameters)"""
    checks.check_momentum_steps(sub, rng)


@pytest.mark.unit("optimizer.Momentum")
@pytest.mark.points(1)
def test_momentum_in_place(sub, rng):
    """Momentum.update changes the parameter arrays in place, by the reference's amount"""
    checks.check_momentum_in_place(sub, rng)


@pytest.mark.unit("optimizer.AdaGrad")
@pytest.mark.points(2)
def test_adagrad_steps(sub, rng):
    """AdaGrad.update matches the reference over several steps (default and other hyper-parameters)"""
    checks.check_adagrad_steps(sub, rng)


@pytest.mark.unit("optimizer.AdaGrad")
@pytest.mark.points(1)
def test_adagrad_in_place(sub, rng):
    """AdaGrad.update changes the parameter arrays in place, by the reference's amount"""
    checks.check_adagrad_in_place(sub, rng)


@pytest.mark.unit("optimizer.RMSprop")
@pytest.mark.points(2)
def test_rmsprop_steps(sub, rng):
    """RMSprop.update matches the reference over several steps (default and other hyper-parameters)"""
    checks.check_rmsprop_steps(sub, rng)


@pytest.mark.unit("optimizer.RMSprop")
@pytest.mark.points(1)
def test_rmsprop_in_place(sub, rng):
    """RMSprop.update changes the parameter arrays in place, by the reference's amount"""
    checks.check_rmsprop_in_place(sub, rng)


@pytest.mark.unit("optimizer.Adam")
@pytest.mark.points(2)
def test_adam_steps(sub, rng):
    """Adam.update matches the reference over several steps (default and other hyper-parameters)"""
    checks.check_adam_steps(sub, rng)


@pytest.mark.unit("optimizer.Adam")
@pytest.mark.points(1)
def test_adam_in_place(sub, rng):
    """Adam.update changes the parameter arrays in place, by the reference's amount"""
    checks.check_adam_in_place(sub, rng)
