"""Checks of the missions: train on held-out stratified splits, score predict in the grader.

The grader draws the splits itself (solutions.data); only the training part's
features and labels and the test part's features ever reach the student's
code, never the test labels. `train()` alone is timed (wall clock). Graded on
the MEAN test accuracy over the splits (SUBMISSION_API.md, Clarifications):
full credit at FULL_CREDIT_ACCURACY, linear partial credit from
NO_CREDIT_ACCURACY. A split whose training exceeds the time limit counts as
accuracy 0. These constants are the one home of the missions' bars.
"""
from dataclasses import dataclass

import numpy as np

from .feedback import CheckFailed, WorkerStopped, show


HARD_LIMIT_MARGIN = 5.0   # seconds past twice the time limit before a training run is stopped


@dataclass(frozen=True)
class Mission:
    unit: str
    module: str
    dataset: str                 # loader in solutions.data
    train_size: int
    splits: int
    full_credit_accuracy: float
    no_credit_accuracy: float
    time_limit: float            # seconds of train() per split (about 10x the reference, generous)
    class_count: int

    @property
    def hard_time_limit(self):
        """The worker is stopped past this: a train() that never returns costs one check only."""
        return 2.0 * self.time_limit + HARD_LIMIT_MARGIN


IRIS = Mission(unit="iris_mission.train", module="iris_mission", dataset="load_iris", train_size=100,
               splits=10, full_credit_accuracy=0.92, no_credit_accuracy=0.80, time_limit=5.0, class_count=3)
DIGITS = Mission(unit="digits_mission.train", module="digits_mission", dataset="load_digits",
                 train_size=1200, splits=3, full_credit_accuracy=0.95, no_credit_accuracy=0.85,
                 time_limit=15.0, class_count=10)
CNN = Mission(unit="cnn_mission.train", module="cnn_mission", dataset="load_digit_images",
              train_size=1200, splits=3, full_credit_accuracy=0.96, no_credit_accuracy=0.85,
              time_limit=30.0, class_count=10)
MISSIONS = {mission.unit: mission for mission in (IRIS, DIGITS, CNN)}


def score_fraction(mission, mean_accuracy):
    """Credit in [0, 1] for a mean test accuracy: linear between the two bars."""
    span = mission.full_credit_accuracy - mission.no_credit_accuracy
    return float(np.clip((mean_accuracy - mission.no_credit_accuracy) / span, 0.0, 1.0))


def split_seeds(rng, mission):
    return [int(s) for s in rng.choice(2**31, size=mission.splits, replace=False)]


def run_mission(sub, rng, mission):
    """Train and score on every split; return a summary line, or raise CheckFailed with partial credit."""
    from solutions import data

    x, t = getattr(data, mission.dataset)()
    train = sub.modules[mission.module].train
    accuracies, seconds, notes = [], [], []
    for split, seed in enumerate(split_seeds(rng, mission), start=1):
        x_train, t_train, x_test, t_test = data.stratified_split(x, t, mission.train_size, seed=seed)
        train_seed = int(rng.integers(2**31))
        what = f"{mission.module}.train(x_train, t_train, seed={train_seed}) on split {split}"
        try:
            trained, elapsed = sub.time_call(what, train, x_train, t_train, seed=train_seed,
                                             timeout=mission.hard_time_limit)
        except WorkerStopped as stopped:
            raise WorkerStopped(f"{stopped.message}\ntrain() may take {mission.time_limit:g} s per split; "
                                f"it was stopped after {mission.hard_time_limit:g} s.") from None
        seconds.append(elapsed)
        model = sub.make(what, lambda: trained)   # a model object, not None or numbers
        scores = sub.plain(sub.call(f"model.predict(x_test) on split {split}", model.predict, x_test))
        accuracy = _accuracy(f"model.predict(x_test) on split {split}", scores, t_test, mission)
        if elapsed > mission.time_limit:
            notes.append(f"split {split}: train() took {elapsed:.1f} s, over the limit of "
                         f"{mission.time_limit:g} s, so it counts as accuracy 0")
            accuracy = 0.0
        accuracies.append(accuracy)

    mean = float(np.mean(accuracies))
    summary = (f"mean test accuracy {mean:.3f} over {mission.splits} held-out stratified splits "
               f"(per split: {', '.join(f'{a:.3f}' for a in accuracies)}); train() took "
               f"{np.mean(seconds):.2f} s on average, {max(seconds):.2f} s at most "
               f"(limit {mission.time_limit:g} s per split).")
    fraction = score_fraction(mission, mean)
    if fraction >= 1.0:
        return summary
    bars = (f"Full credit from a mean accuracy of {mission.full_credit_accuracy:.2f}, "
            f"partial credit from {mission.no_credit_accuracy:.2f}.")
    raise CheckFailed("\n".join([summary, *notes, bars]), score_fraction=fraction)


def _accuracy(what, scores, labels, mission):
    try:
        scores = np.asarray(scores, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{what} returned {show(scores)}, expected class scores") from None
    expected_shape = (len(labels), mission.class_count)
    if scores.shape != expected_shape:
        raise CheckFailed(f"{what} returned shape {scores.shape}, expected class scores of shape "
                          f"{expected_shape} (one row per sample, one column per class)")
    return float(np.mean(np.argmax(scores, axis=1) == labels))


def check_iris_mission(sub, rng):
    return run_mission(sub, rng, IRIS)


def check_digits_mission(sub, rng):
    return run_mission(sub, rng, DIGITS)


def check_cnn_mission(sub, rng):
    return run_mission(sub, rng, CNN)
