"""Visible tests of iris_mission.py: the completion mission, a 4-6-3 network on Iris.

`train` is run on as many stratified 100/50 splits as the grader uses and
scored like the grader scores it: the MEAN test accuracy over the splits,
against the same bars (mission_criteria.py). The graded splits are the course's
own, so the grade can differ a little from what you see here.
"""
import numpy as np
import pytest

from ..mission_criteria import IRIS
from ..translation import _
from .mission_runs import mean_accuracy_report, run_split, visible_split_seeds


@pytest.mark.unit("iris_mission.train")
def test_train_returns_a_model_that_scores_every_flower(iris_mission, data):
    """train(x_train, t_train, seed) returns a model; model.predict(x_test) gives scores of shape (50, 3)."""
    x, t = data.load_iris()
    run = run_split(iris_mission, x, t, IRIS, visible_split_seeds(IRIS)[0])
    if run.scores.shape != (50, 3) or not np.all(np.isfinite(run.scores)):
        raise AssertionError(_("model.predict(x_test) should give finite scores of shape (50, 3); got shape "
                               "{shape}.\n  hint: predict takes raw features in cm: standardise them "
                               "inside predict with the training mean and std (IrisClassifier does it)").format(
            shape=run.scores.shape))


@pytest.mark.unit("iris_mission.train")
def test_iris_mean_test_accuracy_gets_full_credit(iris_mission, data):
    """The mean test accuracy over the visible splits reaches the grader's full-credit bar."""
    x, t = data.load_iris()
    mean, report = mean_accuracy_report(iris_mission, x, t, IRIS)
    if IRIS.credit(mean) < 1.0:
        raise AssertionError(_("{report}\n  hint: standardise the features, and train long enough "
                               "(watch the loss with `python -m exercises.iris_mission`)").format(report=report))
    print(report)
