"""Overfitting, and two cures: weight decay and dropout.

The book's chapter 6.4 experiments (ch06/overfit_weight_decay.py and
overfit_dropout.py): a big network (6 hidden ReLU layers of 100, He initial
weights) learns from only 300 training images with SGD (lr 0.01) on
minibatches of 100 for 200 epochs: without regularisation, with weight decay
(lambda 0.1) and with dropout (ratio 0.2). The accuracy on the training set
and on the test set is measured after every epoch. Without regularisation the
training accuracy reaches 1 while the test accuracy stays below it; the cures
narrow that gap, by keeping the network from fitting its training set exactly.
On the kit's 8x8 digits, an easier data set than the book's MNIST, the gap is
smaller (about 0.08 here, about 0.25 in the book's figure) and so is the
cures' effect: --dataset mnist runs the book's setting.

Runs on your MultiLayerNet.gradient (weight decay included), layers (Dropout
included), functions, optimizer.SGD and weight_init.he_init.
Default: 200 epochs (the book's 201 and 301, rounded to one length for all
three); --quick: 50 epochs.
"""
import sys

import numpy as np

from ..translation import N_, _, pad, translated
from .command_line import Experiment, main as run_command
from .progress import silent_progress
from .training import accuracies, seed_everything, train

REGULARISATIONS = {
    N_("none"): {},
    N_("weight decay (lambda 0.1)"): {"weight_decay_lambda": 0.1},
    N_("dropout (ratio 0.2)"): {"use_dropout": True, "dropout_ratio": 0.2},
}
HIDDEN_LAYERS = [100] * 6
CLASSES = 10
TRAIN_SIZE = 300
BATCH_SIZE = 100
LEARNING_RATE = 0.01
GAP_FRACTION = 0.5  # the gap is averaged over the last half of the epochs: single epochs are noisy
SIZES = {"default": {"epochs": 200}, "quick": {"epochs": 50}, "check": {"epochs": 1}}


def compare_regularisation(submission, data, *, epochs, train_size=TRAIN_SIZE, seed=0,
                           progress=None):
    """Trains the big network on `train_size` images once per regularisation.

    Returns a dict: 'runs': {regularisation: {'train': [...], 'test': [...]}}, the
    accuracies before training and after each epoch (epochs + 1 values); plus
    'dataset', 'epochs', 'train_size', 'test_size'.
    """
    progress = progress or silent_progress()
    x_train, t_train = data.x_train[:train_size], data.t_train[:train_size]
    steps_per_epoch = max(train_size // BATCH_SIZE, 1)
    progress.expect(len(REGULARISATIONS) * epochs * steps_per_epoch)
    evaluate = accuracies(train=(x_train, t_train), test=(data.x_test, data.t_test))
    runs = {}
    for label, regularisation in REGULARISATIONS.items():
        progress.start(label)
        seed_everything(seed)  # the same initial weights for all three
        network = submission.multi_layer_net.MultiLayerNet(
            data.input_size, HIDDEN_LAYERS, CLASSES, activation="relu", weight_init_std="he",
            **regularisation)
        history = train(network, submission.optimizer.SGD(lr=LEARNING_RATE), x_train, t_train,
                        iterations=epochs * steps_per_epoch, batch_size=BATCH_SIZE, seed=seed,
                        progress=progress, evaluate=evaluate, evaluate_every=steps_per_epoch)
        runs[label] = {"train": history["train"], "test": history["test"]}
    return {"dataset": data.name, "epochs": epochs, "train_size": train_size,
            "test_size": len(data.t_test), "runs": runs}


def mean_gap(run):
    """Training minus test accuracy, averaged over the last half of the epochs."""
    train_accuracy, test_accuracy = np.asarray(run["train"]), np.asarray(run["test"])
    start = int(len(train_accuracy) * (1 - GAP_FRACTION))
    return float(np.mean(train_accuracy[start:] - test_accuracy[start:]))


def plot(result):
    """One panel per regularisation: training and test accuracy by epoch."""
    import matplotlib.pyplot as plt

    runs = result["runs"]
    figure, axes = plt.subplots(1, len(runs), figsize=(4.5 * len(runs), 4.4), sharey=True)
    epochs = np.arange(result["epochs"] + 1)
    for ax, (label, run) in zip(axes, runs.items()):
        ax.plot(epochs, run["train"], label=_("train"))
        ax.plot(epochs, run["test"], label=_("test"), linestyle="--")
        ax.set(title=_("{regularisation}\ntrain - test, mean of the last half: {gap:.3f}").format(
                   regularisation=translated(label), gap=mean_gap(run)),
               xlabel=_("epoch"), ylim=(0, 1.02))
        ax.grid(alpha=0.3)
    axes[0].set_ylabel(_("accuracy"))
    axes[0].legend(loc="lower right")
    figure.suptitle(_("Overfitting: {layers} hidden ReLU layers of {units} trained on {train_size} {dataset} "
                      "images (test: {test_size}), SGD lr {lr}").format(
        layers=len(HIDDEN_LAYERS), units=HIDDEN_LAYERS[0], train_size=result["train_size"],
        dataset=result["dataset"], test_size=result["test_size"], lr=LEARNING_RATE))
    figure.tight_layout()
    return figure


def summarize(result):
    lines = [_("Overfitting on {train_size} {dataset} images, {epochs} epochs; final accuracy:").format(
                 train_size=result["train_size"], dataset=result["dataset"], epochs=result["epochs"]),
             "  " + pad(_("regularisation"), 28) + pad(_("train"), 7, right=True) + pad(_("test"), 7, right=True)
             + "   " + _("gap (mean of the last half)")]
    for label, run in result["runs"].items():
        lines.append(f"  {pad(translated(label), 28)}{run['train'][-1]:>7.3f}{run['test'][-1]:>7.3f}"
                     f"{mean_gap(run):>9.3f}")
    return "\n".join(lines)


EXPERIMENT = Experiment(
    name="overfitting", description=__doc__, run=compare_regularisation, plot=plot,
    summarize=summarize, sizes=SIZES)


def main(argv=None):
    return run_command(EXPERIMENT, argv)


if __name__ == "__main__":
    sys.exit(main())
