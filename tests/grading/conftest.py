"""Helpers of the grading tests: submissions built as copies of the stubs or the reference."""
from pathlib import Path

import pytest

from autograder.submission_intake import copy_modules as copy_submission

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"
NON_MISSION_MODULES = ["functions", "gradient", "util", "layers", "optimizer", "weight_init",
                       "two_layer_net", "multi_layer_net", "simple_conv_net"]


@pytest.fixture
def stubs_copy(tmp_path):
    """A fresh copy of exercises/ (the stubs) to make hostile or wrong submissions from."""
    return copy_submission(EXERCISES, tmp_path / "submission")


@pytest.fixture
def reference_copy(tmp_path):
    """A fresh copy of solutions/ (full marks) to break one thing in."""
    return copy_submission(SOLUTIONS, tmp_path / "submission")


def prepend(path, code):
    """Put `code` at the top of the module at `path` (after nothing: it runs first)."""
    path = Path(path)
    path.write_text(code.strip() + "\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def replace_function(path, name, code):
    """Append `code` redefining `name` at the end of the module at `path` (the last def wins)."""
    path = Path(path)
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + code.strip() + "\n", encoding="utf-8")
