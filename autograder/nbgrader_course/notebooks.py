"""One assignment's notebook, cell by cell, from its module's blocks and the hidden suites.

Order of the cells:

1. introduction (module docstring, how to work, what is graded);
2. setup: the imports (locked);
3. carried-over code from earlier assignments, when the module uses any
   (see assignments.py): solution cells the student fills from their own
   earlier notebooks, and the provided constants they need;
4. the module itself, in source order: provided code in locked cells; for each
   exercise (a function or class with solution regions) its text, its solution
   cell, and one graded test cell per hidden test of its unit;
5. for a mission, a demo cell that runs the module's `main` (train, print the
   accuracy, save a plot), skipped while nbgrader autogrades.
"""
from dataclasses import dataclass

from autograder.translation import N_

from . import cells, exercise_text

GRADER_IMPORT = "from autograder.nbgrader_course.notebook_grading import grade_in_notebook"


@dataclass(frozen=True)
class GradedTest:
    """A hidden test as a notebook runs it: the check it calls and what it is worth.

    name: the hidden test's name (e.g. test_sigmoid_values); unit: '<module>.<name>';
    check: 'package.module:function' of the check in the installed kit.
    """

    name: str
    unit: str
    points: float
    check: str


def assignment_notebook(assignment, graded_tests, seed, language=None, course_seed=None):
    """The source notebook (solutions and hidden tests inside) of an Assignment.

    seed: the checks' inputs; course_seed: the missions' splits and training seeds.
    """
    by_unit = {}
    for test in graded_tests:
        by_unit.setdefault(test.unit, []).append(test)
    module = assignment.module
    units = [f"{assignment.name}.{block.name}" for block in module.blocks if block.is_exercise]
    unknown = sorted(set(by_unit) - set(units))
    if unknown:
        raise ValueError(f"hidden tests of units with no exercise in {assignment.name}.py: {unknown}")
    units_and_points = [(unit, sum(t.points for t in by_unit.get(unit, []))) for unit in units]

    book = [
        cells.markdown("intro", exercise_text.introduction(assignment.name, module.docstring, units_and_points)),
        cells.provided("setup", "\n".join(assignment.setup_lines())),
    ]
    if assignment.carried:
        book.append(cells.markdown("carried-intro", exercise_text.carry_over()))
        for earlier, blocks in assignment.carried.items():
            book.append(cells.markdown(f"carried-{earlier}", exercise_text.carried_module_heading(earlier)))
            book += _block_cells(blocks, prefix=f"{earlier}-")
    book += _module_cells(assignment, by_unit, seed, language, course_seed)
    if _has_main(module):
        book.append(cells.markdown("try-it", "## " + exercise_text.bilingual(TRY_IT_HEADING, " / ") + "\n\n"
                                   + exercise_text.bilingual(TRY_IT)))
        book.append(cells.plain(DEMO_RUN))
    return cells.notebook(book)


#: The checks graded on the course's splits (the same for every student): they get the course seed.
MISSION_CHECKS = "autograder.checks.missions:"

# nbgrader sets NBGRADER_EXECUTION=autograde while grading: the demo costs a
# training run per student and earns nothing, so it runs for the student only.
DEMO_RUN = """\
import os

if os.environ.get("NBGRADER_EXECUTION") != "autograde":
    main([])"""

TRY_IT_HEADING = N_("Try it")
TRY_IT = N_("""\
The cell below trains your model on a random split, prints its accuracy on
the held-out part and saves a plot of the loss and accuracy as training went.""")


def _module_cells(assignment, by_unit, seed, language=None, course_seed=None):
    book = []
    pending = []  # consecutive provided blocks, shown as one cell
    for block in assignment.module.blocks:
        if block.is_import:
            continue  # the setup cell holds the imports
        if not block.is_exercise:
            pending.append(block)
            continue
        book += _provided_cell(pending)
        pending = []
        unit = f"{assignment.name}.{block.name}"
        tests = by_unit.get(unit, [])
        book.append(cells.markdown(f"{block.name}-text",
                                   exercise_text.unit_text(block, unit, sum(t.points for t in tests))))
        book.append(cells.solution(block.name, block.nbgrader_source()))
        book += [_test_cell(test, seed, language, course_seed) for test in tests]
    book += _provided_cell(pending)
    return book


def _block_cells(blocks, prefix):
    """Cells for carried-over blocks: solution cells for exercises, provided cells for the rest."""
    book = []
    pending = []
    for block in blocks:
        if block.is_exercise:
            book += _provided_cell(pending, prefix)
            pending = []
            book.append(cells.solution(f"{prefix}{block.name}", block.nbgrader_source()))
        else:
            pending.append(block)
    return book + _provided_cell(pending, prefix)


def _provided_cell(blocks, prefix=""):
    if not blocks:
        return []
    names = "-".join(sorted(blocks[0].defines))[:40]
    grade_id = f"{prefix}provided-{names}-{blocks[0].first_line}"
    return [cells.provided(grade_id, "\n\n".join(block.source.strip("\n") for block in blocks))]


#: The Japanese line of a graded cell (the English lines above it are read back by tests and tools).
GRADED_CELL = N_("Graded: {unit}, {points} point(s). The check is hidden; it runs when your notebook is graded.")


def _test_cell(test, seed, language=None, course_seed=None):
    """The graded cell of one hidden test; `language` ('ja', 'en' or None): the course's, for its feedback."""
    seeds = f"seed={seed!r}"
    if course_seed is not None and test.check.startswith(MISSION_CHECKS):
        seeds += f", course_seed={int(course_seed)!r}"
    source = "\n".join([
        f"# Graded: {test.unit}, {test.points:g} point{'s' if test.points != 1 else ''}.",
        "# The check is hidden; it runs when your notebook is graded.",
        *(["# " + japanese.format(unit=test.unit, points=f"{test.points:g}")]
          if (japanese := exercise_text.japanese(GRADED_CELL)) else []),
        "### BEGIN HIDDEN TESTS",
        *([f"import os; os.environ['KIT_LANG'] = {language!r}  # the course's language"] if language else []),
        GRADER_IMPORT,
        f"grade_in_notebook({test.check!r}, globals(), points={test.points!r}, {seeds})",
        "### END HIDDEN TESTS",
    ])
    return cells.graded_test(test.name, source, test.points)


def _has_main(module):
    return any(block.name == "main" for block in module.blocks)
