"""Overfitting, and four cures: weight decay (L2), L1, dropout, and dropout with L1.

The book's chapter 6.4 experiments (ch06/overfit_weight_decay.py and
overfit_dropout.py) and the course's day 2 panels (L2, L1, dropout, dropout +
L1): a big network (6 hidden ReLU layers of 100, He initial weights) learns
from very few training images, and the accuracy on the training set and on
the test set is measured every few epochs. Without regularisation the
training accuracy reaches 1 while the test accuracy stays well below it; each
cure narrows that gap.

On the kit's 8x8 digits, an easier data set than the book's MNIST, a gap of
0.15 or more needs a smaller training set: 60 images here (the book: 300 of
MNIST), SGD with lr 0.05 on minibatches of 60 drawn with replacement for 500
epochs. The penalties are milder than the book's (lambda 0.01 for L2, 0.001
for L1, dropout ratio 0.05): on 60 images, the book's strengths (0.1, 0.005,
0.15) keep the network from learning much at all. On the digits the cures
narrow the gap by about 0.01 to 0.02 with seed 0, by raising the test
accuracy a little; --dataset mnist shows them on the book's data.

Runs on your MultiLayerNet (gradient, l1_penalty, the Dropout wiring), layers
(Dropout included), functions, optimizer.SGD and weight_init.he_init.
Default: 500 epochs; --quick: 250.
"""
import sys

import numpy as np

from ..translation import N_, _, pad, translated
from .command_line import Experiment, main as run_command
from .progress import silent_progress
from .training import accuracies, seed_everything, train

REGULARISATIONS = {
    N_("none"): {},
    N_("weight decay (L2, lambda 0.01)"): {"weight_decay_lambda": 0.01},
    N_("L1 (lambda 0.001)"): {"l1_lambda": 0.001},
    N_("dropout (ratio 0.05)"): {"use_dropout": True, "dropout_ratio": 0.05},
    N_("dropout 0.05 + L1 0.001"): {"use_dropout": True, "dropout_ratio": 0.05, "l1_lambda": 0.001},
}
HIDDEN_LAYERS = [100] * 6
CLASSES = 10
TRAIN_SIZE = 60
BATCH_SIZE = 60
LEARNING_RATE = 0.05
EVALUATE_EVERY = 5  # epochs between two accuracy measurements (each one runs the whole test set)
GAP_FRACTION = 0.5  # the gap is averaged over the last half of the epochs: single epochs are noisy
SIZES = {"default": {"epochs": 500}, "quick": {"epochs": 250}, "check": {"epochs": 1}}


def compare_regularisation(submission, data, *, epochs, train_size=TRAIN_SIZE, seed=0,
                           progress=None):
    """Trains the big network on `train_size` images once per regularisation.

    Returns a dict: 'runs': {regularisation: {'train': [...], 'test': [...]}}, the
    accuracies at the epochs listed in 'evaluated_at' (0, then every
    EVALUATE_EVERY epochs); plus 'dataset', 'epochs', 'train_size', 'test_size'.
    """
    progress = progress or silent_progress()
    x_train, t_train = data.x_train[:train_size], data.t_train[:train_size]
    steps_per_epoch = max(train_size // BATCH_SIZE, 1)
    progress.expect(len(REGULARISATIONS) * epochs * steps_per_epoch)
    evaluate = accuracies(train=(x_train, t_train), test=(data.x_test, data.t_test))
    every = min(EVALUATE_EVERY, epochs)
    runs = {}
    for label, regularisation in REGULARISATIONS.items():
        progress.start(label)
        seed_everything(seed)  # the same initial weights for every panel
        network = submission.multi_layer_net.MultiLayerNet(
            data.input_size, HIDDEN_LAYERS, CLASSES, activation="relu", weight_init_std="he",
            **regularisation)
        history = train(network, submission.optimizer.SGD(lr=LEARNING_RATE), x_train, t_train,
                        iterations=epochs * steps_per_epoch, batch_size=BATCH_SIZE, seed=seed,
                        progress=progress, evaluate=evaluate, evaluate_every=every * steps_per_epoch)
        runs[label] = {"train": history["train"], "test": history["test"]}
        evaluated_at = [step // steps_per_epoch for step in history["evaluated_at"]]
    return {"dataset": data.name, "epochs": epochs, "train_size": train_size,
            "test_size": len(data.t_test), "evaluated_at": evaluated_at, "runs": runs}


def mean_gap(run):
    """Training minus test accuracy, averaged over the measurements of the last half of the epochs."""
    train_accuracy, test_accuracy = np.asarray(run["train"]), np.asarray(run["test"])
    start = int(len(train_accuracy) * (1 - GAP_FRACTION))
    return float(np.mean(train_accuracy[start:] - test_accuracy[start:]))


def plot(result):
    """One panel per regularisation: training and test accuracy by epoch."""
    import matplotlib.pyplot as plt

    runs = result["runs"]
    figure, axes = plt.subplots(1, len(runs), figsize=(4.0 * len(runs), 4.4), sharey=True)
    epochs = result["evaluated_at"]
    for ax, (label, run) in zip(axes, runs.items()):
        ax.plot(epochs, run["train"], label=_("train"))
        ax.plot(epochs, run["test"], label=_("test"), linestyle="--")
        ax.set(title=_("{regularisation}\ntrain - test (last half): {gap:.3f}").format(
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
             "  " + pad(_("regularisation"), 32) + pad(_("train"), 7, right=True) + pad(_("test"), 7, right=True)
             + "   " + _("gap (mean of the last half)")]
    for label, run in result["runs"].items():
        lines.append(f"  {pad(translated(label), 32)}{run['train'][-1]:>7.3f}{run['test'][-1]:>7.3f}"
                     f"{mean_gap(run):>9.3f}")
    return "\n".join(lines)


EXPERIMENT = Experiment(
    name="overfitting", description=__doc__, run=compare_regularisation, plot=plot,
    summarize=summarize, sizes=SIZES)


def main(argv=None):
    return run_command(EXPERIMENT, argv)


if __name__ == "__main__":
    sys.exit(main())
