"""The batch-grading gradebook: a CSV with one row per submission.

Columns: `submission`, one per unit (points earned; units are the union over
all runs, in contract order), `total`, `max_total`, `percent`, `errors`. A
submission that could not be graded has empty unit and total cells and its
error text; a unit a run did not grade is left empty, not 0.
"""
from __future__ import annotations

import csv
import io
import os
from typing import Sequence

from ..results import GradingRun, format_points, strip_control_chars, truncate, unit_order
from .atomic import write_atomically

__all__ = ["gradebook_columns", "render_gradebook", "write_gradebook"]

# One entry per submission: its name, its run (None when it could not be
# graded) and an error text (None when there is none).
GradebookEntry = tuple[str, GradingRun | None, str | None]

ERROR_LIMIT = 500  # characters of error text per cell
_FORMULA_START = ("=", "+", "-", "@", "\t")  # a spreadsheet would evaluate these


def gradebook_columns(runs: Sequence[GradebookEntry]) -> list[str]:
    """The header: submission, every unit seen (contract order), total, max_total, percent, errors.

    Within a module, units keep the order of the run that graded the most
    units, so the columns do not depend on which submission comes first.
    """
    graded = sorted((run for _, run, _ in runs if run is not None), key=lambda r: -len(r.units()))
    units = unit_order(t.unit for run in graded for t in run.tests)
    return ["submission", *units, "total", "max_total", "percent", "errors"]


def _text_cell(text: str) -> str:
    # Error texts quote student code: keep the cell one line and never a formula.
    text = " | ".join(line.strip() for line in strip_control_chars(text).splitlines() if line.strip())
    text = truncate(text, ERROR_LIMIT)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(name: str, run: GradingRun | None, error: str | None, units: Sequence[str]) -> list[str]:
    errors = [e for e in ((run.error if run else None), error) if e]
    if run is None:
        cells = [""] * (len(units) + 3)
        if not errors:
            errors = ["not graded"]
    else:
        totals = run.units()
        cells = [format_points(totals[u].score) if u in totals else "" for u in units]
        percent = f"{100 * run.score / run.max_score:.1f}" if run.max_score else ""
        cells += [format_points(run.score), format_points(run.max_score), percent]
    return [_text_cell(name), *cells, _text_cell("; ".join(errors))]


def render_gradebook(runs: Sequence[GradebookEntry]) -> str:
    """The gradebook as CSV text (RFC 4180 line ends)."""
    header = gradebook_columns(runs)
    units = header[1:-4]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for name, run, error in runs:
        writer.writerow(_row(name, run, error, units))
    return buffer.getvalue()


def write_gradebook(runs: Sequence[GradebookEntry], path: str | os.PathLike[str]) -> None:
    """Write the gradebook CSV to `path`, whole (see `write_atomically`)."""
    write_atomically(path, render_gradebook(runs))
