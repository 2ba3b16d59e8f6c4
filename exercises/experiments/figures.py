"""Drawing helpers shared by the experiments: the backend, the font, saving, showing, smoothing."""
import contextlib
import functools
import os
import sys
from pathlib import Path

import matplotlib
import numpy as np

DPI = 100
SMOOTHING_POINTS = 50  # a loss curve is averaged down to about this many independent points
#: Fonts with Japanese glyphs a system may have, tried in this order when matplotlib-fontja is absent.
JAPANESE_FONTS = ("IPAexGothic", "IPAGothic", "Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP",
                  "Hiragino Sans", "Hiragino Maru Gothic Pro", "Yu Gothic", "Meiryo", "MS Gothic",
                  "TakaoGothic", "VL Gothic")


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


@functools.cache
def japanese_font():
    """The name of a font with Japanese glyphs, made matplotlib's default; None when there is none.

    matplotlib-fontja (`pip install matplotlib-fontja`, the kit's `ja` extra) brings one;
    otherwise a Japanese font of the system is used.
    """
    import matplotlib.pyplot as plt
    from matplotlib import font_manager

    try:
        import matplotlib_fontja  # noqa: F401 - importing it registers IPAexGothic and selects it
        return plt.rcParams["font.family"][0]
    except ImportError:
        pass
    installed = {font.name for font in font_manager.fontManager.ttflist}
    for name in JAPANESE_FONTS:
        if name in installed:
            plt.rcParams["font.family"] = [name, *plt.rcParams["font.family"]]
            return name
    return None


@contextlib.contextmanager
def figure_language():
    """Draw in the chosen language; in English, with one notice, when Japanese has no font to show it."""
    from ..translation import LANGUAGE_ENV, _, chosen_language

    if chosen_language() != "ja" or japanese_font():
        yield
        return
    _notice_no_japanese_font(_("note: no Japanese font found (install one with `pip install "
                               "matplotlib-fontja`); the figure's labels are in English."))
    saved = os.environ.get(LANGUAGE_ENV)
    os.environ[LANGUAGE_ENV] = "en"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(LANGUAGE_ENV, None)
        else:
            os.environ[LANGUAGE_ENV] = saved


@functools.cache
def _notice_no_japanese_font(notice):
    print(notice, file=sys.stderr)


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
