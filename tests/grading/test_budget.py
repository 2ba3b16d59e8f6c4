"""A whole run has a time budget: a submission stalling every call cannot take hours."""
import json

from autograder import cli
from autograder.grading import grade_submission

SLOW_EVERYTHING = """
import time
def __getattr__(name):               # every function of the module, each just under the call timeout
    def slow(*args, **kwargs):
        time.sleep(0.9)
    return slow
"""


def test_past_the_budget_the_remaining_checks_are_recorded_as_not_run(tmp_path, capsys):
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "functions.py").write_text(SLOW_EVERYTHING)
    out = tmp_path / "report.json"
    code = cli.main(["grade", str(submission), "--only", "functions", "--timeout", "1", "--budget", "2",
                     "--format", "json", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0
    assert "the time budget of 2 s ran out" in err and "checks did not run (scored 0)" in err
    report = json.loads(out.read_text())
    not_run = [t for t in report["tests"] if "did not run: the grading run used up its time budget" in t["output"]]
    assert not_run and all(t["score"] == 0 for t in report["tests"])
    assert report["execution_time"] < 10


def test_a_budget_that_suffices_changes_nothing(reference_copy):
    run = grade_submission(reference_copy, seed=1, only=["functions"], budget=120)
    assert run.score == run.max_score and run.budget_note is None
