"""The nbgrader course: one notebook per exercise module, generated from the kit's one source.

    autograder nbgrader OUT

Steps, each one job (see `COURSE_STEPS` and `ASSIGNMENT_STEPS`):

- read `solutions/*.py` into blocks (module_blocks.py) and plan one assignment
  per exercise module with the earlier code it needs (assignments.py);
- read the hidden suites: which check each hidden test calls and its points
  (hidden_tests.py);
- compose each notebook (notebooks.py, with cells.py and exercise_text.py);
- write nbgrader_config.py, the notebooks, the helper modules and data (course_files.py).

At grading time the hidden cells call `notebook_grading.grade_in_notebook`,
which runs the kit's check on the notebook's own code.
"""
__all__ = ["Course", "build_course"]


def __getattr__(name):
    # Imported on demand: the hidden cells import notebook_grading from this
    # package at grading time, and must not pay for the builder (nbformat).
    if name in __all__:
        from . import course
        return getattr(course, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
