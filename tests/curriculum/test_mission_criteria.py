"""The missions' criterion has one home (solutions/mission_criteria.py), read by the grader and the visible tests.

The visible mission tests train on as many splits as the grader, score the mean
against the same bars, and say "full credit" or "partial: 0.864 mean, full
credit from 0.92".
"""
import pytest

from autograder.checks import missions
from solutions import mission_criteria
from solutions.mission_criteria import IRIS

from .test_visible_tests import run_visible_tests
from .variant_submissions import build_submission

FEW_STEPS_IRIS = """
def train(x_train, t_train, seed=0, log=None):
    np.random.seed(seed)
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    net = TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT, weight_init_std=0.5)
    optimizer = SGD(lr=0.1)
    for step in range(60):   # far too few steps: about 0.86 on the visible splits
        optimizer.update(net.params, net.gradient((x_train - mean) / std, t_train))
    return IrisClassifier(net, mean, std)
"""


def test_the_grader_uses_the_one_criterion():
    assert missions.IRIS.criterion is mission_criteria.IRIS
    assert missions.DIGITS.criterion is mission_criteria.DIGITS
    assert missions.score_fraction(missions.IRIS, 0.86) == IRIS.credit(0.86) == pytest.approx(0.5)


def test_verdicts_name_the_mean_and_the_bars():
    assert IRIS.verdict(0.93) == "full credit"
    assert IRIS.verdict(0.92) == "full credit"
    assert IRIS.verdict(0.915) == "partial: 0.915 mean, full credit from 0.92"
    assert IRIS.verdict(0.7) == "no credit: 0.700 mean, partial credit from 0.80, full credit from 0.92"


def test_the_visible_iris_test_says_partial_credit_like_the_grader(tmp_path):
    submission = build_submission(tmp_path / "few-steps", {"iris_mission.py": FEW_STEPS_IRIS})
    code, output, tests = run_visible_tests(tmp_path, "exercises/tests/test_iris_mission.py",
                                            submission=submission)
    assert code == 1
    unit, outcome, _ = tests["test_iris_mean_test_accuracy_gets_full_credit"]
    assert (unit, outcome) == ("iris_mission.train", "failure")
    assert "partial: 0.864 mean, full credit from 0.92" in output
    assert "over 10 visible splits" in output
    assert tests["test_train_returns_a_model_that_scores_every_flower"][1] == "passed"
