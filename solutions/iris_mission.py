"""The completion mission: classify Iris flowers with a 4-6-3 network you built.

Run it:  python -m exercises.iris_mission   (trains, prints accuracy, saves a plot)

The grader calls ``train`` on training splits it draws itself and scores the
returned model's ``predict`` on flowers your code never saw.

The score must come from your own TwoLayerNet, built and trained by gradient
descent in ``train``: ``predict`` computes the scores with it (any preprocessing
of the inputs is fine). Other models (lookup tables, nearest neighbours,
closed-form fits) and training left for ``predict`` score 0. The grader's bars
and time limit are in ``mission_criteria.py``.
"""
import argparse
import sys

import numpy as np

from .data import load_iris, stratified_split
from .optimizer import SGD
from .training_log import TrainingLog, not_implemented_message
from .translation import LANGUAGES, N_, _, argparse_in_language, use_command_line_language
from .two_layer_net import TwoLayerNet

INPUT_SIZE = 4      # sepal length, sepal width, petal length, petal width (cm)
HIDDEN_SIZE = 6
CLASS_COUNT = 3     # setosa, versicolor, virginica
TRAIN_SIZE = 100    # of 150 flowers; the other 50 are the test split


class IrisClassifier:
    """A trained network plus the standardisation it was trained with.

    mean, std: arrays (4,) of the training features, so that flowers measured
    in cm are scaled exactly as the training flowers were.
    """

    def __init__(self, net, mean, std):
        self.net = net
        self.mean = mean
        self.std = std

    def predict(self, x):
        """x: features (N, 4) in cm. Returns class scores (N, 3)."""
        return self.net.predict((x - self.mean) / self.std)


def train(x_train, t_train, seed=0, log=None):
    """Train a 4-6-3 ReLU network by full-batch gradient descent.

    x_train: features (N, 4) in cm; t_train: labels (N,) in 0..2.
    seed: seeds NumPy's global random state (the network's initial weights).
    log: an optional TrainingLog that records the loss and accuracy as training goes.
    Returns an IrisClassifier.
    """
    ### BEGIN SOLUTION
    # TODO: standardise the features (subtract the training mean, divide by the training std),
    #   build TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT), and repeat: grads = net.gradient(...),
    #   optimizer.update(net.params, grads). Call log.record(step, loss, accuracy, step_count) now and then
    #   when a log is given. Return IrisClassifier(net, mean, std).
    learning_rate = 0.1
    step_count = 2000
    steps_between_records = 100
    weight_init_std = 0.5

    np.random.seed(seed)
    mean = x_train.mean(axis=0)
    std = x_train.std(axis=0)
    x = (x_train - mean) / std
    net = TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT, weight_init_std=weight_init_std)
    optimizer = SGD(lr=learning_rate)
    for step in range(step_count):
        grads = net.gradient(x, t_train)
        optimizer.update(net.params, grads)
        if log is not None and (step + 1) % steps_between_records == 0:
            log.record(step + 1, net.loss(x, t_train), net.accuracy(x, t_train), step_count)
    return IrisClassifier(net, mean, std)
    ### END SOLUTION


def main(argv=None):
    """Train on a random stratified 100/50 split, print the test accuracy and save a plot."""
    use_command_line_language(argv)
    with argparse_in_language():
        parser = argparse.ArgumentParser(
            description=_("The completion mission: classify Iris flowers with a 4-6-3 network you built."))
        parser.add_argument("--seed", type=int, default=0, help=_("seed of the split and the initial weights"))
        parser.add_argument("--plot", default="iris_mission.png", help=_("where to save the loss/accuracy plot"))
        parser.add_argument("--lang", choices=LANGUAGES, default=None,
                            help=_("language of the output: ja or en (default: $KIT_LANG, else the locale)"))
        args = parser.parse_args(argv)

    x, t = load_iris()
    x_train, t_train, x_test, t_test = stratified_split(x, t, TRAIN_SIZE, seed=args.seed)
    log = TrainingLog(N_("Iris mission (4-6-3 network)"))
    try:
        model = train(x_train, t_train, seed=args.seed, log=log)
    except NotImplementedError as stub:
        sys.exit(not_implemented_message(stub))
    test_accuracy = float(np.mean(np.argmax(model.predict(x_test), axis=1) == t_test))
    log.finish(test_accuracy=test_accuracy)
    print(_("test accuracy: {accuracy:.3f} ({count} flowers never seen in training)").format(
        accuracy=test_accuracy, count=len(t_test)))
    log.save_plot(args.plot)
    print(_("plot saved to {path}").format(path=args.plot))


if __name__ == "__main__":
    main()
