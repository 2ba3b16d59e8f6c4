"""The Gradescope bundle, unpacked into an /autograder-like tree and run as Gradescope runs it.

Nothing is installed: setup.sh's pip step is skipped (KIT_SKIP_SETUP=1) and
both scripts use this interpreter (KIT_PYTHON). Every results.json is checked
with the kit's strict Gradescope validator.
"""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from autograder.gradescope_bundle import build_bundle
from autograder.gradescope_bundle.archive import zip_problems
from autograder.gradescope_bundle.fallback import FALLBACK_MESSAGE
from autograder.reports import validate_gradescope

from .conftest import SOLUTIONS, solved, stubs, zip_folder

SUBMISSION_ID = 424242
NOBODY = 65534


@pytest.fixture(scope="module")
def bundle_zip(tmp_path_factory):
    return build_bundle(tmp_path_factory.mktemp("bundle") / "autograder.zip").out


def unpack(bundle_zip, root):
    """Gradescope's layout: the bundle in root/source (modes kept), run_autograder copied to root."""
    source = root / "source"
    with zipfile.ZipFile(bundle_zip) as archive:
        for info in archive.infolist():
            target = source / info.filename
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
            os.chmod(target, stat.S_IMODE(info.external_attr >> 16) or 0o644)
    (root / "run_autograder").write_bytes((source / "run_autograder").read_bytes())
    os.chmod(root / "run_autograder", 0o755)
    (root / "submission_metadata.json").write_text(json.dumps({"id": SUBMISSION_ID, "users": [{"name": "A"}]}))
    return root


@pytest.fixture
def gradescope(bundle_zip):
    """An /autograder-like tree whose folders other users may traverse, as /autograder's are.

    Not under pytest's tmp_path: that lies in a folder only its owner may enter,
    which would hide the kit from other users whatever run_autograder does.
    """
    parent = Path(tempfile.mkdtemp(prefix="gradescope-test-"))
    os.chmod(parent, 0o755)
    root = parent / "autograder"
    root.mkdir(mode=0o755)
    try:
        yield unpack(bundle_zip, root)
    finally:
        shutil.rmtree(parent, ignore_errors=True)


def run_autograder(root, python=sys.executable):
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "KIT_PYTHON": python}
    finished = subprocess.run(["bash", str(root / "run_autograder")], env=env, capture_output=True, text=True,
                              timeout=300)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    results = json.loads((root / "results" / "results.json").read_text())
    assert validate_gradescope(results) == []
    return results, finished.stdout


def test_the_zip_holds_the_entry_points_and_the_kit_but_not_the_stubs(bundle_zip):
    assert zip_problems(bundle_zip) == []
    with zipfile.ZipFile(bundle_zip) as archive:
        names = set(archive.namelist())
        modes = {i.filename: i.external_attr >> 16 for i in archive.infolist()}
        requirements = archive.read("requirements.txt").decode()
        settings = json.loads(archive.read("bundle.json"))
    assert modes["setup.sh"] & stat.S_IXUSR and modes["run_autograder"] & stat.S_IXUSR
    assert {"autograder/hidden/test_layers.py", "solutions/layers.py", "datasets/iris.csv"} <= names
    assert not any(name.startswith("exercises/") or "__pycache__" in name for name in names)
    assert {line.split(">")[0].split("=")[0] for line in requirements.splitlines()
            if line and not line.startswith("#")} == {"numpy", "pytest"}
    assert settings["seed"] is None


def test_setup_sh_is_valid_bash_and_its_check_grades_the_reference(gradescope):
    setup = gradescope / "source" / "setup.sh"
    assert subprocess.run(["bash", "-n", str(setup)]).returncode == 0
    env = {**os.environ, "KIT_SKIP_SETUP": "1", "KIT_PYTHON": sys.executable}
    finished = subprocess.run(["bash", str(setup)], cwd=setup.parent, env=env, capture_output=True, text=True,
                              timeout=300)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert re.search(r"self-check: the reference's functions.py scores (\d+) / \1\n", finished.stdout)


def test_a_solved_submission_gets_full_marks_with_the_seed_of_its_submission_id(gradescope):
    solved(gradescope / "submission")
    results, _ = run_autograder(gradescope)
    assert results["score"] == results["max_score"] > 0
    assert all(test["status"] == "passed" for test in results["tests"])
    assert results["extra_data"]["seed"] == SUBMISSION_ID
    assert results["extra_data"]["submission"] == f"gradescope submission {SUBMISSION_ID}"


def test_the_stubs_get_zero_and_a_zip_upload_is_graded_too(gradescope):
    stubs(gradescope / "stubs")
    (gradescope / "submission").mkdir()
    zip_folder(gradescope / "stubs", gradescope / "submission" / "my_work.zip")
    results, _ = run_autograder(gradescope)
    assert results["score"] == 0 and results["max_score"] > 0
    assert len(results["tests"]) > 20 and all(test["status"] == "failed" for test in results["tests"])


def test_a_japanese_course_quotes_the_todo_texts_in_japanese(tmp_path):
    bundle = build_bundle(tmp_path / "autograder.zip", language="ja").out
    parent = Path(tempfile.mkdtemp(prefix="gradescope-test-"))
    try:
        os.chmod(parent, 0o755)
        root = parent / "autograder"
        root.mkdir(mode=0o755)
        unpack(bundle, root)
        stubs(root / "submission")
        results, _ = run_autograder(root)
    finally:
        shutil.rmtree(parent, ignore_errors=True)
    relu = next(t["output"] for t in results["tests"] if t["extra_data"]["unit"] == "functions.relu")
    assert "要素ごとに max(0, x) を返しましょう" in relu, relu       # the stub's TODO, from the students' catalogue
    assert "return max(0, x)" not in relu


