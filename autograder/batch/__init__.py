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
from .class_grading import BatchOutcome, grade_class, write_class_files

__all__ = ["BatchOutcome", "grade_class", "write_class_files"]
