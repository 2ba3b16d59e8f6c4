"""`autograder release OUT`: the student repository holds what students need and nothing secret."""
import ast
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from autograder import cli
from autograder.curriculum.solution_regions import solution_regions
from autograder.grading import selected_tests
from autograder.release import build_release
from autograder.release.classroom_workflow import WORKFLOW_PATH, unit_command
from autograder.release.leak_check import ReleaseLeak, find_leaks, secret_solution_lines, verify_no_leaks

from .commands import KIT_ROOT, run_command, run_python

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

SOLUTIONS = KIT_ROOT / "solutions"
HIDDEN = KIT_ROOT / "autograder" / "hidden"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return build_release(tmp_path_factory.mktemp("release") / "student-repo")


@pytest.fixture(scope="module")
def release_files(release):
    return {p.relative_to(release.out).as_posix(): p.read_bytes()
            for p in sorted(release.out.rglob("*")) if p.is_file()}


def hidden_points_per_unit():
    points = {}
    for _nodeid, unit, test_points, _name in selected_tests():
        points[unit] = points.get(unit, 0) + test_points
    return points


# ---------------------------------------------------------------- nothing secret


def test_no_solution_region_code_in_any_file(release_files):
    secrets = secret_solution_lines(SOLUTIONS)
    regions = {path.name: solution_regions(path.read_text(encoding="utf-8"))
               for path in SOLUTIONS.glob("*.py")}
    # The searched lines cover every module that has solution regions.
    covered = {origin.split("/")[1].split(":")[0] for origin in secrets.values()}
    assert covered == {name for name, found in regions.items() if found}
    found = [(path, line) for path, data in release_files.items()
             for line in secrets if line.encode() in data]
    assert found == []


def test_no_hidden_test_in_any_file(release_files):
    hidden_names = set()
    hidden_bodies = {}
    for path in HIDDEN.glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                hidden_names.add(node.name)
                hidden_bodies[node.name] = ast.dump(node.body[-1])
    assert len(hidden_names) >= 40
    shipped_modules = {path.rsplit("/", 1)[-1][:-3] for path in release_files if path.endswith(".py")}
    for path, data in release_files.items():
        for name in hidden_names:
            if name in shipped_modules:          # a visible test file's name, quoted (a catalogue's "#:" lines)
                data = re.sub(rb"\b" + name.encode() + rb"\.py\b", b"", data)
            mentions = len(re.findall(rb"\b" + name.encode() + rb"\b", data))
            if not mentions:
                continue
            # Only a visible test that happens to share a hidden test's name, with a body of its own.
            defs = [node for node in ast.walk(ast.parse(data)) if isinstance(node, ast.FunctionDef)
                    and node.name == name] if path.endswith(".py") else []
            assert len(defs) == mentions, f"{path} mentions the hidden test {name}"
            assert all(ast.dump(d.body[-1]) != hidden_bodies[name] for d in defs), f"{path} holds {name}"


def test_nothing_of_the_grader_or_the_reference_ships(release_files):
    tops = {path.split("/")[0] for path in release_files}
    assert tops == {".github", ".gitignore", "README.md", "README.ja.md", "datasets", "exercises", "pyproject.toml"}
    assert not any("__pycache__" in path or path.endswith(".pyc") for path in release_files)
    imports_of_the_kit = re.compile(rb"^\s*(from|import)\s+(solutions|autograder)\b", re.M)
    assert [path for path, data in release_files.items() if imports_of_the_kit.search(data)] == []


@pytest.mark.parametrize("planted, kind", [
    ("solutions/layers.py", "solution line"),
    ("autograder/hidden/test_optimizer.py", "hidden test name"),
])
def test_the_leak_check_catches_a_planted_file(release, tmp_path, planted, kind):
    copy = tmp_path / "leaky"
    shutil.copytree(release.out, copy)
    shutil.copyfile(KIT_ROOT / planted, copy / "exercises" / "notes.py")
    leaks = find_leaks(copy, KIT_ROOT)
    assert leaks and {leak.path for leak in leaks} == {"exercises/notes.py"}
    assert {leak.what for leak in leaks} == {kind}
    with pytest.raises(ReleaseLeak, match="exercises/notes.py"):
        verify_no_leaks(type(release)(kit_root=KIT_ROOT, out=copy))


