import base64
import json

from autograder.reports.classroom import ClassroomReport

TEST_KEYS = {"name", "status", "score", "message", "test_code", "filename", "line_no", "execution_time"}


def decode(text):
    return json.loads(base64.b64decode(text, validate=True).decode("utf-8"))


def reporter_points(results):
    """What autograding-grading-reporter's NotifyClassroom sends: sum of tests[].score over max_score."""
    return sum(t["score"] for t in results["tests"]), results["max_score"]


def test_base64_decodes_to_the_documented_shape(run):
    results = decode(ClassroomReport().encode(run))
    assert results["version"] == 1
    assert results["status"] == "fail"
    assert results["tests"] and all(set(t) == TEST_KEYS for t in results["tests"])
    assert {t["status"] for t in results["tests"]} == {"pass", "fail"}
    assert all(t["line_no"] == 0 for t in results["tests"])  # else the reporter prints "- line N"
    assert results == json.loads(ClassroomReport().render(run))


def test_points_sum_to_the_run_score(run):
    total, maximum = reporter_points(decode(ClassroomReport().encode(run)))
    assert abs(total - run.score) < 1e-9 and maximum == run.max_score


def test_failed_feedback_is_in_message_and_test_code(run):
    results = decode(ClassroomReport().encode(run))
    softmax = next(t for t in results["tests"] if "functions.softmax" in t["name"])
    assert softmax["status"] == "fail" and softmax["score"] == 0.5
    assert "Likely mistake: softmax over the wrong axis" in softmax["message"]
    assert softmax["test_code"] == softmax["message"]
    passed = next(t for t in results["tests"] if t["status"] == "pass")
    assert passed["test_code"] == ""


def test_grader_error_is_reported_as_an_error_test(error_run):
    results = decode(ClassroomReport().encode(error_run))
    first = results["tests"][0]
    assert first["status"] == "error" and first["score"] == 0
    assert "functions.py does not import" in first["message"]
    assert reporter_points(results)[0] == error_run.score


def test_all_passed_is_pass_and_no_tests_is_error(run):
    run.tests = [t for t in run.tests if t.passed]
    assert ClassroomReport().to_dict(run)["status"] == "pass"
    run.tests = []
    results = ClassroomReport().to_dict(run)
    assert results["status"] == "error" and results["message"]


def test_github_output_gets_one_result_line(run, tmp_path):
    output = tmp_path / "github_output"
    output.write_text("earlier=1\n")
    assert ClassroomReport().write_github_output(run, env={"GITHUB_OUTPUT": str(output)})
    lines = output.read_text().splitlines()
    assert lines[0] == "earlier=1" and lines[1].startswith("result=") and len(lines) == 2
    assert decode(lines[1][len("result="):])["max_score"] == run.max_score


def test_github_output_unset_writes_nothing(run):
    assert ClassroomReport().write_github_output(run, env={}) is False


def test_long_feedback_is_shortened_to_fit_one_environment_variable(run):
    from autograder.reports.classroom import ENCODED_LIMIT
    for test in run.tests:
        test.output = "z" * 50_000
    run.tests = run.tests * 40
    encoded = ClassroomReport().encode(run)
    assert len(encoded) <= ENCODED_LIMIT
    results = decode(encoded)
    assert abs(reporter_points(results)[0] - run.score) < 1e-9
    failed = [t for t in results["tests"] if t["status"] == "fail"]
    assert all(t["message"] == t["test_code"] for t in failed)
