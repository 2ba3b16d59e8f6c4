"""Activation histograms: what each layer outputs, for four scales of initial weights.

The book's chapter 6.2 experiment (ch06/weight_init_activation_histogram.py):
1000 inputs drawn from N(0, 1) go through 5 layers of 100 units (no biases,
no training), and each layer's outputs are shown as a histogram, for weights
of std 1, std 0.01, Xavier (std 1/sqrt(100)) and He (std sqrt(2/100)).

With sigmoid: std 1 pushes the outputs to 0 and 1, where the gradient
vanishes; std 0.01 squeezes them all to 0.5, so the 100 units act as one;
Xavier keeps them spread in every layer. With ReLU (--activation relu) only He
keeps the spread steady from layer to layer.

Runs on your functions.sigmoid / relu and weight_init.xavier_init / he_init.
No training, no data set: it takes well under a second.
"""
import sys

import numpy as np

from ..translation import N_, _, pad
from .command_line import Experiment, Option, main as run_command
from .progress import silent_progress

LAYERS = 5
UNITS = 100
INITIALISATIONS = ("std 1", "std 0.01", "Xavier", "He")
FIXED_STDS = {"std 1": 1.0, "std 0.01": 0.01}
BINS = 30
HISTOGRAM_RANGE = (0.0, 1.0)  # the book's; ReLU outputs above 1 fall outside it
SHOWN_OUTSIDE = 0.005  # a panel notes the share of outputs beyond the range from 0.5 % on
SIZES = {"default": {"samples": 1000}, "quick": {"samples": 1000}, "check": {"samples": 2}}


def _initial_weights(submission, label, rng):
    """Weights (UNITS, UNITS) for one layer, drawn from `rng`."""
    if label in FIXED_STDS:
        return FIXED_STDS[label] * rng.standard_normal((UNITS, UNITS))
    init = submission.weight_init.xavier_init if label == "Xavier" else submission.weight_init.he_init
    return init(UNITS, UNITS, rng=rng)


def activation_histograms(submission, data=None, *, samples, activation="sigmoid", seed=0,
                          progress=None):
    """Passes `samples` N(0, 1) inputs through LAYERS layers for each initialisation.

    Returns a dict: 'activations': {init label: list of LAYERS arrays (samples, UNITS),
    each layer's outputs}, plus 'activation' and 'samples'. `data` is not used.
    """
    progress = progress or silent_progress()
    progress.expect(LAYERS * len(INITIALISATIONS))
    function = getattr(submission.functions, activation)
    x = np.random.default_rng(seed).standard_normal((samples, UNITS))
    activations = {}
    for label in INITIALISATIONS:
        progress.start(label)
        rng = np.random.default_rng(seed + 1)  # the same draws for every scale
        outputs, a = [], x
        for _layer in range(LAYERS):
            a = function(a @ _initial_weights(submission, label, rng))
            outputs.append(np.asarray(a, dtype=float))
            progress.advance()
        activations[label] = outputs
    return {"activation": activation, "samples": samples, "activations": activations}


def _values_to_show(outputs, activation):
    """The outputs drawn in a histogram: for ReLU, the exact zeros (about half) are left out."""
    values = outputs.ravel()
    return values[values != 0] if activation == "relu" else values


def plot(result):
    """A grid of histograms: one row per initialisation, one column per layer."""
    import matplotlib.pyplot as plt

    activation = result["activation"]
    rows = len(result["activations"])
    figure, axes = plt.subplots(rows, LAYERS, figsize=(2.6 * LAYERS, 2.1 * rows),
                                sharex=True, sharey="row", squeeze=False)
    for row, (label, outputs) in enumerate(result["activations"].items()):
        for layer, values in enumerate(outputs):
            panel = axes[row, layer]
            shown = _values_to_show(values, activation)
            panel.hist(shown, bins=BINS, range=HISTOGRAM_RANGE, color=f"C{row}")
            above = np.mean(shown > HISTOGRAM_RANGE[1]) if shown.size else 0.0
            if above >= SHOWN_OUTSIDE:
                panel.text(0.97, 0.92, _("{share:.0%} above {limit:g}").format(share=above,
                                                                              limit=HISTOGRAM_RANGE[1]),
                           transform=panel.transAxes, ha="right", va="top", fontsize="small",
                           bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none"})
            if row == 0:
                panel.set_title(_("layer {number}").format(number=layer + 1))
            if row == rows - 1:
                panel.set_xlabel(_("output"))
        axes[row, 0].set_ylabel(_("{initial_weights}\ncount").format(initial_weights=label), fontsize="medium")
    if activation == "relu":
        title = _("Outputs of 5 {activation} layers of {units} units for {samples} N(0, 1) inputs, "
                  "by initial weights (the exact zeros, about half, left out)")
    else:
        title = _("Outputs of 5 {activation} layers of {units} units for {samples} N(0, 1) inputs, "
                  "by initial weights")
    figure.suptitle(title.format(activation=activation, units=UNITS, samples=result["samples"]))
    figure.tight_layout()
    return figure


def summarize(result):
    """For each initialisation: the spread of the last layer's outputs."""
    activation = result["activation"]
    lines = [_("Activations of 5 {activation} layers ({samples} inputs), last layer:").format(
                 activation=activation, samples=result["samples"]),
             "  " + pad(_("initial weights"), 16) + pad(_("mean"), 10, right=True) + pad(_("std"), 10, right=True)
             + "  " + (_("share near 0 or 1") if activation == "sigmoid" else _("share of zeros"))]
    for label, outputs in result["activations"].items():
        last = outputs[-1]
        if activation == "sigmoid":
            share = np.mean((last < 0.1) | (last > 0.9))
        else:
            share = np.mean(last == 0)
        lines.append(f"  {label:<16}{last.mean():>10.3g}{last.std():>10.3g}{share:>10.0%}")
    return "\n".join(lines)


EXPERIMENT = Experiment(
    name="activation_histograms", description=__doc__, run=activation_histograms, plot=plot,
    summarize=summarize, sizes=SIZES, uses_data=False,
    options=[Option("activation", ("sigmoid", "relu"), N_("the layers' activation function"))])


def main(argv=None):
    return run_command(EXPERIMENT, argv)


if __name__ == "__main__":
    sys.exit(main())
