"""Drawing helpers shared by the experiments: the backend, the font, saving, showing, smoothing.

The font and the labels' language come from the kit's figure_font.py (the missions' plots use it too).
"""
import os
import sys
from pathlib import Path

import matplotlib
import numpy as np

from ..figure_font import figure_language, japanese_font  # noqa: F401 - the experiments' figures use them

DPI = 100
SMOOTHING_POINTS = 50  # a loss curve is averaged down to about this many independent points


def display_available():
    """True when a window can be opened: a desktop session, and not under tests or CI."""
    if os.environ.get("CI") or os.environ.get("PYTEST_CURRENT_TEST"):
        return False
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def choose_backend(show):
    """Picks matplotlib's backend before pyplot is imported; returns whether a window will open.

    Without a display (or when not asked to show) the file-only backend Agg is used.
    """
    if show and display_available():
        return True
    matplotlib.use("Agg")
    return False


def save_figure(figure, path):
    """Writes the figure as a PNG at `path` (folders created as needed); returns the Path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=DPI)
    return path


def show_and_close(figure, show):
    """Opens the figure in a window (until you close it) when `show`; then frees it."""
    import matplotlib.pyplot as plt

    if show and matplotlib.get_backend().lower() != "agg":
        plt.show()
    plt.close(figure)


def smooth(values):
    """Moving average of a noisy per-step curve, as the book's `smooth_curve` does.

    Returns (steps, averages): averages[i] is the mean of the `window` values
    ending at step steps[i] (steps count from 1).
    """
    values = np.asarray(values, dtype=float)
    window = max(1, len(values) // SMOOTHING_POINTS)
    averages = np.convolve(values, np.ones(window) / window, mode="valid")
    steps = np.arange(window, len(values) + 1)
    return steps, averages
