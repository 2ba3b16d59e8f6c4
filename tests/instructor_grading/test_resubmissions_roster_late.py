"""Batch: resubmissions regraded, --regrade, the roster's columns, late work from file and commit times."""
import csv
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from autograder.batch.content_hash import content_hash
from autograder.batch.roster import Roster, RosterError
from autograder.batch.discovery import discover

from .conftest import REPO, solved, stubs

ONLY = "functions.sigmoid"
DUE = "2026-11-20T23:59:00+09:00"


def batch(*args):
    finished = subprocess.run([sys.executable, "-m", "autograder", "batch", *map(str, args)], cwd=REPO,
                              capture_output=True, text=True, timeout=300)
    return finished.returncode, finished.stdout, finished.stderr


def gradebook(out):
    with open(out / "gradebook.csv", newline="") as file:
        return {row["submission"]: row for row in csv.DictReader(file)}


def at(folder, when):
    """Set every file's modification time under `folder` to the ISO instant `when`."""
    stamp = datetime.fromisoformat(when).timestamp()
    for path in folder.rglob("*"):
        os.utime(path, (stamp, stamp))


def git_repository(folder, when):
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="s",
               GIT_AUTHOR_EMAIL="s@example.edu", GIT_COMMITTER_NAME="s", GIT_COMMITTER_EMAIL="s@example.edu")
    for argv in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "submit"]):
        subprocess.run(["git", "-C", str(folder), *argv], check=True, env=env, capture_output=True)


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    base = tmp_path_factory.mktemp("term")
    folder = base / "class"
    at(solved(folder / "alice"), "2026-11-20T20:00:00+09:00")           # on time
    at(stubs(folder / "bob"), "2026-11-21T00:05:00+09:00")              # in the grace period
    at(solved(folder / "carol"), "2026-11-22T12:00:00+09:00")           # 2 started days late
    solved(folder / "hw1-dave" / "exercises")
    git_repository(folder / "hw1-dave", "2026-11-26T09:00:00+09:00")    # 6 days late: the cap
    roster = base / "roster.csv"
    roster.write_text("Submission,Student ID,Name,Email\nalice,s001,Alice Liddell,alice@example.edu\n"
                      "carol,s003,Carol Chen,carol@example.edu\ndave,s004,Dave Diaz,dave@example.edu\n")
    out = base / "graded"
    code, stdout, stderr = batch(folder, "--out", out, "--only", ONLY, "--seed", 3, "--roster", roster,
                                 "--due", DUE, "--grace", "15m", "--late-per-day", 10, "--late-cap", 50)
    assert code == 0, stdout + stderr
    return folder, out, stderr


def test_the_gradebook_carries_roster_identity_and_content(term):
    folder, out, stderr = term
    rows = gradebook(out)
    assert (rows["alice"]["student_id"], rows["alice"]["name"], rows["alice"]["email"]) == (
        "s001", "Alice Liddell", "alice@example.edu")
    assert rows["hw1-dave"]["student_id"] == "s004"           # a Classroom username matches its repository
    assert rows["bob"]["student_id"] == "" and "not in the roster" in stderr and "bob" in stderr
    assert rows["alice"]["content_hash"] == content_hash(folder / "alice").split(":")[1][:12]
    assert rows["alice"]["graded_at"].endswith("Z")


def test_late_work_is_counted_from_file_and_commit_times(term):
    _, out, _ = term
    rows = gradebook(out)
    assert rows["alice"]["submitted_from"] == "file time" and rows["hw1-dave"]["submitted_from"] == "git commit"
    assert rows["hw1-dave"]["submitted_at"] == "2026-11-26T00:00:00Z"
    assert [rows[n]["late_days"] for n in ("alice", "bob", "carol", "hw1-dave")] == ["0", "0", "2", "6"]
    assert [rows[n]["late_penalty_percent"] for n in ("alice", "carol", "hw1-dave")] == ["0", "20", "50"]
    assert rows["carol"]["total"] == rows["alice"]["total"] != "0"
    assert float(rows["carol"]["final_total"]) == pytest.approx(0.8 * float(rows["carol"]["total"]), abs=0.01)
    assert float(rows["hw1-dave"]["final_percent"]) == pytest.approx(50.0)
    assert rows["alice"]["final_percent"] == rows["alice"]["percent"] == "100.0"


