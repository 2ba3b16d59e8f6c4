"""`autograder batch` on a small class: layouts, gradebook, report, errors, interrupt and resume.

Grading is limited to functions and layers (--only) to keep the runs short;
every other part of the pipeline is the one a full batch uses.
"""
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.batch import grade_class
from autograder.batch import class_grading as grade_class_module
from autograder.batch.class_grading import submission_seed
from autograder.batch.content_hash import content_hash
from autograder.batch.discovery import NOTEBOOK_PROBLEM, discover, gradescope_submitters
from autograder.mistakes import MISTAKES
from autograder.reports import validate_gradescope
from autograder.reports.gradebook import DETAIL_COLUMNS, IDENTITY_COLUMNS

from .conftest import REPO, solved, stubs, zip_folder

ONLY = "functions,layers"
MISTAKE = "sigmoid with the wrong sign in exp"
UNITS = ["functions.step_function", "functions.sigmoid", "functions.relu", "functions.softmax",
         "functions.mean_squared_error", "functions.cross_entropy_error", "layers.Relu", "layers.Sigmoid",
         "layers.Affine", "layers.SoftmaxWithLoss", "layers.Dropout", "layers.BatchNormalization",
         "layers.Convolution", "layers.Pooling"]


def batch(*args, timeout=300):
    """`autograder batch ARGS` in a subprocess: (exit code, stdout, stderr)."""
    finished = subprocess.run([sys.executable, "-m", "autograder", "batch", *map(str, args)], cwd=REPO,
                              capture_output=True, text=True, timeout=timeout)
    return finished.returncode, finished.stdout, finished.stderr


def make_class(folder):
    """A solved, a stub, a broken-import, a zip, a Classroom repo, a recognised mistake, notebooks, a stray file."""
    solved(folder / "alice")
    stubs(folder / "bob")
    (solved(folder / "carol") / "functions.py").write_text("def sigmoid(x:\n")
    zip_folder(solved(folder.parent / "dave_work"), folder / "dave.zip")
    solved(folder / "hw1-erin" / "exercises")
    (folder / "hw1-erin" / "README.md").write_text("my repository")
    next(m for m in MISTAKES if m.name == MISTAKE).write_into(solved(folder / "frank"))
    (folder / "gina" / "functions").mkdir(parents=True)
    (folder / "gina" / "functions" / "functions.ipynb").write_text("{}")
    (folder / "roster.csv").write_text("name\nalice\n")
    return folder


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    folder = make_class(base / "class")
    out = base / "graded"
    code, stdout, stderr = batch(folder, "--out", out, "--jobs", 2, "--only", ONLY, "--seed", 5)
    assert code == 0, stdout + stderr
    return folder, out, stderr


