"""Checks of the missions: the student's network, trained on the course's splits, scored in the grader.

The grader draws the splits itself (solutions.data) from the COURSE seed (the
same splits, class names and training seeds for every student of a course, so
the same honest code gets the same score); only the training part's features
and labels and the test part's features reach the student's code, never the
test labels. The bars, split counts and time limits have one home,
solutions/mission_criteria.py, which the visible tests read too.

Each split is one call into the worker (autograder/sandbox/mission_probe.py):
train(), then model.predict(x_test), timed together, with the network classes
watched, then predict again with the networks' parameters set to zero (the
ablation). The score must come through the submission's own network, built
and trained by train(); anything else scores 0 with the reason (see
`work_not_done`). Class ids are renamed per split by a derangement drawn from
the course seed: a network learns the renamed classes as well as the true ones,
while answers remembered from the shipped data are wrong under them.
"""
from dataclasses import dataclass

import numpy as np

from solutions.mission_criteria import CNN as CNN_CRITERION
from solutions.mission_criteria import DIGITS as DIGITS_CRITERION
from solutions.mission_criteria import IRIS as IRIS_CRITERION

from autograder.translation import _

from .feedback import CheckFailed, WorkerStopped, show

HARD_LIMIT_MARGIN = 5.0   # seconds past twice the time limit before a training run is stopped
ABLATION_MARGIN = 0.10    # accuracy above one class's share that a zeroed network may keep


@dataclass(frozen=True)
class Mission:
    """A mission: its criterion, its data and the network classes that must do the work.

    networks: "module.ClassName" of the submission's classes whose instances
    must compute the scores (any of them; subclasses count).
    sample_shape: each sample's shape given to train/predict (None: the loader's rows).
    """

    unit: str
    criterion: object            # solutions.mission_criteria.MissionCriterion
    dataset: str                 # loader in solutions.data
    class_count: int
    networks: tuple
    sample_shape: tuple = None

    @property
    def module(self):
        return self.criterion.module

    @property
    def time_limit(self):
        return self.criterion.time_limit_seconds

    @property
    def splits(self):
        return self.criterion.split_count

    @property
    def full_credit_accuracy(self):
        return self.criterion.full_credit_accuracy

    @property
    def no_credit_accuracy(self):
        return self.criterion.no_credit_accuracy

    @property
    def cost(self):
        """The most its runs may take (time limit times splits): how the grading lanes weigh it."""
        return self.time_limit * self.splits

    @property
    def hard_time_limit(self):
        """The worker is stopped past this: a train() that never returns costs one check only."""
        return 2.0 * self.time_limit + HARD_LIMIT_MARGIN

    def network_names(self):
        return " or ".join(name.split(".")[-1] for name in self.networks)


IRIS = Mission(unit="iris_mission.train", criterion=IRIS_CRITERION, dataset="load_iris", class_count=3,
               networks=("two_layer_net.TwoLayerNet",))
DIGITS = Mission(unit="digits_mission.train", criterion=DIGITS_CRITERION, dataset="load_digits",
                 class_count=10, networks=("multi_layer_net.MultiLayerNet", "two_layer_net.TwoLayerNet"))
CNN = Mission(unit="cnn_mission.train", criterion=CNN_CRITERION, dataset="load_digit_images", class_count=10,
              networks=("simple_conv_net.SimpleConvNet",))
MISSIONS = {mission.unit: mission for mission in (IRIS, DIGITS, CNN)}


def score_fraction(mission, mean_accuracy):
    """Credit in [0, 1] for a mean test accuracy: linear between the two bars."""
    return mission.criterion.credit(mean_accuracy)


def split_seeds(rng, mission):
    return [int(s) for s in rng.choice(2**31, size=mission.criterion.split_count, replace=False)]


def class_renaming(rng, class_count):
    """A permutation of 0..C-1 that moves every class (a derangement)."""
    while True:
        renaming = rng.permutation(class_count)
        if np.all(renaming != np.arange(class_count)):
            return renaming


