"""`autograder nbgrader OUT`, checked with the real nbgrader CLI: generate, autograde, read the gradebook.

One course is built and released (`nbgrader generate_assignment '*'`) for the
whole module; three assignments are then autograded for several students:

- solved: the source notebooks themselves (the reference in every solution cell) -> full marks;
- untouched: the released notebooks as students receive them -> zero;
- naive (functions): a textbook sigmoid that overflows for large negative x;
  its RuntimeWarning must not reach stderr, which would zero the cell -> full marks;
- undertrained (iris_mission): the network trained for too few steps -> partial credit;
- wrong_axis (functions): softmax over the batch instead of each row -> partial credit.

`autograder grade` on the same submitted notebooks must give the same scores.
"""
import functools
import shutil

import pytest

from autograder.grading import selected_tests
from autograder import cli
from autograder.release.leak_check import secret_solution_lines

from .commands import KIT_ROOT, run_python

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbgrader")

pytestmark = pytest.mark.slow

ASSIGNMENTS = ("functions", "gradient", "util", "layers", "optimizer", "weight_init", "two_layer_net",
               "multi_layer_net", "simple_conv_net", "iris_mission", "digits_mission", "cnn_mission")
AUTOGRADED = ("functions", "layers", "iris_mission")

NAIVE_SIGMOID = '''def sigmoid(x):
    """The textbook formula: overflows (a RuntimeWarning) for large negative x, yet exact."""
    return 1 / (1 + np.exp(-x))'''

WRONG_AXIS_SOFTMAX = '''def softmax(x):
    """Normalises over the batch (axis 0) instead of each row: a deterministic mistake."""
    e = np.exp(x - np.max(x, axis=0))
    return e / np.sum(e, axis=0)'''

UNDERTRAINED_MODEL = '''def train(x_train, t_train, seed=0, log=None):
    """Too few gradient steps (60): a mean accuracy near 0.86, between the mission's two bars."""
    np.random.seed(seed)
    mean, std = x_train.mean(axis=0), x_train.std(axis=0)
    net = TwoLayerNet(INPUT_SIZE, HIDDEN_SIZE, CLASS_COUNT, weight_init_std=0.5)
    optimizer = SGD(lr=0.1)
    for step in range(60):
        optimizer.update(net.params, net.gradient((x_train - mean) / std, t_train))
    return IrisClassifier(net, mean, std)'''


def nbgrader(args, course_dir):
    result = run_python(["-m", "nbgrader", *args], cwd=course_dir, timeout=1200)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-5000:]}"
    return result


@functools.lru_cache(maxsize=None)
def hidden_points():
    """{module: {unit: points}} from the hidden suites' markers."""
    points = {}
    for _nodeid, unit, test_points, _name in selected_tests():
        module_points = points.setdefault(unit.split(".")[0], {})
        module_points[unit] = module_points.get(unit, 0) + test_points
    return points


def cells_with(book, key):
    return [c for c in book.cells if c.metadata.get("nbgrader", {}).get(key)]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    out = tmp_path_factory.mktemp("nbgrader") / "course"
    assert cli.main(["nbgrader", str(out), "--seed", "3"]) == 0
    nbgrader(["generate_assignment", "*", "--force"], out)
    return out


@pytest.fixture(scope="module")
def gradebook(course):
    """Submit, autograde, and return {(assignment, student): (score, max_score)} from nbgrader's gradebook."""
    students = {"solved": course / "source", "untouched": course / "release"}
    for assignment in AUTOGRADED:
        for student, origin in students.items():
            folder = course / "submitted" / student / assignment
            folder.mkdir(parents=True)
            shutil.copyfile(origin / assignment / f"{assignment}.ipynb", folder / f"{assignment}.ipynb")
    submit_variant(course, "functions", "naive", replace={"sigmoid": NAIVE_SIGMOID})
    submit_variant(course, "functions", "wrong_axis", replace={"softmax": WRONG_AXIS_SOFTMAX})
    submit_variant(course, "iris_mission", "undertrained", insert_after={"train": UNDERTRAINED_MODEL})
    nbgrader(["autograde", "*", "--create"], course)

    from nbgrader.api import Gradebook

    scores = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        for assignment in AUTOGRADED:
            for submission in book.assignment_submissions(assignment):
                scores[assignment, submission.student.id] = (submission.score, submission.max_score)
    return scores


def submit_variant(course, assignment, student, replace=None, insert_after=None):
    """The solved notebook with some solution cells replaced, or a student's cell added after one."""
    book = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    cells = []
    for cell in book.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if replace and grade_id in replace:
            cell.source = replace[grade_id]
        cells.append(cell)
        if insert_after and grade_id in insert_after:
            cells.append(nbformat.v4.new_code_cell(insert_after[grade_id]))
    book.cells = cells
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    nbformat.write(book, folder / f"{assignment}.ipynb")


# ---------------------------------------------------------------- the course directory


def test_every_exercise_module_is_an_assignment_with_its_config_and_files(course):
    assert (course / "nbgrader_config.py").is_file()
    config = (course / "nbgrader_config.py").read_text()
    assert "c.Execute.timeout" in config and "c.CourseDirectory.course_id" in config
    for assignment in ASSIGNMENTS:
        assert (course / "source" / assignment / f"{assignment}.ipynb").is_file()
        assert (course / "release" / assignment / f"{assignment}.ipynb").is_file()
    for mission in ("iris_mission", "digits_mission", "cnn_mission"):
        folder = course / "release" / mission
        assert {p.name for p in (folder / "provided").glob("*.py")} == {
            "__init__.py", "data.py", "training_log.py", "translation.py", "figure_font.py"}
        assert (folder / "datasets" / "SHA256SUMS").is_file()


