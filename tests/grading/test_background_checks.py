"""The missions train on a second core while the units are graded: same outcomes, nothing left running."""
import re
import threading
import time
from types import SimpleNamespace

import pytest

from autograder.checks.feedback import CheckFailed
from autograder.grading import grade_submission
from autograder.grading.background_checks import BackgroundChecks, runs_in_background

from .conftest import replace_function

MISSIONS = ["iris_mission", "digits_mission", "cnn_mission"]


def _comparable(run):
    """(unit, score, feedback without the timings) per test, in report order."""
    return [(t.unit, t.score, re.sub(r"\d+\.\d+ s", "T s", t.output or "")) for t in run.tests]


def _background_threads():
    return [t for t in threading.enumerate() if t.name == "kit-background-checks"]


def test_two_lanes_give_the_outcomes_of_one(reference_copy):
    # A partial-credit mission (Iris trained for a few steps only) and two full ones, with a unit.
    iris = reference_copy / "iris_mission.py"
    iris.write_text(iris.read_text(encoding="utf-8").replace("step_count = 2000", "step_count = 100"))
    only = ["functions.sigmoid", *MISSIONS]
    one = grade_submission(reference_copy, seed=3, only=only, lanes=1)
    two = grade_submission(reference_copy, seed=3, only=only, lanes=2)
    assert _comparable(two) == _comparable(one)
    units = [t.unit for t in two.tests]      # the report keeps the collection order (files by name)
    assert units.index("cnn_mission.train") < units.index("functions.sigmoid") < units.index("iris_mission.train")
    iris = next(t for t in two.tests if t.unit == "iris_mission.train")
    assert 0 < iris.score < iris.max_score, iris.output
    assert not _background_threads()


def test_a_mission_failing_in_the_background_fails_as_in_the_main_lane(stubs_copy):
    one = grade_submission(stubs_copy, seed=2, only=MISSIONS, lanes=1)
    two = grade_submission(stubs_copy, seed=2, only=MISSIONS, lanes=2)
    assert _comparable(two) == _comparable(one)
    assert all(t.score == 0 for t in two.tests)
    assert not _background_threads()


def test_a_run_cut_short_by_its_budget_leaves_no_background_check_running(tmp_path, reference_copy):
    slow = "import time\n\ndef train(x, t, seed=0):\n    time.sleep(60)\n"
    for mission in MISSIONS:
        replace_function(reference_copy / f"{mission}.py", "train", slow)
    started = time.monotonic()
    run = grade_submission(reference_copy, seed=1, only=MISSIONS, budget=3, lanes=2)
    assert time.monotonic() - started < 30
    assert all(t.score == 0 for t in run.tests)
    assert not _background_threads()


# ---------------------------------------------------------------- the lane itself, on stand-in tests

def _item(name, function, background=True, fixtures=("sub", "course_rng", "record_property"), cost=0):
    marker = SimpleNamespace(kwargs={"cost": cost})
    return SimpleNamespace(nodeid=f"test_{name}.py::test_{name}", name=f"test_{name}",
                           module=SimpleNamespace(__name__=f"test_{name}"), function=function,
                           fixturenames=list(fixtures),
                           get_closest_marker=lambda name: marker if background and name == "background" else None)


class _Settings:
    seed, course_seed = 1, 0

    def __init__(self):
        self.subs = []

    def budget_spent(self):
        return False

    def start_submission(self):
        sub = SimpleNamespace(advice=[], closed=False, begin_check=lambda: None)
        sub.close = lambda: setattr(sub, "closed", True)
        self.subs.append(sub)
        return sub


def test_the_thread_takes_the_cheapest_test_the_main_lane_the_costliest():
    ran = []
    release = threading.Event()

    def first(sub, course_rng, record_property):
        ran.append(("first", threading.current_thread().name))
        release.wait(5)
        record_property("feedback", "first done")

    def last(sub, course_rng, record_property):
        ran.append(("last", threading.current_thread().name))
        raise CheckFailed("last failed", score_fraction=0.5)

    items = [_item("unit", lambda sub, rng: None, background=False), _item("last", last, cost=9),
             _item("first", first, cost=1)]
    settings = _Settings()
    lane = BackgroundChecks(settings)
    order = lane.main_lane_order(items)
    assert [i.name for i in order] == ["test_unit", "test_last", "test_first"]
    lane.start(order)
    deadline = time.monotonic() + 5
    while not ran and time.monotonic() < deadline:
        time.sleep(0.01)
    last_job = lane.outcome(items[1])       # the thread is busy with `first`: the main lane runs `last`
    assert isinstance(last_job.error, CheckFailed) and last_job.error.score_fraction == 0.5
    release.set()
    first_job = lane.outcome(items[2])
    assert first_job.error is None and first_job.properties == [("feedback", "first done")]
    assert ran == [("first", "kit-background-checks"), ("last", threading.current_thread().name)]
    assert all(sub.closed for sub in settings.subs) and len(settings.subs) == 2
    lane.stop()
    assert not _background_threads()


def test_a_test_that_needs_other_fixtures_stays_in_the_main_lane():
    assert runs_in_background(_item("m", lambda sub, course_rng, record_property: None))
    assert not runs_in_background(_item("m", lambda sub, tmp_path: None, fixtures=("sub", "tmp_path")))
    assert not runs_in_background(_item("m", lambda sub: None, fixtures=("sub", "an_autouse_fixture")))
    assert not runs_in_background(_item("m", lambda sub: None, background=False))


@pytest.mark.parametrize("lanes", [1, 2])
def test_the_cli_takes_lanes(lanes, reference_copy, capsys):
    from autograder import cli

    assert cli.main(["grade", str(reference_copy), "--only", "functions.relu", "--lanes", str(lanes)]) == 0
    assert "functions.relu" in capsys.readouterr().out