def run_mission(sub, rng, mission):
    """Train and score on every split; return a summary line, or raise CheckFailed (partial credit or 0).

    rng: the COURSE's generator (the hidden suites' `course_rng`): it draws the
    splits, the class renamings and the training seeds.
    """
    from solutions import data

    x, t = getattr(data, mission.dataset)()
    if mission.sample_shape is not None:
        x = x.reshape((len(x), *mission.sample_shape))
    train = sub.modules[mission.module].train
    networks = network_classes(sub, mission)
    accuracies, seconds, notes = [], [], []
    for split, seed in enumerate(split_seeds(rng, mission), start=1):
        x_train, t_train, x_test, t_test = data.stratified_split(x, t, mission.criterion.train_size, seed=seed)
        train_seed = int(rng.integers(2**31))
        renaming = class_renaming(rng, mission.class_count)
        t_train, t_test = renaming[t_train], renaming[t_test]
        what = _("{module}.train(x_train, t_train, seed={seed}) and model.predict(x_test) on split {split}").format(
            module=mission.module, seed=train_seed, split=split)
        evidence = run_split(sub, what, mission, train, networks, x_train, t_train, train_seed, x_test)
        scores = evidence.get("scores")
        if not isinstance(scores, np.ndarray):
            raise CheckFailed(_("model.predict(x_test) on split {split} returned a {kind}, expected class scores "
                                "of shape ({rows}, {columns})").format(split=split, kind=scores, rows=len(t_test),
                                                                       columns=mission.class_count))
        accuracy = _accuracy(_("model.predict(x_test) on split {split}").format(split=split), scores, t_test,
                             mission)
        reason = work_not_done(evidence, t_test, mission)
        if reason is not None:
            raise CheckFailed(_("{unit} scores 0 (split {split}): {reason}").format(
                unit=mission.unit, split=split, reason=reason))
        elapsed = evidence["train_seconds"] + evidence["predict_seconds"]
        seconds.append(elapsed)
        if elapsed > mission.time_limit:
            notes.append(_("split {split}: train() and predict() took {seconds:.1f} s, over the limit of "
                           "{limit:g} s, so it counts as accuracy 0").format(
                split=split, seconds=elapsed, limit=mission.time_limit))
            accuracy = 0.0
        accuracies.append(accuracy)

    mean = float(np.mean(accuracies))
    summary = _("mean test accuracy {mean:.3f} over {count} held-out stratified splits (per split: "
                "{accuracies}); train() and predict() took {average:.2f} s on average, {longest:.2f} s at most "
                "(limit {limit:g} s per split): {verdict}.").format(
        mean=mean, count=len(accuracies), accuracies=", ".join(f"{a:.3f}" for a in accuracies),
        average=float(np.mean(seconds)), longest=max(seconds), limit=mission.time_limit,
        verdict=mission.criterion.verdict(mean))
    fraction = score_fraction(mission, mean)
    if fraction >= 1.0:
        return summary
    bars = _("Full credit from a mean accuracy of {full:.2f}, partial credit from {partial:.2f}.").format(
        full=mission.criterion.full_credit_accuracy, partial=mission.criterion.no_credit_accuracy)
    raise CheckFailed("\n".join([summary, *notes, bars]), score_fraction=fraction)


def network_classes(sub, mission):
    """[(module, class name)] of the mission's network modules the submission has."""
    found = []
    for name in mission.networks:
        module_name, class_name = name.rsplit(".", 1)
        try:
            found.append((sub.modules[module_name], class_name))
        except WorkerStopped:
            raise
        except CheckFailed:      # a module the submission lacks or that fails: the others may do
            continue
    return found


def run_split(sub, what, mission, train, networks, x_train, t_train, train_seed, x_test):
    """The probe's evidence (a dict) for one split; student errors become CheckFailed."""
    probe = sub.function("mission_run", train=train, network_classes=networks, x_train=x_train,
                         t_train=t_train, seed=train_seed, x_test=x_test)
    try:
        evidence, _seconds = sub.time_call(what, probe, None, timeout=mission.hard_time_limit)
    except WorkerStopped as stopped:
        raise WorkerStopped(stopped.message + "\n" + _(
            "train() and predict() may take {limit:g} s per split; they were stopped after {hard:g} s.").format(
            limit=mission.time_limit, hard=mission.hard_time_limit)) from None
    if evidence.get("stage"):
        raise CheckFailed(_("{unit} scores 0: {reason}").format(unit=mission.unit, reason=_left_running(evidence)))
    if evidence.get("problem"):
        raise CheckFailed(_("{what}: train() returned {kind}, expected a model with a predict(x) method").format(
            what=what, kind=evidence["problem"]))
    return evidence


