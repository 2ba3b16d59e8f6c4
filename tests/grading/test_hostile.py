"""Hostile submissions get no more than the stubs (zero), and cannot touch the results.

Each is a copy of the stubs with one hostile module; the whole suite grades it
(short call timeouts keep the loops cheap). The stubs score 0, so "no more
than the stubs" means a score of 0 with a result for every test; and what the
grader writes is what it computed, whatever the submission printed or wrote.
"""
import json
import os
import subprocess
import sys
import time

import pytest

from autograder.grading import grade_submission, selected_tests
from autograder.reports.gradescope import validate_gradescope

from .conftest import REPO, SOLUTIONS, prepend, replace_function

FORGED_MARK = "FORGED-BY-THE-SUBMISSION"
FAKE_RESULTS = json.dumps({"score": 100.0, "max_score": 100.0, "output": FORGED_MARK, "tests": [
    {"name": "everything", "score": 100.0, "max_score": 100.0, "status": "passed"}]})
TIMEOUT = 1.0   # seconds per call: the loops below cost this much per test module they stop


def grade_hostile(submission, **kwargs):
    run = grade_submission(submission, seed=1, call_timeout=TIMEOUT, **kwargs)
    stubs_units = {t.unit for t in run.tests}
    assert stubs_units == {unit for _, unit, _, _ in selected_tests()}, "every unit still gets a result"
    assert run.score == 0, [(t.unit, t.name) for t in run.tests if t.score]
    assert not any(t.passed for t in run.tests)
    return run


def outputs_of(run, unit):
    return [t.output for t in run.tests if t.unit == unit]


# ---------------------------------------------------------------- stopping the worker

@pytest.mark.parametrize("code, said", [
    ("import sys\nsys.exit(0)\n", "sys.exit(0)"),
    ("import os\nos._exit(0)\n", "exit code 0"),
])
def test_exit_at_import(stubs_copy, code, said):
    prepend(stubs_copy / "functions.py", code)
    run = grade_hostile(stubs_copy)
    assert all(said in o for o in outputs_of(run, "functions.sigmoid"))
    assert run.error is None


@pytest.mark.parametrize("code, said", [
    ("import sys\n    sys.exit(0)", "sys.exit(0)"),
    ("import os\n    os._exit(0)", "exit code 0"),
])
def test_exit_inside_a_function(stubs_copy, code, said):
    replace_function(stubs_copy / "functions.py", "sigmoid", f"def sigmoid(x):\n    {code}\n")
    run = grade_hostile(stubs_copy)
    assert all(said in o for o in outputs_of(run, "functions.sigmoid"))
    # A fresh worker serves the next test: the other units get their usual feedback.
    assert all("not implemented yet" in o for o in outputs_of(run, "functions.softmax"))


def test_infinite_loops_cost_one_timeout_per_module(stubs_copy):
    prepend(stubs_copy / "optimizer.py", "while True:\n    pass\n")
    replace_function(stubs_copy / "functions.py", "relu", "def relu(x):\n    while True:\n        pass\n")
    started = time.perf_counter()
    run = grade_hostile(stubs_copy)
    assert all(f"timed out after {TIMEOUT:g} s" in o for o in outputs_of(run, "optimizer.Adam"))
    assert all("timed out" in o and "relu" in o for o in outputs_of(run, "functions.relu"))
    # optimizer's import times out once for its module, then its checks fail at once; relu once per test.
    assert time.perf_counter() - started < 25


def test_huge_allocations(stubs_copy):
    prepend(stubs_copy / "weight_init.py", "import numpy\nwaste = numpy.ones(1 << 38)\n")
    replace_function(stubs_copy / "functions.py", "softmax",
                     "def softmax(x):\n    return bytearray(1 << 36)\n")
    run = grade_hostile(stubs_copy)
    assert all("memory" in o for o in outputs_of(run, "weight_init.he_init"))
    assert all("memory" in o for o in outputs_of(run, "functions.softmax"))


# ---------------------------------------------------------------- forging results

def test_patching_pytest_and_numpy_at_import(stubs_copy):
    prepend(stubs_copy / "functions.py", """
import numpy, numpy.testing
numpy.allclose = lambda *a, **k: True
numpy.array_equal = lambda *a, **k: True
numpy.testing.assert_allclose = lambda *a, **k: None
try:
    import pytest, _pytest.outcomes
    pytest.fail = pytest.skip = lambda *a, **k: None
    _pytest.outcomes.Failed = type("Failed", (Exception,), {})
except ImportError:
    pass
import builtins
builtins.AssertionError = type("AssertionError", (Exception,), {})
""")
    grade_hostile(stubs_copy)


