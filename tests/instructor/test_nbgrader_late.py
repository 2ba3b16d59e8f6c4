"""The kit's late policy in nbgrader, with the real nbgrader CLI: due date, timestamp.txt, autograde."""
import shutil

import pytest

from autograder import cli

from .test_nbgrader_course import nbgrader

pytest.importorskip("nbgrader", reason="the instructor extra (nbgrader) is not installed")


def test_nbgrader_takes_the_kits_late_penalty(tmp_path):
    course = tmp_path / "course"
    assert cli.main(["nbgrader", str(course), "--seed", "3", "--late-per-day", "10", "--late-cap", "50",
                     "--grace", "15m"]) == 0
    assert "KitLatePenalty.per_day_percent = 10.0" in (course / "nbgrader_config.py").read_text()
    nbgrader(["db", "assignment", "add", "functions", "--duedate", "2026-12-01 23:59:00 UTC"], course)
    nbgrader(["generate_assignment", "functions", "--force"], course)
    times = {"ontime": "2026-12-02 00:10:00 UTC",       # within the 15 minutes' grace
             "late": "2026-12-03 10:00:00 UTC",         # 34 hours late: 2 started days, 20 %
             "verylate": "2026-12-20 10:00:00 UTC"}     # capped at 50 %
    for student, stamp in times.items():
        folder = course / "submitted" / student / "functions"
        folder.mkdir(parents=True)
        shutil.copyfile(course / "source" / "functions" / "functions.ipynb", folder / "functions.ipynb")
        (folder / "timestamp.txt").write_text(stamp + "\n")
    nbgrader(["autograde", "functions", "--create"], course)

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        found = {s.student.id: s for s in book.assignment_submissions("functions")}
        penalties = {name: (s.late_submission_penalty, s.max_score) for name, s in found.items()}
    for student, share in (("ontime", 0.0), ("late", 0.2), ("verylate", 0.5)):
        penalty, max_score = penalties[student]
        assert max_score > 0 and penalty == pytest.approx(share * max_score), (student, penalties)
