import copy
import json

import pytest

from autograder.reports.gradescope import GradescopeReport, validate_gradescope


@pytest.fixture
def results(error_run):
    return json.loads(GradescopeReport().render(error_run))


def test_output_validates_and_carries_the_spec_fields(results, error_run):
    assert validate_gradescope(results) == []
    assert results["score"] == 5.75 and results["max_score"] == 10
    assert results["extra_data"] == {"seed": 1234, "kit_version": "0.1.0", "submission": "students/alice",
                                     "protections": ["private mount namespace", "no network"]}
    assert "functions.py does not import" in results["output"]
    assert [t["number"] for t in results["tests"]] == ["1.1", "2.1", "3.1", "3.2", "4.1"]
    softmax = results["tests"][1]
    assert softmax["status"] == "failed" and softmax["score"] == 0.5
    assert softmax["tags"] == ["functions.softmax"]
    assert softmax["extra_data"]["diagnosis"] == "softmax over the wrong axis"
    assert "Likely mistake: softmax over the wrong axis" in softmax["output"]
    assert "\x1b" not in results["tests"][2]["output"]
    assert "diagnosis" not in results["tests"][0]["extra_data"]


def test_run_with_no_tests_still_validates(error_run):
    error_run.tests = []
    results = GradescopeReport().to_dict(error_run)
    assert validate_gradescope(results) == []
    assert results["score"] == 0 and results["tests"] == []


def test_the_summary_speaks_the_course_language(run, error_run, monkeypatch):
    monkeypatch.setenv("KIT_LANG", "ja")          # what a bundle built with --lang ja sets
    error_run.tests = []
    assert "何も採点されませんでした" in GradescopeReport().to_dict(error_run)["output"]
    output = GradescopeReport().to_dict(run)["output"]
    assert "得点" in output and "Score" not in output


def broken(results, change):
    data = copy.deepcopy(results)
    change(data)
    return validate_gradescope(data)


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["tests"][0].update(tags=[]), "unit tag"),
    (lambda d: d["tests"][0].update(score=2.0), "exceeds max_score"),
    (lambda d: d.update(score=11.0), "exceeds max_score"),
    (lambda d: d["tests"][0].update(status="pass"), "status"),
    (lambda d: d["tests"][0].update(visibility="public"), "visibility"),
    (lambda d: d.update(stdout_visibility=None), "stdout_visibility"),
    (lambda d: d["tests"][0].update(score="1"), "score must be a non-negative number"),
    (lambda d: d["tests"][0].update(max_score=True), "max_score must be"),
    (lambda d: d["tests"][1].update(number="1.1"), "more than once"),
    (lambda d: d["tests"].reverse(), "order"),
    (lambda d: d["tests"][0].update(number="first"), "number"),
    (lambda d: d["tests"][0]["extra_data"].pop("unit"), "extra_data.unit"),
    (lambda d: d["extra_data"].pop("seed"), "seed"),
    (lambda d: d.update(visiblity="visible"), "unknown top-level key"),
    (lambda d: d.update(score=1.0), "not the sum"),
    (lambda d: d.pop("tests"), "tests must be a list"),
])
def test_validate_rejects_broken_results(results, change, expected):
    problems = broken(results, change)
    assert any(expected in p for p in problems), problems


def test_validate_rejects_a_non_object():
    assert validate_gradescope([]) == ["results must be a JSON object"]


def test_write_produces_the_rendered_file(tmp_path, run):
    path = tmp_path / "results.json"
    GradescopeReport(visibility="after_published").write(run, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["visibility"] == "after_published"
    assert validate_gradescope(data) == []
