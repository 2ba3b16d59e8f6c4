"""`autograder grade NOTEBOOK.ipynb`: the code cells that define the exercises' names are graded.

The notebooks here are written as a learner in Jupyter or Colab writes them:
the reference modules pasted in cells (without their relative imports, which a
notebook has no use for), with magics, shell lines, prints and a training run
around them. (The kit's own nbgrader notebooks are graded in
tests/instructor/test_nbgrader_course.py, against `nbgrader autograde`.)
"""
import json
import re

import pytest

from autograder import cli
from autograder.grading import grade_submission
from autograder.notebook_intake import notebook_modules
from autograder.submission_intake import SubmissionError
from autograder.results import MODULE_ORDER

from .conftest import SOLUTIONS

RELATIVE_IMPORT = re.compile(r"^from \.\w+ import [^\n]*\n", re.MULTILINE)


def notebook(cells):
    """A format-4 notebook (as JSON text) with these code cells; a markdown cell first, like a real one."""
    return json.dumps({
        "nbformat": 4, "nbformat_minor": 5,
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# My exercises\n"]}] + [
            {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
             "source": cell.splitlines(keepends=True)} for cell in cells]})


def pasted_solutions(modules=MODULE_ORDER):
    """One cell per reference module, pasted as a learner would: no relative imports, no __main__ block."""
    cells = []
    for module in modules:
        text = (SOLUTIONS / f"{module}.py").read_text(encoding="utf-8")
        text = RELATIVE_IMPORT.sub("", text).split('\nif __name__ == "__main__":')[0]
        cells.append(text)
    return cells


AROUND_THE_CODE = [
    "!pip install dl-scratch-kit\n%matplotlib inline",
    "import numpy as np\nfrom google.colab import drive  # not there when grading: skipped",
    "print(sigmoid(np.array([0.0, 1.0])))",
    "net = TwoLayerNet(4, 6, 3)\nfor step in range(3):\n    net.gradient(np.ones((2, 4)), np.array([0, 1]))",
    "%%bash\necho a shell cell",
]


def test_a_notebook_with_the_solutions_pasted_in_gets_full_marks(tmp_path):
    path = tmp_path / "my_exercises.ipynb"
    cells = pasted_solutions()
    path.write_text(notebook(AROUND_THE_CODE[:2] + cells[:3] + AROUND_THE_CODE[2:] + cells[3:]), encoding="utf-8")
    run = grade_submission(path, seed=3)
    assert run.error is None, run.error
    assert run.score == run.max_score, [(t.unit, t.output[:300]) for t in run.tests if not t.passed]


def test_each_name_goes_to_its_module_and_what_only_runs_is_left_out(tmp_path):
    path = tmp_path / "colab.ipynb"
    path.write_text(notebook(AROUND_THE_CODE + pasted_solutions(("functions", "layers"))), encoding="utf-8")
    folder = notebook_modules(path, tmp_path / "modules")
    assert sorted(p.stem for p in folder.glob("*.py")) == ["functions", "layers"]
    layers = (folder / "layers.py").read_text(encoding="utf-8")
    assert "class Affine" in layers and "def softmax" not in layers
    assert "from .functions import cross_entropy_error, sigmoid, softmax" in layers
    functions = (folder / "functions.py").read_text(encoding="utf-8")
    assert "def sigmoid" in functions and "LOG_EPSILON = 1e-07" in functions.replace("1e-7", "1e-07")
    for left_out in ("pip install", "%matplotlib", "print(", "net.gradient", "echo"):
        assert left_out not in functions + layers, left_out
    assert re.search(r"try:\n    # colab\.ipynb, cell 3, lines 2-2\n    from google\.colab import drive\nexcept ImportError:",
                     functions)


def test_a_cell_with_a_syntax_error_fails_its_module_only(tmp_path):
    path = tmp_path / "broken.ipynb"
    cells = pasted_solutions(("functions", "optimizer"))
    cells[0] += "\n\ndef relu(x):\n    return np.maximum(0, x\n"  # a bracket never closed
    path.write_text(notebook(cells), encoding="utf-8")
    run = grade_submission(path, seed=3, only=["functions.relu", "optimizer.SGD"])
    relu = [t for t in run.tests if t.unit == "functions.relu"]
    assert relu and not any(t.passed for t in relu) and "SyntaxError" in relu[0].output
    assert all(t.passed for t in run.tests if t.unit == "optimizer.SGD")


