"""What a grading run tells: mistakes named, inputs from the seed only, advice, partial credit, errors."""
import dataclasses

import pytest

from autograder.checks import functions as function_checks
from autograder.checks import missions
from autograder.grading import grade_submission

from .conftest import SOLUTIONS, replace_function

WRONG_AXIS_SOFTMAX = """
def softmax(x):
    e = np.exp(x - np.max(x))
    return e / np.sum(e, axis=0)
"""
NAIVE_SIGMOID = """
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
"""


def softmax_outputs(run):
    return [t.output for t in run.tests if t.unit == "functions.softmax"]


@pytest.fixture(scope="module")
def wrong_softmax(tmp_path_factory):
    from .conftest import copy_submission

    submission = copy_submission(SOLUTIONS, tmp_path_factory.mktemp("wrong") / "submission")
    replace_function(submission / "functions.py", "softmax", WRONG_AXIS_SOFTMAX)
    return submission


def test_a_wrong_unit_loses_its_points_with_input_expected_got_and_the_mistake_named(wrong_softmax):
    run = grade_submission(wrong_softmax, seed=4, only=["functions"])
    failed = [t for t in run.tests if not t.passed]
    assert failed and {t.unit for t in failed} == {"functions.softmax"}
    rows = [t for t in failed if "square batch" in t.name]
    assert rows, [t.name for t in failed]
    feedback = rows[0].output
    for part in ("input:", "expected:", "got:", "batch x"):
        assert part in feedback
    assert rows[0].diagnosis and "axis" in rows[0].diagnosis
    assert rows[0].diagnosis in feedback


def test_inputs_depend_on_the_seed_and_the_test_only(wrong_softmax):
    whole = grade_submission(wrong_softmax, seed=8, only=["functions", "layers.Relu"])
    alone = grade_submission(wrong_softmax, seed=8, only=["functions.softmax"])
    again = grade_submission(wrong_softmax, seed=8, only=["functions.softmax"])
    other = grade_submission(wrong_softmax, seed=9, only=["functions.softmax"])
    assert softmax_outputs(whole) == softmax_outputs(alone) == softmax_outputs(again)
    assert softmax_outputs(other) != softmax_outputs(alone)


def test_warnings_are_advice_not_failures(reference_copy):
    replace_function(reference_copy / "functions.py", "sigmoid", NAIVE_SIGMOID)
    run = grade_submission(reference_copy, seed=2, only=["functions.sigmoid"])
    assert run.score == run.max_score
    extremes = [t for t in run.tests if "1000" in t.name][0]
    assert "Advice" in extremes.output and "overflow" in extremes.output


def test_a_timed_out_call_carries_no_warning_of_an_earlier_call(reference_copy):
    """sigmoid warns about an overflow; relu, stopped after it, must not be shown that warning."""
    replace_function(reference_copy / "functions.py", "sigmoid", NAIVE_SIGMOID)
    replace_function(reference_copy / "functions.py", "relu", "def relu(x):\n    while True:\n        pass\n")
    run = grade_submission(reference_copy, seed=1, only=["functions.sigmoid", "functions.relu"], call_timeout=1.0)
    relu = [t for t in run.tests if t.unit == "functions.relu"]
    assert relu and all("timed out" in t.output and "overflow" not in t.output for t in relu), relu
    assert any("overflow encountered in exp" in t.output for t in run.tests if t.unit == "functions.sigmoid")


def test_a_grader_error_fails_one_test_and_is_reported(monkeypatch):
    def broken(sub, rng):
        raise ZeroDivisionError("a bug in the grader")

    monkeypatch.setattr(function_checks, "check_relu", broken)
    run = grade_submission(SOLUTIONS, seed=1, only=["functions"])
    relu = [t for t in run.tests if t.unit == "functions.relu"][0]
    assert not relu.passed and "not a verdict on your code" in relu.output
    assert "ZeroDivisionError" in run.error and "test_relu" in run.error
    assert all(t.passed for t in run.tests if t.unit != "functions.relu")


def test_missions_give_linear_partial_credit(monkeypatch):
    iris = missions.IRIS
    assert missions.score_fraction(iris, iris.full_credit_accuracy) == 1.0
    assert missions.score_fraction(iris, iris.no_credit_accuracy) == 0.0
    halfway = (iris.full_credit_accuracy + iris.no_credit_accuracy) / 2
    assert missions.score_fraction(iris, halfway) == pytest.approx(0.5)
    # Raise the bars above what the reference reaches (~0.95): partial credit, with the reason.
    criterion = dataclasses.replace(iris.criterion, split_count=3, full_credit_accuracy=0.999,
                                    no_credit_accuracy=0.90)
    monkeypatch.setattr(missions, "IRIS", dataclasses.replace(iris, criterion=criterion))
    run = grade_submission(SOLUTIONS, seed=1, only=["iris_mission"])
    (test,) = run.tests
    assert 0 < test.score < test.max_score and not test.passed
    assert "Full credit from a mean accuracy of 1.00, partial credit from 0.90" in test.output


