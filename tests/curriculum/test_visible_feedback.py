"""What the visible tests say when something is wrong: one test per finding of a student's trial.

Each test builds a submission from the reference with one mistake appended
(variant_submissions.build_submission), runs `pytest exercises` on it in a
subprocess as a student would, and checks that the report points at the unit
and the line at fault, without misleading hints.
"""
import ast
import os
import re
import subprocess
import sys

import pytest

from .test_visible_tests import copy_of_the_stubs, run_visible_tests
from .variant_submissions import REPO_ROOT, build_submission

FUNCTIONS_TESTS = "exercises/tests/test_functions.py"
LAYERS_TESTS = "exercises/tests/test_layers.py"
OPTIMIZER_TESTS = "exercises/tests/test_optimizer.py"
TWO_LAYER_NET_TESTS = "exercises/tests/test_two_layer_net.py"


def failure_of(output, test_name):
    """The report of one failed test: the text under its '____ name ____' header."""
    match = re.search(r"^_+ " + re.escape(test_name) + r" _+$\n(.*?)(?=^_{3,} |^={3,} )", output,
                      re.MULTILINE | re.DOTALL)
    assert match, f"no failure report for {test_name}:\n{output[-3000:]}"
    return match.group(1)


def test_an_endless_loop_is_stopped_naming_the_unit_and_its_line(tmp_path):
    submission = build_submission(tmp_path / "loop", {"functions.py": '''
        def relu(x):
            while True:
                pass
    '''})
    code, output, tests = run_visible_tests(tmp_path, FUNCTIONS_TESTS, "--time-limit", "1", submission=submission)
    assert code == 1
    report = failure_of(output, "test_relu_of_a_few_values")
    assert "functions.relu: test_relu_of_a_few_values was stopped after 1 s, in relu (" in report
    assert re.search(r"functions\.py, line \d+\): while True:", report), report
    assert tests["test_relu_keeps_the_shape"][1] == "failure"
    assert all(outcome == "passed" for name, (unit, outcome, _) in tests.items() if unit != "functions.relu")


def test_warnings_stay_with_the_test_that_raised_them(tmp_path):
    """A naive sigmoid warns about an overflow; relu, stopped after it, must not carry that warning."""
    submission = build_submission(tmp_path / "loop", {"functions.py": '''
        def sigmoid(x):
            return 1 / (1 + np.exp(-x))

        def relu(x):
            while True:
                pass
    '''})
    _, output, _ = run_visible_tests(tmp_path, FUNCTIONS_TESTS, "--time-limit", "1", submission=submission)
    for test in ("test_relu_of_a_few_values", "test_relu_keeps_the_shape"):
        assert "overflow" not in failure_of(output, test)
    warnings = output.split(" warnings summary ", 1)[1].split(" progress ", 1)[0]
    assert "test_sigmoid_of_large_inputs_is_exact_and_finite" in warnings and "relu" not in warnings


def test_what_a_failing_unit_prints_is_cut_with_a_count(tmp_path):
    submission = build_submission(tmp_path / "prints", {"functions.py": '''
        def softmax(x):
            for row in range(2000):
                print("row", row)
            return x
    '''})
    code, output, _ = run_visible_tests(tmp_path, FUNCTIONS_TESTS, "-k", "softmax", submission=submission)
    assert code == 1
    report = failure_of(output, "test_softmax_of_the_books_example")
    assert "row 4\n... 1,995 more lines (what your code printed, cut)" in report
    assert "row 5\n" not in report
    assert len(output.splitlines()) < 150, len(output.splitlines())


def test_a_syntax_error_is_reported_once_per_file(tmp_path):
    submission = build_submission(tmp_path / "syntax", {"functions.py": '''
        def broken(:
            pass
    '''})
    code, output, tests = run_visible_tests(tmp_path, FUNCTIONS_TESTS, LAYERS_TESTS, submission=submission)
    assert code == 1
    assert tests and all(outcome == "error" for _, outcome, _ in tests.values())
    assert output.count("does not import: SyntaxError") == 1, output
    assert "layers.py does not import because functions.py does not (see functions.py)." in output
    assert output.count("def broken(:") == 1
    assert len(output.splitlines()) < 50, len(output.splitlines())


