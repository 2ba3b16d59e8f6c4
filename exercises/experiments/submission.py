"""The code an experiment runs on: your `exercises/`, or the reference `solutions/`.

`load_submission` gives an object whose attributes are the package's modules,
imported on first use (`submission.optimizer.Adam`), so an experiment only
needs the modules it uses. When your code raises the stub's
NotImplementedError, `missing_unit_message` turns it into one line saying
which unit is missing, in which file, and what its TODO asks.
"""
import importlib
import linecache
import sys
import traceback
from pathlib import Path

from ..translation import _, translated

STUDENT_PACKAGE = "exercises"
REFERENCE_PACKAGE = "solutions"
MODULES = ("functions", "util", "layers", "optimizer", "weight_init", "multi_layer_net", "simple_conv_net", "data",
           "mnist")
TODO_MARK = "# TODO:"
TRANSLATION_MARK = "# 日本語:"  # the TODO's translation under it, in the generated stubs
EXPERIMENTS_DIR = Path(__file__).resolve().parent


class SubmissionNotFound(Exception):
    """The package (or one of its modules) to run the experiment on cannot be imported."""


class Submission:
    """The modules of one package, imported on first access: `submission.layers`, ...

    package: 'exercises' or 'solutions'; directory: the package's folder.
    """

    def __init__(self, package):
        self.package = package
        try:
            root = importlib.import_module(package)
        except ModuleNotFoundError as err:
            if err.name != package:
                raise
            message = _("Cannot import the package '{package}': run the command from the folder "
                        "that holds {package}/.").format(package=package)
            if package == REFERENCE_PACKAGE:
                message += " " + _("--solutions needs the kit's repository (the reference solutions are "
                                   "not part of a student release).")
            raise SubmissionNotFound(message) from err
        self.directory = Path(list(root.__path__)[0]).resolve()
        # Your modules may import each other plainly (`from layers import Affine`), as the
        # book's do: that needs their folder on the import path. Appended, so it shadows nothing.
        if str(self.directory) not in sys.path:
            sys.path.append(str(self.directory))

    def __getattr__(self, name):
        if name not in MODULES:
            raise AttributeError(name)
        try:
            module = importlib.import_module(f"{self.package}.{name}")
        except ModuleNotFoundError as err:
            if err.name != f"{self.package}.{name}":
                raise
            raise SubmissionNotFound(
                _("This experiment needs {path}, which is missing.").format(path=f"{self.package}/{name}.py")
            ) from err
        setattr(self, name, module)  # later accesses skip __getattr__
        return module


def load_submission(use_solutions=False):
    """The student's `exercises/` package, or `solutions/` when use_solutions is True."""
    return Submission(REFERENCE_PACKAGE if use_solutions else STUDENT_PACKAGE)


def _unit_name(frame, module):
    """'<module>.<name>' of the function or class the frame runs in, e.g. 'layers.Affine'."""
    code = frame.f_code
    qualified = getattr(code, "co_qualname", None)  # Python 3.11+
    if qualified is None:
        owner = frame.f_locals.get("self")
        qualified = f"{type(owner).__name__}.{code.co_name}" if owner is not None else code.co_name
    # A method belongs to its class's unit: 'BatchNormalization.backward' -> 'BatchNormalization'.
    return f"{module}.{qualified.split('.')[0]}"


def _todo_above(filename, line_number):
    """The '# TODO:' comment block above a line of a function, as one line of text ('' if none)."""
    number = line_number - 1
    # Step over code between the TODO and the raise (a raise written over several lines).
    while number > 0 and not linecache.getline(filename, number).strip().startswith("#"):
        if linecache.getline(filename, number).lstrip().startswith(("def ", "class ")):
            return ""
        number -= 1
    comments = []
    while number > 0:
        line = linecache.getline(filename, number).strip()
        if not line.startswith("#"):
            break
        comments.insert(0, line)
        number -= 1
    starts = [i for i, line in enumerate(comments) if line.startswith(TODO_MARK)]
    if not starts:
        return ""
    block = comments[starts[-1]:]
    block = block[:next((i for i, line in enumerate(block) if line.startswith(TRANSLATION_MARK)), len(block))]
    block[0] = block[0][len(TODO_MARK):]
    return " ".join(line.lstrip("#").strip() for line in block).strip()


def missing_unit_message(error, submission):
    """One line naming the unit a NotImplementedError comes from, its file and its TODO.

    Returns None when the error was not raised in the submission's own code.
    """
    innermost = None
    for frame, line_number in traceback.walk_tb(error.__traceback__):
        path = Path(frame.f_code.co_filename).resolve()
        if submission.directory in path.parents and EXPERIMENTS_DIR not in path.parents:
            innermost = frame, line_number, path
    if innermost is None:
        return None
    frame, line_number, path = innermost
    relative = path.relative_to(submission.directory)
    unit = _unit_name(frame, ".".join(relative.with_suffix("").parts))
    # The raise's message is the TODO text, which the catalogue translates; else the comment above it.
    todo = translated(str(error)) or _todo_above(str(path), line_number) or _("see the comments in the file")
    return _("This experiment needs {unit} ({path}): not implemented yet - TODO: {todo}").format(
        unit=unit, path=f"{submission.package}/{relative.as_posix()}", todo=todo)
