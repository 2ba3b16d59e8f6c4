"""The batch-grading gradebook: a CSV with one row per submission.

Columns: `submission`, one per unit (points earned; units are the union over
all runs, in contract order), `total`, `max_total`, `percent`, `errors`. A
submission that could not be graded has empty unit and total cells and its
error text; a unit a run did not grade is left empty, not 0.

With `details` (the batch gives them), each row also carries the student
(`student_id`, `name`, `email`: from the roster) after `submission`, and
after `percent`: when it was submitted and late work (`submitted_at`,
`submitted_from`, `late_days`, `late_penalty_percent`, `final_total`,
`final_percent`: the score after the penalty) and when it was graded from
which content (`graded_at`, `content_hash`).
"""
from __future__ import annotations

import csv
import io
import os
from typing import Sequence

from ..results import GradingRun, format_points, strip_control_chars, truncate, unit_order
from .atomic import write_atomically

__all__ = ["DETAIL_COLUMNS", "IDENTITY_COLUMNS", "gradebook_columns", "render_gradebook", "write_gradebook"]

IDENTITY_COLUMNS = ("student_id", "name", "email")
DETAIL_COLUMNS = ("submitted_at", "submitted_from", "late_days", "late_penalty_percent", "final_total",
                  "final_percent", "graded_at", "content_hash")

# One entry per submission: its name, its run (None when it could not be
# graded) and an error text (None when there is none).
GradebookEntry = tuple[str, GradingRun | None, str | None]

ERROR_LIMIT = 500  # characters of error text per cell
_FORMULA_START = ("=", "+", "-", "@", "\t")  # a spreadsheet would evaluate these


def _units(runs: Sequence[GradebookEntry]) -> list[str]:
    # Within a module, units keep the order of the run that graded the most
    # units, so the columns do not depend on which submission comes first.
    graded = sorted((run for _, run, _ in runs if run is not None), key=lambda r: -len(r.units()))
    return unit_order(t.unit for run in graded for t in run.tests)


def gradebook_columns(runs: Sequence[GradebookEntry], details: bool = False) -> list[str]:
    """The header: submission, every unit seen (contract order), total, max_total, percent, errors.

    details: with the identity and detail columns (see the module's docstring).
    """
    identity, more = (IDENTITY_COLUMNS, DETAIL_COLUMNS) if details else ((), ())
    return ["submission", *identity, *_units(runs), "total", "max_total", "percent", *more, "errors"]


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


def render_gradebook(runs: Sequence[GradebookEntry], details: Sequence[dict] | None = None) -> str:
    """The gradebook as CSV text (RFC 4180 line ends).

    details: one dict per entry with the identity and detail columns' cells (missing: empty).
    """
    units = _units(runs)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(gradebook_columns(runs, details=details is not None))
    for index, (name, run, error) in enumerate(runs):
        row = _row(name, run, error, units)
        if details is not None:
            extra = details[index] or {}
            cells = lambda columns: [_text_cell(str(extra.get(c) if extra.get(c) is not None else "")) for c in columns]
            row = [row[0], *cells(IDENTITY_COLUMNS), *row[1:-1], *cells(DETAIL_COLUMNS), row[-1]]
        writer.writerow(row)
    return buffer.getvalue()


def write_gradebook(runs: Sequence[GradebookEntry], path: str | os.PathLike[str],
                    details: Sequence[dict] | None = None) -> None:
    """Write the gradebook CSV to `path`, whole (see `write_atomically`)."""
    write_atomically(path, render_gradebook(runs, details))
