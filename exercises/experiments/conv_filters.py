"""Convolution filters before and after training, and what they respond to in a digit.

The book's chapter 7.6 figures (ch07/visualize_filter.py, apply_filter.py): the
first layer's filters of a SimpleConvNet are random noise before training;
after training they have structure (strokes, edges, blobs), and each one's
response map lights up where its pattern occurs in an image.

Trains your SimpleConvNet (your Convolution, Pooling, Affine, Relu and
SoftmaxWithLoss layers, your Adam) on the 8x8 digits as images (N, 1, 8, 8):
16 filters of 5x5 with padding 2, 50 hidden units; with --dataset mnist, the
book's 30 filters of 5x5 on 28x28 images. The response maps are your
Convolution layer's output, with the trained filters, on one test digit.
"""
import sys

import numpy as np

from ..translation import _, pad
from .command_line import Experiment, main as run_command
from .progress import silent_progress
from .training import accuracies, final_loss, seed_everything, train

# (conv_param, hidden size, image side) per data set: small filters would be 3x3 blobs on 8x8 digits.
NETWORKS = {
    "digits": ({"filter_num": 16, "filter_size": 5, "pad": 2, "stride": 1}, 50, 8),
    "mnist": ({"filter_num": 30, "filter_size": 5, "pad": 0, "stride": 1}, 100, 28),
}
WEIGHT_INIT_STD = 0.01   # the book's: the noise they start from is small next to what they learn
LEARNING_RATE = 0.01
BATCH_SIZE = 100
EVALUATION_SAMPLES = 1000   # test images scored at the end (all of the digits' 597)
SIZES = {"default": {"iterations": 300}, "quick": {"iterations": 60}, "check": {"iterations": 1}}


def as_images(x, side):
    """Flat pixels (N, side * side) as images (N, 1, side, side)."""
    return x.reshape(len(x), 1, side, side)


def train_conv_net(submission, data, *, iterations, seed=0, progress=None):
    """Trains a SimpleConvNet with Adam for `iterations` minibatch steps.

    Returns a dict: 'filters_before' and 'filters_after' (FN, C, FH, FW), the first layer's
    filters before the first step and after the last; 'digit' (C, H, W), one test image, its
    'label', and 'responses' (FN, OH, OW): the Convolution layer's output on it with the
    trained filters (and biases); 'losses' (one per step) and 'test_accuracy'.
    """
    progress = progress or silent_progress()
    progress.expect(iterations)
    conv_param, hidden_size, side = NETWORKS[data.name]
    x_train, x_test = as_images(data.x_train, side), as_images(data.x_test, side)

    seed_everything(seed)
    net = submission.simple_conv_net.SimpleConvNet(
        (1, side, side), dict(conv_param), hidden_size, 10, weight_init_std=WEIGHT_INIT_STD)
    filters_before = np.array(net.params["W1"], dtype=float)
    progress.start("SimpleConvNet")
    history = train(net, submission.optimizer.Adam(lr=LEARNING_RATE), x_train, data.t_train,
                    iterations=iterations, batch_size=BATCH_SIZE, seed=seed, progress=progress)

    scored = slice(0, EVALUATION_SAMPLES)
    test_accuracy = accuracies(test=(x_test[scored], data.t_test[scored]))(net)["test"]
    digit_index = int(np.random.default_rng(seed).integers(len(x_test)))
    digit = x_test[digit_index]
    layer = submission.layers.Convolution(net.params["W1"], net.params["b1"],
                                          stride=conv_param["stride"], pad=conv_param["pad"])
    responses = np.asarray(layer.forward(digit[np.newaxis].copy()), dtype=float)[0]
    return {
        "dataset": data.name,
        "filters_before": filters_before,
        "filters_after": np.array(net.params["W1"], dtype=float),
        "digit": np.array(digit, dtype=float),
        "label": int(data.t_test[digit_index]),
        "responses": responses,
        "losses": history["losses"],
        "test_accuracy": float(test_accuracy),
    }


def neighbour_correlation(filters):
    """The mean correlation of horizontally and vertically adjacent weights, over all filters:
    about 0 for random noise, clearly positive for smooth strokes and blobs."""
    centred = filters - filters.mean(axis=(2, 3), keepdims=True)
    pairs = [(centred[..., :, :-1], centred[..., :, 1:]), (centred[..., :-1, :], centred[..., 1:, :])]
    products = np.concatenate([(a * b).ravel() for a, b in pairs])
    squares = np.concatenate([(a * a).ravel() for a, _ in pairs] + [(b * b).ravel() for _, b in pairs])
    return float(products.mean() / squares.mean())


