"""Step 6: report.png, the class at a glance: pass rate per unit, and the score distribution.

Drawn with matplotlib's object API on the Agg canvas (no pyplot, no display
needed). Without matplotlib the report is written without its figure.
"""
import os
import tempfile
from pathlib import Path

from .class_report import SCORE_BINS


def write_figure(stats, path):
    """Draw `stats` (a ClassStats) into the PNG `path`, atomically; False when matplotlib is missing."""
    try:
        from matplotlib.figure import Figure
        from matplotlib.ticker import MaxNLocator
    except ImportError:
        return False
    units = stats.units
    figure = Figure(figsize=(11, max(4.0, 0.28 * len(units) + 1.5)), layout="constrained")
    rates, scores = figure.subplots(1, 2, width_ratios=(3, 2))

    positions = range(len(units))
    rates.barh(positions, [100 * u.pass_rate for u in units], color="tab:blue")
    rates.set_yticks(list(positions), [u.unit for u in units], fontsize=8)
    rates.invert_yaxis()                     # course order, top to bottom
    rates.set_xlim(0, 100)
    rates.set_xlabel("submissions passing every test of the unit (%)")
    rates.set_title(f"Pass rate per unit ({stats.graded} graded)")

    scores.hist(stats.percents, bins=[i * 100 / SCORE_BINS for i in range(SCORE_BINS + 1)],
                color="tab:green", edgecolor="white")
    scores.set_xlim(0, 100)
    scores.set_xlabel("total score (%)")
    scores.set_ylabel("submissions")
    scores.yaxis.set_major_locator(MaxNLocator(integer=True))
    scores.set_title("Score distribution")

    path = Path(path)
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
