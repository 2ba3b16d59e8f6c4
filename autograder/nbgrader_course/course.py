"""The course build: its steps in order and what they share."""
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading.settings import DEFAULT_COURSE_SEED
from autograder.translation import _

from . import course_files
from .assignments import plan_assignments, read_solutions
from .notebooks import assignment_notebook

KIT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_COURSE_ID = "dl-scratch"
DEFAULT_CELL_TIMEOUT = 300  # seconds


@dataclass
class Course:
    """What the steps share.

    graded_tests: GradedTest list of every hidden test (all modules).
    notebooks: assignment name -> notebook, filled by the compose step.
    """

    kit_root: Path
    out: Path
    course_id: str = DEFAULT_COURSE_ID
    seed: int = 0
    course_seed: int = DEFAULT_COURSE_SEED
    cell_timeout: int = DEFAULT_CELL_TIMEOUT
    late_policy: object = None        # late_work.LatePolicy for nbgrader's late penalties, or None
    language: str | None = None  # the course's language of the graded cells' feedback ('ja', 'en'), or None
    assignments: list = field(default_factory=list)
    graded_tests: list = field(default_factory=list)
    notebooks: dict = field(default_factory=dict)

    def assignment_dir(self, assignment):
        return self.out / "source" / assignment.name

    @property
    def translate(self):
        """The students' catalogue of the kit (exercises/locale): the docstrings' Japanese paragraphs
        and the TODOs' Japanese comments, as in the stubs."""
        from autograder.curriculum.make_exercises import todo_translations

        return todo_translations(self.kit_root / "exercises")


def plan(course):
    course.assignments = plan_assignments(read_solutions(course.kit_root / "solutions", course.translate))


def read_hidden_tests(course):
    from .hidden_tests import graded_tests
    course.graded_tests = graded_tests(course.kit_root)


def compose_notebooks(course):
    for assignment in course.assignments:
        tests = [t for t in course.graded_tests if t.unit.split(".")[0] == assignment.name]
        course.notebooks[assignment.name] = assignment_notebook(assignment, tests, course.seed, course.language,
                                                                course.course_seed)


COURSE_STEPS = (plan, read_hidden_tests, compose_notebooks, course_files.write_config)
ASSIGNMENT_STEPS = (course_files.write_notebook, course_files.copy_helpers, course_files.copy_datasets)


def build_course(out, kit_root=KIT_ROOT, course_id=DEFAULT_COURSE_ID, seed=0,
                 cell_timeout=DEFAULT_CELL_TIMEOUT, force=False, late_policy=None,
                 language=None, course_seed=DEFAULT_COURSE_SEED):
    """Write the nbgrader course directory into `out`; return the Course.

    seed: seeds the hidden checks' inputs (written into the hidden cells, so a
    regrade reproduces). course_seed: the missions' splits and training seeds (written
    into the mission cells). force: replace an existing, non-empty `out`.
    late_policy: a late_work.LatePolicy (its due date unused: nbgrader keeps one
    per assignment) for nbgrader's late penalties, or None (no penalty).
    language: the course's language ('ja', 'en'), set in the graded cells for their feedback.
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not force:
            raise FileExistsError(_("{path} exists and is not empty (use --force to replace an earlier course)").format(
                path=out))
        if not (out / "nbgrader_config.py").is_file():
            raise FileExistsError(_("{path} does not hold an nbgrader course: not replacing it, even with "
                                    "--force").format(path=out))
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    course = Course(kit_root=Path(kit_root), out=out, course_id=course_id, seed=seed, cell_timeout=cell_timeout,
                    late_policy=late_policy, language=language, course_seed=int(course_seed))
    for step in COURSE_STEPS:
        step(course)
    for assignment in course.assignments:
        for step in ASSIGNMENT_STEPS:
            step(course, assignment)
    return course
