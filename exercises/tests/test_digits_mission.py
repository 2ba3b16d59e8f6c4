"""Visible tests of digits_mission.py: your MultiLayerNet (batch norm, He, Adam) on 8x8 digits.

`train` is run on one fixed stratified 1200/597 split of the 1797 images and
scored on the 597 it did not see. The course grades it the same way on other splits.
"""
import numpy as np
import pytest

from ..translation import _

TRAIN_SIZE = 1200
VISIBLE_SPLIT_SEED = 106  # the graded splits are others
ACCURACY_BAR = 0.93

_trained = {}  # split seed -> (model, x_test, t_test): the split is trained once per run


def train_on_split(digits_mission, data, seed):
    """Train on the split drawn with `seed`; return the model and the split's test set."""
    if seed not in _trained:
        x, t = data.load_digits()
        x_train, t_train, x_test, t_test = data.stratified_split(x, t, TRAIN_SIZE, seed=seed)
        _trained[seed] = (digits_mission.train(x_train, t_train, seed=seed), x_test, t_test)
    return _trained[seed]


@pytest.mark.unit("digits_mission.train")
def test_train_returns_a_model_that_scores_every_image(digits_mission, data):
    """train(x_train, t_train, seed) returns a model; model.predict(x_test) gives scores of shape (597, 10)."""
    model, x_test, _t_test = train_on_split(digits_mission, data, VISIBLE_SPLIT_SEED)
    scores = np.asarray(model.predict(x_test.copy()), dtype=float)
    if scores.shape != (597, 10) or not np.all(np.isfinite(scores)):
        raise AssertionError(_("model.predict(x_test) should give finite scores of shape (597, 10); got shape "
                               "{shape}.\n  hint: predict takes raw pixels 0..16 and runs the net in "
                               "test mode (train_flg=False)").format(shape=scores.shape))


@pytest.mark.unit("digits_mission.train")
def test_test_accuracy_on_one_split(digits_mission, data):
    """The test accuracy on the visible split is at least 0.93."""
    model, x_test, t_test = train_on_split(digits_mission, data, VISIBLE_SPLIT_SEED)
    accuracy = float(np.mean(np.argmax(model.predict(x_test.copy()), axis=1) == t_test))
    if accuracy < ACCURACY_BAR:
        raise AssertionError(
            _("test accuracy {accuracy:.3f} on split {split}; expected at least {bar}.\n"
              "  hint: scale pixels to [0, 1], use batch norm, He init and Adam, and shuffle the mini-batches "
              "each epoch (watch the loss with `python -m exercises.digits_mission`)").format(
                accuracy=accuracy, split=VISIBLE_SPLIT_SEED, bar=ACCURACY_BAR))
