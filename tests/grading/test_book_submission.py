"""A unit loses points only for its own faults: the book's own code, and four learners' variants.

1. The book's `common/` modules and chapter 5 TwoLayerNet (tests/fixtures/book_common), imports
   flattened, get full marks on every unit they implement (`sum_squared_error` included).
2. Four learners' choices that are correct or are faults of one unit only:
   small random biases in TwoLayerNet's constructor (correct: full marks everywhere); a
   SoftmaxWithLoss.backward for one-hot targets only (loses SoftmaxWithLoss's points, and
   nothing else: networks are fed one-hot targets); BatchNormalization with eps 1e-5 (correct:
   full marks, MultiLayerNet included); a softmax returning a list (loses softmax's points only,
   with a message saying an array is due).
"""
import re
from pathlib import Path

import pytest

from autograder.grading import grade_submission
from autograder.mistakes import MISTAKES
from autograder.submission_intake import copy_modules

from .conftest import NON_MISSION_MODULES, SOLUTIONS

BOOK = Path(__file__).resolve().parents[1] / "fixtures" / "book_common"
BOOK_MODULES = ["functions", "gradient", "util", "layers", "optimizer", "two_layer_net", "simple_conv_net"]
SEEDS = (1, 2, 3)


def points_by_unit(run):
    """unit -> (score, max_score)."""
    table = {}
    for test in run.tests:
        score, available = table.get(test.unit, (0.0, 0.0))
        table[test.unit] = (score + test.score, available + test.max_score)
    return table


def lost_units(run):
    return {unit for unit, (score, available) in points_by_unit(run).items() if score < available}


def failures(run, unit=None):
    return "\n\n".join(f"[{t.unit}] {t.name}\n{t.output}" for t in run.tests
                       if not t.passed and (unit is None or t.unit == unit))[:4000]


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_the_books_code_gets_full_marks_on_every_unit_it_implements(seed, tmp_path):
    directory = copy_modules(BOOK, tmp_path / "submission")
    run = grade_submission(directory, seed=seed, only=BOOK_MODULES)
    assert run.error is None, run.error
    assert {t.unit.split(".")[0] for t in run.tests} == set(BOOK_MODULES)
    assert lost_units(run) == set(), failures(run)
    assert run.score == run.max_score > 0


def _set_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def with_random_biases(directory):
    _set_in(directory / "two_layer_net.py", '"b1": np.zeros(hidden_size)', '"b1": 0.1 * np.random.randn(hidden_size)')
    _set_in(directory / "two_layer_net.py", '"b2": np.zeros(output_size)', '"b2": 0.1 * np.random.randn(output_size)')


def with_one_hot_only_backward(directory):
    mistake = next(m for m in MISTAKES if m.name == "SoftmaxWithLoss backward assumes one-hot labels")
    mistake.write_into(directory)


def with_batch_norm_eps_1e5(directory):
    _set_in(directory / "layers.py", "BATCH_NORM_EPSILON = 1e-6", "BATCH_NORM_EPSILON = 1e-5")


def with_list_softmax(directory):
    path = directory / "functions.py"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\n\n_array_softmax = softmax\n\n\n"
        "def softmax(x):\n    return _array_softmax(x).tolist()\n"), encoding="utf-8")


LEARNER_CASES = {
    # name: (change, the units that must lose points, text their feedback must hold)
    "random biases in TwoLayerNet's constructor": (with_random_biases, set(), None),
    "SoftmaxWithLoss.backward for one-hot targets only": (with_one_hot_only_backward, {"layers.SoftmaxWithLoss"}, None),
    "BatchNormalization eps 1e-5": (with_batch_norm_eps_1e5, set(), None),
    "softmax returning a list": (with_list_softmax, {"functions.softmax"}, "expected a NumPy array"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", LEARNER_CASES)
def test_a_learners_variant_loses_points_only_on_the_unit_at_fault(case, tmp_path):
    change, at_fault, text = LEARNER_CASES[case]
    directory = copy_modules(SOLUTIONS, tmp_path / "submission")
    change(directory)
    for seed in SEEDS[:2]:
        run = grade_submission(directory, seed=seed, only=NON_MISSION_MODULES)
        assert run.error is None, run.error
        assert lost_units(run) == at_fault, failures(run)
        for unit in at_fault:
            if text:
                assert re.search(re.escape(text), failures(run, unit)), failures(run, unit)


@pytest.mark.slow
def test_a_network_failing_through_a_failing_layer_names_that_layer_first(tmp_path):
    directory = copy_modules(SOLUTIONS, tmp_path / "submission")
    next(m for m in MISTAKES if m.name == "SoftmaxWithLoss backward without / N").write_into(directory)
    run = grade_submission(directory, seed=5, only=["two_layer_net", "layers.SoftmaxWithLoss"])
    assert run.error is None, run.error
    gradient = next(t for t in run.tests if t.unit == "two_layer_net.TwoLayerNet" and "gradient" in t.name)
    assert not gradient.passed
    assert gradient.output.startswith("two_layer_net.TwoLayerNet failed because layers.SoftmaxWithLoss fails "
                                      "its own tests: fix that first"), gradient.output
    own = [t for t in run.tests if t.unit == "layers.SoftmaxWithLoss" and not t.passed]
    assert own and not any("fails its own tests" in t.output for t in own)
