"""Visible tests of cnn_mission.py: your SimpleConvNet on the 8x8 digits as images (N, 1, 8, 8).

`train` is run on one fixed stratified 1200/597 split of the 1797 images and
scored on the 597 it did not see. The course grades it the same way on other splits.
"""
import numpy as np
import pytest

from ..translation import _

TRAIN_SIZE = 1200
VISIBLE_SPLIT_SEED = 106  # the graded splits are others
ACCURACY_BAR = 0.95

_trained = {}  # split seed -> (model, x_test, t_test): the split is trained once per run


def train_on_split(cnn_mission, data, seed):
    """Train on the split drawn with `seed`; return the model and the split's test set."""
    if seed not in _trained:
        x, t = data.load_digit_images()
        x_train, t_train, x_test, t_test = data.stratified_split(x, t, TRAIN_SIZE, seed=seed)
        _trained[seed] = (cnn_mission.train(x_train, t_train, seed=seed), x_test, t_test)
    return _trained[seed]


@pytest.mark.unit("cnn_mission.train")
def test_cnn_model_scores_every_image(cnn_mission, data):
    """train(x_train, t_train, seed) returns a model; model.predict(x_test) gives scores of shape (597, 10)."""
    model, x_test, _t_test = train_on_split(cnn_mission, data, VISIBLE_SPLIT_SEED)
    scores = np.asarray(model.predict(x_test.copy()), dtype=float)
    if scores.shape != (597, 10) or not np.all(np.isfinite(scores)):
        raise AssertionError(_("model.predict(x_test) should give finite scores of shape (597, 10); got shape "
                               "{shape}.\n  hint: predict takes raw images (N, 1, 8, 8) with pixels 0..16").format(
            shape=scores.shape))


@pytest.mark.unit("cnn_mission.train")
def test_cnn_test_accuracy_on_one_split(cnn_mission, data):
    """The test accuracy on the visible split is at least 0.95."""
    model, x_test, t_test = train_on_split(cnn_mission, data, VISIBLE_SPLIT_SEED)
    accuracy = float(np.mean(np.argmax(model.predict(x_test.copy()), axis=1) == t_test))
    if accuracy < ACCURACY_BAR:
        raise AssertionError(
            _("test accuracy {accuracy:.3f} on split {split}; expected at least {bar}.\n"
              "  hint: scale pixels to [0, 1], use Adam, shuffle the mini-batches each epoch, and keep the "
              "8x8 maps with padding 1 (watch the loss with `python -m exercises.cnn_mission`)").format(
                accuracy=accuracy, split=VISIBLE_SPLIT_SEED, bar=ACCURACY_BAR))
