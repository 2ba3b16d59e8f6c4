"""write_into: a copy of the reference with one def replaced, importable, changed only there."""
import ast
import importlib.util
import shutil
import sys

import pytest

from autograder.mistakes import MISTAKES
from autograder.mistakes.diagnosis import outputs_match, run_scenario
from autograder.mistakes.mistake import find_def, reference_directory, reference_modules

from .scenarios import SCENARIOS


def copy_reference(destination):
    shutil.copytree(reference_directory(), destination, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def import_package(directory, name):
    """Import `directory` as the package `name`; returns its contract modules by name."""
    spec = importlib.util.spec_from_file_location(
        name, directory / "__init__.py", submodule_search_locations=[str(directory)])
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    return {module: importlib.import_module(f"{name}.{module}") for module in reference_modules()}


def forget_package(name):
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]


def lines_outside(text, qualname):
    """The file's lines with the def `qualname` (and its decorators) cut out."""
    node = find_def(ast.parse(text), qualname)
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    lines = text.splitlines()
    return lines[: first - 1] + lines[node.end_lineno:], lines[first - 1 : node.end_lineno]


@pytest.mark.parametrize("index", range(len(MISTAKES)), ids=[m.name for m in MISTAKES])
def test_write_into_changes_only_the_target_and_matches_the_patch(tmp_path, index):
    mistake = MISTAKES[index]
    submission = copy_reference(tmp_path / "submission")
    original = (submission / f"{mistake.module}.py").read_text()

    assert mistake.write_into(submission) == submission / f"{mistake.module}.py"

    written = (submission / f"{mistake.module}.py").read_text()
    kept_before, _ = lines_outside(original, mistake.qualname)
    kept_after, replaced = lines_outside(written, mistake.qualname)
    assert kept_after == kept_before
    indent = "    " if "." in mistake.qualname else ""
    assert "\n".join(replaced) == "\n".join(
        indent + line if line else line for line in mistake.source.rstrip("\n").split("\n"))
    for other in submission.glob("*.py"):
        if other.name != f"{mistake.module}.py":
            assert other.read_text() == (reference_directory() / other.name).read_text()

    name = f"written_mistake_{index}"
    try:
        modules = import_package(submission, name)
        scenario = SCENARIOS[mistake.unit]
        assert outputs_match(run_scenario(scenario, modules),
                             run_scenario(scenario, mistake.reference_with_mistake()))
    finally:
        forget_package(name)


def test_write_into_refuses_the_reference_itself():
    with pytest.raises(ValueError, match="reference"):
        MISTAKES[0].write_into(reference_directory())


def test_write_into_a_missing_def_says_so(tmp_path):
    (tmp_path / "functions.py").write_text("import numpy as np\n")
    with pytest.raises(LookupError, match="step_function"):
        MISTAKES[0].write_into(tmp_path)


def test_write_into_keeps_decorators_and_a_students_indentation(tmp_path):
    softmax = next(m for m in MISTAKES if m.target == "functions.softmax")
    backward = next(m for m in MISTAKES if m.target == "layers.Relu.backward")
    (tmp_path / "functions.py").write_text(
        "import numpy as np\n\n\ndef softmax(x):\n  return x\n\n\ndef other():\n  return 1\n")
    (tmp_path / "layers.py").write_text(
        "class Relu:\n  @staticmethod\n  def backward(self, dout):\n    return dout * 2\n\n  def forward(self, x):\n    return x\n")
    softmax.write_into(tmp_path)
    backward.write_into(tmp_path)
    functions = (tmp_path / "functions.py").read_text()
    layers = (tmp_path / "layers.py").read_text()
    assert functions.startswith("import numpy as np\n\n\ndef softmax(x):\n    exp_x")
    assert functions.endswith("\n\n\ndef other():\n  return 1\n")
    assert layers == "class Relu:\n  def backward(self, dout):\n      return dout\n\n  def forward(self, x):\n    return x\n"
    compile(layers, "layers.py", "exec")
