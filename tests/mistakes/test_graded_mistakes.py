"""Every catalogue mistake, written into a copy of the reference and graded by the hidden checks,
loses points on its own unit and on no other.

To stay fast, mistakes are graded in groups: one submission holds several
mistakes of different units, none of which uses another's unit (a wrong softmax
may also cost points in SoftmaxWithLoss, which imports it: see
dependencies.py), and is graded with ``only=`` those units plus one control
unit that no mistake touches. Two submissions are graded whole, to show that
units no mistake can reach keep full marks.
"""
import shutil
import time

import pytest

from autograder.mistakes import MISTAKES
from autograder.mistakes.mistake import reference_directory

from . import grading_record
from .dependencies import CONTRACT_UNITS, dependents

grading = pytest.importorskip("autograder.grading", reason="the hidden suites' grading is not there yet")
if not hasattr(grading, "grade_submission"):
    pytest.skip("the hidden suites' grade_submission is not there yet", allow_module_level=True)

SEED = 20240917

# Mistakes the hidden checks do not catch: name -> why (the gap in the checks). Each is
# reported to the hidden suites' engineer; the test is a strict xfail until the check is fixed.
KNOWN_GAPS: dict[str, str] = {}

# Control units, in order of preference: cheap to grade and used by nothing else.
CONTROL_UNITS = ("functions.relu", "functions.mean_squared_error", "optimizer.Momentum",
                 "functions.step_function", "optimizer.AdaGrad")


def touched(mistakes):
    """Units where the mistakes may cost points: their own and every unit using them."""
    units = set()
    for mistake in mistakes:
        units |= {mistake.unit} | dependents(mistake.unit)
    return units


def conflict(mistake, other):
    """Whether two mistakes cannot share a submission: same unit, or one's unit uses the other's."""
    return (mistake.unit == other.unit or mistake.unit in dependents(other.unit)
            or other.unit in dependents(mistake.unit))


def plan_groups(mistakes):
    """Mistakes in groups without conflicts, as few and as even as a greedy colouring makes them.

    The most constrained mistakes are placed first, each in the smallest group it fits.
    """
    order = sorted(mistakes, key=lambda m: -sum(conflict(m, other) for other in mistakes))
    groups = []
    for mistake in order:
        fits = [group for group in groups if not any(conflict(mistake, other) for other in group)]
        if fits:
            min(fits, key=len).append(mistake)
        else:
            groups.append([mistake])
    return [tuple(group) for group in groups]


def control_unit(group):
    candidates = [*CONTROL_UNITS, *(u for u in CONTRACT_UNITS if not u.endswith("_mission.train"))]
    return next(unit for unit in candidates if unit not in touched(group))


GROUPS = plan_groups(MISTAKES)


def named(*names):
    return tuple(next(m for m in MISTAKES if m.name == name) for name in names)


# Submissions graded whole. Leaf units: nothing else in the contract uses them, so their
# mistakes can show nowhere else. Then mistakes that other units use: they may also cost
# points in those units (their cone), and nowhere else.
WHOLE_GRADES = {
    "leaf units": tuple(next(m for m in MISTAKES if m.unit == unit) for unit in CONTRACT_UNITS
                        if not dependents(unit) and not unit.endswith("_mission.train")),
    "used units": named("BatchNormalization backward without the variance and mean paths",
                        "TwoLayerNet.gradient walks the layers in forward order",
                        "Adam without bias correction"),
}


def build_submission(directory, mistakes):
    shutil.copytree(reference_directory(), directory, ignore=shutil.ignore_patterns("__pycache__"))
    for mistake in mistakes:
        mistake.write_into(directory)
    return directory


def grade(directory, only, what):
    started = time.perf_counter()
    run = grading.grade_submission(directory, seed=SEED, only=only)
    grading_record.TIMINGS.append((what, time.perf_counter() - started))
    assert run.error is None, run.error
    return run


