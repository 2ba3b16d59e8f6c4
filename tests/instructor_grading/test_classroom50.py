"""Classroom 50: the generated autograder.py run as the runner runs it, result.json checked against the contract.

The runner (Classroom 50's wiki, "Advanced Autograding"): the student's
checkout is the working directory; CLASSROOM, ASSIGNMENT, SUBMISSION_TAG,
OWNER/USERNAME, ASSIGNMENT_TYPE, COMMIT_URL, RELEASE_URL, REVIEW_URL and
GITHUB_* are set; sibling files of autograder.py come with it; the script
must write ./result.json and exit 0 when it ran.
"""
import json
import os
import re
import subprocess
import sys

import pytest

from autograder.classroom50 import validate_result_v1

from .conftest import REPO, solved, stubs

COMMITTED = "2026-06-01T23:32:05+09:00"
COMMITTED_UTC = "2026-06-01T14:32:05Z"


def runner_environment(sha):
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "KIT_LANG")}
    env.update(CLASSROOM="dl-scratch", ASSIGNMENT="hw1", SUBMISSION_TAG="submit/2026-06-01T14-32-05Z-abc1234",
               OWNER="octocat", USERNAME="octocat", ASSIGNMENT_TYPE="individual",
               COMMIT_URL=f"https://github.com/dl-scratch/hw1-octocat/commit/{sha}",
               RELEASE_URL="https://github.com/dl-scratch/hw1-octocat/releases/tag/submit%2F2026-06-01T14-32-05Z",
               REVIEW_URL="https://github.com/dl-scratch/hw1-octocat/compare/base...abc1234",
               GITHUB_SHA=sha, GITHUB_REPOSITORY="dl-scratch/hw1-octocat", KIT_SKIP_SETUP="1")
    return env


def checkout(folder, fill):
    """A student's repository: exercises/ filled by `fill`, a README, one commit at COMMITTED; returns its sha."""
    fill(folder / "exercises")
    (folder / "README.md").write_text("my work\n")
    env = dict(os.environ, GIT_AUTHOR_DATE=COMMITTED, GIT_COMMITTER_DATE=COMMITTED, GIT_AUTHOR_NAME="o",
               GIT_AUTHOR_EMAIL="o@example.edu", GIT_COMMITTER_NAME="o", GIT_COMMITTER_EMAIL="o@example.edu")
    for argv in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "submit"]):
        subprocess.run(["git", "-C", str(folder), *argv], check=True, env=env, capture_output=True)
    return subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()


def contract_problems(result):
    """The documented contract, checked here independently of the kit's own validator."""
    problems = []
    if result.get("schema") != "classroom50/result/v1":
        problems.append("schema")
    for field in ("classroom", "assignment", "owner", "submission", "commit", "release", "review"):
        if not isinstance(result.get(field), str):
            problems.append(field)
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", result.get("datetime", "")):
        problems.append("datetime")
    for field in ("score", "max-score"):
        if type(result.get(field)) is not int:
            problems.append(field)
    for test in result.get("tests", []):
        if not (isinstance(test.get("test-name"), str) and type(test.get("passed")) is bool
                and type(test.get("score")) is int and type(test.get("max-score")) is int):
            problems.append(f"test {test}")
    if result.get("score") != sum(t["score"] for t in result["tests"]):
        problems.append("score is not the sum")
    if result.get("max-score") != sum(t["max-score"] for t in result["tests"]):
        problems.append("max-score is not the sum")
    return problems


@pytest.fixture(scope="module")
def autograder_folder(tmp_path_factory):
    out = tmp_path_factory.mktemp("classroom50") / "dl-scratch" / "autograders" / "hw1"
    done = subprocess.run([sys.executable, "-m", "autograder", "classroom50", str(out)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "CLASSROOM/autograders/ASSIGNMENT/" in done.stdout
    return out


def run_autograder(folder, student, sha):
    done = subprocess.run([sys.executable, str(folder / "autograder.py")], cwd=student,
                          env=runner_environment(sha), capture_output=True, text=True, timeout=600)
    return done


def test_the_folder_holds_the_hidden_suites_beside_autograder_py(autograder_folder):
    assert (autograder_folder / "autograder.py").is_file()
    assert (autograder_folder / "kit" / "autograder" / "hidden").is_dir()
    assert (autograder_folder / "requirements.txt").read_text().count("numpy") == 1


def test_a_solved_checkout_gets_full_marks_in_a_valid_result(autograder_folder, tmp_path):
    student = tmp_path / "hw1-octocat"
    sha = checkout(student, solved)
    done = run_autograder(autograder_folder, student, sha)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((student / "result.json").read_text())
    assert validate_result_v1(result) == [] and contract_problems(result) == []
    assert (result["classroom"], result["assignment"], result["owner"]) == ("dl-scratch", "hw1", "octocat")
    assert result["submission"] == "submit/2026-06-01T14-32-05Z-abc1234"
    assert result["commit"].endswith(sha) and result["review"].endswith("base...abc1234")
    assert result["datetime"] == COMMITTED_UTC                      # the commit's instant, not the grading's
    assert result["score"] == result["max-score"] > 0 and len(result["tests"]) > 20
    assert all(test["passed"] for test in result["tests"])
    body = (student / "release-body.md").read_text()
    assert body.startswith("# Grading report for octocat hw1") and f"{result['score']} / {result['max-score']}" in body


def test_stubs_and_an_empty_checkout_get_zero_and_say_why(autograder_folder, tmp_path):
    student = tmp_path / "stubs"
    sha = checkout(student, stubs)
    done = run_autograder(autograder_folder, student, sha)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((student / "result.json").read_text())
    assert contract_problems(result) == [] and result["score"] == 0 < result["max-score"]

    empty = tmp_path / "empty"
    sha = checkout(empty, lambda folder: folder.mkdir(parents=True))
    done = run_autograder(autograder_folder, empty, sha)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads((empty / "result.json").read_text())
    assert contract_problems(result) == [] and result["score"] == 0 < result["max-score"]
    assert "Keep your modules" in (empty / "release-body.md").read_text()


def test_the_validator_rejects_what_the_contract_forbids():
    good = {"schema": "classroom50/result/v1", "classroom": "c", "assignment": "a", "submission": "s",
            "commit": "u", "release": "r", "datetime": "2026-06-01T14:32:01Z", "score": 1, "max-score": 2,
            "tests": [{"test-name": "t", "passed": True, "score": 1, "max-score": 2}]}
    assert validate_result_v1(good) == []
    for broken in ({"score": 1.5}, {"datetime": "2026-06-01 14:32"}, {"schema": "v1"}, {"max-score": 3},
                   {"tests": [{"test-name": "t", "passed": "yes", "score": 1, "max-score": 2}]}):
        assert validate_result_v1({**good, **broken}), broken


def test_grade_format_classroom50_needs_the_runner_and_writes_the_contract(tmp_path):
    student = tmp_path / "hw1-octocat"
    sha = checkout(student, solved)
    command = [sys.executable, "-m", "autograder", "grade", str(student), "--format", "classroom50",
               "--only", "functions.sigmoid"]
    outside = {k: v for k, v in os.environ.items() if k not in ("CLASSROOM", "ASSIGNMENT")}
    done = subprocess.run(command, cwd=REPO, env=outside, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "CLASSROOM" in done.stderr
    env = runner_environment(sha)
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert validate_result_v1(result) == [] and contract_problems(result) == []
    assert result["datetime"] == COMMITTED_UTC and result["score"] == result["max-score"] == 2
