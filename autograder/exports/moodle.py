"""Moodle: "Import grades from CSV file" (Grades > Import > CSV file).

Moodle reads any CSV with a header row and lets the teacher map one column to
a user field ("Map from" / "Map to": email address, ID number, username)
and the others to grade items and feedback. This file has `ID number`
(the roster's student_id), `Email address`, `Full name`, a grade column
named after the assignment and a feedback column (the late penalty, or why a
submission was not graded): map `Email address` (or `ID number`) to the
user, the assignment column to the grade item, `Feedback` to its feedback.

Rows without an email or a student id cannot be matched and are left out.
"""
import csv
import io

from .graded_rows import format_score

IDENTITY = ("ID number", "Email address", "Full name")
FEEDBACK = "Feedback"


def render_moodle(rows, assignment, points=None):
    """(CSV text, rows left out) for Moodle's CSV grade import."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*IDENTITY, assignment, FEEDBACK])
    left_out = []
    for row in rows:
        if not row.identified:
            left_out.append(row)
            continue
        writer.writerow([row.student_id, row.email, row.name, format_score(row.score(points)), feedback(row)])
    return buffer.getvalue(), left_out


def feedback(row):
    """A short note beside the grade: the late penalty, or why there is no grade."""
    if row.final_total is None:
        return "Not graded: " + (row.errors or "no record") if row.errors else "Not graded."
    if row.late_days and row.late_days != "0":
        return f"Submitted {row.late_days} day(s) late: {row.late_penalty_percent} % taken off."
    return ""
