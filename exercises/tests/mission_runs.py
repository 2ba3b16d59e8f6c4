"""How the visible mission tests train and score: the grader's criterion, on the visible splits.

The criterion (split count, training size, the full-credit and partial bars,
the time limit) comes from `mission_criteria.py`, the file the grader reads
too. Only the splits differ: the grader uses the course's own.
"""
import time

import numpy as np

from ..translation import _

FIRST_VISIBLE_SPLIT_SEED = 106  # the visible splits are seeds 106, 107, ...; the graded ones are others

_runs = {}  # (module, split seed) -> SplitRun: each split is trained once per pytest run


class SplitRun:
    """One split trained and scored: the model, the test set, the accuracy and the seconds taken."""

    def __init__(self, model, x_test, t_test, scores, seconds):
        self.model, self.x_test, self.t_test = model, x_test, t_test
        self.scores, self.seconds = scores, seconds

    def accuracy(self):
        return float(np.mean(np.argmax(self.scores, axis=1) == self.t_test))


def visible_split_seeds(criterion):
    return tuple(range(FIRST_VISIBLE_SPLIT_SEED, FIRST_VISIBLE_SPLIT_SEED + criterion.split_count))


def run_split(mission, x, t, criterion, seed):
    """Train on the split drawn with `seed` and predict its test set, timed together like the grader does."""
    key = (criterion.module, seed)
    if key not in _runs:
        from ..data import stratified_split

        x_train, t_train, x_test, t_test = stratified_split(x, t, criterion.train_size, seed=seed)
        started = time.perf_counter()
        model = mission.train(x_train, t_train, seed=seed)
        scores = np.asarray(model.predict(x_test.copy()), dtype=float)
        _runs[key] = SplitRun(model, x_test, t_test, scores, time.perf_counter() - started)
    return _runs[key]


def mean_accuracy_report(mission, x, t, criterion):
    """(mean accuracy, text) over the visible splits, with the grader's bars.

    The grader also counts a split over its time limit as accuracy 0, on its
    own machine; here a slow split is only reported (this machine is not the grader's).
    """
    accuracies, slow = [], []
    for seed in visible_split_seeds(criterion):
        run = run_split(mission, x, t, criterion, seed)
        accuracies.append(run.accuracy())
        if run.seconds > criterion.time_limit_seconds:
            slow.append(_("note: on split {split} train() and predict() took {seconds:.1f} s here; the grader "
                          "allows {limit:g} s per split on its machine").format(
                split=seed, seconds=run.seconds, limit=criterion.time_limit_seconds))
    mean = float(np.mean(accuracies))
    lines = [_("{verdict} (mean test accuracy over {count} visible splits; per split: {accuracies})").format(
        verdict=criterion.verdict(mean), count=len(accuracies), accuracies=", ".join(f"{a:.2f}" for a in accuracies)),
        *slow]
    return mean, "\n".join(lines)
