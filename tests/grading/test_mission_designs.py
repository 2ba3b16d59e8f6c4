"""The missions are graded on the student's own network: honest designs get full credit, gaming gets 0.

Every design of autograder/mistakes/mission_designs.py is written into a copy of
the reference and its mission graded: honest designs (other optimizers, other
scalings, ensembles, batch norm and dropout, a deep-copied best epoch) get
full credit; lookup tables, nearest neighbours, closed-form fits, deferred
training, ignored networks, side channels... get 0 and feedback naming why.
"""
import re

import pytest

from autograder.grading import grade_submission
from autograder.mistakes.mission_designs import GAMING, HONEST


def grade_design(design, tmp_path, seed=1, course_seed=0):
    folder = design.write_submission(tmp_path / "submission")
    run = grade_submission(folder, seed=seed, only=[design.module], course_seed=course_seed)
    assert run.error is None, run.error
    (test,) = run.tests
    return test


@pytest.mark.parametrize("design", GAMING, ids=[f"{d.module}: {d.name}" for d in GAMING])
def test_gaming_designs_score_zero_and_say_why(design, tmp_path):
    test = grade_design(design, tmp_path)
    assert test.score == 0.0, test.output
    assert any(reason in test.output for reason in design.reason), test.output


@pytest.mark.parametrize("design", HONEST, ids=[f"{d.module}: {d.name}" for d in HONEST])
def test_honest_designs_get_full_credit(design, tmp_path):
    test = grade_design(design, tmp_path)
    assert test.score == test.max_score, test.output
    assert "full credit" in test.output


def _without_times(text):
    return re.sub(r"took [\d.]+ s on average, [\d.]+ s at most", "took ...", text)


def test_same_mission_code_same_score_for_every_student_seed(tmp_path):
    """The grading seed (one per student on Gradescope) changes nothing in the missions; the course seed does."""
    reference = HONEST[0]
    runs = [grade_design(reference, tmp_path / str(seed), seed=seed) for seed in (1, 2, 12345)]
    assert len({(test.score, _without_times(test.output)) for test in runs}) == 1, [t.output for t in runs]
    other_course = grade_design(reference, tmp_path / "other", seed=1, course_seed=7)
    assert _without_times(other_course.output) != _without_times(runs[0].output)