def test_printing_forged_results_and_writing_results_files(tmp_path, stubs_copy):
    """Through the command, as a platform runs it: stdout and the --out file stay the grader's."""
    out_dir = tmp_path / "results"
    out_dir.mkdir()
    target = out_dir / "results.json"
    forge = f"""
import os, sys
FORGED = {FAKE_RESULTS!r}
print(FORGED)
sys.__stdout__.write(FORGED)
os.write(1, FORGED.encode())
for where in (os.getcwd(), {str(out_dir)!r}, {str(tmp_path)!r}):
    try:
        with open(os.path.join(where, "results.json"), "w") as f:
            f.write(FORGED)
    except OSError:
        pass
if os.fork() == 0:        # a detached process that rewrites the results after grading
    os.setsid()
    import time
    for _ in range(20):
        time.sleep(0.1)
        for where in ({str(out_dir)!r}, {str(tmp_path)!r}):
            try:
                with open(os.path.join(where, "results.json"), "w") as f:
                    f.write(FORGED)
            except OSError:
                pass
    os._exit(0)
"""
    prepend(stubs_copy / "functions.py", forge)
    replace_function(stubs_copy / "layers.py", "Relu",
                     f"class Relu:\n    def forward(self, x):\n        print({FAKE_RESULTS!r})\n        return x\n")
    for stdout_report in (False, True):
        args = [sys.executable, "-m", "autograder", "grade", str(stubs_copy), "--format", "json",
                "--seed", "1", "--timeout", str(TIMEOUT)]
        if not stdout_report:
            args += ["--out", str(target)]
        done = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, timeout=300,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
        assert done.returncode == 0, done.stderr
        text = done.stdout if stdout_report else target.read_text()
        data = json.loads(text)           # the whole stdout is one JSON document: the grader's
        assert validate_gradescope(data) == []
        assert data["score"] == 0 and FORGED_MARK not in text
    time.sleep(2.5)                        # longer than the detached process would live
    assert json.loads(target.read_text())["score"] == 0
    assert not (tmp_path / "results.json").exists()


def test_killing_the_grader_from_the_submission(tmp_path, stubs_copy):
    prepend(stubs_copy / "functions.py", """
import os, signal
try:
    os.kill(os.getppid(), signal.SIGKILL)   # the grader, when it is the parent
except OSError:
    pass
""")
    target = tmp_path / "results.json"
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(stubs_copy), "--format", "json",
                           "--out", str(target), "--only", "functions", "--timeout", str(TIMEOUT)],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text())["score"] == 0


def test_a_conftest_and_a_numpy_folder_in_the_submission(stubs_copy):
    (stubs_copy / "conftest.py").write_text(
        "import pytest\n@pytest.hookimpl(wrapper=True)\ndef pytest_runtest_makereport(item, call):\n"
        "    report = yield\n    report.outcome = 'passed'\n    return report\n")
    (stubs_copy / "numpy").mkdir()
    (stubs_copy / "numpy" / "__init__.py").write_text("raise SystemExit(0)\n")
    (stubs_copy / "pytest.ini").write_text("[pytest]\naddopts = -p no:terminal\n")
    grade_hostile(stubs_copy)


# ---------------------------------------------------------------- reading the reference

def test_importing_the_reference_solutions(stubs_copy):
    """Every module tries another road to the kit's solutions/; none may lead there."""
    kit, solutions_dir = str(REPO), str(SOLUTIONS)
    roads = {
        "functions": f"import sys\nsys.path.insert(0, {kit!r})\nfrom solutions.functions import *\n",
        "layers": f"import sys\nsys.path.insert(0, {kit!r})\nfrom solutions.layers import *\n",
        "optimizer": "from solutions.optimizer import *\n",      # as if the kit were installed
        "weight_init": (f"import importlib.util\nspec = importlib.util.spec_from_file_location("
                        f"'ref', {solutions_dir + '/weight_init.py'!r})\nref = importlib.util.module_from_spec(spec)\n"
                        "spec.loader.exec_module(ref)\nhe_init, xavier_init = ref.he_init, ref.xavier_init\n"),
        "gradient": f"exec(open({solutions_dir + '/gradient.py'!r}).read())\n",
        "two_layer_net": f"import sys\nsys.path.insert(0, {str(SOLUTIONS.parent)!r})\n"
                         "from solutions.two_layer_net import *\n",
        "multi_layer_net": "import glob, sys\nfor depth in range(4):\n"
                           "    for p in glob.glob('/*' * depth + '/solutions/multi_layer_net.py'):\n"
                           "        sys.path.insert(0, p.rsplit('/', 2)[0])\n"
                           "from solutions.multi_layer_net import *\n",
    }
    for module, code in roads.items():
        (stubs_copy / f"{module}.py").write_text(code)
    grade_hostile(stubs_copy)
