"""Exports of a batch's gradebook that learning management systems import.

    autograder export graded/ --format canvas --assignment "HW1" --out hw1_canvas.csv

- `graded_rows.py`: the rows of DIR/gradebook.csv (the one source), as GradedRow;
- `canvas.py`: Canvas's gradebook import CSV;
- `moodle.py`: Moodle's "Import grades from CSV file";
- `plain.py`: a plain CSV for anything else (a spreadsheet, a registrar's tool);
- `command.py`: the `autograder export` subcommand.

Every format exports the final score (after any late penalty), optionally
rescaled to the points the assignment has in the LMS.
"""
from .canvas import render_canvas
from .graded_rows import GradedRow, read_graded_rows
from .moodle import render_moodle
from .plain import render_plain

FORMATS = {"canvas": render_canvas, "moodle": render_moodle, "csv": render_plain}

__all__ = ["FORMATS", "GradedRow", "read_graded_rows", "render_canvas", "render_moodle", "render_plain"]
