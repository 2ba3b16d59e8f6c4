"""The visible tests' pytest plugin: it loads your code and tells you what is left to do.

You do not need to read this file to do the exercises. It:
- imports the submission under test (this folder by default; another one with
  `pytest exercises --submission DIR` or the environment variable KIT_SUBMISSION)
  as a package named `submission`, and hands each test the module it checks
  (`def test_sigmoid_of_zero_is_half(functions): ...`);
- shows one line per unit whose code is still a stub (`... not implemented yet - TODO: ...`)
  instead of a traceback, and a module that does not import once, not once per test;
- stops a test that runs longer than its time limit and names the line your code was on;
- cuts what your code printed in a failing test to its first lines;
- says when a failing unit uses another unit that fails its own tests (fix that one first);
- prints a progress table at the end of every run.
"""
import ast
import hashlib
import importlib
import importlib.machinery
import importlib.util
import linecache
import os
import signal
import sys
import threading
import traceback
from pathlib import Path

import pytest

from .translation import LANGUAGES, N_, _, ngettext, pad, set_language, translated

#: The modules you write, in the order of the course.
EXERCISE_MODULES = (
    "functions", "gradient", "util", "layers", "optimizer", "weight_init",
    "two_layer_net", "multi_layer_net", "simple_conv_net", "iris_mission", "digits_mission", "cnn_mission",
)
SUBMISSION_ENV = "KIT_SUBMISSION"
TESTS_DIR = Path(__file__).resolve().parent / "tests"
NOT_IMPLEMENTED = "not implemented"  # the category of a test that hit a stub
DOES_NOT_IMPORT = "does not import"  # the category of a test whose module does not import
#: Seconds a test may run before it is stopped (the reference needs well under one).
TIME_LIMIT = 10.0
#: The missions train a network: their tests get longer (the reference needs about 10 s).
MISSION_TIME_LIMIT = 120.0
MISSION_MODULES = ("iris_mission", "digits_mission", "cnn_mission")
#: Lines of your code's printed output kept in the report of a failing test.
PRINTED_LINES_SHOWN = 5


def pytest_addoption(parser):
    parser.addoption(
        "--submission", metavar="DIR", default=None,
        help=_("folder of the code under test (default: ${variable}, else the exercises folder)").format(
            variable=SUBMISSION_ENV),
    )
    parser.addoption(
        "--time-limit", metavar="S", type=float, default=None,
        help=_("seconds per test before it is stopped (default {seconds:g}, missions {mission_seconds:g}; "
               "0: no limit)").format(seconds=TIME_LIMIT, mission_seconds=MISSION_TIME_LIMIT),
    )
    parser.addoption(
        "--lang", choices=LANGUAGES, default=None,
        help=_("language of the messages: ja or en (default: $KIT_LANG, else the locale)"),
    )


def pytest_configure(config):
    set_language(config.getoption("--lang"))
    config.addinivalue_line(
        "markers", "unit(name): the unit a test checks, '<module>.<name>' (e.g. 'functions.sigmoid')")
    if config.option.tbstyle == "auto":
        config.option.tbstyle = "short"  # the assert message, not a wall of NumPy internals
    chosen = config.getoption("--submission") or os.environ.get(SUBMISSION_ENV)
    folder = Path(chosen).resolve() if chosen else Path(__file__).resolve().parent
    if not folder.is_dir():
        raise pytest.UsageError(_("the submission folder {folder} does not exist").format(folder=chosen))
    time_limit = config.getoption("--time-limit")
    if time_limit is not None and time_limit < 0:
        raise pytest.UsageError(_("--time-limit must be 0 (no limit) or more, got {seconds:g}").format(
            seconds=time_limit))
    config.pluginmanager.register(KitPlugin(Submission(folder), time_limit), "kit-progress")


