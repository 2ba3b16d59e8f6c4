"""The visible tests (`pytest exercises`), run in subprocesses as a student or a grader would run them.

Proven both ways: the reference solutions pass every test, each stub fails every
test of its unit with the one-line "not implemented yet" message, and filling in
one unit turns that unit, and only it, done in the progress table.
"""
import os
import re
import shutil
import subprocess
import sys
from xml.etree import ElementTree

import pytest

from .variant_submissions import (
    BOOK_STYLE_VARIANTS,
    CAUGHT_BY,
    MISTAKES,
    OTHER_VARIANTS,
    REPO_ROOT,
    SOLUTIONS_DIR,
    build_submission,
)

EXERCISES_DIR = REPO_ROOT / "exercises"
#: The units of docs/CONTRACT.md, in its order: the progress table lists each of them.
CONTRACT_UNITS = [
    "functions.step_function", "functions.sigmoid", "functions.relu", "functions.softmax",
    "functions.mean_squared_error", "functions.cross_entropy_error",
    "gradient.numerical_gradient",
    "util.im2col", "util.col2im",
    "layers.Relu", "layers.Sigmoid", "layers.Affine", "layers.SoftmaxWithLoss", "layers.Dropout",
    "layers.BatchNormalization", "layers.Convolution", "layers.Pooling",
    "optimizer.SGD", "optimizer.Momentum", "optimizer.AdaGrad", "optimizer.RMSprop", "optimizer.Adam",
    "weight_init.he_init", "weight_init.xavier_init",
    "two_layer_net.TwoLayerNet", "multi_layer_net.MultiLayerNet", "simple_conv_net.SimpleConvNet",
    "iris_mission.train", "digits_mission.train", "cnn_mission.train",
]
NOT_MISSIONS = [f"exercises/tests/test_{module}.py" for module in (
    "functions", "gradient", "util", "layers", "optimizer", "weight_init", "two_layer_net", "multi_layer_net",
    "simple_conv_net")]
STUB_LINE = re.compile(
    r"^(?P<name>[\w.]+) \((?P<path>exercises/\w+\.py)\): "
    r"(?:not implemented yet|waiting for (?P<stub>[\w.]+) \(exercises/\w+\.py\)) - TODO: .+$")


def run_visible_tests(tmp_path, *args, submission=None):
    """Run `pytest exercises` from the repository root.

    Returns the exit code, the output and {test name: (unit, outcome, message)} from the JUnit XML.
    """
    junit = tmp_path / "visible-tests.xml"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTEST_ADDOPTS", "KIT_SUBMISSION")}
    env["KIT_DATASETS"] = str(REPO_ROOT / "datasets")
    command = [sys.executable, "-m", "pytest", *(args or ["exercises"]), "-p", "no:cacheprovider",
               f"--junitxml={junit}"]
    if submission is not None:
        command += ["--submission", str(submission)]
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300,
                            check=False)
    tests = {}
    for case in ElementTree.parse(junit).iter("testcase"):
        unit = next((p.get("value") for p in case.iter("property") if p.get("name") == "unit"), None)
        problem = next((child for child in case if child.tag in ("failure", "error", "skipped")), None)
        outcome = "passed" if problem is None else problem.tag
        tests[case.get("name")] = (unit, outcome, None if problem is None else problem.get("message"))
    return result.returncode, result.stdout + result.stderr, tests


def progress_table(output):
    """The progress table's rows as {unit: (done, status)}, and its last line."""
    table = output.split(" progress ", 1)[1]
    rows = {}
    for match in re.finditer(r"^\[(x| )\] (\S+) +(.+)$", table, re.MULTILINE):
        rows[match.group(2)] = (match.group(1) == "x", match.group(3))
    done_line = re.search(r"^\d+/\d+ units done.*$", table, re.MULTILINE).group(0)
    return rows, done_line


def copy_of_the_stubs(tmp_path):
    """The generated stubs (not the tests) in a folder of their own, as a student's submission."""
    copy = tmp_path / "submission"
    copy.mkdir()
    for source in SOLUTIONS_DIR.glob("*.py"):
        shutil.copy(EXERCISES_DIR / source.name, copy / source.name)
    return copy


def test_reference_solutions_pass_every_visible_test(tmp_path):
    code, output, tests = run_visible_tests(tmp_path, submission=SOLUTIONS_DIR)
    failed = {name: message for name, (_, outcome, message) in tests.items() if outcome != "passed"}
    assert code == 0 and not failed, output[-3000:]
    assert {unit for unit, _, _ in tests.values()} == set(CONTRACT_UNITS)
    rows, done_line = progress_table(output)
    assert list(rows) == CONTRACT_UNITS
    assert done_line == f"{len(CONTRACT_UNITS)}/{len(CONTRACT_UNITS)} units done"


