"""The benchmark scripts run at a tiny size (their --quick flags), so that they cannot rot.

No figure is judged here: only that each script runs to the end, prints its table and
finds what it must find (no failure of the reference, full marks on both sides). One
more test holds the flakiness script to its promise that seed s of its direct calls is
seed s of the real grader.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench"


def run_script(name, *args, timeout=300):
    finished = subprocess.run([sys.executable, str(BENCH / name), *args], cwd=REPO, capture_output=True,
                              text=True, timeout=timeout)
    assert finished.returncode == 0, f"{name} {' '.join(args)} failed:\n{finished.stdout}\n{finished.stderr[-3000:]}"
    return finished.stdout


def test_flakiness_quick_finds_no_failure_and_no_slip():
    out = run_script("flakiness.py", "--quick")
    assert "failing tests: 0" in out
    assert "3 mistakes, 0 slipped through" in out
    assert "verdict: no failure, no slip" in out


def test_flakiness_calls_the_hidden_tests_with_the_graders_own_inputs():
    """Same seed, same feedback, word for word (the feedback quotes the drawn inputs)."""
    sys.path.insert(0, str(BENCH))
    try:
        import flakiness
    finally:
        sys.path.remove(str(BENCH))
    from autograder.grading import grade_submission
    from autograder.mistakes import MISTAKES

    mistake = next(m for m in MISTAKES if m.name == "Affine dW transposed (dout.T @ x)")
    tests = [t for t in flakiness.load_hidden_tests() if t.unit == mistake.unit]
    with tempfile.TemporaryDirectory() as scratch:
        directory = flakiness.write_mistake(mistake, Path(scratch) / "submission")
        grader = flakiness.DirectGrader(directory)
        try:
            direct = [grader.outcome(test, 5) for test in tests]
        finally:
            grader.close()
        graded = grade_submission(str(directory), seed=5, only=[mistake.unit]).tests
    assert [o.passed for o in direct] == [t.passed for t in graded] == [True, False]
    assert direct[1].message.strip() == graded[1].output.strip()


def test_gradient_check_cost_quick_prints_both_tables():
    out = run_script("gradient_check_cost.py", "--quick")
    assert "per-entry / check" in out
    assert "correct reference: false alarms" in out
    assert "BN backward without dvar, dmean (catalogue)" in out


def test_class_throughput_quick_grades_every_submission():
    out = run_script("class_throughput.py", "--quick")
    assert "WARNING" not in out
    assert "3 rows: 1 at 100 %" in out


def test_side_by_side_quick_gives_full_marks_on_both_sides():
    pytest.importorskip("nbgrader")
    out = run_script("side_by_side.py", "--quick", timeout=600)
    assert "WARNING" not in out
    assert "ratio nbgrader / kit" in out
    assert "submission's code: the rest" in out
    assert "the grader's overhead on the wall clock (no submission code running)" in out


def test_batch_dask_compares_the_local_pool_and_a_local_cluster():
    pytest.importorskip("distributed", reason="the cluster extra is not installed")
    out = run_script("batch_dask.py", "--copies", "1", "--jobs", "2", timeout=600)
    assert "dask LocalCluster, 2 workers" in out and "gradebooks agree (total, max_total, errors): yes" in out