def shown_path(path):
    """A path as short as it can be shown: relative to the current folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


class SubmissionImportError(Exception):
    """A submission module does not import (the message says why, in one line)."""


# Student-facing messages: complete sentences with named placeholders, translated where shown.
TIME_LIMIT_MESSAGE = N_("{unit}: {test} was stopped after {seconds:g} s, in {function} ({file}, line {line}): "
                        "{code}\n  hint: is it an endless loop? Check that the loop's condition becomes false.")
TIME_LIMIT_OUTSIDE_MESSAGE = N_("{unit}: {test} was stopped after {seconds:g} s (outside your code).")
IMPORTS_A_BROKEN_MODULE = N_("{module} does not import because {other} does not (see {other}).")
IMPORT_TOO_LONG = N_("{module} does not import: it was stopped after {seconds:g} s ({where}).")
CHANGED_OUTSIDE = N_("{file} was changed outside its TODO regions (the provided code): if that was not on "
                     "purpose, put it back. Your code goes between each '# TODO:' line and its "
                     "'# ---- end of your code ----' line; keep both lines.")
CHANGED_OUTSIDE_IN = N_("{file} was changed outside its TODO regions (the provided code), in {places}: if that "
                        "was not on purpose, put it back. Your code goes between each '# TODO:' line and its "
                        "'# ---- end of your code ----' line; keep both lines.")
CHANGED_DEFINITION = N_("{name} (lines {first}-{last})")
CHANGED_TOP_LEVEL = N_("the code outside every function and class (imports, constants)")
REMOVED_DEFINITION = N_("{name} (removed)")
ADDED_DEFINITION = N_("{name} (lines {first}-{last}, added)")
PRINTED_CUT = N_("... {count:,} more lines (what your code printed, cut)")
USES_FAILING_UNIT = N_("note: {unit} uses {used}, which fails its own tests: fix {used} first, "
                       "this test may then pass.")


#: The region marks of the stubs and the fingerprint line of their header (autograder/curriculum/solution_regions.py).
TODO_PREFIX = "# TODO:"
END_OF_YOUR_CODE = "# ---- end of your code ----"
FINGERPRINT_PREFIX = "# Provided code fingerprint: "
#: The header lines with one fingerprint per top-level definition, and the name of the rest of the module.
PARTS_PREFIX = "# Provided code by definition: "
PARTS_CONTINUATION = "#   "
MODULE_PART = "<module>"


def provided_code_fingerprint(stub_text):
    """A short hash of a stub's lines outside its regions, without blank or comment lines.

    The same function as autograder.curriculum.solution_regions.provided_code_fingerprint,
    which wrote the fingerprint into each stub's header (a test keeps the two equal).
    """
    kept, inside = [], False
    for line in stub_text.splitlines():
        stripped = line.strip()
        if stripped.startswith(TODO_PREFIX):
            inside = True
        elif inside and stripped == END_OF_YOUR_CODE:
            inside = False
        elif not inside and stripped and not stripped.startswith("#"):
            kept.append(line.rstrip())
    return hashlib.sha256("\n".join(kept).encode("utf-8")).hexdigest()[:16]


def provided_code_parts(stub_text):
    """{part: short hash} of a stub's provided code, one per top-level function or class and MODULE_PART
    for the rest, in the order they first appear; None when the text is not valid Python.

    The same function as autograder.curriculum.solution_regions.provided_code_parts, which wrote
    these fingerprints into each stub's header (a test keeps the two equal).
    """
    try:
        tree = ast.parse(stub_text)
    except (SyntaxError, ValueError):
        return None
    lines = stub_text.splitlines()
    owner = [MODULE_PART] * (len(lines) + 2)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
            owner[first:node.end_lineno + 1] = [node.name] * (node.end_lineno + 1 - first)
    kept, inside = {}, False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith(TODO_PREFIX):
            inside = True
        elif inside and stripped == END_OF_YOUR_CODE:
            inside = False
        elif not inside and stripped and not stripped.startswith("#"):
            kept.setdefault(owner[number], []).append(line.rstrip())
    return {part: hashlib.sha256("\n".join(part_lines).encode("utf-8")).hexdigest()[:8]
            for part, part_lines in kept.items()}


def handed_out_parts(text):
    """{part: hash} from a stub's header ('# Provided code by definition: ...' and its '#   ' lines); {} if none."""
    parts, reading = {}, False
    for line in text.splitlines()[:12]:
        if line.startswith(PARTS_PREFIX):
            reading, line = True, line[len(PARTS_PREFIX):]
        elif reading and line.startswith(PARTS_CONTINUATION):
            line = line[len(PARTS_CONTINUATION):]
        elif reading:
            break
        else:
            continue
        parts.update(token.rsplit("=", 1) for token in line.split() if "=" in token)
    return parts


