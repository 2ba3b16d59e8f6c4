"""Weight initialisation: std 0.01 vs Xavier vs He on a deep ReLU network.

The book's chapter 6.2 experiment (ch06/weight_init_compare.py): three copies
of one network, 4 hidden ReLU layers of 100 units, differing only in the
scale of their initial weights, trained with SGD (lr 0.01) on minibatches of
128 for 2000 iterations. With std 0.01 the signal fades layer by layer and the
loss stays at log(10) = 2.3; Xavier and He keep it alive and the loss falls.

Runs on your MultiLayerNet.gradient, layers, functions, optimizer.SGD and
weight_init.he_init / xavier_init. Default: 2000 iterations (the book's);
--quick: 300.
"""
import sys

from ..translation import _, pad
from .command_line import Experiment, main as run_command
from .progress import silent_progress
from .training import final_loss, seed_everything, train

INITIALISATIONS = {"std 0.01": 0.01, "Xavier": "xavier", "He": "he"}
HIDDEN_LAYERS = [100] * 4
CLASSES = 10
BATCH_SIZE = 128
LEARNING_RATE = 0.01
SIZES = {"default": {"iterations": 2000}, "quick": {"iterations": 300}, "check": {"iterations": 1}}


def compare_weight_inits(submission, data, *, iterations, seed=0, progress=None):
    """Trains one network per initialisation on `data`; returns the figure's data.

    Returns a dict: 'losses': {init label: minibatch loss per step}, 'test_accuracy':
    {init label: accuracy on data's test set at the end}, plus 'dataset', 'iterations'.
    """
    progress = progress or silent_progress()
    progress.expect(iterations * len(INITIALISATIONS))
    losses, test_accuracy = {}, {}
    for label, weight_init_std in INITIALISATIONS.items():
        progress.start(label)
        seed_everything(seed)  # every network starts from the same draws, scaled differently
        network = submission.multi_layer_net.MultiLayerNet(
            data.input_size, HIDDEN_LAYERS, CLASSES, activation="relu",
            weight_init_std=weight_init_std)
        history = train(network, submission.optimizer.SGD(lr=LEARNING_RATE),
                        data.x_train, data.t_train, iterations=iterations,
                        batch_size=BATCH_SIZE, seed=seed, progress=progress)
        losses[label] = history["losses"]
        test_accuracy[label] = network.accuracy(data.x_test, data.t_test)
    return {"dataset": data.name, "iterations": iterations,
            "losses": losses, "test_accuracy": test_accuracy}


def plot(result):
    """Smoothed training loss against the iteration, one curve per initialisation."""
    import matplotlib.pyplot as plt

    from .figures import smooth

    figure, axes = plt.subplots(figsize=(8, 5))
    for label, losses in result["losses"].items():
        steps, smoothed = smooth(losses)
        axes.plot(steps, smoothed, label=label)
    axes.set(title=_("Weight initialisation: {layers} hidden ReLU layers of {units}, SGD lr {lr} ({dataset})")
             .format(layers=len(HIDDEN_LAYERS), units=HIDDEN_LAYERS[0], lr=LEARNING_RATE,
                     dataset=result["dataset"]),
             xlabel=_("iteration"), ylabel=_("training loss (moving average)"), ylim=(0, 2.5))
    axes.legend(title=_("initial weights"))
    axes.grid(alpha=0.3)
    figure.tight_layout()
    return figure


def summarize(result):
    lines = [_("Weight initialisation on {dataset}, {iterations} iterations of SGD:").format(
                 dataset=result["dataset"], iterations=result["iterations"]),
             "  " + pad(_("initial weights"), 16) + pad(_("final loss"), 11, right=True)
             + pad(_("test accuracy"), 15, right=True)]
    for label, losses in result["losses"].items():
        lines.append(f"  {label:<16}{final_loss(losses):>11.4f}{result['test_accuracy'][label]:>15.3f}")
    return "\n".join(lines)


EXPERIMENT = Experiment(
    name="weight_init", description=__doc__, run=compare_weight_inits, plot=plot,
    summarize=summarize, sizes=SIZES)


def main(argv=None):
    return run_command(EXPERIMENT, argv)


if __name__ == "__main__":
    sys.exit(main())
