"""Step 6: report.png, the class at a glance: pass rate per unit, and the score distribution.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display
needed), labels in the course language (English, with one notice, when no font
can show Japanese: solutions/figure_font.py). Without matplotlib the report is
written without its figure.
"""
import os
import tempfile
from pathlib import Path

from autograder.translation import _

from .class_report import SCORE_BINS


def write_figure(stats, path):
    """Draw `stats` (a ClassStats) into the PNG `path`, atomically; False when matplotlib is missing."""
    try:
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        return False
    from solutions.figure_font import figure_language

    with figure_language():
        figure = _draw(stats, Figure, MaxNLocator)
    path = Path(path)
    return _save(figure, path)


def _draw(stats, Figure, MaxNLocator):  # noqa: N803 - matplotlib's classes, imported by the caller
    units = stats.units
    figure = Figure(figsize=(11, max(4.0, 0.28 * len(units) + 1.5)), layout="constrained")
    rates, scores = figure.subplots(1, 2, width_ratios=(3, 2))

    positions = range(len(units))
    rates.barh(positions, [100 * u.pass_rate for u in units], color="tab:blue")
    rates.set_yticks(list(positions), [u.unit for u in units], fontsize=8)
    rates.invert_yaxis()                     # course order, top to bottom
    rates.set_xlim(0, 100)
    rates.set_xlabel(_("submissions passing every test of the unit (%)"))
    rates.set_title(_("Pass rate per unit ({count} graded)").format(count=stats.graded))

    scores.hist(stats.percents, bins=[i * 100 / SCORE_BINS for i in range(SCORE_BINS + 1)],
                color="tab:green", edgecolor="white")
    scores.set_xlim(0, 100)
    scores.set_xlabel(_("total score (%)"))
    scores.set_ylabel(_("submissions"))
    scores.yaxis.set_major_locator(MaxNLocator(integer=True))
    scores.set_title(_("Score distribution"))
    return figure


def _save(figure, path):
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".png")
    os.close(fd)
    try:
        figure.savefig(temp, dpi=100)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return True
