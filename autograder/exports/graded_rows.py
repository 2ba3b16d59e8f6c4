"""The rows of a batch's gradebook.csv, read back for the exports."""
import csv
from dataclasses import dataclass
from pathlib import Path

from autograder.translation import _


class ExportError(ValueError):
    """The gradebook cannot be exported (missing, or not a batch gradebook)."""


@dataclass(frozen=True)
class GradedRow:
    """One submission: who, and its final score (None when not graded) out of max_total."""

    submission: str
    student_id: str
    name: str
    email: str
    final_total: float | None
    max_total: float | None
    late_days: str = ""
    late_penalty_percent: str = ""
    errors: str = ""

    @property
    def identified(self):
        return bool(self.student_id or self.email)

    def score(self, points=None):
        """The final score, rescaled to `points` when given; None when not graded."""
        if self.final_total is None:
            return None
        if points is None or not self.max_total:
            return self.final_total
        return self.final_total * points / self.max_total


def read_graded_rows(folder):
    """The GradedRows of `folder`/gradebook.csv (folder: what `autograder batch --out` wrote)."""
    path = Path(folder) / "gradebook.csv"
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError:
        raise ExportError(_("{path}: not found; export reads the folder `autograder batch --out DIR` wrote").format(
            path=path)) from None
    if rows and "final_total" not in rows[0]:
        raise ExportError(_("{path}: no final_total column; regrade nothing, just rerun the same `autograder batch` "
                            "command to rewrite it with this version of the kit").format(path=path))
    return [GradedRow(submission=row["submission"], student_id=row.get("student_id", ""), name=row.get("name", ""),
                      email=row.get("email", ""), final_total=_number(row.get("final_total")),
                      max_total=_number(row.get("max_total")), late_days=row.get("late_days", ""),
                      late_penalty_percent=row.get("late_penalty_percent", ""), errors=row.get("errors", ""))
            for row in rows]


def format_score(value):
    """A score cell: "" for not graded, else at most two decimals ("7.5", "10")."""
    return "" if value is None else f"{round(value, 2):g}"


def _number(text):
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None