def test_a_mission_over_the_time_limit_earns_nothing(monkeypatch):
    criterion = dataclasses.replace(missions.IRIS.criterion, split_count=2, time_limit_seconds=0.001)
    monkeypatch.setattr(missions, "IRIS", dataclasses.replace(missions.IRIS, criterion=criterion))
    run = grade_submission(SOLUTIONS, seed=1, only=["iris_mission"])
    (test,) = run.tests
    assert test.score == 0 and "over the limit" in test.output


ODD_RETURNS = {
    "functions.py": "def softmax(x):\n    return None\n\n\ndef sigmoid(x):\n    return object()\n",
    "layers.py": "def Relu():\n    return None\n\n\nclass Sigmoid:\n    forward = 3\n",
    "optimizer.py": "def SGD(lr=0.01):\n    return {}\n",
    "two_layer_net.py": "TwoLayerNet.gradient = lambda self, x, t: [1, 2]\n",
    "multi_layer_net.py": "MultiLayerNet.params = property(lambda self: None)\n",
    "iris_mission.py": "def train(x_train, t_train, seed=0):\n    return None\n",
    "weight_init.py": "def he_init(fan_in, fan_out, rng=None):\n    return 'weights'\n",
}


def test_odd_return_values_fail_their_test_never_the_grader(reference_copy):
    for module, code in ODD_RETURNS.items():
        replace_function(reference_copy / module, None, code)
    run = grade_submission(reference_copy, seed=3, call_timeout=5)
    assert run.error is None, run.error
    broken = {"functions.softmax", "functions.sigmoid", "layers.Relu", "layers.Sigmoid", "optimizer.SGD",
              "two_layer_net.TwoLayerNet", "multi_layer_net.MultiLayerNet", "iris_mission.train",
              "weight_init.he_init"}
    for test in run.tests:
        if test.unit in broken:
            assert not test.passed and test.output, test.unit
    assert all(t.passed for t in run.tests if t.unit in {"layers.Affine", "optimizer.Adam", "functions.relu"})


def test_the_traceback_in_feedback_keeps_only_the_students_frames():
    from autograder.checks.feedback import traceback_tail

    text = ('Traceback (most recent call last):\n'
            '  File "/usr/lib/python3.11/importlib/__init__.py", line 126, in import_module\n'
            '    return _bootstrap._gcd_import(name[level:], package, level)\n'
            '           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n'
            '  File "<frozen importlib._bootstrap>", line 1204, in _gcd_import\n'
            '  File "layers.py", line 12, in <module>\n'
            '    from .functions import softmax\n'
            '  File "functions.py", line 12\n'
            '    def broken(:\n'
            '               ^\n'
            'SyntaxError: invalid syntax\n')
    tail = traceback_tail(text)
    assert "importlib" not in tail and "Traceback" not in tail and "frozen" not in tail
    assert tail.splitlines() == ['      File "layers.py", line 12, in <module>', "        from .functions import softmax",
                                 '      File "functions.py", line 12', "        def broken(:",
                                 "                   ^", "    SyntaxError: invalid syntax"]


SLOW_RELU = """
def count_up(x):
    steps = 0
    while steps >= 0:
        steps += 1
    return x

def relu(x):
    return np.maximum(0, count_up(x))
"""


def test_a_timed_out_call_names_the_function_file_and_line_it_was_stuck_on(reference_copy):
    replace_function(reference_copy / "functions.py", "relu", SLOW_RELU)
    lines = (reference_copy / "functions.py").read_text(encoding="utf-8").splitlines()
    loop = lines.index("    while steps >= 0:") + 1     # stopped on the loop's test or on its body
    places = (f"it was running count_up (functions.py, line {loop}): while steps >= 0:",
              f"it was running count_up (functions.py, line {loop + 1}): steps += 1")
    run = grade_submission(reference_copy, seed=1, only=["functions.relu"], call_timeout=1.0)
    relu = [t for t in run.tests if t.unit == "functions.relu"]
    assert relu and all(any(place in t.output for place in places) for t in relu), relu
    for t in relu:
        assert "worker_session" not in t.output and "/submission" not in t.output and str(reference_copy) not in t.output