def _mean_norm(filters):
    return float(np.sqrt((filters ** 2).sum(axis=(1, 2, 3))).mean())


def _image_row(figure, cells, images, cmap="gray"):
    """One row of small images, each scaled on its own (dark: low, light: high)."""
    for cell, image in zip(cells, images):
        panel = figure.add_subplot(cell)
        panel.imshow(image, cmap=cmap, interpolation="nearest")
        panel.set_xticks([])
        panel.set_yticks([])


def plot(result):
    """Rows of the filters before training, after training, and their response maps on a digit;
    the digit and the training loss below."""
    import matplotlib.pyplot as plt
    from matplotlib.gridspec import GridSpec

    before, after, responses = result["filters_before"], result["filters_after"], result["responses"]
    count = len(after)
    columns = min(count, 16)
    blocks = -(-count // columns)   # rows of images per group (30 MNIST filters: 2)
    rows = 3 * blocks + 2
    figure = plt.figure(figsize=(1.0 * columns + 1.6, 1.05 * rows + 0.8))
    grid = GridSpec(rows, columns + 1, figure=figure, wspace=0.15, hspace=0.3,
                    left=0.02, right=0.98, top=0.9, bottom=0.08)
    groups = ((_("filters before training"), before[:, 0]), (_("filters after training"), after[:, 0]),
              (_("their responses to the digit (Convolution output, before ReLU)"), responses))
    for group, (title, images) in enumerate(groups):
        for start in range(0, count, columns):
            row = group * blocks + start // columns
            cells = [grid[row, 1 + column] for column in range(min(columns, count - start))]
            _image_row(figure, cells, images[start:start + columns])
        figure.text(0.02, grid[group * blocks, 1].get_position(figure).y1 + 0.01, title, fontsize="medium")
    digit_panel = figure.add_subplot(grid[3 * blocks:, 0])
    digit_panel.imshow(result["digit"][0], cmap="gray_r", interpolation="nearest")
    digit_panel.set_title(_("the digit: {label}").format(label=result["label"]), fontsize="medium")
    digit_panel.set_xticks([])
    digit_panel.set_yticks([])
    loss_panel = figure.add_subplot(grid[3 * blocks:, 2:])
    loss_panel.plot(result["losses"], color="C0", linewidth=0.8)
    loss_panel.set_ylabel(_("minibatch loss"))
    loss_panel.set_xlabel(_("step"))
    figure.suptitle(_("First-layer filters of your SimpleConvNet ({dataset}): {count} filters of {height}x{width}, "
                      "test accuracy {accuracy:.3f}; neighbouring weights correlate {before:.2f} before training, "
                      "{after:.2f} after").format(
        dataset=result["dataset"], count=count, height=after.shape[2], width=after.shape[3],
        accuracy=result["test_accuracy"], before=neighbour_correlation(before), after=neighbour_correlation(after)))
    return figure


def summarize(result):
    """Accuracy, loss, and how much structure the filters gained."""
    before, after = result["filters_before"], result["filters_after"]
    change = np.linalg.norm(after - before) / np.linalg.norm(before)
    return "\n".join([
        _("SimpleConvNet on {dataset}, {count} filters of {height}x{width}:").format(
            dataset=result["dataset"], count=len(after), height=after.shape[2], width=after.shape[3]),
        "  " + pad("", 34) + pad(_("before"), 10, right=True) + pad(_("after"), 10, right=True),
        "  " + pad(_("correlation of adjacent weights"), 34)
        + pad(f"{neighbour_correlation(before):.2f}", 10, right=True)
        + pad(f"{neighbour_correlation(after):.2f}", 10, right=True),
        "  " + pad(_("filter norm (mean)"), 34) + pad(f"{_mean_norm(before):.3f}", 10, right=True)
        + pad(f"{_mean_norm(after):.3f}", 10, right=True),
        "  " + _("filters moved by {change:.1f} times their initial norm; final loss {loss:.3f}, "
                 "test accuracy {accuracy:.3f}").format(change=change, loss=final_loss(result["losses"]),
                                                        accuracy=result["test_accuracy"]),
    ])


EXPERIMENT = Experiment(name="conv_filters", description=__doc__, run=train_conv_net, plot=plot,
                        summarize=summarize, sizes=SIZES)


def main(argv=None):
    return run_command(EXPERIMENT, argv)


if __name__ == "__main__":
    sys.exit(main())
