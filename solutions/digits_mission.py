"""The digits mission: read 8x8 handwritten digits with your own MultiLayerNet.

Run it:  python -m exercises.digits_mission   (trains, prints accuracy, saves a plot)

The network uses your batch normalisation, He initialisation and Adam. The
grader calls ``train`` on training splits it draws itself and scores the
returned model's ``predict`` on images your code never saw.

The score must come from your own MultiLayerNet (or TwoLayerNet), built and
trained by gradient descent in ``train``: ``predict`` computes the scores with it
(any preprocessing of the inputs is fine). Other models (lookup tables, nearest neighbours,
closed-form fits) and training left for ``predict`` score 0. The grader's bars
and time limit are in ``mission_criteria.py``.
"""
import argparse
import sys

import numpy as np

from .data import load_digits
from .data import stratified_split
from .multi_layer_net import MultiLayerNet
from .optimizer import Adam
from .training_log import TrainingLog, not_implemented_message
from .translation import LANGUAGES, N_, _, argparse_in_language, use_command_line_language

PIXEL_COUNT = 64       # 8 x 8 images
MAX_PIXEL_VALUE = 16   # pixels are counts 0..16
CLASS_COUNT = 10
TRAIN_SIZE = 1200      # of 1797 images; the other 597 are the test split


class DigitsClassifier:
    """A trained network that takes raw 8x8 images (pixel values 0..16)."""

    def __init__(self, net):
        self.net = net

    def predict(self, x):
        """x: images (N, 64), pixel values 0..16. Returns class scores (N, 10)."""
        return self.net.predict(x / MAX_PIXEL_VALUE, train_flg=False)


def train(x_train, t_train, seed=0, log=None):
    """Train a MultiLayerNet with batch norm, He init and Adam on mini-batches.

    x_train: images (N, 64), pixel values 0..16; t_train: labels (N,) in 0..9.
    seed: seeds NumPy's global random state (initial weights, batch order).
    log: an optional TrainingLog that records the loss and accuracy per epoch.
    Returns a DigitsClassifier.
    """
    ### BEGIN SOLUTION
    # TODO: scale pixels to [0, 1] (divide by MAX_PIXEL_VALUE); build
    #   MultiLayerNet(PIXEL_COUNT, [hidden sizes], CLASS_COUNT, weight_init_std="he", use_batchnorm=True);
    #   for some epochs, shuffle the samples and, per mini-batch, update with Adam on net.gradient(...).
    #   Call log.record(epoch, loss, accuracy, epoch_count) once per epoch when a log is given.
    #   Return DigitsClassifier(net).
    hidden_sizes = [100, 100]
    learning_rate = 0.01
    batch_size = 100
    epoch_count = 20

    np.random.seed(seed)
    x = x_train / MAX_PIXEL_VALUE
    net = MultiLayerNet(PIXEL_COUNT, hidden_sizes, CLASS_COUNT,
                        weight_init_std="he", use_batchnorm=True)
    optimizer = Adam(lr=learning_rate)
    sample_count = x.shape[0]
    for epoch in range(1, epoch_count + 1):
        order = np.random.permutation(sample_count)
        for start in range(0, sample_count, batch_size):
            batch = order[start:start + batch_size]
            grads = net.gradient(x[batch], t_train[batch])
            optimizer.update(net.params, grads)
        if log is not None:
            log.record(epoch, net.loss(x, t_train), net.accuracy(x, t_train), epoch_count)
    return DigitsClassifier(net)
    ### END SOLUTION


def main(argv=None):
    """Train on a random stratified 1200/597 split, print the test accuracy and save a plot."""
    use_command_line_language(argv)
    with argparse_in_language():
        parser = argparse.ArgumentParser(
            description=_("The digits mission: read 8x8 handwritten digits with your own MultiLayerNet."))
        parser.add_argument("--seed", type=int, default=0, help=_("seed of the split and the initial weights"))
        parser.add_argument("--plot", default="digits_mission.png", help=_("where to save the loss/accuracy plot"))
        parser.add_argument("--lang", choices=LANGUAGES, default=None,
                            help=_("language of the output: ja or en (default: $KIT_LANG, else the locale)"))
        args = parser.parse_args(argv)

    x, t = load_digits()
    x_train, t_train, x_test, t_test = stratified_split(x, t, TRAIN_SIZE, seed=args.seed)
    log = TrainingLog(N_("Digits mission (MultiLayerNet, batch norm, He, Adam)"), step_name=N_("epoch"))
    try:
        model = train(x_train, t_train, seed=args.seed, log=log)
    except NotImplementedError as stub:
        sys.exit(not_implemented_message(stub))
    test_accuracy = float(np.mean(np.argmax(model.predict(x_test), axis=1) == t_test))
    log.finish(test_accuracy=test_accuracy)
    print(_("test accuracy: {accuracy:.3f} ({count} images never seen in training)").format(
        accuracy=test_accuracy, count=len(t_test)))
    log.save_plot(args.plot)
    print(_("plot saved to {path}").format(path=args.plot))


if __name__ == "__main__":
    main()
