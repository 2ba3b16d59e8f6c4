"""Gradient vanishing: the gradient's size, layer by layer, in a deep sigmoid and a deep ReLU network.

The course's day 2, section 1: backpropagation multiplies the gradient by
each layer's local derivative on its way from the output to the input. The
sigmoid's derivative is at most 0.25, so in a deep sigmoid network the
gradient shrinks layer after layer, and the first layers hardly learn; with
std 0.01 initial weights it vanishes almost at once. ReLU (derivative 1 where
it lets the signal through) with He initial weights keeps it about the same
size in every layer.

Three networks of 7 hidden layers of 100 (sigmoid with std 0.01, sigmoid with
Xavier, ReLU with He) take one backward pass on the same 100 training images:
the left panel is the mean |dW| of each layer's weights, from the input
layer W1 to the output layer W8 (log scale). The right panel trains each
network with SGD (lr 0.1, minibatches of 100): where the gradient vanishes,
the loss hardly falls.

Runs on your MultiLayerNet.gradient, layers, functions, optimizer.SGD and
weight_init.he_init / xavier_init. Default: 1000 training iterations; --quick: 200.
"""
import sys

import numpy as np

from ..translation import _, pad
from .command_line import Experiment, main as run_command
from .progress import silent_progress
from .training import final_loss, seed_everything, train

NETWORKS = {  # label -> MultiLayerNet's activation and weight_init_std
    "sigmoid, std 0.01": ("sigmoid", 0.01),
    "sigmoid, Xavier": ("sigmoid", "xavier"),
    "ReLU, He": ("relu", "he"),
}
HIDDEN_LAYERS = [100] * 7
CLASSES = 10
BATCH_SIZE = 100
LEARNING_RATE = 0.1
LINE_STYLES = ("-", "--", "-")  # the two sigmoid loss curves lie on top of each other: tell them apart
SIZES = {"default": {"iterations": 1000}, "quick": {"iterations": 200}, "check": {"iterations": 1}}


def build(submission, data, label):
    """The network called `label` in NETWORKS, with fresh initial weights from NumPy's global state."""
    activation, weight_init_std = NETWORKS[label]
    return submission.multi_layer_net.MultiLayerNet(
        data.input_size, HIDDEN_LAYERS, CLASSES, activation=activation, weight_init_std=weight_init_std)


def gradient_size_per_layer(network, x, t):
    """Mean |dW| of each weight matrix W1..WL after one backward pass on (x, t): a list of L floats."""
    grads = network.gradient(x, t)
    return [float(np.mean(np.abs(grads[f"W{i}"]))) for i in range(1, len(HIDDEN_LAYERS) + 2)]


def compare_gradient_sizes(submission, data, *, iterations, seed=0, progress=None):
    """The gradient's size per layer at the start, and the training loss, of each network.

    Returns a dict: 'gradient_size': {label: [mean |dW1|, ..., mean |dWL|]} from one
    backward pass on the first BATCH_SIZE training images, before any update;
    'losses': {label: minibatch loss after each of `iterations` SGD steps};
    plus 'dataset', 'iterations', 'batch_size'.
    """
    progress = progress or silent_progress()
    progress.expect(iterations * len(NETWORKS))
    x, t = data.x_train[:BATCH_SIZE], data.t_train[:BATCH_SIZE]
    gradient_size, losses = {}, {}
    for label in NETWORKS:
        progress.start(label)
        seed_everything(seed)  # every network starts from the same draws, scaled differently
        network = build(submission, data, label)
        gradient_size[label] = gradient_size_per_layer(network, x, t)
        history = train(network, submission.optimizer.SGD(lr=LEARNING_RATE), data.x_train, data.t_train,
                        iterations=iterations, batch_size=BATCH_SIZE, seed=seed, progress=progress)
        losses[label] = history["losses"]
    return {"dataset": data.name, "iterations": iterations, "batch_size": BATCH_SIZE,
            "gradient_size": gradient_size, "losses": losses}


def first_to_last(sizes):
    """How much smaller the input layer's gradient is than the output layer's: |dW1| / |dWL|."""
    return sizes[0] / sizes[-1] if sizes[-1] > 0 else float("nan")


def plot(result):
    """Left: mean |dW| per layer (log scale); right: smoothed training loss per network."""
    import matplotlib.pyplot as plt

    from .figures import smooth

    figure, (sizes_axes, loss_axes) = plt.subplots(1, 2, figsize=(13, 5))
    for (label, sizes), linestyle in zip(result["gradient_size"].items(), LINE_STYLES):
        layers = np.arange(1, len(sizes) + 1)
        sizes_axes.plot(layers, sizes, marker="o", linestyle=linestyle, label=label)
        steps, smoothed = smooth(result["losses"][label])
        loss_axes.plot(steps, smoothed, linestyle=linestyle, label=label)
    sizes_axes.set(yscale="log", xlabel=_("layer (W1 is on the input side; the gradient flows from right to left)"),
                   ylabel=_("mean |dW| of the layer"),
                   title=_("The gradient's size per layer, one backward pass on {count} images").format(
                       count=result["batch_size"]))
    sizes_axes.set_xticks(layers, [f"W{i}" for i in layers])
    loss_axes.set(xlabel=_("iteration"), ylabel=_("training loss (moving average)"), ylim=(0, 2.5),
                  title=_("Training with SGD lr {lr} ({dataset})").format(lr=LEARNING_RATE,
                                                                         dataset=result["dataset"]))
    for axes in (sizes_axes, loss_axes):
        axes.grid(alpha=0.3)
        axes.legend(title=_("hidden activation, initial weights"))
    figure.suptitle(_("Gradient vanishing: {layers} hidden layers of {units}").format(
        layers=len(HIDDEN_LAYERS), units=HIDDEN_LAYERS[0]))
    figure.tight_layout()
    return figure


def summarize(result):
    lines = [_("Gradient vanishing on {dataset}: mean |dW| per layer at the start, and the loss after "
               "{iterations} iterations of SGD:").format(dataset=result["dataset"], iterations=result["iterations"]),
             "  " + pad(_("network"), 20) + pad("|dW1|", 11, right=True) + pad("|dWL|", 11, right=True)
             + pad("|dW1| / |dWL|", 15, right=True) + pad(_("final loss"), 12, right=True)]
    for label, sizes in result["gradient_size"].items():
        lines.append(f"  {label:<20}{sizes[0]:>11.3g}{sizes[-1]:>11.3g}{first_to_last(sizes):>15.3g}"
                     f"{final_loss(result['losses'][label]):>12.4f}")
    return "\n".join(lines)


EXPERIMENT = Experiment(
    name="gradient_vanishing", description=__doc__, run=compare_gradient_sizes, plot=plot,
    summarize=summarize, sizes=SIZES)


def main(argv=None):
    return run_command(EXPERIMENT, argv)


if __name__ == "__main__":
    sys.exit(main())
