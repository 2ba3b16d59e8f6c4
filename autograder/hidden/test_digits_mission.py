"""Hidden test of digits_mission.py (bars and limits in solutions/mission_criteria.py)."""
import pytest

from autograder.checks import missions as checks


@pytest.mark.unit("digits_mission.train")
@pytest.mark.points(10)
@pytest.mark.background(cost=checks.DIGITS.cost)
def test_digits_mission(sub, course_rng, record_property):
    """Digits: mean test accuracy of train()'s model on the course's held-out splits; train() and predict() timed"""
    record_property("feedback", checks.check_digits_mission(sub, course_rng))