@pytest.fixture(scope="module")
def graded_groups(tmp_path_factory):
    """Lazily grades group i once; returns its GradingRun."""
    runs = {}

    def graded(index):
        if index not in runs:
            group = GROUPS[index]
            directory = build_submission(tmp_path_factory.mktemp(f"group{index}") / "submission", group)
            only = [m.unit for m in group] + [control_unit(group)]
            runs[index] = grade(directory, only, f"group {index + 1} ({len(group)} mistakes, {len(only)} units)")
        return runs[index]

    return graded


def losses(run):
    """unit -> (points lost, points available, failing tests)."""
    table = {}
    for test in run.tests:
        lost, available, failing = table.get(test.unit, (0.0, 0.0, []))
        table[test.unit] = (lost + test.max_score - test.score, available + test.max_score,
                            failing + ([test] if not test.passed else []))
    return table


def feedback_of(tests):
    return "\n\n".join(f"[{t.name}] {t.output}" for t in tests)[:3000]


def with_gap_marks(mistakes):
    return [pytest.param(m, id=m.name, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[m.name])]
                         if m.name in KNOWN_GAPS else []) for m in mistakes]


@pytest.mark.slow
@pytest.mark.parametrize("mistake", with_gap_marks(MISTAKES))
def test_mistake_loses_points_on_its_own_unit_only(mistake, graded_groups):
    index = next(i for i, group in enumerate(GROUPS) if mistake in group)
    group = GROUPS[index]
    table = losses(graded_groups(index))
    assert set(table) == {m.unit for m in group} | {control_unit(group)}, "graded units differ from only="

    lost, available, failing = table[mistake.unit]
    diagnoses = {t.diagnosis for t in failing if t.diagnosis}
    grading_record.OUTCOMES[mistake.name] = grading_record.Outcome(
        mistake.unit, lost, available, ", ".join(sorted(diagnoses)))

    assert available > 0, f"no test graded {mistake.unit}"
    control = control_unit(group)
    assert table[control][0] == 0, f"control unit {control} lost points:\n{feedback_of(table[control][2])}"
    assert lost > 0, f"{mistake.unit} kept full marks with the mistake {mistake.name!r} in it"
    # A diagnosis, where the checks give one, must name this mistake and no other, in the feedback.
    assert diagnoses <= {mistake.name}, f"feedback names the wrong mistake:\n{feedback_of(failing)}"
    for test in failing:
        if test.diagnosis:
            assert mistake.name in test.feedback()


@pytest.mark.slow
@pytest.mark.parametrize("label", WHOLE_GRADES)
def test_whole_submission_loses_points_only_where_the_mistakes_reach(label, tmp_path):
    mistakes = WHOLE_GRADES[label]
    directory = build_submission(tmp_path / "submission", mistakes)
    run = grade(directory, None, f"whole submission with the {len(mistakes)} mistakes of {label}")
    table = losses(run)
    assert set(table) == set(CONTRACT_UNITS)
    own_units = {m.unit for m in mistakes}
    for unit, (lost, _, failing) in table.items():
        if unit in own_units:
            assert lost > 0, f"{unit} kept full marks"
        elif unit in touched(mistakes):
            if lost > 0:
                grading_record.CASCADES.append((label, unit, lost))
        else:
            assert lost == 0, f"{unit} lost points, but no mistake can reach it:\n{feedback_of(failing)}"


def test_groups_are_sound():
    """Every mistake is graded once, in a group where no other mistake can reach its unit."""
    assert sorted(m.name for group in GROUPS for m in group) == sorted(m.name for m in MISTAKES)
    for group in GROUPS:
        units = [m.unit for m in group]
        assert len(units) == len(set(units))
        assert not any(conflict(a, b) for a in group for b in group if a is not b)
        assert control_unit(group) not in touched(group)
    assert len(WHOLE_GRADES["leaf units"]) >= 5
    for mistakes in WHOLE_GRADES.values():
        assert not any(a.unit == b.unit for a in mistakes for b in mistakes if a is not b)