def test_the_later_definition_wins_and_the_modules_own_notebook_first(tmp_path):
    wrong = "def sigmoid(x):\n    return x\n"
    right = "import numpy as np\n\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))\n"
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "scratch.ipynb").write_text(notebook([wrong, right]), encoding="utf-8")
    run = grade_submission(tmp_path / "one", seed=3, only=["functions.sigmoid"])
    assert run.score == run.max_score
    (tmp_path / "two").mkdir()  # the nbgrader course: layers.ipynb carries a copy of functions.ipynb's code
    (tmp_path / "two" / "functions.ipynb").write_text(notebook([right]), encoding="utf-8")
    (tmp_path / "two" / "layers.ipynb").write_text(notebook([wrong]), encoding="utf-8")
    run = grade_submission(tmp_path / "two", seed=3, only=["functions.sigmoid"])
    assert run.score == run.max_score


def test_a_notebook_without_the_exercises_is_refused_with_one_line(tmp_path, capsys):
    path = tmp_path / "notes.ipynb"
    path.write_text(notebook(["x = 1\nprint(x)"]), encoding="utf-8")
    with pytest.raises(SubmissionError, match="no code cell defines a function or class of the exercises"):
        grade_submission(path)
    (tmp_path / "old.ipynb").write_text(json.dumps({"nbformat": 3, "worksheets": []}), encoding="utf-8")
    assert cli.main(["grade", str(tmp_path / "old.ipynb")]) == 2
    assert "not a notebook in format 4" in capsys.readouterr().err


def test_syntax_errors_tracebacks_and_timeouts_name_the_notebook_cell_not_the_module_line(tmp_path):
    path = tmp_path / "mine.ipynb"
    cells = pasted_solutions(("functions", "optimizer", "layers"))
    cells += ["import numpy as np\n\ndef relu(x):\n    return np.maximum(0, x",            # cell 5: line 4 never closed
              "class SGD:\n    def __init__(self, lr=0.01):\n        self.lr = lr\n\n"
              "    def update(self, params, grads):\n        for key in params:\n"
              "            params[key] -= self.lr * grads[key + '!']\n"]                  # cell 6: a KeyError, line 7
    path.write_text(notebook(cells), encoding="utf-8")
    run = grade_submission(path, seed=3, only=["functions.relu", "optimizer.SGD"])
    relu = [t.output for t in run.tests if t.unit == "functions.relu"]
    sgd = [t.output for t in run.tests if t.unit == "optimizer.SGD"]
    assert relu and all("SyntaxError: '(' was never closed (mine.ipynb, cell 5, line 4)" in o for o in relu), relu
    assert all('File "mine.ipynb", cell 5, line 4\n' in o for o in relu), relu
    assert any('File "mine.ipynb", cell 6, line 7, in update' in o for o in sgd), sgd
    for output in relu + sgd:
        assert not re.search(r"\b(functions|optimizer)\.py\W+line", output), output
    endless = ("def _count(n):\n    while n >= 0:\n        n += 1\n\n"
               "class Relu:\n    def __init__(self):\n        self.mask = None\n\n"
               "    def forward(self, x):\n        return _count(0)\n")               # cell 5: endless, lines 2-3
    path.write_text(notebook(pasted_solutions(("functions", "optimizer", "layers")) + [endless]), encoding="utf-8")
    run = grade_submission(path, seed=3, only=["layers.Relu"], call_timeout=1.0)
    stopped = [t.output for t in run.tests if t.unit == "layers.Relu" and "timed out" in t.output]
    where = re.compile(r"it was running _count \(mine\.ipynb, cell 5, line (2\): while n >= 0:|3\): n \+= 1)")
    assert stopped and all(where.search(o) for o in stopped), [t.output for t in run.tests]
