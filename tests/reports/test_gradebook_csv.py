import csv

from autograder.reports.gradebook import write_gradebook
from autograder.results import GradingRun, TestResult


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_gradebook_rows_with_an_ungraded_submission(tmp_path, run, error_run):
    bob = GradingRun("students/bob", 1234, "0.1.0",
                     [TestResult("step", "functions.step_function", 1, 1, True),
                      TestResult("adam", "optimizer.Adam", 2, 0, False)])
    path = tmp_path / "gradebook.csv"
    write_gradebook([("alice", run, None), ("bob", bob, None), ("carol", None, "timed out\nafter 600 s"),
                     ("dave", error_run, None)], path)
    with open(path, newline="", encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert header == ["submission", "functions.sigmoid", "functions.softmax", "functions.step_function",
                      "layers.Affine", "optimizer.Adam", "iris_mission.train",
                      "total", "max_total", "percent", "errors"]
    alice, bob_row, carol, dave = read(path)
    assert alice["layers.Affine"] == "1" and alice["iris_mission.train"] == "3.25"
    assert alice["optimizer.Adam"] == ""  # not graded for this run, not zero
    assert (alice["total"], alice["max_total"], alice["percent"], alice["errors"]) == ("5.75", "10", "57.5", "")
    assert bob_row["optimizer.Adam"] == "0" and bob_row["total"] == "1" and bob_row["percent"] == "33.3"
    assert all(carol[c] == "" for c in header[1:-1])
    assert carol["errors"] == "timed out | after 600 s"
    assert "functions.py does not import" in dave["errors"] and dave["total"] == "5.75"


def test_column_order_does_not_depend_on_run_order(tmp_path, run):
    other = GradingRun("b", 1, "0.1.0", [TestResult("x", "optimizer.SGD", 1, 1, True),
                                         TestResult("y", "functions.relu", 1, 1, True)])
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    write_gradebook([("a", run, None), ("b", other, None)], first)
    write_gradebook([("b", other, None), ("a", run, None)], second)
    assert first.read_text().splitlines()[0] == second.read_text().splitlines()[0]


def test_cells_cannot_become_spreadsheet_formulas(tmp_path):
    path = tmp_path / "gradebook.csv"
    write_gradebook([("=cmd()", None, "=HYPERLINK(\"x\")")], path)
    (row,) = read(path)
    assert row["submission"] == "'=cmd()" and row["errors"].startswith("'=")
