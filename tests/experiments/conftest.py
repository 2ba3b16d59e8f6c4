"""Fixtures for the experiments' tests: the reference solutions and the small runs."""
import pickle
import subprocess
import sys
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")  # files only, before anything imports pyplot

from exercises.experiments.submission import load_submission  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def reference():
    """The reference solutions/, as `--solutions` loads them."""
    return load_submission(use_solutions=True)


@pytest.fixture(scope="session")
def small_runs(tmp_path_factory):
    """{experiment name: figure data} of the five training experiments at small sizes (small_runs.py)."""
    out = tmp_path_factory.mktemp("small_runs") / "runs.pickle"
    subprocess.run([sys.executable, "-m", "tests.experiments.small_runs", str(out)],
                   cwd=REPO_ROOT, check=True, timeout=300)
    return pickle.loads(out.read_bytes())
