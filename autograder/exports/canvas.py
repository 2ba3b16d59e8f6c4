"""Canvas: the gradebook import CSV (Grades > Import).

Canvas reads a header row `Student, ID, SIS User ID, SIS Login ID, Section`
followed by one column per assignment, then one row per student; a student
is matched by the Canvas `ID` or the `SIS User ID` (the roster's
student_id) or the `SIS Login ID`. A column whose title matches no
assignment creates one. An optional second row, `Points Possible`, gives the
assignment's points. Empty cells leave the grade as it is.

Students without a roster student_id cannot be matched and are left out
(the command says how many).
"""
import csv
import io

from .graded_rows import format_score

COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
POINTS_POSSIBLE = "Points Possible"


def render_canvas(rows, assignment, points=None):
    """(CSV text, rows left out) for Canvas's gradebook import."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*COLUMNS, assignment])
    possible = points if points is not None else next((r.max_total for r in rows if r.max_total), None)
    writer.writerow([POINTS_POSSIBLE, "", "", "", "", format_score(possible)])
    left_out = []
    for row in rows:
        if not row.student_id:
            left_out.append(row)
            continue
        writer.writerow([row.name, "", row.student_id, "", "", format_score(row.score(points))])
    return buffer.getvalue(), left_out