def test_a_shipped_file_named_like_a_hidden_test_is_no_leak_but_the_test_itself_is(release, tmp_path):
    """exercises/tests/test_iris_mission.py is a visible test file: a catalogue naming that file is fine;
    a mention of the hidden test function itself is still a leak."""
    assert (release.out / "exercises" / "tests" / "test_iris_mission.py").is_file()
    copy = tmp_path / "named"
    shutil.copytree(release.out, copy)
    (copy / "exercises" / "notes.po").write_text("#: exercises/tests/test_iris_mission.py\nmsgid \"x\"\n")
    assert find_leaks(copy, KIT_ROOT) == []
    (copy / "exercises" / "notes.po").write_text("see test_iris_mission() in the grader\n")
    assert [leak.what for leak in find_leaks(copy, KIT_ROOT)] == ["hidden test name"]


# ---------------------------------------------------------------- what students get


def test_the_release_has_exercises_datasets_readme_and_pyproject(release, release_files):
    exercises = {p.name for p in (KIT_ROOT / "exercises").glob("*.py")}
    assert {f"exercises/{name}" for name in exercises} <= set(release_files)
    assert {path for path in release_files if path.startswith("exercises/tests/test_")}
    assert "exercises/conftest.py" in release_files
    checksums = (KIT_ROOT / "datasets" / "SHA256SUMS").read_text()
    assert release_files["datasets/SHA256SUMS"].decode() == checksums
    for name in ("iris.csv", "digits.csv.gz", "README.md", ".gitattributes"):
        assert release_files[f"datasets/{name}"] == (KIT_ROOT / "datasets" / name).read_bytes()
    readme = release_files["README.md"].decode()
    for needle in ("python -m pip install -e .", "python -m pytest", "progress table",
                   "python -m exercises.iris_mission", "python -m exercises.digits_mission",
                   "git push", "For instructors", "--hidden-grader"):
        assert needle in readme
    for unit, points in release.unit_points.items():
        assert f"| `{unit}` | {points:g} |" in readme
    from autograder.checks.missions import MISSIONS

    assert "    # ---- end of your code ----" in readme and "Working in a notebook" in readme
    for mission in MISSIONS.values():
        assert f"| `{mission.unit}` | {mission.splits} held-out splits | {mission.full_credit_accuracy:g} |" in readme


def test_pyproject_installs_what_students_need_and_configures_pytest(release_files):
    project = tomllib.loads(release_files["pyproject.toml"].decode())
    names = {re.split(r"[<>=!~ ]", r)[0] for r in project["project"]["dependencies"]}
    assert names == {"numpy", "pytest", "matplotlib"}
    kit = tomllib.loads((KIT_ROOT / "pyproject.toml").read_text())
    assert set(project["project"]["dependencies"]) <= set(kit["project"]["dependencies"])
    pytest_options = project["tool"]["pytest"]["ini_options"]
    assert pytest_options["testpaths"] == ["exercises"]
    assert pytest_options["pythonpath"] == ["."]
    assert any(marker.startswith("unit(") for marker in pytest_options["markers"])
    assert project["tool"]["setuptools"]["packages"]["find"]["include"] == ["exercises*"]


def test_pytest_in_the_release_shows_the_stubs_and_the_progress_table(release, tmp_path):
    copy = tmp_path / "clone"
    shutil.copytree(release.out, copy)
    result = run_python(["-m", "pytest", "exercises", "-p", "no:cacheprovider"], cwd=copy)
    assert result.returncode == 1, result.stdout[-3000:] + result.stderr[-2000:]
    out = result.stdout
    assert "sigmoid (exercises/functions.py): not implemented yet - TODO:" in out
    assert "Traceback" not in out
    assert "=== progress ===" in out.replace("=" * 10, "===")
    units = len(release.unit_points)
    assert f"0/{units} units done" in out
    assert "[ ] functions.sigmoid" in out and "[ ] digits_mission.train" in out


# ---------------------------------------------------------------- GitHub Classroom


def test_the_workflow_grades_every_unit_with_its_hidden_points(release, release_files):
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(release_files[WORKFLOW_PATH])
    assert workflow["name"] == "Autograding Tests"  # the only name Classroom reads scores from
    assert list(workflow["jobs"]) == ["run-autograding-tests"]
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    graders = [s for s in steps if s.get("uses") == "classroom-resources/autograding-command-grader@v1"]
    expected = hidden_points_per_unit()
    assert {s["with"]["test-name"]: s["with"]["max-score"] for s in graders} == expected
    assert list(release.unit_points) == [s["with"]["test-name"] for s in graders]
    for step in graders:
        assert set(step["with"]) <= {"test-name", "setup-command", "command", "timeout", "max-score"}
        assert step["with"]["command"] == unit_command(step["with"]["test-name"])
        assert re.fullmatch(r"[A-Za-z0-9]+", step["id"])
    reporter = steps[-1]
    assert reporter["uses"] == "classroom-resources/autograding-grading-reporter@v1"
    ids = [s["id"] for s in graders]
    assert reporter["with"]["runners"] == ",".join(ids)
    assert reporter["env"] == {f"{i.upper()}_RESULTS": f"${{{{ steps.{i}.outputs.result }}}}" for i in ids}


