"""Which notebook holds what: one assignment per exercise module, and what it borrows.

A notebook runs in one kernel, so everything its code uses must be defined in
it. A module of the curriculum uses earlier ones (`layers` calls `softmax`;
the networks are built from layers). The notebook gets those parts as
*carried-over* cells: the very cells of the earlier assignments, solution
regions included, and in the student's version stubs that the student fills
with their own code from the earlier notebook. So no reference solution is
ever handed out, the student's work is graded on their own earlier code
(as `autograder grade` does with their `.py` files), and only the parts the
notebook really uses are carried: the names it imports and, recursively, what
those use.

Provided helper modules without a solution region (`data`, `training_log`)
are copied beside the notebook as files, in a `provided/` package.
"""
from dataclasses import dataclass, field
from pathlib import Path

from autograder.curriculum.docstrings import with_translated_docstrings
from autograder.results import MODULE_ORDER

from .module_blocks import ModuleBlocks, read_module

#: The package beside each notebook that holds the provided helper modules.
HELPER_PACKAGE = "provided"


@dataclass
class Assignment:
    """One notebook: an exercise module, the earlier blocks it needs, the helpers it imports."""

    name: str
    module: ModuleBlocks
    carried: dict = field(default_factory=dict)  # earlier module name -> its needed blocks, in course order
    helpers: list = field(default_factory=list)  # helper module names, copied into provided/
    sources: dict = field(default_factory=dict)  # module name -> ModuleBlocks, for every module above

    @property
    def modules(self):
        """Names of the curriculum modules whose code lives in this notebook."""
        return [*self.carried, self.name]

    def setup_lines(self):
        """The setup cell: the imports, and the module docstring as `__doc__` when code reads it
        (a notebook's `__doc__` is None; `main` takes its description from the module's)."""
        lines = self.import_lines()
        if any("__doc__" in block.uses for block in self.module.blocks):
            text = self.module.docstring
            literal = f'"""{text}"""' if '"""' not in text and "\\" not in text else repr(text)
            lines += ["", f"__doc__ = {literal}"]
        return lines

    def import_lines(self):
        """The setup cell's imports: plain imports of every block used, helpers from `provided`."""
        lines = []
        for module_name, blocks in [*self.carried.items(), (self.name, None)]:
            module = self.sources[module_name]
            used = set().union(*(b.uses for b in blocks)) if blocks is not None else None
            for block in module.blocks:
                if not block.is_import:
                    continue
                if block.relative_imports:
                    (source_module, names), = block.relative_imports.items()
                    if source_module in self.helpers and (used is None or names & used):
                        lines.append(f"from {HELPER_PACKAGE}.{source_module} import {', '.join(sorted(names))}")
                elif used is None or block.defines & used:
                    lines.append(block.source.strip())
        return list(dict.fromkeys(lines))


def read_solutions(solutions_dir, translate=None):
    """{module name: ModuleBlocks} for every `*.py` of the solutions folder but `__init__`.

    translate: the students' catalogue (see make_exercises.todo_translations): each docstring
    gets its Japanese paragraph and each TODO its `# 日本語:` block, as in the stubs of exercises/.
    """
    modules = {}
    for path in sorted(Path(solutions_dir).glob("*.py")):
        if path.stem == "__init__":
            continue
        modules[path.stem] = read_module(path.stem, bilingual_source(path, translate), translate)
    return modules


def bilingual_source(path, translate=None):
    """The text of a solution file, its docstrings followed by their Japanese paragraph when `translate` is given."""
    text = path.read_text(encoding="utf-8")
    return with_translated_docstrings(text, translate, path.name)[0] if translate else text


def exercise_modules(modules):
    """Names of the modules with solution regions, in the order the course teaches them."""
    ordered = [name for name in MODULE_ORDER if name in modules and modules[name].is_exercise]
    others = sorted(name for name, m in modules.items() if m.is_exercise and name not in ordered)
    return ordered + others


def plan_assignments(modules):
    """One Assignment per exercise module, with its carried-over blocks and helpers."""
    order = exercise_modules(modules)
    return [plan_assignment(name, modules, order) for name in order]


def plan_assignment(name, modules, order):
    """The Assignment of module `name`: walks the imports back through earlier modules."""
    needed = {}  # module -> names still to carry
    helpers = set()
    _add_imports(modules[name].relative_imports(), modules, needed, helpers)
    carried = {}
    for earlier in reversed(order[:order.index(name)]):  # later modules add to what earlier ones carry
        if earlier not in needed:
            continue
        blocks = _closure(modules[earlier], needed.pop(earlier))
        carried[earlier] = blocks
        imports = _imports_used(modules[earlier], blocks)
        _add_imports(imports, modules, needed, helpers)
    unresolved = sorted(needed)
    if unresolved:
        raise ValueError(f"{name} needs {unresolved}, which the course does not teach before it")
    carried = {m: carried[m] for m in order if m in carried}
    helpers = _helper_closure(helpers, modules)
    sources = {m: modules[m] for m in [*carried, name, *helpers]}
    return Assignment(name=name, module=modules[name], carried=carried, helpers=helpers, sources=sources)


def _add_imports(imports, modules, needed, helpers):
    for module_name, names in imports.items():
        if module_name not in modules:
            raise ValueError(f"import of an unknown module {module_name!r}")
        if modules[module_name].is_exercise:
            needed.setdefault(module_name, set()).update(names)
        elif module_name not in helpers:      # a helper's own helpers are copied beside it
            helpers.add(module_name)
            _add_imports(modules[module_name].relative_imports(), modules, needed, helpers)


def _closure(module, names):
    """Blocks of `module` that define `names` and, recursively, the module's names they use."""
    wanted = set(names)
    chosen = []
    while wanted:
        name = wanted.pop()
        block = module.block_defining(name)
        if block in chosen or block.is_import:
            continue
        chosen.append(block)
        for used in block.uses:
            if any(used in b.defines for b in module.blocks if not b.is_import):
                wanted.add(used)
    return [block for block in module.blocks if block in chosen]


def _imports_used(module, blocks):
    """{module: names} of the relative imports of `module` that `blocks` use."""
    used = set().union(*(block.uses for block in blocks))
    imports = {}
    for module_name, names in module.relative_imports().items():
        if names & used:
            imports[module_name] = names & used
    return imports


def _helper_closure(helpers, modules):
    """Helper modules and the helpers they import themselves, in name order."""
    found = set()
    pending = list(helpers)
    while pending:
        name = pending.pop()
        if name in found:
            continue
        found.add(name)
        pending.extend(modules[name].relative_imports())
    return sorted(found)
