"""The lazy-answer battery: code that does no honest work scores 0 on the unit it fills.

Each entry of autograder.mistakes.lazy_catalogue (zeros, ones, constants, the input returned,
identity layers, `params[k] += 1`, no-op and sign-step optimizers, uniform or zero inits,
constant networks) is written into a copy of the reference and graded by the hidden checks;
its unit must get 0 points. Entries are graded in groups, as the mistakes are
(test_graded_mistakes.plan_groups): one entry per unit in a submission, none in a unit
another entry's unit uses.
"""
import pytest

from autograder.grading import grade_submission
from autograder.mistakes.lazy_catalogue import LAZY_ANSWERS

from .dependencies import CONTRACT_UNITS
from .test_graded_mistakes import build_submission, losses, plan_groups

SEEDS = (7, 20241111)   # each group is graded under one of them, so both kinds of draws are covered

GROUPS = plan_groups(LAZY_ANSWERS)


@pytest.fixture(scope="module")
def graded_groups(tmp_path_factory):
    runs = {}

    def graded(index):
        if index not in runs:
            group = GROUPS[index]
            directory = build_submission(tmp_path_factory.mktemp(f"lazy{index}") / "submission", ())
            for answer in group:
                answer.write_into(directory)
            run = grade_submission(directory, seed=SEEDS[index % len(SEEDS)], only=[a.unit for a in group])
            assert run.error is None, run.error
            runs[index] = run
        return runs[index]

    return graded


def test_every_unit_but_the_missions_has_lazy_answers():
    units = {answer.unit for answer in LAZY_ANSWERS}
    assert units == {u for u in CONTRACT_UNITS if not u.endswith("_mission.train")}


@pytest.mark.slow
@pytest.mark.parametrize("answer", LAZY_ANSWERS, ids=[a.name for a in LAZY_ANSWERS])
def test_lazy_answer_scores_zero_on_its_unit(answer, graded_groups):
    index = next(i for i, group in enumerate(GROUPS) if answer in group)
    lost, available, failing = losses(graded_groups(index))[answer.unit]
    assert available > 0
    passed = [t.name for t in graded_groups(index).tests if t.unit == answer.unit and t.passed]
    assert lost == available, f"{answer.name} earned points on {passed}"
