"""Batch grading: a whole class in one command, in small steps.

    autograder batch SUBMISSIONS --out DIR [--jobs N] [--seed N] [--course-seed N] [--force]

1. `discovery.discover`: the submissions in SUBMISSIONS (plain folders and
   zips, Gradescope, GitHub Classroom and nbgrader exports), stable names;
2. `class_grading.grade_class`: the plan: what is already recorded is skipped, the seed
   and options are kept in DIR/batch.json;
3. `pool.GradingPool`: one grading process per submission (`grade_one.py`),
   N at a time, a progress bar (`progress.py`), clean stop on Ctrl-C;
4. `results_store`: each record written whole as soon as it is known;
5. the gradebook (`autograder.reports.gradebook`) and the class report
   (`class_report.py`), 6. its figure (`report_figure.py`).
"""
import importlib

#: Imported on first use (PEP 562), so that `autograder grade` does not load this package's machinery.
_HOMES = {"BatchOutcome": "class_grading", "grade_class": "class_grading", "write_class_files": "class_grading"}


def __getattr__(name):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


__all__ = ["BatchOutcome", "grade_class", "write_class_files"]
