"""Visible tests of digits_mission.py: your MultiLayerNet (batch norm, He, Adam) on 8x8 digits.

`train` is run on as many stratified 1200/597 splits as the grader uses and
scored like the grader scores it: the MEAN test accuracy over the splits,
against the same bars (mission_criteria.py). The graded splits are the course's
own, so the grade can differ a little from what you see here.
"""
import numpy as np
import pytest

from ..mission_criteria import DIGITS
from ..translation import _
from .mission_runs import mean_accuracy_report, run_split, visible_split_seeds


@pytest.mark.unit("digits_mission.train")
def test_train_returns_a_model_that_scores_every_image(digits_mission, data):
    """train(x_train, t_train, seed) returns a model; model.predict(x_test) gives scores of shape (597, 10)."""
    x, t = data.load_digits()
    run = run_split(digits_mission, x, t, DIGITS, visible_split_seeds(DIGITS)[0])
    if run.scores.shape != (597, 10) or not np.all(np.isfinite(run.scores)):
        raise AssertionError(_("model.predict(x_test) should give finite scores of shape (597, 10); got shape "
                               "{shape}.\n  hint: predict takes raw pixels 0..16 and runs the net in "
                               "test mode (train_flg=False)").format(shape=run.scores.shape))


@pytest.mark.unit("digits_mission.train")
def test_digits_mean_test_accuracy_gets_full_credit(digits_mission, data):
    """The mean test accuracy over the visible splits reaches the grader's full-credit bar."""
    x, t = data.load_digits()
    mean, report = mean_accuracy_report(digits_mission, x, t, DIGITS)
    if DIGITS.credit(mean) < 1.0:
        raise AssertionError(_("{report}\n  hint: scale pixels to [0, 1], use batch norm, He init and Adam, and "
                               "shuffle the mini-batches each epoch (watch the loss with "
                               "`python -m exercises.digits_mission`)").format(report=report))
    print(report)