def test_graded_cells_carry_the_hidden_suites_points(course):
    expected = hidden_points()
    for assignment in ASSIGNMENTS:
        book = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", as_version=4)
        per_unit = {}
        for cell in cells_with(book, "grade"):
            unit = cell.source.splitlines()[0].split("Graded: ")[1].split(",")[0]
            per_unit[unit] = per_unit.get(unit, 0) + cell.metadata["nbgrader"]["points"]
            assert "### BEGIN HIDDEN TESTS" in cell.source and "grade_in_notebook(" in cell.source
        assert per_unit == expected[assignment], assignment


def test_released_notebooks_hold_no_solution_and_no_hidden_test(course):
    secrets = secret_solution_lines(KIT_ROOT / "solutions")
    for assignment in ASSIGNMENTS:
        text = (course / "release" / assignment / f"{assignment}.ipynb").read_text()
        book = nbformat.reads(text, as_version=4)
        leaked = [line for line in secrets if line in text]
        assert leaked == [], assignment
        for needle in ("BEGIN HIDDEN TESTS", "grade_in_notebook", "autograder", "BEGIN SOLUTION"):
            assert needle not in text, (assignment, needle)
        solution_cells = cells_with(book, "solution")
        assert solution_cells and all("raise NotImplementedError()" in c.source for c in solution_cells)
        assert any("# TODO:" in c.source for c in solution_cells)


def test_released_notebooks_show_every_todo_in_english_then_japanese_as_the_stubs(course):
    from autograder.curriculum.make_exercises import todo_translations

    from .test_nbgrader_todos import stub_texts, todo_blocks, untranslated_todos

    stubs, translate = stub_texts(), todo_translations(KIT_ROOT / "exercises")
    todos = 0
    for assignment in ASSIGNMENTS:
        book = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
        assert untranslated_todos(book, stubs, translate) == [], assignment
        todos += sum(len(todo_blocks(c.source)) for c in cells_with(book, "solution"))
    assert todos > 50


def test_later_notebooks_carry_earlier_code_as_stubs_for_the_student(course):
    book = nbformat.read(course / "release" / "two_layer_net" / "two_layer_net.ipynb", as_version=4)
    ids = [c.metadata["nbgrader"]["grade_id"] for c in cells_with(book, "solution")]
    assert ids[-1] == "TwoLayerNet"
    assert {"functions-softmax", "functions-cross_entropy_error", "gradient-numerical_gradient",
            "layers-Affine", "layers-Relu", "layers-SoftmaxWithLoss"} <= set(ids)
    assert "functions-step_function" not in ids  # only what the module uses


# ---------------------------------------------------------------- real autograding


@pytest.mark.parametrize("assignment", AUTOGRADED)
def test_solved_notebooks_get_full_marks_and_untouched_ones_zero(gradebook, assignment):
    total = sum(hidden_points()[assignment].values())
    assert gradebook[assignment, "solved"] == (total, total)
    assert gradebook[assignment, "untouched"] == (0, total)


def test_a_warning_from_correct_code_costs_nothing(gradebook, course):
    total = sum(hidden_points()["functions"].values())
    assert gradebook["functions", "naive"] == (total, total)
    graded = nbformat.read(course / "autograded" / "naive" / "functions" / "functions.ipynb", as_version=4)
    outputs = [o for cell in cells_with(graded, "grade") for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    assert any("advice: RuntimeWarning" in o.get("text", "") for o in outputs)


def test_partial_credit_reaches_the_gradebook(gradebook):
    score, total = gradebook["iris_mission", "undertrained"]
    assert 0 < score < total


@pytest.mark.parametrize("student", ["solved", "untouched", "naive", "wrong_axis"])
def test_autograder_grade_of_the_notebooks_gives_nbgraders_scores(gradebook, course, student):
    """`autograder grade` on a student's submitted notebooks (one folder per assignment) scores each
    assignment as `nbgrader autograde` did: the kit's two ways of grading a notebook agree.

    (Not "undertrained": the two graders draw the mission's splits from different seeds, so
    only a mission scored on every split alike (full or none) is bound to score the same.)"""
    from autograder.grading import grade_submission

    run = grade_submission(course / "submitted" / student, seed=3)
    assert run.error is None, run.error
    graded = {assignment: scores for (assignment, who), scores in gradebook.items() if who == student}
    assert graded
    for assignment, (score, max_score) in graded.items():
        mine = [t for t in run.tests if t.module == assignment]
        assert sum(t.max_score for t in mine) == pytest.approx(max_score), assignment
        assert sum(t.score for t in mine) == pytest.approx(score, abs=0.01), (
            assignment, [(t.unit, t.score, t.output[:200]) for t in mine if not t.passed])


def test_a_solved_mission_notebook_runs_top_to_bottom_as_a_student_runs_it(course, tmp_path, monkeypatch):
    """No cell fails, the demo trains and plots (nbgrader is not grading, so the demo runs)."""
    nbclient = pytest.importorskip("nbclient")
    folder = tmp_path / "iris_mission"
    shutil.copytree(course / "source" / "iris_mission", folder)
    monkeypatch.setenv("PYTHONPATH", str(KIT_ROOT))  # the source notebook's hidden cells import the kit
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    book = nbformat.read(folder / "iris_mission.ipynb", as_version=4)
    nbclient.NotebookClient(book, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}}).execute()
    errors = [o for cell in book.cells for o in cell.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    demo_output = "".join(o.get("text", "") for o in book.cells[-1].outputs)
    assert "test accuracy:" in demo_output
    assert (folder / "iris_mission.png").is_file()
