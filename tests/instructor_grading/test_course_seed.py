"""The course seed (the missions' splits and training seeds) reaches every front end and is kept there.

`autograder grade/batch/gradescope/release/nbgrader --course-seed N`: the same
honest mission code then scores the same for every student of a course, while
the unit checks keep their per-submission grading seed.
"""
import json
import sys

from autograder.batch import class_grading
from autograder.batch.class_grading import grade_class
from autograder.gradescope_bundle import settings as bundle_settings
from autograder.gradescope_bundle.bundle_plan import Bundle
from autograder.gradescope_bundle.run_submission import course_seed_of
from autograder.grading.settings import DEFAULT_COURSE_SEED
from autograder.nbgrader_course.notebooks import GradedTest, _test_cell
from autograder.release.classroom_workflow import hidden_grader_workflow


def test_the_gradescope_bundle_keeps_the_course_seed(tmp_path):
    bundle = Bundle(kit_root=tmp_path, tree=tmp_path / "tree", out=tmp_path / "out.zip", seed=None, course_seed=42)
    bundle_settings.write_settings(bundle)
    stored = bundle_settings.read_settings(tmp_path / "tree")
    assert stored["course_seed"] == 42 and stored["seed"] is None
    assert course_seed_of(stored) == 42
    assert course_seed_of({}) == DEFAULT_COURSE_SEED      # a bundle built before course seeds
    assert course_seed_of({"course_seed": "7"}) == DEFAULT_COURSE_SEED


def test_the_hidden_grader_workflow_grades_with_the_course_seed():
    text = hidden_grader_workflow("dl-scratch-kit", {"functions.relu": 1.0}, course_seed=1234)
    assert "autograder grade exercises --format classroom --course-seed 1234 " in text


def test_only_the_mission_cells_of_nbgrader_notebooks_get_the_course_seed():
    mission = GradedTest(name="test_iris_mission", unit="iris_mission.train", points=10.0,
                         check="autograder.checks.missions:check_iris_mission")
    unit = GradedTest(name="test_relu", unit="functions.relu", points=1.0,
                      check="autograder.checks.functions:check_relu")
    assert "seed=3, course_seed=99)" in _test_cell(mission, 3, course_seed=99).source
    assert "course_seed" not in _test_cell(unit, 3, course_seed=99).source


def test_a_batch_passes_and_keeps_the_course_seed(tmp_path, monkeypatch):
    (tmp_path / "class" / "alice").mkdir(parents=True)
    (tmp_path / "class" / "alice" / "functions.py").write_text("def relu(x):\n    return x\n")
    commands = []
    real_command = class_grading._command

    def command(*args, **kwargs):
        argv = real_command(*args, **kwargs)
        commands.append(argv)
        return [sys.executable, "-c", "import sys; sys.exit(3)"]

    monkeypatch.setattr(class_grading, "_command", command)
    grade_class(tmp_path / "class", tmp_path / "out", seed=1, course_seed=77, only=["functions.relu"],
                wall_limit=30, progress=False)
    assert commands[0][commands[0].index("--course-seed") + 1] == "77"
    assert json.loads((tmp_path / "out" / "batch.json").read_text())["course_seed"] == 77
    commands.clear()
    grade_class(tmp_path / "class", tmp_path / "out", only=["functions.relu"], wall_limit=30, progress=False,
                retry_errors=True)      # a rerun without --course-seed keeps the stored one
    assert commands[0][commands[0].index("--course-seed") + 1] == "77"