def test_a_unit_failing_because_of_a_unit_it_uses_says_so(tmp_path):
    submission = build_submission(tmp_path / "softmax", {"functions.py": '''
        def softmax(x):
            return np.exp(x) / np.sum(np.exp(x))  # the whole batch: wrong for 2-D x
    '''})
    _, output, _ = run_visible_tests(tmp_path, FUNCTIONS_TESTS, LAYERS_TESTS, submission=submission)
    report = failure_of(output, "test_softmax_with_loss_forward_of_a_batch")
    assert report.startswith("note: layers.SoftmaxWithLoss uses functions.softmax, which fails its own tests: "
                             "fix functions.softmax first"), report
    assert "note:" not in failure_of(output, "test_softmax_of_a_batch_works_row_by_row")  # its own fault


def test_softmax_without_the_max_shift_is_not_told_about_rows(tmp_path):
    submission = build_submission(tmp_path / "softmax", {"functions.py": '''
        def softmax(x):
            e = np.exp(x)
            return e / np.sum(e, axis=-1, keepdims=True)
    '''})
    _, output, _ = run_visible_tests(tmp_path, FUNCTIONS_TESTS, "-k", "softmax", submission=submission)
    report = failure_of(output, "test_softmax_of_a_batch_works_row_by_row")
    assert "overflows" in report and "maximum" in report
    assert "column" not in report


def test_softmax_over_columns_is_told_about_rows(tmp_path):
    submission = build_submission(tmp_path / "softmax", {"functions.py": '''
        def softmax(x):
            e = np.exp(x - np.max(x, axis=0))
            return e / np.sum(e, axis=0)
    '''})
    _, output, _ = run_visible_tests(tmp_path, FUNCTIONS_TESTS, "-k", "softmax", submission=submission)
    assert "normalise over each row (axis=-1, keepdims=True), not over each column" in failure_of(
        output, "test_softmax_of_a_batch_works_row_by_row")


ADAM_WITHOUT_BIAS_CORRECTION = '''
    class Adam(Adam):
        def update(self, params, grads):
            if not hasattr(self, "moments"):
                self.moments = {key: (np.zeros_like(value), np.zeros_like(value)) for key, value in params.items()}
            for key in params:
                m, v = self.moments[key]
                m[...] = self.beta1 * m + (1 - self.beta1) * grads[key]
                v[...] = self.beta2 * v + (1 - self.beta2) * grads[key] ** 2
                params[key] -= self.lr * m / (np.sqrt(v) + 1e-7)
'''


def test_adam_without_bias_correction_is_not_told_about_the_defaults(tmp_path):
    submission = build_submission(tmp_path / "adam", {"optimizer.py": ADAM_WITHOUT_BIAS_CORRECTION})
    _, output, _ = run_visible_tests(tmp_path, OPTIMIZER_TESTS, "-k", "adam", submission=submission)
    report = failure_of(output, "test_adam_defaults")
    assert "the defaults are not the problem" in report and "defaults must be" not in report
    assert "correct the bias" in failure_of(output, "test_adam_three_steps_follow_the_formula")


def test_wrong_adam_defaults_are_told_about_the_defaults(tmp_path):
    submission = build_submission(tmp_path / "adam", {"optimizer.py": '''
        class Adam(Adam):
            def __init__(self, lr=0.01, beta1=0.9, beta2=0.999):
                super().__init__(lr, beta1, beta2)
    '''})
    _, output, _ = run_visible_tests(tmp_path, OPTIMIZER_TESTS, "-k", "adam", submission=submission)
    assert "the defaults must be lr=0.001, beta1=0.9, beta2=0.999" in failure_of(output, "test_adam_defaults")


def test_an_affine_that_copies_w_is_told_about_the_copy(tmp_path):
    submission = build_submission(tmp_path / "affine", {"layers.py": '''
        class Affine(Affine):
            def __init__(self, W, b):
                super().__init__(W.copy(), b)
    '''})
    _, output, _ = run_visible_tests(tmp_path, LAYERS_TESTS, "-k", "affine", submission=submission)
    report = failure_of(output, "test_affine_backward_matches_numerical_gradient")
    assert "does not see W change in place" in report and "without a copy" in report
    assert "x.T @ dout" not in report


