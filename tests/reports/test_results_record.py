import json

from autograder.results import (
    TRUNCATION_MARKER, GradingRun, TestResult, strip_control_chars, truncate, unit_order,
)


def test_run_round_trips_through_json(error_run):
    again = GradingRun.from_dict(json.loads(json.dumps(error_run.to_dict())))
    assert again == error_run
    assert isinstance(again.tests[0], TestResult)


def test_numbered_run_round_trips(run):
    numbered = run.numbered()
    assert GradingRun.from_dict(json.loads(json.dumps(numbered.to_dict()))) == numbered


def test_from_dict_ignores_unknown_keys(run):
    data = run.to_dict()
    data["added_later"] = 1
    data["tests"][0]["also_added"] = 2
    assert GradingRun.from_dict(data) == run


def test_totals_and_units_in_contract_order(run):
    assert run.score == 5.75
    assert run.max_score == 10
    units = run.units()
    assert list(units) == ["functions.sigmoid", "functions.softmax", "layers.Affine", "iris_mission.train"]
    assert units["layers.Affine"] == (1, 3, 1, 2)
    assert units["layers.Affine"].passed == 1


def test_numbered_orders_by_unit_and_keeps_order_within_a_unit(run):
    numbered = run.numbered()
    assert [t.number for t in numbered.tests] == ["1.1", "2.1", "3.1", "3.2", "4.1"]
    affine = [t.name for t in numbered.tests if t.unit == "layers.Affine"]
    assert affine == ["backward matches the numerical gradient", "forward matches the reference"]
    assert run.tests[0].number == ""  # the original is untouched


def test_unit_order_puts_unknown_modules_last_in_first_seen_order():
    units = ["zeta.b", "optimizer.Adam", "alpha.a", "functions.relu", "optimizer.SGD", "zeta.a", "optimizer.Adam"]
    assert unit_order(units) == ["functions.relu", "optimizer.Adam", "optimizer.SGD", "zeta.b", "zeta.a", "alpha.a"]


def test_truncate_marks_the_cut_and_respects_the_limit():
    assert truncate("short", 10) == "short"
    cut = truncate("x" * 1000, 100)
    assert len(cut) <= 100 and cut.endswith(TRUNCATION_MARKER)
    assert len(truncate("x" * 1000, 5)) == 5


def test_feedback_keeps_the_diagnosis_when_truncated():
    test = TestResult("t", "functions.relu", 1, 0, False, output="y" * 10_000, diagnosis="relu of the wrong sign")
    feedback = test.feedback(200)
    assert len(feedback) <= 200
    assert TRUNCATION_MARKER in feedback
    assert feedback.endswith("Likely mistake: relu of the wrong sign")


def test_strip_control_chars_keeps_newlines_and_tabs():
    assert strip_control_chars("a\x1b[31mred\x1b[0m\r\nb\x00c\td\x07") == "ared\nbc\td"
