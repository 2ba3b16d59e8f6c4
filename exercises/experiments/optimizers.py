"""Optimizers: SGD, Momentum, AdaGrad, RMSprop and Adam on the same network.

Two of the book's chapter 6.1 experiments:
- ch06/optimizer_compare_mnist.py: one network (4 hidden ReLU layers of 100,
  He initial weights) trained by each optimizer from the same start, on
  minibatches of 128 for 2000 iterations, each with its usual learning rate
  (SGD, Momentum, AdaGrad 0.01; RMSprop, Adam 0.001): the training loss.
  (The book leaves RMSprop out there; at lr 0.01 its loss spikes on this net.)
- ch06/optimizer_compare_naive.py: the path each optimizer takes down
  f(x, y) = x**2 / 20 + y**2 from (-7, 2) in 30 steps, a valley 20 times
  steeper across than along, where SGD zigzags.

Runs on your optimizer classes, MultiLayerNet.gradient, layers, functions and
weight_init.he_init. Default: 2000 iterations (the book's); --quick: 300.
"""
import sys

import numpy as np

from ..translation import _, pad
from .command_line import Experiment, main as run_command
from .progress import silent_progress
from .training import final_loss, seed_everything, train

LEARNING_RATES = {"SGD": 0.01, "Momentum": 0.01, "AdaGrad": 0.01, "RMSprop": 0.001, "Adam": 0.001}
HIDDEN_LAYERS = [100] * 4
CLASSES = 10
BATCH_SIZE = 128
# The 2-D race, as in the book (which has no RMSprop there: its rate here is ours).
PATH_START = (-7.0, 2.0)
PATH_STEPS = 30
PATH_LEARNING_RATES = {"SGD": 0.95, "Momentum": 0.1, "AdaGrad": 1.5, "RMSprop": 0.15, "Adam": 0.3}
SIZES = {"default": {"iterations": 2000}, "quick": {"iterations": 300},
         "check": {"iterations": 1, "path_steps": 1}}


def valley(x, y):
    """f(x, y) = x**2 / 20 + y**2: its minimum is at (0, 0)."""
    return x ** 2 / 20.0 + y ** 2


def valley_gradient(x, y):
    """(df/dx, df/dy) = (x / 10, 2 y)."""
    return x / 10.0, 2.0 * y


def descend_valley(optimizer, steps):
    """Positions (steps + 1, 2) of `optimizer` updating (x, y) to minimise `valley`."""
    # 1-element arrays: optimizers update parameters in place.
    params = {"x": np.array([PATH_START[0]]), "y": np.array([PATH_START[1]])}
    path = [PATH_START]
    for _step in range(steps):
        dx, dy = valley_gradient(params["x"], params["y"])
        optimizer.update(params, {"x": dx, "y": dy})
        path.append((float(params["x"][0]), float(params["y"][0])))
    return np.array(path)


def compare_optimizers(submission, data, *, iterations, path_steps=PATH_STEPS, seed=0,
                       progress=None):
    """Trains one network per optimizer, and runs each down the valley; returns the figure's data.

    Returns a dict: 'losses': {optimizer: minibatch loss per step}, 'test_accuracy':
    {optimizer: accuracy on data's test set at the end}, 'paths': {optimizer: array
    (path_steps + 1, 2)}, plus 'dataset' and 'iterations'.
    """
    progress = progress or silent_progress()
    progress.expect(iterations * len(LEARNING_RATES))
    losses, test_accuracy, paths = {}, {}, {}
    for name, learning_rate in LEARNING_RATES.items():
        optimizer_class = getattr(submission.optimizer, name)
        paths[name] = descend_valley(optimizer_class(lr=PATH_LEARNING_RATES[name]), path_steps)
        progress.start(name)
        seed_everything(seed)  # every optimizer starts from the same weights
        network = submission.multi_layer_net.MultiLayerNet(
            data.input_size, HIDDEN_LAYERS, CLASSES, activation="relu", weight_init_std="he")
        history = train(network, optimizer_class(lr=learning_rate), data.x_train, data.t_train,
                        iterations=iterations, batch_size=BATCH_SIZE, seed=seed,
                        progress=progress)
        losses[name] = history["losses"]
        test_accuracy[name] = network.accuracy(data.x_test, data.t_test)
    return {"dataset": data.name, "iterations": iterations, "losses": losses,
            "test_accuracy": test_accuracy, "paths": paths}


def plot(result):
    """Top: smoothed training loss per optimizer. Bottom: each optimizer's path down the valley."""
    import matplotlib.pyplot as plt

    from .figures import smooth

    names = list(result["losses"])
    colours = {name: f"C{i}" for i, name in enumerate(names)}
    figure = plt.figure(figsize=(3 * len(names), 8.5), layout="constrained")
    top, bottom = figure.subfigures(2, 1, height_ratios=(1.5, 1))

    loss_axes = top.subplots()
    for name in names:
        steps, smoothed = smooth(result["losses"][name])
        loss_axes.plot(steps, smoothed, color=colours[name],
                       label=f"{name} (lr {LEARNING_RATES[name]:g})")
    loss_axes.set(xlabel=_("iteration"), ylabel=_("training loss (moving average)"), ylim=(0, None))
    loss_axes.legend()
    loss_axes.grid(alpha=0.3)
    top.suptitle(_("Training loss: {layers} hidden ReLU layers of {units}, He init, minibatches of {batch} "
                   "({dataset})").format(layers=len(HIDDEN_LAYERS), units=HIDDEN_LAYERS[0], batch=BATCH_SIZE,
                                         dataset=result["dataset"]))

    x, y = np.meshgrid(np.linspace(-10, 10, 200), np.linspace(-5, 5, 100))
    for column, (name, ax) in enumerate(zip(names, bottom.subplots(1, len(names)))):
        ax.contour(x, y, valley(x, y), levels=np.linspace(0.5, 25, 12), colors="lightgray")
        path = result["paths"][name]
        ax.plot(path[:, 0], path[:, 1], "o-", color=colours[name], markersize=3)
        ax.plot(0, 0, "+", color="black", markersize=10)
        ax.set(title=f"{name} (lr {PATH_LEARNING_RATES[name]:g})", xlim=(-10, 10), ylim=(-5, 5),
               xlabel="x")
        if column == 0:
            ax.set_ylabel("y")
    bottom.suptitle(_("{steps} steps down f(x, y) = x²/20 + y² from {start}").format(
        steps=len(result["paths"][names[0]]) - 1, start=PATH_START))
    return figure


def summarize(result):
    lines = [_("Optimizers on {dataset}, {iterations} iterations:").format(
                 dataset=result["dataset"], iterations=result["iterations"]),
             "  " + pad(_("optimizer"), 10) + pad("lr", 7, right=True) + pad(_("final loss"), 12, right=True)
             + pad(_("test accuracy"), 15, right=True) + pad(_("valley: end (x, y)"), 22, right=True)]
    for name, losses in result["losses"].items():
        end_x, end_y = result["paths"][name][-1]
        lines.append(f"  {name:<10}{LEARNING_RATES[name]:>7g}{final_loss(losses):>12.4f}"
                     f"{result['test_accuracy'][name]:>15.3f}{f'({end_x:.2f}, {end_y:.2f})':>22}")
    return "\n".join(lines)


EXPERIMENT = Experiment(
    name="optimizers", description=__doc__, run=compare_optimizers, plot=plot,
    summarize=summarize, sizes=SIZES)


def main(argv=None):
    return run_command(EXPERIMENT, argv)


if __name__ == "__main__":
    sys.exit(main())