def changed_places(text, handed_out):
    """Where the provided code of `text` differs from the fingerprints `handed_out` (handed_out_parts):
    translated descriptions ('relu (lines 40-52)', ...); None when that cannot be told."""
    now = provided_code_parts(text)
    if not handed_out or now is None:
        return None
    spans = {}
    for node in ast.parse(text).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
            previous = spans.get(node.name, (first, node.end_lineno))
            spans[node.name] = (min(previous[0], first), max(previous[1], node.end_lineno))
    places = []
    for part in list(handed_out) + [part for part in now if part not in handed_out]:
        if now.get(part) == handed_out.get(part):
            continue
        if part == MODULE_PART:
            places.append(translated(CHANGED_TOP_LEVEL))
        elif part not in now:
            places.append(translated(REMOVED_DEFINITION).format(name=part))
        else:
            first, last = spans.get(part, (0, 0))
            message = CHANGED_DEFINITION if part in handed_out else ADDED_DEFINITION
            places.append(translated(message).format(name=part, first=first, last=last))
    return places or None


def source_line(path, line):
    """The stripped text of a line of a file ('' when it cannot be read)."""
    return linecache.getline(str(path), int(line)).strip() if path and line else ""


class TimeLimitExceeded(Exception):
    """A test ran past its time limit; raised inside the code that was running, where it was."""

    def __init__(self, seconds):
        super().__init__(f"stopped after {seconds:g} s")
        self.seconds = seconds


class TestTimer:
    """Raises TimeLimitExceeded in the main thread when `seconds` pass (0 or None: never).

    POSIX: SIGALRM. Elsewhere (Windows): a timer thread interrupts the main thread,
    and the interruption becomes TimeLimitExceeded. Long NumPy calls finish first.
    """

    __test__ = False  # not a test class

    def __init__(self, seconds):
        self.seconds = seconds
        self.active = bool(seconds) and threading.current_thread() is threading.main_thread()
        self.fired = False
        self.previous = self.thread = None

    def __enter__(self):
        if not self.active:
            return self
        if hasattr(signal, "SIGALRM"):
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            import _thread

            self.previous = signal.signal(signal.SIGINT, self._interrupted)
            self.thread = threading.Timer(self.seconds, lambda: (setattr(self, "fired", True),
                                                                 _thread.interrupt_main()))
            self.thread.daemon = True
            self.thread.start()
        return self

    def __exit__(self, *exc):
        if not self.active:
            return False
        if hasattr(signal, "SIGALRM"):
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
        else:
            self.thread.cancel()
            signal.signal(signal.SIGINT, self.previous)
        return False

    def _expire(self, signum, frame):
        raise TimeLimitExceeded(self.seconds)

    def _interrupted(self, signum, frame):
        if self.fired:
            raise TimeLimitExceeded(self.seconds)
        raise KeyboardInterrupt


