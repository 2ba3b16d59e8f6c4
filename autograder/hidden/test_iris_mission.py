"""Hidden test of iris_mission.py (bars and limits in autograder/checks/missions.py)."""
import pytest

from autograder.checks import missions as checks


@pytest.mark.unit("iris_mission.train")
@pytest.mark.points(10)
def test_iris_mission(sub, rng, record_property):
    """Iris: mean test accuracy of train()'s model on held-out stratified splits, train() timed"""
    record_property("feedback", checks.check_iris_mission(sub, rng))
