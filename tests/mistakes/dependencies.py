"""Which units use which, read from the reference's source.

A submission's modules import each other (layers uses the student's own
softmax), so a wrong softmax may also cost points in SoftmaxWithLoss. These
cones say where a mistake may legitimately show up besides its own unit.
"""
import ast
import functools

from autograder.mistakes.mistake import reference_directory, reference_modules

from .scenarios import SCENARIOS

CONTRACT_UNITS = tuple(SCENARIOS)


def _names_used(node):
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


@functools.cache
def direct_uses():
    """unit -> contract units its reference code refers to (through imports, helpers, tables)."""
    uses = {}
    for module in reference_modules():
        tree = ast.parse((reference_directory() / f"{module}.py").read_text())
        imported, local = {}, {}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module in reference_modules():
                for alias in node.names:
                    imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                local[node.name] = _names_used(node)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        local[target.id] = _names_used(node.value)

        def resolve(names, seen):
            found = set()
            for name in names:
                if name in imported and imported[name] in CONTRACT_UNITS:
                    found.add(imported[name])
                elif name in local and name not in seen:
                    found |= resolve(local[name], seen | {name})
            return found

        for unit in CONTRACT_UNITS:
            unit_module, unit_name = unit.split(".")
            if unit_module == module:
                uses[unit] = resolve(local[unit_name], {unit_name})
    return uses


@functools.cache
def dependents(unit):
    """The units whose reference code uses ``unit``, directly or through others."""
    found = set()
    frontier = {unit}
    while frontier:
        frontier = {user for user, used in direct_uses().items() if used & frontier} - found
        found |= frontier
    return frozenset(found)
