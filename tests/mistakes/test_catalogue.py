"""The catalogue itself: every entry is a well-formed, drop-in wrong version of a reference def."""
import ast
import builtins
import inspect
from pathlib import Path

import pytest

from autograder.mistakes import MISTAKES, mistakes_for
from autograder.mistakes.diagnosis import outputs_match, run_scenario
from autograder.mistakes.mistake import find_def, reference_directory, reference_modules

from .scenarios import SCENARIOS

# The units of docs/CONTRACT.md, one tag per graded function or class.
CONTRACT_UNITS = tuple(SCENARIOS)


def by_name(mistakes):
    return pytest.mark.parametrize("mistake", mistakes, ids=[m.name for m in mistakes])


def test_contract_units_are_the_scenarios_units():
    assert len(CONTRACT_UNITS) == 30
    assert {unit.split(".")[0] for unit in CONTRACT_UNITS} == set(reference_modules())


@pytest.mark.parametrize("unit", CONTRACT_UNITS)
def test_every_unit_has_a_mistake(unit):
    assert mistakes_for(unit), f"no known mistake for {unit}"


def test_names_are_unique_and_hints_are_short():
    names = [m.name for m in MISTAKES]
    assert len(names) == len(set(names))
    for mistake in MISTAKES:
        assert mistake.hint.strip() and len(mistake.hint) <= 300, mistake.name
        assert mistake.hint.count(". ") + mistake.hint.count(": ") <= 3, mistake.name


@by_name(MISTAKES)
def test_entry_targets_a_def_of_its_own_unit(mistake):
    assert mistake.unit in CONTRACT_UNITS
    unit_module, unit_name = mistake.unit.split(".")
    assert mistake.module == unit_module
    assert mistake.qualname.split(".")[0] == unit_name
    reference_file = reference_directory() / f"{mistake.module}.py"
    assert find_def(ast.parse(reference_file.read_text()), mistake.qualname) is not None


@by_name(MISTAKES)
def test_entry_compiles_to_a_drop_in_replacement(mistake):
    reference = reference_modules()[mistake.module]
    original = reference
    for part in mistake.qualname.split("."):
        original = getattr(original, part)
    wrong = mistake.compile(dict(vars(reference)))
    assert inspect.signature(wrong) == inspect.signature(original)
    tree = ast.parse(mistake.source)
    assert len(tree.body) == 1 and isinstance(tree.body[0], ast.FunctionDef)


@by_name(MISTAKES)
def test_patched_reference_replaces_only_the_target(mistake):
    modules = mistake.reference_with_mistake()
    reference = reference_modules()
    assert set(modules) == set(reference)
    for name, module in modules.items():
        if name != mistake.module:
            assert module is reference[name]
    patched = modules[mistake.module]
    assert patched is not reference[mistake.module]
    *class_names, def_name = mistake.qualname.split(".")
    if class_names:
        wrong_class = getattr(patched, class_names[0])
        reference_class = getattr(reference[mistake.module], class_names[0])
        assert issubclass(wrong_class, reference_class) and wrong_class is not reference_class
        assert wrong_class.__name__ == reference_class.__name__
        assert getattr(wrong_class, def_name).__code__.co_filename == f"<mistake: {mistake.name}>"
    else:
        assert getattr(patched, def_name).__code__.co_filename == f"<mistake: {mistake.name}>"
        assert getattr(patched, def_name).__globals__ is vars(patched)
    # the reference itself is untouched
    assert getattr(reference[mistake.module], (class_names or [def_name])[0]).__module__.startswith("solutions.")


@by_name(MISTAKES)
def test_mistake_behaves_differently_from_the_reference(mistake):
    scenario = SCENARIOS[mistake.unit]
    expected = run_scenario(scenario, reference_modules())
    wrong = run_scenario(scenario, mistake.reference_with_mistake())
    assert not outputs_match(wrong, expected), "a mistake that behaves like the reference is useless"


@pytest.mark.parametrize("unit", CONTRACT_UNITS)
def test_mistakes_of_a_unit_are_told_apart_by_its_scenario(unit):
    outputs = [(m.name, run_scenario(SCENARIOS[unit], m.reference_with_mistake())) for m in mistakes_for(unit)]
    for i, (name, output) in enumerate(outputs):
        for other_name, other in outputs[:i]:
            assert not outputs_match(output, other), f"{name!r} behaves like {other_name!r}"


def free_names(source):
    """Names the def reads that it neither takes as arguments nor assigns: module globals or builtins."""
    function = ast.parse(source).body[0]
    arguments = {a.arg for a in ast.walk(function.args) if isinstance(a, ast.arg)}
    stored = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)}
    loaded = {n.id for n in ast.walk(function) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    return loaded - arguments - stored


@by_name(MISTAKES)
def test_entry_uses_only_names_its_module_defines(mistake):
    """A typo would make the mistake raise NameError instead of doing what its name says."""
    module = reference_modules()[mistake.module]
    missing = {name for name in free_names(mistake.source)
               if not hasattr(module, name) and not hasattr(builtins, name)}
    assert not missing


@by_name(MISTAKES)
def test_entry_fits_the_student_stub_too(mistake):
    """The stubs students start from have the same defs, and the names the mistakes use."""
    stub = Path(reference_directory()).parent / "exercises" / f"{mistake.module}.py"
    if not stub.exists():
        pytest.skip("exercises/ not generated")
    tree = ast.parse(stub.read_text())
    assert find_def(tree, mistake.qualname) is not None
    defined = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    defined |= {node.name for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.ClassDef))}
    defined |= {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
                if isinstance(node, (ast.Import, ast.ImportFrom)) for alias in node.names}
    assert not {name for name in free_names(mistake.source)
                if name not in defined and not hasattr(builtins, name)}
