"""Result formats: each module turns a `GradingRun` (autograder/results.py) into one format.

- `gradescope`: Gradescope's results.json, also the kit's `--format json`
- `junit`: JUnit XML for CI systems
- `classroom`: the GitHub Classroom runner result (base64 JSON)
- `classroom50`: Classroom 50's result.json (classroom50/result/v1)
- `text`: the terminal report (the default)
- `gradebook`: the batch-grading CSV, one row per submission
- `markdown`, `html`: the student's feedback as a document to send (batch
  writes both per student)

Every writer goes through `atomic.write_atomically`, so a report file is
either the old one or the new one, whole.
"""
from __future__ import annotations

from .atomic import write_atomically
from .classroom import ClassroomReport
from .classroom50 import Classroom50Report
from .gradebook import render_gradebook, write_gradebook
from .gradescope import GradescopeReport, validate_gradescope
from .html import HtmlReport
from .junit import JUnitReport
from .markdown import MarkdownReport
from .text import TextReport

# Per-run formats by their `--format` name; each has render(run) -> str and write(run, path).
REPORTS = {
    "json": GradescopeReport,
    "text": TextReport,
    "junit": JUnitReport,
    "classroom": ClassroomReport,
    "markdown": MarkdownReport,
    "html": HtmlReport,
    "classroom50": Classroom50Report,
}

__all__ = [
    "REPORTS", "Classroom50Report", "ClassroomReport", "GradescopeReport", "HtmlReport", "JUnitReport", "MarkdownReport", "TextReport",
    "render_gradebook", "validate_gradescope", "write_atomically", "write_gradebook",
]