def test_a_transposed_dw_is_called_transposed(tmp_path):
    submission = build_submission(tmp_path / "affine", {"layers.py": '''
        class Affine(Affine):
            def backward(self, dout):
                dx = super().backward(dout)
                self.dW = self.dW.T
                return dx
    '''})
    _, output, _ = run_visible_tests(tmp_path, LAYERS_TESTS, "-k", "affine", submission=submission)
    report = failure_of(output, "test_affine_backward_matches_numerical_gradient")
    assert "the gradient is transposed" in report and "original shape" not in report


def test_a_backward_pass_in_forward_order_is_named(tmp_path):
    submission = build_submission(tmp_path / "order", {"two_layer_net.py": '''
        class TwoLayerNet(TwoLayerNet):
            def gradient(self, x, t):
                self.loss(x, t)
                dout = self.last_layer.backward(1)
                for layer in self.layers:
                    dout = layer.backward(dout)
                first, _, second = self.layers
                return {"W1": first.dW, "b1": first.db, "W2": second.dW, "b2": second.db}
    '''})
    _, output, _ = run_visible_tests(tmp_path, TWO_LAYER_NET_TESTS, submission=submission)
    report = failure_of(output, "test_gradient_matches_numerical_gradient[labels]")
    assert "called backward on the layers in forward order" in report and "reversed(self.layers)" in report
    assert "ValueError" not in report


@pytest.mark.parametrize("mission", ["iris_mission", "digits_mission"])
def test_a_mission_run_on_the_stubs_says_so_in_one_line(mission):
    env = {key: value for key, value in os.environ.items() if key not in ("KIT_LANG", "LANG", "LC_ALL")}
    result = subprocess.run([sys.executable, "-m", f"exercises.{mission}"], cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == (f"The mission cannot run yet: train ({mission}.py) is not implemented yet "
                                     "(see its TODO). Run python -m pytest exercises to see what is left.")


def test_edits_outside_the_todo_regions_are_reported_and_code_inside_them_is_not(tmp_path):
    submission = copy_of_the_stubs(tmp_path)
    functions = submission / "functions.py"
    text = functions.read_text(encoding="utf-8")
    stub = re.search(r"(def relu\(x\):.*?\n)( +)raise NotImplementedError\([^\n]*\)\n", text, re.DOTALL)
    text = text[:stub.start(2)] + stub.group(2) + "return np.maximum(0, x)  # my code\n" + text[stub.end():]
    functions.write_text(text, encoding="utf-8")
    _, output, _ = run_visible_tests(tmp_path, FUNCTIONS_TESTS, submission=submission)
    assert "changed outside the TODO regions" not in output

    functions.write_text(text.replace("LOG_EPSILON = 1e-7", "LOG_EPSILON = 1e-3"), encoding="utf-8")
    _, output, _ = run_visible_tests(tmp_path, FUNCTIONS_TESTS, submission=submission)
    section = output.split(" changed outside the TODO regions ", 1)[1].split("\n=", 1)[0]
    assert "functions.py was changed outside its TODO regions (the provided code), in the code outside " \
           "every function and class (imports, constants):" in " ".join(section.split())
    assert "layers.py" not in section


def test_an_edit_outside_the_todo_regions_is_located_by_definition(tmp_path):
    submission = copy_of_the_stubs(tmp_path)
    functions = submission / "functions.py"
    text = functions.read_text(encoding="utf-8")
    softmax = next(node for node in ast.parse(text).body if getattr(node, "name", None) == "softmax")
    first, last = softmax.lineno, softmax.end_lineno
    text = text.replace("def softmax(x):", "def softmax(x, axis=-1):", 1)
    functions.write_text(text + "\n\ndef my_helper(x):\n    return x\n", encoding="utf-8")
    helper = len(text.splitlines()) + 3
    _, output, _ = run_visible_tests(tmp_path, FUNCTIONS_TESTS, submission=submission)
    section = " ".join(output.split(" changed outside the TODO regions ", 1)[1].split("\n=", 1)[0].split())
    assert (f"functions.py was changed outside its TODO regions (the provided code), in softmax (lines {first}-{last}), "
            f"my_helper (lines {helper}-{helper + 1}, added):") in section, section
    assert "sigmoid" not in section and "outside every function" not in section
