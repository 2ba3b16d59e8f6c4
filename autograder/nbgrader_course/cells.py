"""Notebook cells with nbgrader's metadata (schema version 3), one constructor per kind.

- `markdown`: exercise text, read-only (locked).
- `provided`: code the kit gives, locked: `nbgrader autograde` puts the
  original back, whatever the student did to it.
- `solution`: code the student writes; `### BEGIN SOLUTION` regions are
  replaced by nbgrader's stub in the student version.
- `graded_test`: an autograded test cell worth `points`, whose
  `### BEGIN HIDDEN TESTS` block is removed from the student version.
- `plain`: an ordinary cell nbgrader does not track (a demo run).
"""
import re

import nbformat

SCHEMA_VERSION = 3
GRADE_ID = re.compile(r"^[A-Za-z0-9_-]+$")  # what nbgrader accepts as a cell id


def _nbgrader(grade_id, *, grade=False, solution=False, locked=False, points=None):
    if not GRADE_ID.match(grade_id):
        raise ValueError(f"invalid nbgrader grade_id {grade_id!r}: letters, digits, '_' and '-' only")
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def markdown(grade_id, text):
    return nbformat.v4.new_markdown_cell(text.strip(), metadata=_nbgrader(grade_id, locked=True))


def provided(grade_id, source):
    return nbformat.v4.new_code_cell(source.strip("\n"), metadata=_nbgrader(grade_id, locked=True))


def solution(grade_id, source):
    return nbformat.v4.new_code_cell(source.strip("\n"), metadata=_nbgrader(grade_id, solution=True))


def graded_test(grade_id, source, points):
    return nbformat.v4.new_code_cell(
        source.strip("\n"), metadata=_nbgrader(grade_id, grade=True, locked=True, points=points))


def plain(source):
    return nbformat.v4.new_code_cell(source.strip("\n"))


def notebook(cells):
    """A Python 3 notebook holding `cells`, with unique cell ids."""
    book = nbformat.v4.new_notebook(cells=cells)
    book.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    book.metadata["language_info"] = {"name": "python"}
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in cells if "nbgrader" in c.metadata]
    duplicates = sorted({g for g in grade_ids if grade_ids.count(g) > 1})
    if duplicates:
        raise ValueError(f"duplicate nbgrader grade ids: {duplicates}")
    nbformat.validate(book)
    return book
