"""Notebooks in, the submission's modules out: how `autograder grade NOTEBOOK.ipynb` (or a folder of them) works.

Learners write the exercises in Jupyter or Colab notebooks: one notebook for
everything, or the kit's nbgrader course (one notebook per module, where later
notebooks carry copies of earlier code). `notebook_modules(path, destination)`
writes `destination/<module>.py` for every module of the exercises that the
notebooks define something of, and the grader grades that folder as usual:

- every top-level function, class or constant of the code cells is given to
  the module the kit defines that name in (`sigmoid` -> functions.py,
  `Affine` -> layers.py, `LOG_EPSILON` -> functions.py), read from the
  reference modules; a name several modules define (the missions' `train`)
  goes to the module of the notebook's own name (`iris_mission.ipynb`), else
  to the module of the names defined with it or just before it (one notebook
  holding both missions: each `train` beside its own classifier);
- a name defined more than once keeps the definition of the notebook named
  after its module (`layers.ipynb` for `Affine`), else the last one, as a
  kernel running the notebooks in course order would;
- the learner's own helpers and constants go with the module of the notebook,
  or of the names defined just before them (before any: at the top of every
  module); imports go at the top of every module (an import that fails is
  skipped there, so `from google.colab import drive` costs nothing); a module
  imports the names it uses from the modules before it in the course
  (`layers.py` gets `from .functions import softmax`);
- what only runs (calls, loops, prints, training, `if __name__ == ...`) is left
  out, and so are IPython magics and shell lines (`%matplotlib`, `!pip install`):
  grading never re-runs a notebook's experiments;
- a cell that is not valid Python is kept whole in the module of the names it
  defines, so that module reports the syntax error as a `.py` file would;
- what a module takes from a cell follows a comment saying where it came from
  (`# my.ipynb, cell 5, lines 3-9`): `NotebookLines` reads them back, so the
  feedback names the cell and its line, not the generated module's line
  (syntax errors, tracebacks, timeouts).

Notebooks are read as JSON (nbformat 4, what Jupyter and Colab write): the
student needs nothing beyond the kit's own dependencies.
"""
import ast
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from autograder.results import MODULE_ORDER
from autograder.translation import _

NOTEBOOK_SUFFIX = ".ipynb"
MADE_FROM_NOTEBOOKS = "# Made by `autograder grade` from notebooks"  # each module's first line
SKIPPED_FOLDERS = (".ipynb_checkpoints", "__MACOSX", "__pycache__")
#: The package the kit's nbgrader notebooks import their helper modules from (`from provided.data import ...`).
HELPER_PACKAGE = "provided"
_SHELL_OR_MAGIC = re.compile(r"^\s*[%!]")
_DEFINITION = re.compile(r"^(?:async\s+def|def|class)\s+(\w+)", re.MULTILINE)


class NotebookError(ValueError):
    """A notebook that cannot be read or defines none of the exercises' names (the message says which)."""


def notebooks_in(path):
    """The notebooks of `path` (a notebook, or a folder searched through its sub-folders), in course order."""
    path = Path(path)
    if path.is_file():
        return [path] if path.suffix.lower() == NOTEBOOK_SUFFIX else []
    found = [notebook for notebook in path.rglob(f"*{NOTEBOOK_SUFFIX}")
             if notebook.is_file() and not any(part in SKIPPED_FOLDERS or part.startswith(".")
                                               for part in notebook.relative_to(path).parts[:-1])]
    return sorted(found, key=lambda notebook: (_course_position(notebook.stem), str(notebook)))


def notebook_modules(path, destination, shown_as=None):
    """Write the modules the notebooks at `path` define into `destination`; return `destination`.

    Raises NotebookError when a notebook cannot be read or when no code cell
    defines any name of the exercises.
    """
    shown = shown_as or str(path)
    notebooks = notebooks_in(path)
    if not notebooks:
        raise NotebookError(_("{path}: no notebook (.ipynb) in it").format(path=shown))
    collected = _Collected()
    for notebook in notebooks:
        for number, source in code_cells(notebook, shown):
            collected.add_cell(notebook, number, source)
    if not collected.definitions:
        examples = ", ".join(["sigmoid", "softmax", "Affine", "TwoLayerNet"])
        raise NotebookError(_("{path}: no code cell defines a function or class of the exercises ({examples}, ...); "
                              "define them at the top level of a code cell").format(path=shown, examples=examples))
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for module, text in collected.module_texts().items():
        (destination / f"{module}.py").write_text(text, encoding="utf-8")
    return destination


