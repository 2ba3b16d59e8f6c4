"""Submission intake: safe zip extraction, finding the modules' folder, provided helpers added."""
import os
import stat
import zipfile

import pytest

from autograder.grading import grade_submission
from autograder.submission_intake import SubmissionError, open_submission

from .conftest import SOLUTIONS, copy_submission


def make_zip(path, members):
    """members: name -> text, or (text, unix mode) for a link or special file."""
    with zipfile.ZipFile(path, "w") as zipped:
        for name, content in members.items():
            if isinstance(content, tuple):
                info = zipfile.ZipInfo(name)
                info.external_attr = content[1] << 16
                zipped.writestr(info, content[0])
            else:
                zipped.writestr(name, content)
    return path


@pytest.mark.parametrize("name", ["../evil.py", "/tmp/evil.py", "sub/../../evil.py"])
def test_zip_paths_outside_the_folder_are_refused(tmp_path, name):
    archive = make_zip(tmp_path / "s.zip", {"functions.py": "", name: "print('gotcha')"})
    with pytest.raises(SubmissionError, match="unsafe path"):
        with open_submission(archive):
            pass
    assert not (tmp_path / "evil.py").exists()


def test_zip_links_are_refused(tmp_path):
    archive = make_zip(tmp_path / "s.zip", {"functions.py": ("/work/main/solutions/functions.py",
                                                             stat.S_IFLNK | 0o777)})
    with pytest.raises(SubmissionError, match="link"):
        with open_submission(archive):
            pass


def test_not_a_zip_and_not_a_folder(tmp_path):
    bogus = tmp_path / "s.zip"
    bogus.write_text("not a zip")
    with pytest.raises(SubmissionError, match="zip"):
        with open_submission(bogus):
            pass
    notebook = tmp_path / "s.ipynb"
    notebook.write_text("{}")
    with pytest.raises(SubmissionError, match="notebook"):
        with open_submission(notebook):
            pass


def test_two_candidate_folders_are_ambiguous(tmp_path):
    copy_submission(SOLUTIONS, tmp_path / "outer" / "a")
    copy_submission(SOLUTIONS, tmp_path / "outer" / "b")
    with pytest.raises(SubmissionError, match="several folders"):
        with open_submission(tmp_path / "outer"):
            pass


def test_extracted_files_are_removed_afterwards(tmp_path):
    archive = make_zip(tmp_path / "s.zip", {"hw/functions.py": "x = 1\n"})
    with open_submission(archive) as folder:
        assert (folder / "functions.py").read_text() == "x = 1\n"
    assert not folder.exists()


def test_provided_helpers_are_added_when_missing(tmp_path):
    submission = copy_submission(SOLUTIONS, tmp_path / "s")
    for helper in ("data.py", "training_log.py", "translation.py", "__init__.py"):
        os.remove(submission / helper)
    run = grade_submission(submission, seed=1, only=["iris_mission"])
    assert run.score == run.max_score, run.tests[0].output
    assert not (submission / "data.py").exists()   # the student's folder is never changed


def test_the_students_own_helper_wins(tmp_path):
    submission = copy_submission(SOLUTIONS, tmp_path / "s")
    (submission / "data.py").write_text("# the student's own data.py\n")
    with open_submission(submission) as folder:
        assert folder != submission           # graded from the grader's one copy
        assert (folder / "data.py").read_text() == "# the student's own data.py\n"


def test_an_ungraded_run_still_makes_a_valid_results_file():
    from autograder.grading import ungraded_run
    from autograder.reports.gradescope import GradescopeReport, validate_gradescope

    run = ungraded_run("handed-in.zip", "handed-in.zip: not a submission", seed=5)
    data = GradescopeReport().to_dict(run)
    assert validate_gradescope(data) == [] and data["score"] == 0 and data["max_score"] > 0
    assert "not a submission" in data["output"]


def test_the_callers_pytest_options_do_not_reach_grading(monkeypatch):
    monkeypatch.setenv("PYTEST_ADDOPTS", "-x --maxfail=1")
    run = grade_submission(SOLUTIONS.parent / "exercises", seed=1, only=["functions"])
    assert len(run.tests) == 9 and all("not implemented yet" in t.output for t in run.tests)
