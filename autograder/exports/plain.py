"""A plain CSV of final scores, one row per submission, for spreadsheets and other tools.

Columns: submission, student_id, name, email, score, max_score (the points
when rescaled), late_days, late_penalty_percent. Every submission is
written, matched to a student or not.
"""
import csv
import io

from .graded_rows import format_score

COLUMNS = ("submission", "student_id", "name", "email", "score", "max_score", "late_days", "late_penalty_percent")


def render_plain(rows, assignment=None, points=None):
    """(CSV text, rows left out: none)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        maximum = points if points is not None else row.max_total
        writer.writerow([row.submission, row.student_id, row.name, row.email, format_score(row.score(points)),
                         format_score(maximum), row.late_days, row.late_penalty_percent])
    return buffer.getvalue(), []