def read_gradebook(out):
    with open(out / "gradebook.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    return {row["submission"]: row for row in rows}, list(rows[0])


def test_every_submission_gets_a_valid_record(graded_class):
    folder, out, stderr = graded_class
    paths = {s.name: s.path for s in discover(folder, exclude=[out])}
    names = sorted(p.stem for p in (out / "results").glob("*.json"))
    assert names == ["alice", "bob", "carol", "dave", "frank", "gina", "hw1-erin"]
    for name in names:
        record = json.loads((out / "results" / f"{name}.json").read_text())
        assert validate_gradescope(record) == [], name
        held = content_hash(paths[name])
        assert record["extra_data"]["seed"] == submission_seed(5, held)   # fresh inputs per content
        assert record["extra_data"]["graded"] == (name != "gina")
    assert "[7/7]" in stderr                       # progress, one line per submission off a terminal
    assert json.loads((out / "batch.json").read_text())["seed"] == 5


def test_the_gradebook_has_a_row_per_submission_and_a_column_per_unit(graded_class):
    _, out, _ = graded_class
    rows, columns = read_gradebook(out)
    assert columns == ["submission", *IDENTITY_COLUMNS, *UNITS, "total", "max_total", "percent", *DETAIL_COLUMNS,
                       "errors"]
    assert set(rows) == {"alice", "bob", "carol", "dave", "frank", "gina", "hw1-erin"}
    for full in ("alice", "dave", "hw1-erin"):             # folder, zip, Classroom repo
        assert rows[full]["total"] == rows[full]["max_total"] == "36" and rows[full]["percent"] == "100.0"
    assert rows["bob"]["total"] == "0" and rows["bob"]["errors"] == ""
    assert rows["carol"]["total"] == "0" and "does not import: functions.py (SyntaxError)" in rows["carol"]["errors"]
    assert rows["frank"]["functions.sigmoid"] == "0" and rows["frank"]["functions.relu"] == "1"
    assert rows["gina"]["total"] == "" and "nbgrader" in rows["gina"]["errors"]


def test_the_report_carries_pass_rates_mistakes_and_the_distribution(graded_class):
    _, out, _ = graded_class
    report = (out / "report.md").read_text()
    assert "7 submissions: 6 graded, 1 could not be graded." in report
    # sigmoid: alice, dave, erin pass; bob (stub), carol (no import), frank (the mistake) fail.
    assert f"| functions.sigmoid | 2 | 50 % | 3/6 | 50 % | {MISTAKE} (1) |" in report
    assert "| functions.relu | 1 | 67 % | 4/6 | 67 % | - |" in report
    # frank: 32.5 of 36 (sigmoid's 2 points, 1.5 of layers.Sigmoid's), beside alice, dave and erin
    assert "| [0, 10) % | 2 |" in report and "| [90, 100] % | 4 |" in report
    assert "| [80, 90) % | 0 |" in report
    assert "| functions.py | 1 | carol |" in report        # carol's functions.py does not import
    assert f"- gina: not graded: {NOTEBOOK_PROBLEM}" in report
    assert "![Pass rate per unit and score distribution](report.png)" in report
    png = (out / "report.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000


def test_a_rerun_skips_what_is_done_and_other_options_need_force(graded_class):
    folder, out, _ = graded_class
    before = {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()}
    code, _, stderr = batch(folder, "--out", out, "--jobs", 2, "--only", ONLY, "--seed", 5)
    assert code == 0 and "7 already graded, skipped" in stderr
    assert {p.name: p.stat().st_mtime_ns for p in (out / "results").iterdir()} == before
    code, _, stderr = batch(folder, "--out", out, "--only", ONLY, "--seed", 6)
    assert code == 2 and "--force" in stderr


def test_a_crashing_or_endless_grader_is_recorded_and_the_batch_goes_on(tmp_path, monkeypatch):
    stubs(tmp_path / "class" / "crashes")
    stubs(tmp_path / "class" / "hangs")
    stubs(tmp_path / "class" / "fine")
    real_command = grade_class_module._command

    def command(submission, *args, **kwargs):
        if submission.name == "crashes":
            return [sys.executable, "-c", "import sys; print('grader exploded'); sys.exit(3)"]
        if submission.name == "hangs":
            return [sys.executable, "-c", "import time; time.sleep(120)"]
        return real_command(submission, *args, **kwargs)

    monkeypatch.setattr(grade_class_module, "_command", command)
    outcome = grade_class(tmp_path / "class", tmp_path / "out", jobs=2, seed=1, only=["functions.relu"],
                          wall_limit=5, progress=False)
    assert sorted(outcome.recorded_now) == ["crashes", "fine", "hangs"]
    assert sorted(outcome.errors_now) == ["crashes", "hangs"]
    rows, _ = read_gradebook(tmp_path / "out")
    assert "exit code 3" in rows["crashes"]["errors"] and "grader exploded" in rows["crashes"]["errors"]
    assert "longer than 5 s" in rows["hangs"]["errors"]
    assert rows["fine"]["total"] == "0" and rows["fine"]["errors"] == ""
    assert (tmp_path / "out" / "logs" / "crashes.log").is_file()
    assert not (tmp_path / "out" / "logs" / "fine.log").exists()

    monkeypatch.setattr(grade_class_module, "_command", real_command)     # the cause is fixed
    again = grade_class(tmp_path / "class", tmp_path / "out", jobs=2, only=["functions.relu"], wall_limit=60,
                        retry_errors=True, progress=False)
    assert sorted(again.recorded_now) == ["crashes", "hangs"] and again.skipped == ["fine"]
    rows, _ = read_gradebook(tmp_path / "out")
    assert all(row["total"] == "0" and row["errors"] == "" for row in rows.values())
    assert json.loads((tmp_path / "out" / "batch.json").read_text())["seed"] == 1   # kept from the first run


def grading_processes(out):
    """pids of grading processes still writing into `out`."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            command = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"autograder.batch.grade_one" in command and any(str(out).encode() in part for part in command):
            found.append(int(entry))
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_an_interrupted_batch_resumes_where_it_stopped(tmp_path, stop):
    folder = tmp_path / "class"
    for index in range(3):
        solved(folder / f"solved{index}")
        stubs(folder / f"stub{index}")
    out = tmp_path / "out"
    args = [sys.executable, "-m", "autograder", "batch", folder, "--out", out, "--jobs", 2, "--only", "functions"]
    process = subprocess.Popen(list(map(str, args)), cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not list((out / "results").glob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(stop)
    process.wait(timeout=60)
    for _ in range(100):                   # SIGKILL: the grading processes follow their parent
        if not grading_processes(out):
            break
        time.sleep(0.1)
    assert grading_processes(out) == []
    done = sorted(p.stem for p in (out / "results").glob("*.json"))
    assert 1 <= len(done) < 6, "the interrupt should land while submissions are left"
    if stop == signal.SIGTERM:
        assert process.returncode == 130 and "rerun" in process.stderr.read().decode()
    for name in done:                      # nothing half-written
        assert validate_gradescope(json.loads((out / "results" / f"{name}.json").read_text())) == []
    before = {name: (out / "results" / f"{name}.json").stat().st_mtime_ns for name in done}

    code, _, stderr = batch(folder, "--out", out, "--jobs", 2, "--only", "functions")
    assert code == 0, stderr
    assert f"{len(done)} already graded, skipped" in stderr
    assert {name: (out / "results" / f"{name}.json").stat().st_mtime_ns for name in done} == before
    rows, _ = read_gradebook(out)
    assert sorted(rows) == sorted([f"solved{i}" for i in range(3)] + [f"stub{i}" for i in range(3)])
    assert all(rows[f"solved{i}"]["percent"] == "100.0" and rows[f"stub{i}"]["total"] == "0" for i in range(3))
    assert all(row["errors"] == "" for row in rows.values())


def test_discovery_reads_gradescope_classroom_and_nbgrader_layouts(tmp_path):
    export = tmp_path / "assignment_77_export"
    solved(export / "submission_101")
    stubs(export / "submission_102")
    (export / "submission_metadata.yml").write_text(
        "submission_101:\n  :submitters:\n  - :name: Ada Lovelace\n    :sid: '1'\n    :email: ada@example.org\n"
        "  :created_at: 2024-01-01\nsubmission_102:\n  :submitters:\n  - :name: 'Alan Turing'\n"
        "  - :name: Grace Hopper\n")
    found = discover(tmp_path)
    assert [(s.name, s.layout, s.label) for s in found] == [
        ("submission_101", "gradescope", "submission_101 (Ada Lovelace)"),
        ("submission_102", "gradescope", "submission_102 (Alan Turing, Grace Hopper)")]
    assert gradescope_submitters(tmp_path / "missing.yml") == {}

    course = tmp_path / "course"
    (course / "submitted" / "ana" / "functions").mkdir(parents=True)
    (course / "submitted" / "ana" / "functions" / "functions.ipynb").write_text("{}")
    assert [(s.name, s.layout, s.problem) for s in discover(course)] == [("ana", "nbgrader", NOTEBOOK_PROBLEM)]

    plain = tmp_path / "plain"
    solved(plain / "hw1-bo" / "exercises")
    solved(plain / "al")
    zip_folder(plain / "al", plain / "al.zip")
    (plain / "al b.zip").write_bytes((plain / "al.zip").read_bytes())
    assert [(s.name, s.layout) for s in discover(plain)] == [
        ("al", "plain"), ("al_b", "zip"), ("al-2", "zip"), ("hw1-bo", "classroom")]


@pytest.mark.parametrize("jobs, lanes", [(1, None), (2, "1")])
def test_with_several_jobs_each_grading_process_runs_one_check_at_a_time(jobs, lanes, tmp_path, monkeypatch):
    """--jobs N already fills the cores: no grading process also trains a mission on a second lane."""
    stubs(tmp_path / "class" / "ann")
    commands = []
    real_command = grade_class_module._command

    def command(*args, **kwargs):
        argv = real_command(*args, **kwargs)
        commands.append(argv)
        return argv

    monkeypatch.setattr(grade_class_module, "_command", command)
    grade_class(tmp_path / "class", tmp_path / "out", jobs=jobs, seed=1, only=["functions.relu"], progress=False)
    argv = commands[0]
    assert (argv[argv.index("--lanes") + 1] if "--lanes" in argv else None) == lanes
