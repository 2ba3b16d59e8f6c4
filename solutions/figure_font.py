"""Japanese labels on figures: a font with Japanese glyphs, or English labels and one notice.

The experiments and the missions' plots draw their labels in the chosen language
(see translation.py). Japanese needs a font that has its glyphs: matplotlib-fontja
(`pip install matplotlib-fontja`, the kit's `ja` extra) brings one, else a
Japanese font of the system is used; with none, the labels stay English.
matplotlib is imported only when a figure is drawn.
"""
import contextlib
import functools
import os
import sys

#: Fonts with Japanese glyphs a system may have, tried in this order when matplotlib-fontja is absent.
JAPANESE_FONTS = ("IPAexGothic", "IPAGothic", "Noto Sans CJK JP", "Noto Sans JP", "Source Han Sans JP",
                  "Hiragino Sans", "Hiragino Maru Gothic Pro", "Yu Gothic", "Meiryo", "MS Gothic",
                  "TakaoGothic", "VL Gothic")


@functools.cache
def japanese_font():
    """The name of a font with Japanese glyphs, made matplotlib's default; None when there is none."""
    import matplotlib
    from matplotlib import font_manager

    try:
        import matplotlib_fontja  # noqa: F401 - importing it registers IPAexGothic and selects it
        return matplotlib.rcParams["font.family"][0]
    except ImportError:
        pass
    installed = {font.name for font in font_manager.fontManager.ttflist}
    for name in JAPANESE_FONTS:
        if name in installed:
            matplotlib.rcParams["font.family"] = [name, *matplotlib.rcParams["font.family"]]
            return name
    return None


@contextlib.contextmanager
def figure_language():
    """Draw in the chosen language; in English, with one notice, when Japanese has no font to show it."""
    from .translation import LANGUAGE_ENV, _, chosen_language

    if chosen_language() != "ja" or japanese_font():
        yield
        return
    notice_no_japanese_font(_("note: no Japanese font found (install one with `pip install "
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
def notice_no_japanese_font(notice):
    """Prints `notice` on stderr, once per run."""
    print(notice, file=sys.stderr)
