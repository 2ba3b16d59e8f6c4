"""Which units a unit's code uses, read from the reference solutions: `layers.SoftmaxWithLoss` uses
`functions.softmax` and `functions.cross_entropy_error`.

A submission's modules import each other, so a wrong softmax also fails SoftmaxWithLoss's
tests; a report then names the used unit first ("fix functions.softmax first"). Read from
the reference's source with `ast`: `from .functions import softmax` resolved, through the
module's own helpers and constants, to "<module>.<name>".
"""
import ast
import functools
from pathlib import Path

from autograder.results import MODULE_ORDER

#: The networks' numerical_gradient methods are provided code the checks never grade.
NOT_FOLLOWED = ("numerical_gradient",)


@functools.cache
def units_used_by(unit):
    """The "<module>.<name>" of other modules that `unit`'s reference code uses, directly or through
    the helpers of its module; empty for a unit the reference does not define."""
    module, _, name = unit.partition(".")
    tree = _reference_tree(module)
    if tree is None:
        return frozenset()
    imported, local = {}, {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module in MODULE_ORDER:
            for alias in node.names:
                imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            local[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    local[target.id] = node.value
    used, seen, todo = set(), {name}, [name]
    while todo:
        node = local.get(todo.pop())
        for used_name in _names_in(node) if node is not None else ():
            if used_name in imported:
                used.add(imported[used_name])
            elif used_name in local and used_name not in seen:
                seen.add(used_name)
                todo.append(used_name)
    return frozenset(used - {unit})


def _names_in(node):
    found, stack = set(), [node]
    while stack:
        child = stack.pop()
        if isinstance(child, ast.FunctionDef) and child.name in NOT_FOLLOWED:
            continue
        if isinstance(child, ast.Name):
            found.add(child.id)
        stack.extend(ast.iter_child_nodes(child))
    return found


@functools.cache
def _reference_tree(module):
    from autograder.submission_intake import provided_modules_folder

    folder = provided_modules_folder()
    path = Path(folder) / f"{module}.py" if folder else None
    if path is None or not path.is_file():
        return None
    return ast.parse(path.read_text(encoding="utf-8"))