def test_untouched_stubs_fail_every_test_with_one_line_naming_its_unit(tmp_path):
    code, output, tests = run_visible_tests(tmp_path)
    assert code == 1
    assert {unit for unit, _, _ in tests.values()} == set(CONTRACT_UNITS)
    for name, (unit, outcome, message) in tests.items():
        assert outcome == "failure", (name, outcome, message)
        match = STUB_LINE.match(message)
        assert match, f"{name}: {message!r}"
        module, _, unit_name = unit.partition(".")
        assert match.group("path") == f"exercises/{module}.py", (name, message)
        if match.group("stub") is None:  # the unit's own stub
            assert match.group("name") == unit_name or match.group("name").startswith(unit_name + "."), message
        else:  # waiting for the stub of another unit
            assert match.group("name") == unit_name, message
    for banned in ("Traceback", "site-packages", "NotImplementedError", "raise "):
        assert banned not in output, f"{banned!r} in the output of the stubs' run"
    sigmoid_line = "sigmoid (exercises/functions.py): not implemented yet - TODO: return 1 / (1 + exp(-x)) elementwise."
    assert sigmoid_line in output.splitlines()
    rows, done_line = progress_table(output)
    assert rows == {unit: (False, "not started") for unit in CONTRACT_UNITS}
    assert done_line == f"0/{len(CONTRACT_UNITS)} units done"
    assert f"{len(tests)} not implemented" in output.splitlines()[-1]


def test_filling_in_sigmoid_turns_that_unit_done(tmp_path):
    """The newcomer's path: every unit not done, fill in sigmoid, and functions.sigmoid turns done."""
    submission = copy_of_the_stubs(tmp_path)
    functions = submission / "functions.py"
    text = functions.read_text(encoding="utf-8")
    stub = re.search(r"(def sigmoid\(x\):.*?\n)( +)raise NotImplementedError\([^\n]*\)\n", text, re.DOTALL)
    implementation = stub.group(2) + "return np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x)))\n"
    functions.write_text(text[:stub.start(2)] + implementation + text[stub.end():], encoding="utf-8")

    code, output, _ = run_visible_tests(tmp_path, submission=submission)
    assert code == 1
    rows, done_line = progress_table(output)
    assert rows.pop("functions.sigmoid") == (True, "done"), output[-3000:]
    assert rows == {unit: (False, "not started") for unit in CONTRACT_UNITS if unit != "functions.sigmoid"}
    assert done_line == f"1/{len(CONTRACT_UNITS)} units done"
    assert "sigmoid (" not in output.split("not implemented yet (T)", 1)[1].split(" progress ", 1)[0]


def test_a_module_that_does_not_import_is_reported_once(tmp_path):
    submission = copy_of_the_stubs(tmp_path)
    functions = submission / "functions.py"
    lines = functions.read_text(encoding="utf-8").splitlines(keepends=True)
    number = lines.index("def step_function(x):\n") + 1
    lines[number - 1] = "def broken(:\n"
    functions.write_text("".join(lines), encoding="utf-8")

    code, output, tests = run_visible_tests(tmp_path, "exercises/tests/test_functions.py", submission=submission)
    assert code == 1
    expected = f"functions.py does not import: SyntaxError: invalid syntax (line {number})"
    assert tests and all(outcome == "error" for _, outcome, _ in tests.values())
    assert output.count(f"\n{expected}\n    def broken(:\n") == 1, output[-3000:]
    assert "Traceback" not in output and "site-packages" not in output
    rows, done_line = progress_table(output)
    assert rows["functions.sigmoid"] == (False, "does not import (see above)")
    assert done_line.startswith("0/6 units done")


@pytest.mark.parametrize("variants", [BOOK_STYLE_VARIANTS, OTHER_VARIANTS], ids=["book-style", "others"])
def test_every_correct_variant_of_the_contract_passes(tmp_path, variants):
    """Dropout book/inverted, Adam folded, Glorot Xavier, eps and h ranges, bool/float step,
    biased/unbiased running_var, naive sigmoid (overflow warning), the book's in-place Relu.backward."""
    submission = build_submission(tmp_path / "variant", variants)
    code, output, tests = run_visible_tests(tmp_path, *NOT_MISSIONS, submission=submission)
    failed = [name for name, (_, outcome, _) in tests.items() if outcome != "passed"]
    assert code == 0 and not failed, output[-3000:]


def test_typical_mistakes_are_caught(tmp_path):
    submission = build_submission(tmp_path / "mistakes", MISTAKES)
    code, output, tests = run_visible_tests(tmp_path, *NOT_MISSIONS, submission=submission)
    assert code == 1
    still_passing = [name for name in CAUGHT_BY if tests.get(name, (None, None))[1] == "passed"]
    assert not still_passing, output[-3000:]
    assert all(name in tests for name in CAUGHT_BY), sorted(set(CAUGHT_BY) - set(tests))
