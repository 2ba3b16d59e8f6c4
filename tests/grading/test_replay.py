"""A submission that replays the expected values an earlier feedback showed scores 0 on its next grading.

Feedback shows the inputs and the expected values of a failed check. A learner who pastes
those values back as "answers" (a table: input shape -> the expected array shown) must gain
nothing: every grading draws fresh inputs (the CLI draws a new seed per grading, Gradescope
takes the submission's id), so the table answers questions nobody asks any more.
"""
import ast
import re

import numpy as np

from autograder.grading import grade_submission
from autograder.mistakes import MISTAKES
from autograder.submission_intake import copy_modules

from .conftest import SOLUTIONS

UNIT = "functions.sigmoid"
WRONG = "sigmoid with the wrong sign in exp"
FIRST_SEED, NEXT_SEED = 11, 12
_SHAPE_SUFFIX = re.compile(r"\s*\(shape \([^)]*\), dtype \w+\)")


def shown_expected_arrays(output):
    """The arrays after "expected:" in a feedback text, parsed back from their printed form."""
    arrays = []
    for block in re.findall(r"^expected: (.*?)\n(?:got|[a-z ]+:)", output, flags=re.S | re.M):
        text = _SHAPE_SUFFIX.sub("", block).replace("\n", " ")
        arrays.append(np.array(ast.literal_eval(text), dtype=float))
    return arrays


def replay_source(table):
    """functions.sigmoid answering from `table` (shape -> array), the wrong formula elsewhere."""
    entries = ", ".join(f"{tuple(a.shape)!r}: np.array({a.tolist()!r})" for a in table)
    return ("\n\n_SHOWN_IN_FEEDBACK = {" + entries + "}\n\n\n"
            "def sigmoid(x):\n"
            "    if np.shape(x) in _SHOWN_IN_FEEDBACK:\n"
            "        return _SHOWN_IN_FEEDBACK[np.shape(x)]\n"
            "    return 1 / (1 + np.exp(x))\n")


def sigmoid_score(run):
    tests = [t for t in run.tests if t.unit == UNIT]
    assert tests
    return sum(t.score for t in tests)


def test_replaying_the_expected_values_of_a_feedback_scores_zero(tmp_path):
    wrong = copy_modules(SOLUTIONS, tmp_path / "wrong")
    next(m for m in MISTAKES if m.name == WRONG).write_into(wrong)
    first = grade_submission(wrong, seed=FIRST_SEED, only=[UNIT])
    assert first.error is None and sigmoid_score(first) == 0
    table = [a for t in first.tests if not t.passed for a in shown_expected_arrays(t.output)]
    assert len(table) == 2, [t.output for t in first.tests]   # one array shown per failed test

    replay = copy_modules(wrong, tmp_path / "replay")
    (replay / "functions.py").write_text((wrong / "functions.py").read_text() + replay_source(table))
    second = grade_submission(replay, seed=NEXT_SEED, only=[UNIT])
    assert second.error is None
    assert sigmoid_score(second) == 0, [t.output for t in second.tests]
    # The replay answers from its table, with the values the first feedback showed.
    namespace = {}
    exec(compile((replay / "functions.py").read_text(), "replay_functions", "exec"), namespace)
    for shown in table:
        assert np.array_equal(namespace["sigmoid"](np.zeros(shown.shape)), shown)


def test_every_grading_without_a_seed_draws_its_own():
    seeds = {grade_submission(SOLUTIONS, only=["functions.relu"]).seed for _ in range(3)}
    assert len(seeds) == 3