def test_a_submission_that_does_not_import_gets_zero_and_says_why(gradescope):
    submission = stubs(gradescope / "submission")
    (submission / "functions.py").write_text("def sigmoid(x:\n")
    results, _ = run_autograder(gradescope)
    assert results["score"] == 0 and results["max_score"] > 0
    feedback = [t["output"] for t in results["tests"] if t["extra_data"]["unit"].startswith("functions.")]
    assert feedback and all("SyntaxError" in text for text in feedback)


def test_an_upload_with_nothing_to_grade_gets_a_valid_zero_with_the_reason(gradescope):
    (gradescope / "submission").mkdir()
    (gradescope / "submission" / "notes.txt").write_text("I did not finish")
    results, _ = run_autograder(gradescope)
    assert results["score"] == 0 and results["max_score"] > 0 and len(results["tests"]) > 20
    assert all(test["status"] == "failed" and "not a submission" in test["output"] for test in results["tests"])
    assert "not a submission" in results["output"] and "Upload your .py modules" in results["output"]
    assert results["extra_data"]["seed"] == SUBMISSION_ID


def test_a_grader_that_cannot_start_still_leaves_a_valid_results_json(gradescope):
    solved(gradescope / "submission")
    (gradescope / "source" / "autograder" / "grading" / "runner.py").write_text("raise ImportError('broken kit')\n")
    results, stdout = run_autograder(gradescope)
    assert results["score"] == 0 and FALLBACK_MESSAGE in results["output"]
    assert "left no valid results.json" in stdout
    assert "has been told" not in results["output"] and "seed" not in results["output"]     # nothing was graded


def test_a_late_submission_two_folders_deep_is_graded_with_the_penalty_and_hidden_until_the_due_date(
        gradescope, tmp_path):
    from autograder.late_work import LatePolicy, parse_duration, parse_instant

    policy = LatePolicy(due=parse_instant("2026-11-20T23:59+09:00"), grace=parse_duration("15m"),
                        per_day_percent=10, cap_percent=50)
    built = build_bundle(tmp_path / "late.zip", visibility="after_due_date", late_policy=policy).out
    with zipfile.ZipFile(built) as archive:
        settings = json.loads(archive.read("bundle.json"))
    assert settings["visibility"] == "after_due_date" and settings["late_policy"]["per_day_percent"] == 10
    (gradescope / "source" / "bundle.json").write_text(json.dumps(settings))
    metadata = {"id": SUBMISSION_ID, "created_at": "2026-11-22T10:00:00.000000+09:00", "users": [{"name": "A"}]}
    (gradescope / "submission_metadata.json").write_text(json.dumps(metadata))
    solved(gradescope / "submission" / "hw" / "code")
    results, stdout = run_autograder(gradescope)
    assert results["max_score"] > 0 and all(test["status"] == "passed" for test in results["tests"])
    assert results["score"] == pytest.approx(0.8 * results["max_score"])          # 2 started days late: 20 %
    assert "Submitted 2 day(s) late: 20 % taken off" in results["output"]
    assert results["visibility"] == "after_due_date"
    assert {test["visibility"] for test in results["tests"]} == {"after_due_date"}


@pytest.mark.skipif(os.geteuid() != 0, reason="run_autograder drops to nobody only when run as root")
def test_student_code_can_neither_read_nor_list_the_kit(gradescope):
    """A submission that copies the reference's code from the bundle earns nothing.

    Two layers, both checked: the sandbox's private mount namespace (where the
    kernel allows it, the kit does not exist for the worker) and file modes
    (run_autograder makes source/ unreadable to other users).
    """
    submission = stubs(gradescope / "submission")
    kit_copy = gradescope / "source" / "solutions" / "functions.py"
    (submission / "functions.py").write_text(
        "import os\n"
        "try:\n"
        f"    exec(open({str(kit_copy)!r}).read())\n"
        "except Exception as error:\n"
        "    REASON = repr(error)\n"
        "    def sigmoid(x):\n"
        "        raise RuntimeError('could not copy the kit: ' + REASON)\n")
    results, _ = run_autograder(gradescope)
    sigmoid = [t for t in results["tests"] if t["extra_data"]["unit"] == "functions.sigmoid"]
    assert sigmoid and all(t["status"] == "failed" for t in sigmoid)
    assert any("could not copy the kit" in t["output"] for t in sigmoid)
    assert results["score"] == 0
    protections = " ".join(results["extra_data"]["protections"])
    assert "unprivileged user" in protections
    # Which layer stopped it: in a private mount namespace the kit's path does not exist at all.
    hidden_by = "FileNotFoundError" if "private mount namespace" in protections else "PermissionError"
    assert any(hidden_by in t["output"] for t in sigmoid)
    # The file-mode layer on its own: nobody cannot read the kit, though it can read a file beside it.
    control = gradescope / "readable.txt"
    control.write_text("anyone may read this")
    os.chmod(control, 0o644)
    assert readable_by_nobody(control)
    assert not readable_by_nobody(kit_copy)
    assert not readable_by_nobody(gradescope / "submission_metadata.json")
    assert SOLUTIONS.exists()


def readable_by_nobody(path):
    """Whether uid/gid 65534 can open `path` (tried in a forked child that drops to it)."""
    pid = os.fork()
    if pid == 0:
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            with open(path, "rb"):
                pass
            os._exit(0)
        except PermissionError:
            os._exit(13)
        except BaseException:  # noqa: BLE001 - the child must never return into pytest
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    assert code in (0, 13), f"the probe failed with exit code {code}"
    return code == 0
