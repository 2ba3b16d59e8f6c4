"""Runs one of the kit's checks on a notebook's own code: what a hidden test cell calls.

A generated test cell's hidden block is two lines::

    from autograder.nbgrader_course.notebook_grading import grade_in_notebook
    grade_in_notebook("autograder.checks.functions:check_sigmoid_values", globals(), points=2, seed=7)

so the feedback nbgrader shows (hidden tests included, by its design) names a
check but never shows its code, which lives in the installed kit.

How nbgrader scores the cell (0.9.6): an error or **any** stderr output gives
0; a cell whose value is a number gets that many points (partial credit).
So this function never raises and never writes to stderr: it returns the
points earned, prints the feedback on stdout, and captures what the student's
code writes to stderr and the warnings it raises (a naive but correct sigmoid
overflows: advice, not a failure).

The kernel runs the student's code in the grader's process, nbgrader's trust
model; `autograder grade` is the kit's tamper-proof way.
"""
import contextlib
import hashlib
import importlib
import io

OUTPUT_LIMIT = 1500  # characters of the student's own output shown in the feedback


class NotebookModule:
    """A module-like, read-only view of a notebook's globals (checks use `module.name`)."""

    def __init__(self, namespace, module_name):
        self._namespace = namespace
        self._module_name = module_name

    def __getattr__(self, name):
        try:
            return self._namespace[name]
        except KeyError:
            raise AttributeError(
                f"'{name}' is not defined in your notebook: run the cell that defines it "
                f"(it belongs to {self._module_name})") from None


MISSION_CHECKS = "autograder.checks.missions"


def grade_in_notebook(check, namespace, points, seed, modules=None, course_seed=None):
    """Run the check `check` ("package.module:function") on the notebook whose globals are `namespace`.

    points: what the cell is worth; seed: with the check's name and the notebook's code, seeds its
    random inputs.
    modules: module names the check may ask for (default: every graded module);
    each is the same view of the notebook, where all the code lives.
    course_seed: when given (the missions' cells), it seeds the check instead of
    `seed`: the missions' splits are the course's, the same for every student.
    Returns the points earned, as a float, for nbgrader to read as the cell's grade.
    """
    student_out = io.StringIO()
    with contextlib.redirect_stdout(student_out), contextlib.redirect_stderr(student_out):
        earned, report, advice = _run_check(check, namespace, points,
                                            seed if course_seed is None else course_seed, modules)
    print(report)
    for line in advice:
        print(f"advice: {line}")
    shown = student_out.getvalue().strip()
    if shown:
        if len(shown) > OUTPUT_LIMIT:
            shown = shown[:OUTPUT_LIMIT] + " ... (truncated)"
        print("your code printed:\n" + shown)
    return earned


def _run_check(check, namespace, points, seed, modules):
    """(points earned, one-paragraph report, advice lines); never raises."""
    points = float(points)
    try:
        import warnings

        import numpy as np

        from autograder.checks.feedback import CheckFailed
        from autograder.checks.reference import GRADED_MODULES
        from autograder.checks.submission import LocalSubmission

        module_path, _, function_name = check.partition(":")
        check_function = getattr(importlib.import_module(module_path), function_name)
        names = modules or GRADED_MODULES
        submission = LocalSubmission({name: NotebookModule(namespace, name) for name in names})
    except Exception as error:  # the kit itself is missing or broken: say so, grade nothing
        return 0.0, f"The grader could not load the check {check}: {type(error).__name__}: {error}", []

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            # Unit checks draw fresh inputs per notebook; the missions' splits stay fixed per course.
            per_code = 0 if check.startswith(MISSION_CHECKS) else _code_digest(namespace)
            rng = np.random.default_rng([seed, _digest(check), per_code])
            summary = check_function(submission, rng)
            earned, report = points, f"passed ({_points(points)} of {_points(points)})"
            if isinstance(summary, str) and summary.strip():
                report += f": {summary.strip()}"
        except CheckFailed as failure:
            fraction = failure.score_fraction or 0.0
            earned = points * min(max(fraction, 0.0), 1.0)
            report = f"failed ({_points(earned)} of {_points(points)}):\n{failure.message}"
        except Exception as error:  # the student's code broke the check itself
            earned, report = 0.0, f"failed (0 of {_points(points)}): {type(error).__name__}: {error}"
    advice = list(submission.advice)
    for warning in caught:
        text = f"{warning.category.__name__}: {warning.message}"
        if text not in advice:
            advice.append(text)
    return earned, report, advice


def _digest(text):
    """A number from `text`, so that each check draws its own inputs from the one seed."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")


def _code_digest(namespace):
    """A number from the code the notebook ran so far (IPython's `In`): the same notebook draws the same
    inputs (same code, same score), a changed one new inputs, so that expected values an earlier
    feedback showed, pasted back as answers, answer questions nobody asks any more."""
    cells = namespace.get("In")
    if not isinstance(cells, list):
        return 0
    return _digest("\n".join(cell for cell in cells if isinstance(cell, str)))


def _points(value):
    return f"{value:g}"