@pytest.mark.parametrize("unit", ["functions.sigmoid", "layers.Affine"])
def test_a_unit_step_fails_on_the_stub_and_passes_once_solved(release, tmp_path, unit):
    """The step's own command, run as the command grader runs it (a shell in the repository)."""
    copy = tmp_path / "clone"
    shutil.copytree(release.out, copy)
    command = unit_command(unit)
    stub = run_python_shell(command, copy)
    assert stub.returncode != 0 and "not implemented yet" in stub.stdout
    module = unit.split(".")[0]
    for needed in ("functions", module):  # the student writes the unit (and what it uses)
        shutil.copyfile(SOLUTIONS / f"{needed}.py", copy / "exercises" / f"{needed}.py")
    solved = run_python_shell(command, copy)
    assert solved.returncode == 0, solved.stdout[-3000:]
    assert f"[x] {unit}" in solved.stdout and "more not selected in this run" in solved.stdout


def run_python_shell(command, cwd):
    """`command` in a shell, its `python` being this interpreter."""
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    return run_command(["bash", "-c", command], cwd, PATH=path)


def test_the_hidden_grader_variant_installs_the_kit_and_grades_with_it(tmp_path):
    yaml = pytest.importorskip("yaml")
    requirement = "dl-scratch-kit @ git+https://x-access-token:${{ secrets.KIT_TOKEN }}@github.com/org/kit.git"
    release = build_release(tmp_path / "repo", hidden_grader=requirement, unit_points={"functions.sigmoid": 2})
    steps = yaml.safe_load((release.out / WORKFLOW_PATH).read_text())["jobs"]["run-autograding-tests"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert requirement in runs and "autograder grade exercises --format classroom" in runs
    assert steps[-1]["with"]["runners"] == "kit"
    assert steps[-1]["env"] == {"KIT_RESULTS": "${{ steps.kit.outputs.result }}"}
    assert not (release.out / ".github" / "classroom").exists()


def test_out_must_be_empty_and_force_replaces_only_a_release(release, tmp_path):
    other = tmp_path / "not-a-release"
    other.mkdir()
    (other / "thesis.tex").write_text("precious")
    with pytest.raises(FileExistsError):
        build_release(other, unit_points={"functions.sigmoid": 1})
    with pytest.raises(FileExistsError, match="not replacing"):
        build_release(other, unit_points={"functions.sigmoid": 1}, force=True)
    assert (other / "thesis.tex").read_text() == "precious"


def test_the_command_builds_refuses_to_overwrite_and_replaces_with_force(tmp_path, capsys):
    out = tmp_path / "repo"
    assert cli.main(["release", str(out)]) == 0
    assert "no solution code, no hidden test" in capsys.readouterr().out.lower()
    assert (out / WORKFLOW_PATH).is_file()
    assert cli.main(["release", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert cli.main(["release", str(out), "--force"]) == 0


def test_the_release_cites_no_file_students_do_not_have(release, release_files):
    """No `solutions/` header, no contract file name; the README's virtual environment is ignored by git."""
    for name, content in release_files.items():
        if name.endswith((".py", ".toml", ".md", ".yml", ".cfg")):
            text = content.decode("utf-8")
            assert "SUBMISSION_API" not in text, name
            assert not text.startswith("# Generated from solutions/"), name
    assert release_files["exercises/functions.py"].startswith(
        b"# Edit only between each `# TODO:` and its `# ---- end of your code ----`.\n# Provided code fingerprint: ")
    assert release_files["exercises/data.py"].startswith(b"# Provided code, nothing to edit here.")
    ignored = release_files[".gitignore"].decode().splitlines()
    assert ".venv/" in ignored and ".venv" in release_files["README.md"].decode()


def test_release_help_cites_a_section_that_exists():
    from autograder.release.command import add_arguments
    import argparse

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    text = " ".join(parser.format_help().split())
    match = re.search(r"see (docs/INSTRUCTORS\.md) in the kit, '([^']+)'", text)
    assert match, text
    headings = [line.lstrip("#").strip() for line in (KIT_ROOT / match.group(1)).read_text().splitlines()
                if line.startswith("#")]
    assert match.group(2) in headings
