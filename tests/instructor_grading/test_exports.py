"""`autograder export`: Canvas, Moodle and plain CSV files, read back by their documented columns.

Canvas's gradebook import: header `Student, ID, SIS User ID, SIS Login ID,
Section, <assignment>...`, an optional `Points Possible` row, students
matched by ID or SIS User ID. Moodle's CSV grade import: any header, one
column mapped to a user field (email, ID number), one to the grade item,
one optionally to feedback.
"""
import csv
import io
import subprocess
import sys

import pytest

from autograder.exports import read_graded_rows
from autograder.reports import write_gradebook
from autograder.results import GradingRun, TestResult

from .conftest import REPO

CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def run_with(score):
    return GradingRun("x", 1, "0.1", [TestResult("t", "functions.sigmoid", 8, score, score == 8),
                                      TestResult("u", "functions.relu", 2, 2, True)])


@pytest.fixture
def graded(tmp_path):
    entries = [("alice", run_with(8), None), ("bob", run_with(4), None), ("carol", None, "grader crashed"),
               ("dave", run_with(8), None)]
    details = [{"student_id": "s001", "name": "Alice Liddell", "email": "alice@example.edu", "final_total": "10",
                "late_days": 0, "late_penalty_percent": "0"},
               {"student_id": "s002", "name": "Bob Baker", "email": "bob@example.edu", "final_total": "4.8",
                "late_days": 2, "late_penalty_percent": "20"},
               {"student_id": "s003", "name": "Carol Chen", "email": "carol@example.edu"},
               {"final_total": "10"}]                                   # not in the roster
    write_gradebook(entries, tmp_path / "gradebook.csv", details)
    return tmp_path


def export(folder, *args):
    done = subprocess.run([sys.executable, "-m", "autograder", "export", str(folder), *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


def test_canvas_import_file_round_trips(graded):
    code, stdout, stderr = export(graded, "--format", "canvas", "--assignment", "HW1 Neural nets")
    assert code == 0, stderr
    rows = list(csv.reader(io.StringIO((graded / "export_canvas.csv").read_text())))
    assert rows[0] == CANVAS_FIXED + ["HW1 Neural nets"]
    assert rows[1][0] == "Points Possible" and rows[1][5] == "10"
    by_sis = {row[2]: row for row in rows[2:]}
    assert by_sis["s001"][0] == "Alice Liddell" and by_sis["s001"][5] == "10"
    assert by_sis["s002"][5] == "4.8"                 # the late penalty applied
    assert by_sis["s003"][5] == ""                    # not graded: the cell leaves Canvas's grade alone
    assert len(rows) == 5 and "left out 1" in stderr and "dave" in stderr


def test_moodle_import_file_round_trips_with_rescaled_points(graded):
    code, _, stderr = export(graded, "--format", "moodle", "--assignment", "HW1", "--points", "100")
    assert code == 0, stderr
    rows = list(csv.DictReader(io.StringIO((graded / "export_moodle.csv").read_text())))
    assert list(rows[0]) == ["ID number", "Email address", "Full name", "HW1", "Feedback"]
    by_email = {row["Email address"]: row for row in rows}
    assert by_email["alice@example.edu"]["HW1"] == "100" and by_email["bob@example.edu"]["HW1"] == "48"
    assert "2 day(s) late: 20 % taken off" in by_email["bob@example.edu"]["Feedback"]
    assert by_email["carol@example.edu"]["Feedback"].startswith("Not graded: grader crashed")


def test_plain_csv_keeps_every_submission(graded):
    out = graded / "scores.csv"
    code, stdout, _ = export(graded, "--format", "csv", "--out", out)
    assert code == 0 and "4 student(s)" in stdout
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(r["submission"], r["score"], r["max_score"]) for r in rows] == [
        ("alice", "10", "10"), ("bob", "4.8", "10"), ("carol", "", ""), ("dave", "10", "10")]
    assert [r.final_total for r in read_graded_rows(graded)] == [10, 4.8, None, 10]


def test_export_of_a_folder_without_a_gradebook_says_so(tmp_path):
    code, _, stderr = export(tmp_path, "--format", "canvas")
    assert code == 2 and "autograder batch --out DIR" in stderr
