"""Hidden test of digits_mission.py (bars and limits in autograder/checks/missions.py)."""
import pytest

from autograder.checks import missions as checks


@pytest.mark.unit("digits_mission.train")
@pytest.mark.points(10)
def test_digits_mission(sub, rng, record_property):
    """Digits: mean test accuracy of train()'s model on held-out stratified splits, train() timed"""
    record_property("feedback", checks.check_digits_mission(sub, rng))