def code_cells(notebook, shown):
    """[(cell number from 1, Python source)] of a notebook's code cells, magics and shell lines blanked."""
    try:
        document = json.loads(Path(notebook).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise NotebookError(_("{path}: {notebook} is not a readable notebook ({error})").format(
            path=shown, notebook=Path(notebook).name, error=err)) from None
    if not isinstance(document, dict) or document.get("nbformat") != 4 or not isinstance(document.get("cells"), list):
        raise NotebookError(_("{path}: {notebook} is not a notebook in format 4 (save it again from Jupyter or "
                              "Colab)").format(path=shown, notebook=Path(notebook).name))
    cells = []
    for number, cell in enumerate(document["cells"], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if source.lstrip().startswith("%%"):  # a cell magic: the cell is not Python (%%bash, %%writefile)
            continue
        cells.append((number, "\n".join("" if _SHELL_OR_MAGIC.match(line) else line
                                        for line in source.splitlines())))
    return cells


@functools.cache
def reference_names():
    """{name: module} for every top-level name a module of the exercises defines; None when several do."""
    from autograder.submission_intake import provided_modules_folder

    folder = provided_modules_folder()
    names = {}
    for module in MODULE_ORDER:
        path = folder / f"{module}.py" if folder else None
        if path is None or not path.is_file():
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            for name in _defined_names(node):
                names[name] = module if names.get(name, module) == module else None
    return names


def _defined_names(node):
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [target.id for target in node.targets if isinstance(target, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def _course_position(module):
    return MODULE_ORDER.index(module) if module in MODULE_ORDER else len(MODULE_ORDER)


@dataclass
class _Piece:
    """One statement (or one whole cell that does not parse) taken from a notebook."""

    text: str
    order: int
    uses: set = field(default_factory=set)


class _Collected:
    """What the notebooks define, sorted into modules."""

    def __init__(self):
        self.definitions = {}  # (module, name) -> [(from its own notebook?, notebook, _Piece)], in order
        self.imports = {}      # import text -> (order, origin comment): the learner's imports, for every module
        self.shared = {}       # name -> _Piece: the learner's own constants and helpers, for every module
        self.order = 0
        self.notebook = None
        self.context = None    # the module of the last unambiguous name defined in this notebook

    def add_cell(self, notebook, number, source):
        if notebook != self.notebook:
            self.notebook, self.context = notebook, None
        home = notebook.stem if notebook.stem in MODULE_ORDER else None
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            self._add_broken_cell(home or self.context, origin_comment(notebook, number, 1, len(source.splitlines())),
                                  source)
            return
        names = reference_names()
        unambiguous = [names[name] for node in tree.body for name in _defined_names(node) if names.get(name)]
        self.context = unambiguous[0] if unambiguous else self.context
        lines = source.splitlines()
        for node in tree.body:
            self.order += 1
            first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            origin = origin_comment(notebook, number, first, node.end_lineno)
            text = f"{origin}\n" + "\n".join(lines[first - 1:node.end_lineno]) + "\n"
            piece = _Piece(text, self.order, _names_used(node))
            if isinstance(node, (ast.Import, ast.ImportFrom)):  # made one line: it maps to the import's first
                self.imports.setdefault(_import_text(node),
                                        (self.order, origin_comment(notebook, number, node.lineno, node.lineno)))
                continue
            names = _defined_names(node)
            if not names or not (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                                 or _is_constant(node.value)):
                continue  # only runs: calls, loops, prints, training, `if __name__ == "__main__"`
            module = self._module_of(names[0], home or self.context)
            if module is None and names[0] not in reference_names():  # the learner's own helper or constant
                module = home or self.context
            if module is None:
                self.shared[names[0]] = piece
            else:
                self._define(module, names[0], module == home, piece)

    def _add_broken_cell(self, home, origin, source):
        self.order += 1
        modules = [self._module_of(name, home) for name in _DEFINITION.findall(source)]
        modules = [module for module in modules if module] or ([home] if home else [])
        if modules:  # kept whole: the module then fails to import with the syntax error, as a .py file would
            name = f"<cell {self.order}>"
            self._define(modules[0], name, modules[0] == home, _Piece(f"{origin}\n{source}\n", self.order))

    @staticmethod
    def _module_of(name, home):
        names = reference_names()
        if name in names and names[name] is not None:
            return names[name]
        return home if name in names else None  # defined by several modules: the notebook's own

    def _define(self, module, name, from_home, piece):
        self.definitions.setdefault((module, name), []).append((from_home, self.notebook, piece))

    def _kept(self, definitions):
        """The definitions of one name that count: those of the module's own notebook if any, else those of
        the last notebook defining it; all of them, in order, as a kernel would run them (the last one wins,
        and `careful_train = train` between two definitions still sees the first)."""
        own = [piece for from_home, _notebook, piece in definitions if from_home]
        if own:
            return own
        last = definitions[-1][1]
        return [piece for _from_home, notebook, piece in definitions if notebook == last]

    def module_texts(self):
        """{module: its text} for every module something was defined for, in course order."""
        by_module = {}
        for (module, name), definitions in self.definitions.items():
            by_module.setdefault(module, {})[name] = self._kept(definitions)
        texts = {}
        for module in sorted(by_module, key=_course_position):
            own = sorted((piece for pieces in by_module[module].values() for piece in pieces),
                         key=lambda piece: piece.order)
            shared = sorted(self.shared.values(), key=lambda piece: piece.order)
            uses = set().union(*(piece.uses for piece in own + shared))
            earlier = [other for other in by_module if _course_position(other) < _course_position(module)]
            borrowed = [f"from .{other} import {', '.join(sorted(uses & set(by_module[other])))}"
                        for other in sorted(earlier, key=_course_position) if uses & set(by_module[other])]
            parts = [f"{MADE_FROM_NOTEBOOKS}: the code cells that define {module}'s names.",
                     *(_guarded(text, self.imports[text][1])
                       for text in sorted(self.imports, key=lambda text: self.imports[text][0])),
                     *borrowed, *(piece.text for piece in shared), *(piece.text for piece in own)]
            texts[module] = "\n".join(parts) + "\n"
        return texts


def _names_used(node):
    return {child.id for child in ast.walk(node) if isinstance(child, ast.Name)}


def _is_constant(value):
    """Whether an assigned value is plain data (numbers, strings, arithmetic on them, names): nothing runs."""
    allowed = (ast.Constant, ast.Name, ast.Load, ast.UnaryOp, ast.BinOp, ast.Tuple, ast.List, ast.Dict, ast.Set,
               ast.operator, ast.unaryop, ast.Attribute)
    return value is not None and all(isinstance(child, allowed) for child in ast.walk(value))


def _import_text(node):
    """The import as text, the nbgrader notebooks' helper package turned into the submission's own modules."""
    if isinstance(node, ast.ImportFrom) and node.module and (
            node.module == HELPER_PACKAGE or node.module.startswith(HELPER_PACKAGE + ".")):
        node = ast.ImportFrom(module=node.module[len(HELPER_PACKAGE) + 1:] or None, names=node.names, level=1)
    return ast.unparse(node)


def _guarded(text, origin):
    """An import that may fail where grading runs (google.colab, a plotting library): skipped, not fatal."""
    return f"try:\n    {origin}\n    {text}\nexcept ImportError:\n    pass"


def origin_comment(notebook, number, first, last):
    """The comment put before what a module takes from a notebook: '# my.ipynb, cell 5, lines 3-9'
    (the lines of the cell that follow it, one for one; NotebookLines reads it back)."""
    name = " ".join(Path(notebook).name.split())     # no line break can end the comment early
    return f"# {name}, cell {number}, lines {first}-{max(first, last)}"


_ORIGIN = re.compile(r"^\s*# (?P<notebook>.+\.ipynb), cell (?P<cell>\d+), lines (?P<first>\d+)-(?P<last>\d+)\s*$",
                     re.IGNORECASE)
_LOCATION = re.compile(r'(?P<file>\b[\w.-]+\.py)(?P<quote>"?), line (?P<line>\d+)')


class NotebookLines:
    """Where a line of a module made from notebooks came from: the notebook, the cell and the cell's line.

    Read back from the modules' own origin comments (origin_comment), so the graded folder is all it needs.
    `place("functions.py", 42)` -> ("my.ipynb", 5, 3) or None (a line the grader wrote, or a module
    not made from notebooks); `rewrite(text)` puts that place in Python's own location formats
    ('File "functions.py", line 42' and '(functions.py, line 42)', tracebacks and syntax errors).
    """

    def __init__(self, spans=None):
        self.spans = spans or {}      # module file -> [(first module line, last, notebook, cell, first cell line)]

    @classmethod
    def of_folder(cls, folder):
        spans = {}
        for path in sorted(Path(folder).glob("*.py")):
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                continue
            if not (lines and lines[0].startswith(MADE_FROM_NOTEBOOKS)):
                continue
            for index, line in enumerate(lines, start=1):
                origin = _ORIGIN.match(line)
                if origin:
                    first, last = int(origin["first"]), int(origin["last"])
                    spans.setdefault(path.name, []).append(
                        (index + 1, index + 1 + last - first, origin["notebook"], int(origin["cell"]), first))
        return cls(spans)

    def __bool__(self):
        return bool(self.spans)

    def place(self, file, line):
        for start, end, notebook, cell, first in self.spans.get(str(file).rsplit("/", 1)[-1], ()):
            if start <= int(line) <= end:
                return notebook, cell, first + int(line) - start
        return None

    def rewrite(self, text):
        if not (self.spans and text):
            return text

        def located(match):
            place = self.place(match["file"], match["line"])
            if place is None:
                return match[0]
            notebook, cell, line = place
            return f'{notebook}{match["quote"]}, cell {cell}, line {line}'
        return _LOCATION.sub(located, text)
