"""Hidden test of cnn_mission.py (bars and limits in solutions/mission_criteria.py)."""
import pytest

from autograder.checks import missions as checks


@pytest.mark.unit("cnn_mission.train")
@pytest.mark.points(10)
@pytest.mark.background(cost=checks.CNN.cost)
def test_cnn_mission(sub, course_rng, record_property):
    """CNN: mean test accuracy of train()'s model on the course's held-out splits; train() and predict() timed"""
    record_property("feedback", checks.check_cnn_mission(sub, course_rng))