def test_every_student_gets_feedback_files_with_the_graders_feedback(term):
    import html
    import json

    _, out, _ = term
    record = json.loads((out / "results" / "bob.json").read_text())
    markdown = (out / "feedback" / "bob.md").read_text()
    page = (out / "feedback" / "bob.html").read_text()
    assert f"{record['score']:g} / {record['max_score']:g}" in markdown
    failed = [test for test in record["tests"] if test["status"] == "failed"]
    assert failed                                            # bob handed in the stubs
    for test in failed:
        assert test["name"].replace("|", "\\|") in markdown and html.escape(test["name"]) in page
        assert test["output"].splitlines()[0] in markdown
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert sorted(p.name for p in (out / "feedback").iterdir()) == sorted(
        f"{name}.{kind}" for name in ("alice", "bob", "carol", "hw1-dave") for kind in ("md", "html"))


def test_a_late_students_feedback_files_state_the_penalty_and_the_final_score(term):
    _, out, _ = term
    rows = gradebook(out)
    carol = (out / "feedback" / "carol.md").read_text()
    assert "2 day(s) late: 20 % taken off" in carol and rows["carol"]["final_total"] in carol
    assert "20 % taken off" in (out / "feedback" / "carol.html").read_text()
    assert "late" not in (out / "feedback" / "alice.md").read_text().lower()     # on time: nothing said


def test_a_resubmission_is_regraded_and_regrade_forces_one(term):
    folder, out, _ = term
    before = gradebook(out)
    assert before["bob"]["total"] == "0"
    solved(folder / "bob")                                   # bob resubmits corrected code
    code, stdout, stderr = batch(folder, "--out", out, "--only", ONLY)
    assert code == 0, stdout + stderr
    assert "1 changed since graded, regraded" in stderr and "3 already graded, skipped" in stderr
    after = gradebook(out)
    assert after["bob"]["total"] == after["alice"]["total"] != "0"
    assert after["bob"]["content_hash"] != before["bob"]["content_hash"]
    assert after["carol"]["late_penalty_percent"] == "20"    # the roster and policy were kept
    code, stdout, stderr = batch(folder, "--out", out, "--only", ONLY, "--regrade", "carol")
    assert code == 0 and "grading 1 submission" in stderr and "[1/1] carol" in stderr
    assert gradebook(out)["carol"]["graded_at"] >= after["carol"]["graded_at"]
    code, _, stderr = batch(folder, "--out", out, "--only", ONLY, "--regrade", "zoe")
    assert code == 2 and "no submission named 'zoe'" in stderr


def test_roster_errors_say_what_is_wrong(tmp_path):
    bad = tmp_path / "roster.csv"
    bad.write_text("name,email\nAlice,a@example.edu\n")
    with pytest.raises(RosterError, match="no 'submission' column"):
        Roster.read(bad)
    bad.write_text("submission,name\nalice,A\nAlice,B\n")
    with pytest.raises(RosterError, match="appears twice"):
        Roster.read(bad)


def test_gradescope_ids_match_the_roster(tmp_path):
    export = tmp_path / "export"
    solved(export / "submission_123")
    (export / "submission_metadata.yml").write_text(
        "submission_123:\n  :submitters:\n  - :name: Erin\n  :created_at: 2026-11-21 01:00:00.000000000 +09:00\n")
    roster = tmp_path / "roster.csv"
    roster.write_text("submission,student_id\n123,s005\n")
    (submission,) = discover(export)
    assert Roster.read(roster).find(submission).student_id == "s005"
    assert submission.created_at.startswith("2026-11-21 01:00")