def _left_running(evidence):
    return _("{function} returned while {threads} thread(s) and {processes} child process(es) it started were "
             "still running. The time limit covers all the work of train() and predict(): finish it before they "
             "return.").format(function="train()" if evidence["stage"] == "train" else "predict()",
                               threads=evidence["threads_left"], processes=evidence["children_left"])


def work_not_done(evidence, t_test, mission):
    """Why the scores do not come from the submission's own trained network, or None when they do."""
    nets = mission.network_names()
    total = len(t_test)
    if not evidence.get("networks_used"):
        return _("model.predict(x_test) never ran your network ({networks}.predict). The mission must be done "
                 "with your own network: train() builds and trains a {networks}, and predict() computes the "
                 "scores with it. Lookup tables, nearest neighbours, closed-form fits and other models score "
                 "0.").format(networks=nets)
    if evidence.get("built_in_predict"):
        return _("model.predict(x_test) ran a network that was built during predict(), not by train(): build "
                 "and train the network in train(); predict() only uses it.")
    if evidence.get("used_not_built"):
        return _("model.predict(x_test) ran a network that existed before this call to train(): build a new "
                 "network in every call to train() (a network kept from an earlier call has seen other data).")
    if evidence.get("changed_in_predict"):
        return _("model.predict(x_test) changed your network's parameters: training belongs in train(); "
                 "predict() only computes scores.")
    if evidence.get("untrained"):
        return _("the network that predict() used still has the parameters it was built with: train() must "
                 "train it (update net.params with its gradients).")
    if not evidence.get("training_calls"):
        return _("train() never called your network's gradient() (nor numerical_gradient() or loss()): train "
                 "the {networks} by gradient descent with your own code.").format(networks=nets)
    explained = np.asarray(evidence.get("explained"), dtype=bool)
    unexplained = int(total - explained.sum()) if explained.shape == (total,) else total
    if unexplained:
        return _("on {count} of {total} samples model.predict(x_test) returned a class that your network's own "
                 "output did not give: the scores must be your network's (preprocessing the inputs is fine; "
                 "replacing the network's answers is not).").format(count=unexplained, total=total)
    if not evidence.get("ablation_calls"):
        return _("when the grader called predict() a second time it did not run your network (it returned "
                 "scores remembered from the first call): predict() must compute the scores with the network "
                 "every time.")
    if evidence.get("ablation_raised"):
        return _("the grader ran predict() again with your network's parameters set to zero, to check that the "
                 "network makes the predictions, and it raised {error}. predict() must work whatever the "
                 "parameters are.").format(error=evidence["ablation_raised"])
    ablated = evidence.get("ablated_scores")
    if not (isinstance(ablated, np.ndarray) and ablated.shape == (total, mission.class_count)):
        shown = evidence.get("ablation_returned") or show(ablated)
        return _("with your network's parameters set to zero, model.predict(x_test) returned {value}, expected "
                 "class scores of shape ({rows}, {columns}).").format(value=shown, rows=total,
                                                                     columns=mission.class_count)
    ablated_accuracy = float(np.mean(np.argmax(ablated, axis=1) == t_test))
    chance = float(np.max(np.bincount(t_test, minlength=mission.class_count)) / total)
    if ablated_accuracy > chance + ABLATION_MARGIN:
        return _("with your network's parameters set to zero, model.predict(x_test) still reached accuracy "
                 "{accuracy:.2f} (one class's share is {share:.2f}): something other than the network makes "
                 "the predictions.").format(accuracy=ablated_accuracy, share=chance)
    return None


def _accuracy(what, scores, labels, mission):
    try:
        scores = np.asarray(scores, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(_("{what} returned {value}, expected class scores").format(
            what=what, value=show(scores))) from None
    expected_shape = (len(labels), mission.class_count)
    if scores.shape != expected_shape:
        raise CheckFailed(_("{what} returned shape {shape}, expected class scores of shape {expected} (one row "
                            "per sample, one column per class)").format(what=what, shape=scores.shape,
                                                                      expected=expected_shape))
    return float(np.mean(np.argmax(scores, axis=1) == labels))


def check_iris_mission(sub, rng):
    """rng: the course's generator (splits, class renamings, training seeds)."""
    return run_mission(sub, rng, IRIS)


def check_digits_mission(sub, rng):
    """rng: the course's generator (splits, class renamings, training seeds)."""
    return run_mission(sub, rng, DIGITS)


def check_cnn_mission(sub, rng):
    """rng: the course's generator (splits, class renamings, training seeds)."""
    return run_mission(sub, rng, CNN)
