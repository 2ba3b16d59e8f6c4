"""The `autograder grade` command: formats, --out, --only, --seed, exit codes, zips and folders."""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest

from autograder.cli import main
from autograder.reports.gradescope import validate_gradescope

from .conftest import EXERCISES, REPO, SOLUTIONS, copy_submission

FAST = ["--only", "functions.relu", "--only", "layers.Affine"]   # two cheap units


def grade(capsys, *args):
    code = main(["grade", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_is_the_default_and_exit_is_0(capsys):
    code, out, err = grade(capsys, SOLUTIONS, *FAST, "--seed", 5)
    assert code == 0
    assert "functions.relu" in out and "layers.Affine" in out and "Total: 4 / 4 points" in out
    assert "seed 5" in out


def test_json_is_a_valid_gradescope_results_file(capsys):
    code, out, _ = grade(capsys, SOLUTIONS, *FAST, "--seed", 11, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert validate_gradescope(data) == []
    assert data["score"] == data["max_score"] == 4
    assert data["extra_data"]["seed"] == 11
    assert {tag for test in data["tests"] for tag in test["tags"]} == {"functions.relu", "layers.Affine"}


def test_junit_and_classroom_formats(capsys, tmp_path):
    junit = tmp_path / "report.xml"
    code, out, _ = grade(capsys, SOLUTIONS, *FAST, "--format", "junit", "--out", junit)
    assert code == 0 and out == ""
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites" and root.get("failures") == "0"
    code, out, _ = grade(capsys, SOLUTIONS, *FAST, "--format", "classroom")
    assert code == 0
    result = json.loads(out)
    assert result["max_score"] == 4 and sum(t["score"] for t in result["tests"]) == 4


def test_out_writes_the_file_whole_and_nothing_else(capsys, tmp_path):
    target = tmp_path / "results.json"
    code, out, _ = grade(capsys, EXERCISES, *FAST, "--format", "json", "--out", target)
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["score"] == 0
    assert sorted(os.listdir(tmp_path)) == ["results.json"]   # no temporary file left behind


def test_only_takes_units_modules_and_comma_lists(capsys):
    code, out, _ = grade(capsys, SOLUTIONS, "--only", "optimizer.SGD,weight_init", "--format", "json")
    assert code == 0
    units = {test["extra_data"]["unit"] for test in json.loads(out)["tests"]}
    assert units == {"optimizer.SGD", "weight_init.he_init", "weight_init.xavier_init"}


def test_only_ignores_case_and_suggests_the_unit_of_a_bare_name(capsys):
    code, out, _ = grade(capsys, SOLUTIONS, "--only", "layers.affine,Optimizer", "--format", "json")
    assert code == 0
    units = {test["extra_data"]["unit"] for test in json.loads(out)["tests"]}
    assert units == {"layers.Affine", "optimizer.SGD", "optimizer.Momentum", "optimizer.AdaGrad",
                     "optimizer.RMSprop", "optimizer.Adam"}
    code, out, err = grade(capsys, SOLUTIONS, "--only", "sigmoid")
    assert code == 2 and out == ""
    assert err.strip() == ("autograder grade: error: --only sigmoid: no such unit or module; "
                           "did you mean functions.sigmoid or layers.Sigmoid?")


def test_without_seed_a_seed_is_drawn_and_recorded(capsys):
    _, out, _ = grade(capsys, SOLUTIONS, "--only", "functions.relu", "--format", "json")
    seed = json.loads(out)["extra_data"]["seed"]
    assert isinstance(seed, int)
    _, again, _ = grade(capsys, SOLUTIONS, "--only", "functions.relu", "--format", "json", "--seed", seed)
    assert json.loads(again)["extra_data"]["seed"] == seed


def test_stubs_score_zero_but_grading_worked(capsys):
    code, out, _ = grade(capsys, EXERCISES, *FAST)
    assert code == 0
    assert "Total: 0 / 4 points" in out and "not implemented yet" in out


@pytest.mark.parametrize("args, message", [
    (["/no/such/submission"], "no such file or directory"),
    ([REPO / "docs"], "not a submission"),
    ([SOLUTIONS, "--only", "layers.Nope"], "no such unit or module"),
    ([SOLUTIONS, "--out", "/no/such/folder/results.json"], "does not exist"),
])
def test_cannot_grade_exits_2_with_one_line(capsys, args, message):
    code, out, err = grade(capsys, *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("args", [["--format", "pdf"], ["--timeout", "-1"], ["--seed", "x"], []])
def test_bad_arguments_exit_2(capsys, args):
    with pytest.raises(SystemExit) as stop:
        main(["grade", *([] if args == [] else [str(SOLUTIONS)]), *args])
    assert stop.value.code == 2


def test_zip_with_the_modules_one_folder_down(capsys, tmp_path):
    archive = tmp_path / "handed-in.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in SOLUTIONS.glob("*.py"):
            zipped.write(path, f"my-homework/{path.name}")
        zipped.writestr("__MACOSX/my-homework/._functions.py", "junk")
    code, out, _ = grade(capsys, archive, *FAST)
    assert code == 0 and "Total: 4 / 4 points" in out


def test_folder_with_the_modules_one_level_down(capsys, tmp_path):
    copy_submission(SOLUTIONS, tmp_path / "outer" / "submission")
    (tmp_path / "outer" / "README.txt").write_text("export")
    code, out, _ = grade(capsys, tmp_path / "outer", *FAST)
    assert code == 0 and "Total: 4 / 4 points" in out


def test_python_dash_m_autograder_runs_the_command(tmp_path):
    target = tmp_path / "results.json"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(SOLUTIONS), "--only",
                           "functions.relu", "--format", "json", "--out", str(target)],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text())["score"] == 1
    help_text = subprocess.run([sys.executable, "-m", "autograder", "--help"], capture_output=True,
                               text=True, env=env, timeout=60).stdout
    assert "grade" in help_text


def test_the_command_exits_with_its_code_and_flushes_its_output():
    """`python -m autograder` skips the interpreter's teardown (cli.run_command): the report is whole,
    the exit code kept, and a usage error is still 2."""
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(SOLUTIONS), "--only", "functions",
                           "--format", "json"], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["score"] > 0                  # the whole JSON arrived
    usage = subprocess.run([sys.executable, "-m", "autograder", "grade"], capture_output=True, text=True,
                           timeout=60, cwd=REPO)
    assert usage.returncode == 2 and "PATH" in usage.stderr
