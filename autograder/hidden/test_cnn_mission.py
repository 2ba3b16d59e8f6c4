"""Hidden test of cnn_mission.py (bars and limits in autograder/checks/missions.py)."""
import pytest

from autograder.checks import missions as checks


@pytest.mark.unit("cnn_mission.train")
@pytest.mark.points(10)
def test_cnn_mission(sub, rng, record_property):
    """CNN: mean test accuracy of train()'s model on held-out stratified splits, train() timed"""
    record_property("feedback", checks.check_cnn_mission(sub, rng))
