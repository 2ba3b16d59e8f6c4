"""Hidden cells of the nbgrader course draw fresh inputs per notebook code, the same for the same code.

A learner who pastes back the expected values an earlier feedback showed has changed the
notebook's code, so the next autograde asks other questions; an unchanged notebook is asked the
same ones (same code, same score).
"""
import re

import solutions.functions as reference_functions

from autograder.nbgrader_course.notebook_grading import _run_check

CHECK = "autograder.checks.functions:check_sigmoid_values"


def wrong_sigmoid_namespace(code_cells):
    namespace = {name: getattr(reference_functions, name) for name in dir(reference_functions)
                 if not name.startswith("_")}
    namespace["sigmoid"] = lambda x: 1 / (1 + reference_functions.np.exp(x))
    namespace["In"] = list(code_cells)
    return namespace


def shown_input(report):
    return re.search(r"input:\n(.*?)\nexpected:", report, flags=re.S).group(1)


def test_same_code_same_inputs_changed_code_new_inputs():
    reports = [_run_check(CHECK, wrong_sigmoid_namespace(cells), 1, seed=3, modules=["functions"])[1]
               for cells in (["def sigmoid(x): ..."], ["def sigmoid(x): ..."], ["def sigmoid(x): ...", "TABLE = 1"])]
    assert all(report.startswith("failed (0 of 1)") for report in reports), reports
    first, again, changed = (shown_input(r) for r in reports)
    assert first == again
    assert first != changed
