"""The hidden suites as notebook cells need them: for each hidden test, its check and its points.

Points and units come from the hidden tests' markers, read by
`autograder.grading.selected_tests` (their one home). Which check a test
calls is read from its source: every hidden test is a thin wrapper whose
body calls one `check_*` function of `autograder.checks`
(`checks.check_sigmoid_values(sub, rng)`), and the notebook's graded cell
calls that same check on the notebook's code.
"""
import ast
import importlib
from pathlib import Path

from autograder.results import unit_order

from .notebooks import GradedTest

CHECK_PREFIX = "check_"


def graded_tests(kit_root=None):
    """GradedTest for every hidden test, units in course order (tests in suite order within a unit)."""
    from autograder.grading import selected_tests
    from autograder.grading.runner import HIDDEN_DIR

    tests = []
    for nodeid, unit, points, _name in selected_tests():
        file_name, _, test_name = nodeid.partition("::")
        check = check_called_by(Path(HIDDEN_DIR) / file_name, test_name)
        tests.append(GradedTest(name=test_name, unit=unit, points=points, check=check))
    order = {unit: index for index, unit in enumerate(unit_order(t.unit for t in tests))}
    return sorted(tests, key=lambda t: order[t.unit])


def check_called_by(path, test_name):
    """'package.module:check_name' of the one check the hidden test `test_name` in `path` calls."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    aliases = _import_aliases(tree)
    function = next((node for node in tree.body
                     if isinstance(node, ast.FunctionDef) and node.name == test_name), None)
    if function is None:
        raise ValueError(f"{path}: no test function {test_name}")
    found = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func
        if isinstance(callee, ast.Attribute) and callee.attr.startswith(CHECK_PREFIX) \
                and isinstance(callee.value, ast.Name) and callee.value.id in aliases:
            found.append(f"{aliases[callee.value.id]}:{callee.attr}")
        elif isinstance(callee, ast.Name) and callee.id in aliases and ":" in aliases[callee.id]:
            found.append(aliases[callee.id])
    if len(found) != 1:
        raise ValueError(f"{path}::{test_name} calls {len(found)} checks ({found}); a notebook cell "
                         "runs one hidden test as one check")
    _verify(found[0])
    return found[0]


def _import_aliases(tree):
    """{local name: 'package.module'} for imported modules, 'package.module:name' for imported checks."""
    aliases = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                local = alias.asname or alias.name
                if alias.name.startswith(CHECK_PREFIX):
                    aliases[local] = f"{node.module}:{alias.name}"
                else:
                    aliases[local] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                aliases[alias.asname or alias.name] = alias.name
    return aliases


def _verify(check):
    module_name, _, function_name = check.partition(":")
    if not callable(getattr(importlib.import_module(module_name), function_name, None)):
        raise ValueError(f"hidden tests call {check}, which the kit does not define")
