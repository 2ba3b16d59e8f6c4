"""One known mistake: a small wrong implementation of one def, and a hint.

A `Mistake` replaces one function (``"functions.softmax"``) or one method
(``"layers.BatchNormalization.backward"``) of the reference solutions. It can be
patched into the reference in memory (`reference_with_mistake`, what diagnosis
runs in the grader process) or written into a copy of a submission directory
(`write_into`, what the kit's own tests grade).
"""
from __future__ import annotations

import ast
import functools
import importlib
import linecache
import textwrap
import types
from dataclasses import dataclass
from pathlib import Path

from autograder.results import MODULE_ORDER

#: The package holding the reference solutions, one module per contract module.
REFERENCE_PACKAGE = "solutions"


@dataclass(frozen=True)
class Mistake:
    """A wrong implementation of one def of the contract, and what to check next."""

    name: str
    """Short and student-facing: "softmax over the wrong axis"."""
    unit: str
    """The unit it breaks, as in docs/CONTRACT.md: "functions.softmax", "layers.BatchNormalization"."""
    target: str
    """What it replaces: "module.function" or "module.Class.method"."""
    hint: str
    """One or two sentences: what to check next, pointing at the likely line."""
    source: str
    """The wrong code: the complete def, as a student would write it."""

    def __post_init__(self):
        # Entries are written as indented triple-quoted strings; keep the def flush left.
        object.__setattr__(self, "source", textwrap.dedent(self.source).strip("\n") + "\n")

    @property
    def module(self) -> str:
        """The contract module holding the target: "layers"."""
        return self.target.split(".", 1)[0]

    @property
    def qualname(self) -> str:
        """The target inside its module: "softmax" or "BatchNormalization.backward"."""
        return self.target.split(".", 1)[1]

    @property
    def def_name(self) -> str:
        """The name of the replaced def: "softmax" or "backward"."""
        return self.target.rsplit(".", 1)[1]

    def reference_with_mistake(self) -> dict[str, types.ModuleType]:
        """The reference modules, by contract module name, with this mistake patched in.

        Only the target's module is replaced, by a namespace copy: a function is
        swapped for the wrong one; a method is overridden in a subclass of the
        reference class that takes the class's name in the copy. The other
        modules are the reference's own (they keep using the correct target).
        """
        return dict(_patched_modules(self))

    def write_into(self, submission_dir) -> Path:
        """Replace the target def in ``submission_dir/<module>.py`` by this mistake's source.

        Meant for a COPY of a submission: the file is rewritten in place. The
        def's lines (decorators included) are found with ``ast`` and replaced by
        the source at the def's indentation; every other line is kept.
        Returns the path of the rewritten file.
        """
        directory = Path(submission_dir).resolve()
        if directory == reference_directory():
            raise ValueError(f"refusing to write a mistake into the reference solutions: {directory}")
        path = directory / f"{self.module}.py"
        text = path.read_text(encoding="utf-8")
        node = find_def(ast.parse(text), self.qualname)
        if node is None:
            raise LookupError(f"{path} has no def {self.qualname}")
        lines = text.splitlines(keepends=True)
        first = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
        indent = lines[node.lineno - 1][: node.col_offset]
        lines[first - 1 : node.end_lineno] = [textwrap.indent(self.source, indent)]
        path.write_text("".join(lines), encoding="utf-8")
        return path

    def compile(self, namespace: dict) -> types.FunctionType:
        """The wrong def as a function whose globals are ``namespace`` (a module's dict)."""
        filename = f"<mistake: {self.name}>"
        # Registered so that tracebacks through the wrong code show its lines.
        linecache.cache[filename] = (len(self.source), None, self.source.splitlines(True), filename)
        defined: dict = {}
        exec(compile(self.source, filename, "exec"), namespace, defined)
        function = defined.get(self.def_name)
        if not isinstance(function, types.FunctionType):
            raise ValueError(f"mistake {self.name!r}: its source defines no function {self.def_name}")
        return function


def reference_directory() -> Path:
    """The folder of the reference solutions package."""
    package = importlib.import_module(REFERENCE_PACKAGE)
    return Path(package.__file__).resolve().parent


@functools.cache
def reference_modules() -> dict[str, types.ModuleType]:
    """The reference solutions' contract modules, by name ("functions", "layers", ...)."""
    return {name: importlib.import_module(f"{REFERENCE_PACKAGE}.{name}") for name in MODULE_ORDER}


def find_def(tree: ast.Module, qualname: str):
    """The FunctionDef for "function" or "Class.method" at the top of a module, or None."""
    *class_names, function_name = qualname.split(".")
    body = tree.body
    for class_name in class_names:
        classes = [node for node in body if isinstance(node, ast.ClassDef) and node.name == class_name]
        if not classes:
            return None
        body = classes[-1].body  # the last definition is the one Python keeps
    defs = [node for node in body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == function_name]
    return defs[-1] if defs else None


@functools.cache
def _patched_modules(mistake: Mistake) -> dict[str, types.ModuleType]:
    modules = dict(reference_modules())
    original = modules[mistake.module]
    copy = types.ModuleType(original.__name__, original.__doc__)
    copy.__dict__.update(original.__dict__)
    copy.__mistake__ = mistake
    *class_names, _ = mistake.qualname.split(".")
    if not class_names:
        setattr(copy, mistake.def_name, mistake.compile(copy.__dict__))
    else:
        (class_name,) = class_names
        reference_class = getattr(original, class_name)
        method = mistake.compile(copy.__dict__)
        method.__qualname__ = f"{class_name}.{mistake.def_name}"
        wrong_class = type(class_name, (reference_class,), {
            mistake.def_name: method,
            "__module__": original.__name__,
            "__doc__": reference_class.__doc__,
            "__qualname__": class_name,
        })
        setattr(copy, class_name, wrong_class)
    modules[mistake.module] = copy
    return modules