class Submission:
    """The folder under test, imported as the package `submission`.

    The folder is also put on sys.path, so both `from .layers import Affine`
    and `from layers import Affine` work inside it.
    """

    def __init__(self, folder):
        self.folder = folder
        self.failures = {}  # module name -> why it does not import

    def file_of(self, module_name):
        return shown_path(self.folder / f"{module_name}.py")

    def holds(self, path):
        """Whether path is one of the submission's .py files."""
        path = Path(str(path))
        return path.suffix == ".py" and path.resolve().parent == self.folder

    def module(self, name):
        """Import and return submission.<name>; raise SubmissionImportError when it fails."""
        if not (self.folder / f"{name}.py").is_file():
            raise SubmissionImportError(_("{file} is missing from {folder}").format(
                file=f"{name}.py", folder=shown_path(self.folder)))
        if name not in self.failures:
            try:
                return self._import(name)
            except TimeLimitExceeded as err:
                sys.modules.pop(f"submission.{name}", None)
                self.failures[name] = translated(IMPORT_TOO_LONG).format(
                    module=f"{name}.py", seconds=err.seconds, where=self._describe(name, err, where_only=True))
            except (Exception, SystemExit) as err:  # the student's module-level code can raise anything
                other = self._other_module_at_fault(name, err)
                if other:
                    self.failures[name] = translated(IMPORTS_A_BROKEN_MODULE).format(module=f"{name}.py",
                                                                                     other=f"{other}.py")
                else:
                    self.failures[name] = _("{file} does not import: {error}").format(
                        file=f"{name}.py", error=self._describe(name, err))
        raise SubmissionImportError(self.failures[name])

    def _other_module_at_fault(self, name, err):
        """The other submission module whose own import failed while `name` imported it, or None."""
        where = err.filename if isinstance(err, SyntaxError) else next(
            (f.filename for f in reversed(traceback.extract_tb(err.__traceback__)) if self.holds(f.filename)), None)
        other = Path(where).stem if where and self.holds(where) else None
        if other is None or other == name:
            return None
        try:
            self.module(other)
        except SubmissionImportError:
            return other
        return None

    def changed_outside_regions(self):
        """[(module, places)] of the modules whose provided code (outside the TODO regions) differs from what
        was handed out; places: where (changed_places), None when that cannot be told."""
        changed = []
        for name in EXERCISE_MODULES:
            try:
                text = (self.folder / f"{name}.py").read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            handed_out = next((line[len(FINGERPRINT_PREFIX):].split()[0] for line in text.splitlines()[:3]
                               if line.startswith(FINGERPRINT_PREFIX)), None)
            if handed_out and handed_out != provided_code_fingerprint(text):
                changed.append((name, changed_places(text, handed_out_parts(text))))
        return changed

    def units_used_by(self, unit):
        """The other contract units that `unit`'s code in this submission uses, e.g. layers.SoftmaxWithLoss ->
        {"functions.softmax", "functions.cross_entropy_error"} (read from the source, imports resolved)."""
        module, _dot, name = unit.partition(".")
        try:
            tree = ast.parse((self.folder / f"{module}.py").read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            return set()
        imported, local = {}, {}
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module in EXERCISE_MODULES:
                for alias in node.names:
                    imported[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                local[node.name] = node
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        local[target.id] = node.value

        def names_in(node):
            # The networks' numerical_gradient methods are provided code the visible tests never call.
            skipped = {id(child) for child in ast.walk(node)
                       if isinstance(child, ast.FunctionDef) and child.name == "numerical_gradient"}
            found, stack = set(), [node]
            while stack:
                child = stack.pop()
                if id(child) in skipped:
                    continue
                if isinstance(child, ast.Name):
                    found.add(child.id)
                stack.extend(ast.iter_child_nodes(child))
            return found

        used, seen, todo = set(), {name}, [name]
        while todo:
            node = local.get(todo.pop())
            for used_name in names_in(node) if node is not None else ():
                if used_name in imported:
                    used.add(imported[used_name])
                elif used_name in local and used_name not in seen:
                    seen.add(used_name)
                    todo.append(used_name)
        used.discard(unit)
        return used

    def _import(self, name):
        package = sys.modules.get("submission")
        if getattr(package, "__path__", None) != [str(self.folder)]:
            spec = importlib.machinery.ModuleSpec("submission", None, is_package=True)
            spec.submodule_search_locations = [str(self.folder)]
            sys.modules["submission"] = importlib.util.module_from_spec(spec)
        if str(self.folder) not in sys.path:
            sys.path.insert(0, str(self.folder))
        return importlib.import_module(f"submission.{name}")

    def _describe(self, name, err, where_only=False):
        """One line: the error and where it is, e.g. 'SyntaxError: invalid syntax (line 12)'.

        where_only: just the place, e.g. 'line 12: while True:'.
        """
        if isinstance(err, SyntaxError):
            where, line, message = err.filename, err.lineno, err.msg
        else:
            frames = [f for f in traceback.extract_tb(err.__traceback__) if self.holds(f.filename)]
            where, line = (frames[-1].filename, frames[-1].lineno) if frames else (None, None)
            message = str(err)
        if where_only:
            if not line:
                return _("outside your code")
            return _("line {line}: {code}").format(line=line, code=source_line(where, line))
        text = f"{type(err).__name__}: {message}" if message else type(err).__name__
        if line is None:
            return text
        code = source_line(where, line)
        code = f"\n    {code}" if code else ""
        if where and Path(where).name != f"{name}.py":
            return _("{error} ({file}, line {line})").format(error=text, file=Path(where).name, line=line) + code
        return _("{error} (line {line})").format(error=text, line=line) + code


@pytest.fixture(scope="session")
def submission(request):
    """The submission under test (see the Submission class)."""
    return request.config.pluginmanager.get_plugin("kit-progress").submission


# One fixture per module: a test asks for the module it checks by name.
@pytest.fixture
def functions(submission):
    return submission.module("functions")


@pytest.fixture
def gradient(submission):
    return submission.module("gradient")


@pytest.fixture
def util(submission):
    return submission.module("util")


@pytest.fixture
def layers(submission):
    return submission.module("layers")


@pytest.fixture
def optimizer(submission):
    return submission.module("optimizer")


@pytest.fixture
def weight_init(submission):
    return submission.module("weight_init")


@pytest.fixture
def two_layer_net(submission):
    return submission.module("two_layer_net")


@pytest.fixture
def multi_layer_net(submission):
    return submission.module("multi_layer_net")


@pytest.fixture
def simple_conv_net(submission):
    return submission.module("simple_conv_net")


@pytest.fixture
def iris_mission(submission):
    return submission.module("iris_mission")


@pytest.fixture
def digits_mission(submission):
    return submission.module("digits_mission")


@pytest.fixture
def cnn_mission(submission):
    return submission.module("cnn_mission")


@pytest.fixture
def data(submission):
    """The kit's provided data loaders (data.py), as found in the submission folder."""
    return submission.module("data")


def unit_of(item):
    marker = item.get_closest_marker("unit")
    return marker.args[0] if marker else None


def first_sentence(text):
    """The TODO text up to its first full stop (English or Japanese) outside brackets."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char in "([{") - (char in ")]}")
        if char == "." and depth == 0 and text[index + 1:index + 2] in (" ", ""):
            return text[:index + 1]
        if char == "。" and depth == 0:
            return text[:index + 1]
    return text


class KitPlugin:
    """Shortens stub failures to one line and prints the progress table.

    time_limit: seconds per test (None: TIME_LIMIT, MISSION_TIME_LIMIT for the missions; 0: no limit).
    """

    def __init__(self, submission, time_limit=None):
        self.submission = submission
        self.time_limit = time_limit
        self.import_failures = {}  # module file -> why it does not import, in run order
        self.units = {}       # unit -> node ids of its selected tests, in run order
        self.unit_of_test = {}  # node id -> unit
        self.unit_order = {}    # unit -> position in the course
        self.deselected = set()
        self.outcomes = {}    # node id -> "passed" / "failed" / "skipped" / NOT_IMPLEMENTED / "import"
        self.skip_reasons = {}
        self.stub_lines = {}  # unit -> first not-implemented line

    def _is_visible_test(self, item):
        return TESTS_DIR in Path(str(item.path)).resolve().parents and unit_of(item) is not None

    def pytest_deselected(self, items):
        self.deselected.update(unit_of(item) for item in items if self._is_visible_test(item))

    def pytest_collection_modifyitems(self, items):
        """Run the visible tests in the order of the course (functions first), not of the file names."""
        order = {name: index for index, name in enumerate(EXERCISE_MODULES)}

        def course_position(item):
            if not self._is_visible_test(item):
                return len(order)
            return order.get(unit_of(item).split(".")[0], len(order))

        items.sort(key=course_position)
        for item in items:  # the table's order, whatever -k or -m selects later
            if self._is_visible_test(item):
                self.unit_order.setdefault(unit_of(item), len(self.unit_order))

    def pytest_collection_finish(self, session):
        for item in session.items:
            if self._is_visible_test(item):
                self.units.setdefault(unit_of(item), []).append(item.nodeid)
                self.unit_of_test[item.nodeid] = unit_of(item)
                item.user_properties.append(("unit", unit_of(item)))  # for JUnit XML readers
        self.deselected -= set(self.units)
        last = len(self.unit_order)
        self.units = dict(sorted(self.units.items(), key=lambda pair: self.unit_order.get(pair[0], last)))

    def _time_limit(self, item):
        if self.time_limit is not None:
            return self.time_limit
        unit = unit_of(item) or ""
        return MISSION_TIME_LIMIT if unit.split(".")[0] in MISSION_MODULES else TIME_LIMIT

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item):
        with TestTimer(self._time_limit(item) if self._is_visible_test(item) else 0):
            yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        with TestTimer(self._time_limit(item) if self._is_visible_test(item) else 0):
            yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if call.excinfo is None or not self._is_visible_test(item):
            return
        stub_line = None
        if call.excinfo.errisinstance(NotImplementedError):
            stub_line = self._stub_line(unit_of(item), call.excinfo)
        if call.excinfo.errisinstance(SubmissionImportError):
            report.longrepr = str(call.excinfo.value)
            report.kit_import_error = str(call.excinfo.value)
        elif stub_line:
            report.longrepr = report.kit_not_implemented = stub_line
        elif call.excinfo.errisinstance(TimeLimitExceeded):
            report.longrepr = self._time_limit_message(item, call.excinfo)
        elif report.failed and item.config.option.tbstyle in ("short", "long", "auto"):
            self._hide_library_frames(item, call.excinfo, report)
        if report.failed and not getattr(report, "kit_import_error", None) and not stub_line:
            self._cut_printed_output(report)
            note = self._failing_units_used(unit_of(item))
            if note:
                report.longrepr = f"{note}\n{report.longrepr}"

    def _time_limit_message(self, item, excinfo):
        """Which test was stopped, and the line of your code it was running."""
        ours = [entry for entry in excinfo.traceback if self.submission.holds(entry.path)]
        test = item.name
        if not ours:
            return translated(TIME_LIMIT_OUTSIDE_MESSAGE).format(unit=unit_of(item), test=test, seconds=excinfo.value.seconds)
        entry = ours[-1]
        return translated(TIME_LIMIT_MESSAGE).format(
            unit=unit_of(item), test=test, seconds=excinfo.value.seconds, function=entry.name,
            file=shown_path(entry.path), line=entry.lineno + 1, code=source_line(entry.path, entry.lineno + 1))

    @staticmethod
    def _cut_printed_output(report):
        """Keep the first PRINTED_LINES_SHOWN lines of what the test's code printed, and a count of the rest."""
        cut = []
        for title, content in report.sections:
            lines = content.splitlines()
            if title.startswith("Captured std") and len(lines) > PRINTED_LINES_SHOWN + 1:
                hidden = len(lines) - PRINTED_LINES_SHOWN
                content = "\n".join(lines[:PRINTED_LINES_SHOWN] + [translated(PRINTED_CUT).format(count=hidden)]) + "\n"
            cut.append((title, content))
        report.sections[:] = cut

    def _failing_units_used(self, unit):
        """A note naming the units `unit` uses that already failed their own tests in this run, or ''."""
        if unit is None:
            return ""
        failing = [used for used in sorted(self.submission.units_used_by(unit), key=self._course_position)
                   if self._fails(used)]
        return "\n".join(translated(USES_FAILING_UNIT).format(unit=unit, used=used) for used in failing)

    def _course_position(self, unit):
        return self.unit_order.get(unit, len(self.unit_order))

    def _fails(self, unit):
        outcomes = [self.outcomes.get(node_id) for node_id in self.units.get(unit, ())]
        return any(outcome not in (None, "passed", "skipped") for outcome in outcomes)

    def _hide_library_frames(self, item, excinfo, report):
        """Show only the frames of the tests and of your code: not NumPy's or Python's internals."""
        def ours(entry):
            path = Path(str(entry.path)).resolve()
            return self.submission.holds(path) or TESTS_DIR in path.parents

        entries = list(excinfo.traceback)
        first = next((index for index, entry in enumerate(entries) if ours(entry)), None)
        if first is None or all(ours(entry) for entry in entries[first:]) or pytest.version_tuple < (8,):
            return  # (pytest < 8 cannot be given the frames to show)
        kept = excinfo.traceback.__class__(
            [entry for entry in entries[first:]
             if ours(entry) and not entry.frame.f_locals.get("__tracebackhide__", False)])
        report.longrepr = excinfo.getrepr(style=item.config.option.tbstyle, tbfilter=lambda _: kept)

    def _stub_line(self, unit, excinfo):
        """The one-line message for a NotImplementedError raised by a stub of the submission."""
        entry = excinfo.traceback[-1]
        if not self.submission.holds(entry.path):
            return None  # raised elsewhere (NumPy, the tests): keep the traceback
        code = entry.frame.code.raw
        stub = getattr(code, "co_qualname", None)  # Python >= 3.11
        if stub is None:
            owner = entry.frame.f_locals.get("self")
            stub = f"{type(owner).__name__}.{code.co_name}" if owner is not None else code.co_name
        stub_module = Path(entry.path).stem
        module, _dot, name = unit.partition(".")
        todo = str(excinfo.value)
        todo = first_sentence(translated(todo)) if todo else ""
        if stub_module == module and (stub == name or stub.startswith(name + ".")):
            if todo:
                return _("{unit} ({file}): not implemented yet - TODO: {todo}").format(
                    unit=stub, file=self.submission.file_of(module), todo=todo)
            return _("{unit} ({file}): not implemented yet").format(unit=stub, file=self.submission.file_of(module))
        if todo:
            return _("{unit} ({file}): waiting for {stub} ({stub_file}) - TODO: {todo}").format(
                unit=name, file=self.submission.file_of(module), stub=stub,
                stub_file=self.submission.file_of(stub_module), todo=todo)
        return _("{unit} ({file}): waiting for {stub} ({stub_file})").format(
            unit=name, file=self.submission.file_of(module), stub=stub, stub_file=self.submission.file_of(stub_module))

    def pytest_report_teststatus(self, report):
        if getattr(report, "kit_not_implemented", None):
            return _("not implemented"), "T", (_("NOT IMPLEMENTED"), {"yellow": True})
        if getattr(report, "kit_import_error", None):
            return _("does not import"), "I", (_("DOES NOT IMPORT"), {"red": True})
        return None

    def pytest_runtest_logreport(self, report):
        if report.when == "call" and report.passed:
            self.outcomes.setdefault(report.nodeid, "passed")
        elif report.skipped:
            self.outcomes[report.nodeid] = "skipped"
            self.skip_reasons[report.nodeid] = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        elif report.failed:
            line = getattr(report, "kit_not_implemented", None)
            if getattr(report, "kit_import_error", None):
                self.outcomes[report.nodeid] = "import"
                self.import_failures.setdefault(report.kit_import_error, None)
            elif line and self.outcomes.get(report.nodeid) is None:
                self.outcomes[report.nodeid] = NOT_IMPLEMENTED
                self.stub_lines.setdefault(self.unit_of_test.get(report.nodeid), line)
            else:
                self.outcomes[report.nodeid] = "failed"

    def unit_status(self, node_ids):
        """(done, status text) of a unit from the outcomes of its tests."""
        outcomes = [self.outcomes.get(node_id, "not run") for node_id in node_ids]
        passed = outcomes.count("passed")
        if "import" in outcomes:
            return False, _("does not import (see above)")
        if all(outcome == "skipped" for outcome in outcomes):
            reason = self.skip_reasons.get(node_ids[0], "")
            return False, _("skipped: {reason}").format(reason=reason) if reason else _("skipped")
        if all(outcome in ("passed", "skipped") for outcome in outcomes):
            return True, _("done")
        if all(outcome == NOT_IMPLEMENTED for outcome in outcomes):
            return False, _("not started")
        if all(outcome == "not run" for outcome in outcomes):
            return False, _("not run")
        return False, ngettext("in progress: {passed} of {count} test passes",
                               "in progress: {passed} of {count} tests pass",
                               len(outcomes)).format(passed=passed, count=len(outcomes))

    def pytest_terminal_summary(self, terminalreporter):
        if not self.units:
            return
        writer = terminalreporter
        if self.import_failures:
            writer.write_sep("=", _("does not import (I)"), red=True)
            for message in self.import_failures:
                writer.write_line(message, red=True)
        changed = self.submission.changed_outside_regions()
        if changed:
            writer.write_sep("=", _("changed outside the TODO regions"), yellow=True)
            for name, places in changed:
                file = self.submission.file_of(name)
                if places:
                    writer.write_line(translated(CHANGED_OUTSIDE_IN).format(file=file, places=", ".join(places)))
                else:
                    writer.write_line(translated(CHANGED_OUTSIDE).format(file=file))
        stub_lines = [self.stub_lines[unit] for unit in self.units if unit in self.stub_lines]
        if stub_lines:
            writer.write_sep("=", _("not implemented yet (T)"), yellow=True)
            for line in stub_lines:
                writer.write_line(line)
        writer.write_sep("=", _("progress"), bold=True)
        width = max(len(unit) for unit in self.units)
        done_count = 0
        for unit, node_ids in self.units.items():
            done, status = self.unit_status(node_ids)
            done_count += done
            writer.write_line(f"[{'x' if done else ' '}] {pad(unit, width)}  {status}", green=done, yellow=not done)
        if self.deselected:
            summary = _("{done}/{count} units done ({more} more not selected in this run)").format(
                done=done_count, count=len(self.units), more=len(self.deselected))
        else:
            summary = _("{done}/{count} units done").format(done=done_count, count=len(self.units))
        writer.write_line(summary, bold=True)
