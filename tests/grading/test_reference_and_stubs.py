"""The reference solutions get full marks whatever the seed; the stubs get zero, saying what to write.

Twenty seeds grade every unit but the missions (the missions' splits and
training take seconds); the missions are graded for three of those seeds.
"""
import pytest

from autograder.grading import grade_submission, selected_tests

from .conftest import EXERCISES, NON_MISSION_MODULES, SOLUTIONS

# The units of docs/CONTRACT.md, typed from the contract (not read from the suites).
CONTRACT_UNITS = {
    "functions.step_function", "functions.sigmoid", "functions.relu", "functions.softmax",
    "functions.mean_squared_error", "functions.cross_entropy_error", "gradient.numerical_gradient",
    "util.im2col", "util.col2im",
    "layers.Relu", "layers.Sigmoid", "layers.Affine", "layers.SoftmaxWithLoss", "layers.Dropout",
    "layers.BatchNormalization", "layers.Convolution", "layers.Pooling", "optimizer.SGD", "optimizer.Momentum", "optimizer.AdaGrad",
    "optimizer.RMSprop", "optimizer.Adam", "weight_init.he_init", "weight_init.xavier_init",
    "two_layer_net.TwoLayerNet", "multi_layer_net.MultiLayerNet", "simple_conv_net.SimpleConvNet",
    "iris_mission.train", "digits_mission.train", "cnn_mission.train",
}
MISSION_UNITS = {"iris_mission.train", "digits_mission.train", "cnn_mission.train"}
SEEDS = range(1, 21)
MISSION_SEEDS = (1, 2)   # and seed 3 in the whole run below


def failures(run):
    return [f"{t.unit} / {t.name}:\n{t.output}" for t in run.tests if not t.passed]


@pytest.mark.parametrize("seed", SEEDS)
def test_reference_gets_full_marks_on_every_unit_but_the_missions(seed):
    run = grade_submission(SOLUTIONS, seed=seed, only=NON_MISSION_MODULES)
    assert run.error is None
    assert failures(run) == []
    assert run.score == run.max_score > 0
    assert {t.unit for t in run.tests} == CONTRACT_UNITS - MISSION_UNITS


@pytest.mark.parametrize("seed", MISSION_SEEDS)
def test_reference_gets_full_marks_on_the_missions(seed):
    run = grade_submission(SOLUTIONS, seed=seed, only=["iris_mission", "digits_mission", "cnn_mission"])
    assert run.error is None
    assert failures(run) == []
    assert {t.unit for t in run.tests} == MISSION_UNITS
    for test in run.tests:
        assert "mean test accuracy" in test.output   # the summary a passing mission reports


def test_reference_whole_run_has_full_marks_and_the_points_table():
    run = grade_submission(SOLUTIONS, seed=3)
    assert run.error is None
    assert failures(run) == []
    assert {t.unit for t in run.tests} == CONTRACT_UNITS
    table = selected_tests()
    assert run.max_score == sum(points for _, _, points, _ in table)
    assert [t.name for t in run.tests] == [name for _, _, _, name in table]
    assert run.protections, "the sandbox reports what protected the run"


@pytest.fixture(scope="module")
def stubs_run():
    return grade_submission(EXERCISES, seed=7)


def test_stubs_get_zero_on_every_unit(stubs_run):
    assert stubs_run.error is None
    assert stubs_run.score == 0
    assert {t.unit for t in stubs_run.tests} == CONTRACT_UNITS
    assert not any(t.passed for t in stubs_run.tests)


def test_stubs_feedback_says_not_implemented_on_every_unit(stubs_run):
    for unit in CONTRACT_UNITS:
        outputs = [t.output for t in stubs_run.tests if t.unit == unit]
        assert outputs and all("not implemented yet" in o and "TODO:" in o for o in outputs), unit
