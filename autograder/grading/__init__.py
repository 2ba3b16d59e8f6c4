"""Grading one submission: the hidden suites run by pytest, student code in sandboxed workers.

    from autograder.grading import grade_submission
    run = grade_submission("path/to/submission", seed=1)     # a GradingRun (autograder.results)

- `runner.py`: grade_submission, selected_tests (the points table), ungraded_run, write_reports
- `plugin.py`: the pytest plugin that turns test outcomes into TestResults
- `settings.py`: what one run grades and with which limits (shared with the hidden fixtures)
- `command.py`: the `autograder grade` subcommand
"""
from autograder.submission_intake import SubmissionError

from .plugin import SelectionError
from .runner import grade_submission, kit_version, selected_tests, ungraded_run, write_reports

__all__ = ["SelectionError", "SubmissionError", "grade_submission", "kit_version", "selected_tests",
           "ungraded_run", "write_reports"]
