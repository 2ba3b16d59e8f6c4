"""Hand-built grading runs for the report tests (the real grader is not needed)."""
from __future__ import annotations

import pytest

from autograder.results import GradingRun, TestResult


def make_run(error: str | None = None, submission: str = "students/alice") -> GradingRun:
    """Five tests over four units, given out of contract order, with partial credit,
    a diagnosis, characters that need escaping and a terminal escape sequence."""
    tests = [
        TestResult("backward matches the numerical gradient", "layers.Affine", 2, 0, False,
                   output="checked dx for x of shape (3, 4)\nexpected [[1. 2.]\n got [[1. 3.]]\n"
                          "Hint: dx = dout @ W.T, then reshape <x> & \x1b[31mcompare\x1b[0m",
                   diagnosis="dx not reshaped to x's shape", duration=0.02),
        TestResult("sigmoid matches the reference on random inputs", "functions.sigmoid", 1, 1, True,
                   duration=0.001),
        TestResult("softmax of a square batch is row-wise", "functions.softmax", 1, 0.5, False,
                   output="rows sum to [2. 0.]", diagnosis="softmax over the wrong axis"),
        TestResult("forward matches the reference", "layers.Affine", 1, 1, True),
        TestResult("mean test accuracy over 10 splits", "iris_mission.train", 5, 3.25, False,
                   output="mean accuracy 0.86, full credit from 0.92"),
    ]
    return GradingRun(submission, 1234, "0.1.0", tests, execution_time=12.5, error=error,
                      protections=["private mount namespace", "no network"])


@pytest.fixture
def run() -> GradingRun:
    return make_run()


@pytest.fixture
def error_run() -> GradingRun:
    return make_run(error="functions.py does not import: SyntaxError: invalid syntax (line 3)")
