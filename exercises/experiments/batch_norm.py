"""Batch normalisation: training accuracy with and without it, across initial weights.

The book's chapter 6.3 experiment (ch06/batch_norm_test.py): networks of 5
hidden layers of 100 units learn from 1000 training images with SGD (lr 0.01)
on minibatches of 100 for 20 epochs, once with a BatchNormalization layer
before each activation and once without, starting from the same weights.
The training accuracy is measured after every epoch.

Two grids:
  seed (default): sigmoid and ReLU x std 0.01, Xavier, He, as in the course;
  book (--grid book): ReLU x 16 weight stds from 1 down to 0.0001 on a log scale.
Without batch norm, learning depends on a good initial scale, and fails with
a small one; with it, every network learns, and fast.

Runs on your MultiLayerNet.gradient, layers (BatchNormalization included),
functions, optimizer.SGD and weight_init. Default: 20 epochs (the book's);
--quick: 5 epochs.
"""
import sys

import numpy as np

from ..translation import N_, _, pad
from .command_line import Experiment, Option, main as run_command
from .progress import silent_progress
from .training import accuracies, seed_everything, train

GRIDS = {
    "seed": {"activations": ("sigmoid", "relu"),
             "inits": {"std 0.01": 0.01, "Xavier": "xavier", "He": "he"}},
    "book": {"activations": ("relu",),
             "inits": {f"std {std:.2g}": float(std) for std in np.logspace(0, -4, num=16)}},
}
HIDDEN_LAYERS = [100] * 5
CLASSES = 10
TRAIN_SIZE = 1000
BATCH_SIZE = 100
LEARNING_RATE = 0.01
PANEL_COLUMNS = 4  # the book grid's 16 panels as 4 x 4
LEGEND_HEIGHT = 0.5  # inches kept free below the panels for the legend
SIZES = {"default": {"epochs": 20}, "quick": {"epochs": 5},
         "check": {"epochs": 1, "train_size": BATCH_SIZE}}


def compare_batch_norm(submission, data, *, epochs, grid="seed", train_size=TRAIN_SIZE, seed=0,
                       progress=None):
    """Trains each network of the grid with and without batch norm; returns the figure's data.

    Returns a dict: 'panels', a list with one dict per (activation, initial weights):
    {'activation', 'init', 'with_batchnorm', 'without_batchnorm'}, the last two the
    training accuracy before training and after each epoch (epochs + 1 values);
    plus 'dataset', 'grid', 'epochs', 'train_size'.
    """
    progress = progress or silent_progress()
    activations, inits = GRIDS[grid]["activations"], GRIDS[grid]["inits"]
    x_train, t_train = data.x_train[:train_size], data.t_train[:train_size]
    steps_per_epoch = max(train_size // BATCH_SIZE, 1)
    progress.expect(2 * len(activations) * len(inits) * epochs * steps_per_epoch)
    panels = []
    for activation in activations:
        for init_label, weight_init_std in inits.items():
            panel = {"activation": activation, "init": init_label}
            for use_batchnorm in (True, False):
                progress.start(f"{activation}, {init_label}, {'with' if use_batchnorm else 'no'} BN")
                seed_everything(seed)  # the same initial weights with and without batch norm
                network = submission.multi_layer_net.MultiLayerNet(
                    data.input_size, HIDDEN_LAYERS, CLASSES, activation=activation,
                    weight_init_std=weight_init_std, use_batchnorm=use_batchnorm)
                history = train(network, submission.optimizer.SGD(lr=LEARNING_RATE),
                                x_train, t_train, iterations=epochs * steps_per_epoch,
                                batch_size=BATCH_SIZE, seed=seed, progress=progress,
                                evaluate=accuracies(train=(x_train, t_train)),
                                evaluate_every=steps_per_epoch)
                key = "with_batchnorm" if use_batchnorm else "without_batchnorm"
                panel[key] = history["train"]
            panels.append(panel)
    return {"dataset": data.name, "grid": grid, "epochs": epochs, "train_size": train_size,
            "panels": panels}


def plot(result):
    """One panel per network: training accuracy by epoch, with batch norm (solid) and without."""
    import matplotlib.pyplot as plt

    panels = result["panels"]
    per_activation = len(panels) // len({panel["activation"] for panel in panels})
    columns = min(per_activation, PANEL_COLUMNS)
    rows = -(-len(panels) // columns)
    height = 2.6 * rows + LEGEND_HEIGHT
    figure, axes = plt.subplots(rows, columns, figsize=(3.3 * columns, height),
                                sharex=True, sharey=True, squeeze=False)
    epochs = np.arange(result["epochs"] + 1)
    for panel, ax in zip(panels, axes.flat):
        ax.plot(epochs, panel["with_batchnorm"], color="tab:blue", label=_("with batch norm"))
        ax.plot(epochs, panel["without_batchnorm"], color="tab:orange", linestyle="--",
                label=_("without batch norm"))
        ax.set_title(f"{panel['activation']}, {panel['init']}", fontsize="medium")
        ax.set_ylim(0, 1.02)
        ax.grid(alpha=0.3)
    for ax in axes.flat[len(panels):]:
        ax.set_visible(False)
    for ax in axes[:, 0]:
        ax.set_ylabel(_("training accuracy"))
    for ax in axes[-1, :]:
        ax.set_xlabel(_("epoch"))
    handles, labels = axes[0, 0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncol=2)
    figure.suptitle(_("Batch normalisation: {layers} hidden layers of {units}, SGD lr {lr}, "
                      "{train_size} {dataset} training images").format(
        layers=len(HIDDEN_LAYERS), units=HIDDEN_LAYERS[0], lr=LEARNING_RATE,
        train_size=result["train_size"], dataset=result["dataset"]))
    figure.tight_layout(rect=(0, LEGEND_HEIGHT / height, 1, 1))
    return figure


def summarize(result):
    lines = [_("Batch normalisation on {train_size} {dataset} images, {epochs} epochs; "
               "final training accuracy:").format(train_size=result["train_size"], dataset=result["dataset"],
                                                  epochs=result["epochs"]),
             "  " + pad(_("network"), 22) + pad(_("with BN"), 9, right=True) + pad(_("without"), 9, right=True)]
    for panel in result["panels"]:
        name = f"{panel['activation']}, {panel['init']}"
        lines.append(f"  {name:<22}{panel['with_batchnorm'][-1]:>9.3f}"
                     f"{panel['without_batchnorm'][-1]:>9.3f}")
    return "\n".join(lines)


EXPERIMENT = Experiment(
    name="batch_norm", description=__doc__, run=compare_batch_norm, plot=plot,
    summarize=summarize, sizes=SIZES,
    options=[Option("grid", tuple(GRIDS), N_("which networks to compare: the course's "
                                             "activations x inits, or the book's 16 weight stds"))])


def main(argv=None):
    return run_command(EXPERIMENT, argv)


if __name__ == "__main__":
    sys.exit(main())
