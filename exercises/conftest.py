"""The visible tests' pytest plugin: it loads your code and tells you what is left to do.

You do not need to read this file to do the exercises. It:
- imports the submission under test (this folder by default; another one with
  `pytest exercises --submission DIR` or the environment variable KIT_SUBMISSION)
  as a package named `submission`, and hands each test the module it checks
  (`def test_sigmoid_of_zero_is_half(functions): ...`);
- shows one line per unit whose code is still a stub (`... not implemented yet - TODO: ...`)
  instead of a traceback;
- prints a progress table at the end of every run.
"""
import importlib
import importlib.machinery
import importlib.util
import os
import sys
import traceback
from pathlib import Path

import pytest

#: The modules you write, in the order of the course.
EXERCISE_MODULES = (
    "functions", "gradient", "layers", "optimizer", "weight_init",
    "two_layer_net", "multi_layer_net", "iris_mission", "digits_mission",
)
SUBMISSION_ENV = "KIT_SUBMISSION"
TESTS_DIR = Path(__file__).resolve().parent / "tests"
NOT_IMPLEMENTED = "not implemented"  # the category of a test that hit a stub


def pytest_addoption(parser):
    parser.addoption(
        "--submission", metavar="DIR", default=None,
        help=f"folder of the code under test (default: ${SUBMISSION_ENV}, else the exercises folder)",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "unit(name): the unit a test checks, '<module>.<name>' (e.g. 'functions.sigmoid')")
    if config.option.tbstyle == "auto":
        config.option.tbstyle = "short"  # the assert message, not a wall of NumPy internals
    chosen = config.getoption("--submission") or os.environ.get(SUBMISSION_ENV)
    folder = Path(chosen).resolve() if chosen else Path(__file__).resolve().parent
    if not folder.is_dir():
        raise pytest.UsageError(f"the submission folder {chosen} does not exist")
    config.pluginmanager.register(KitPlugin(Submission(folder)), "kit-progress")


def shown_path(path):
    """A path as short as it can be shown: relative to the current folder when inside it."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


class SubmissionImportError(Exception):
    """A submission module does not import (the message says why, in one line)."""


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
            raise SubmissionImportError(f"{name}.py is missing from {shown_path(self.folder)}")
        if name not in self.failures:
            try:
                return self._import(name)
            except (Exception, SystemExit) as err:  # the student's module-level code can raise anything
                self.failures[name] = f"{name}.py does not import: {self._describe(name, err)}"
        raise SubmissionImportError(self.failures[name])

    def _import(self, name):
        package = sys.modules.get("submission")
        if getattr(package, "__path__", None) != [str(self.folder)]:
            spec = importlib.machinery.ModuleSpec("submission", None, is_package=True)
            spec.submodule_search_locations = [str(self.folder)]
            sys.modules["submission"] = importlib.util.module_from_spec(spec)
        if str(self.folder) not in sys.path:
            sys.path.insert(0, str(self.folder))
        return importlib.import_module(f"submission.{name}")

    def _describe(self, name, err):
        """One line: the error and where it is, e.g. 'SyntaxError: invalid syntax (line 12)'."""
        if isinstance(err, SyntaxError):
            where, line, message = err.filename, err.lineno, err.msg
        else:
            frames = [f for f in traceback.extract_tb(err.__traceback__) if self.holds(f.filename)]
            where, line = (frames[-1].filename, frames[-1].lineno) if frames else (None, None)
            message = str(err)
        text = f"{type(err).__name__}: {message}" if message else type(err).__name__
        if line is None:
            return text
        if where and Path(where).name != f"{name}.py":
            return f"{text} ({Path(where).name}, line {line})"
        return f"{text} (line {line})"


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
def iris_mission(submission):
    return submission.module("iris_mission")


@pytest.fixture
def digits_mission(submission):
    return submission.module("digits_mission")


@pytest.fixture
def data(submission):
    """The kit's provided data loaders (data.py), as found in the submission folder."""
    return submission.module("data")


def unit_of(item):
    marker = item.get_closest_marker("unit")
    return marker.args[0] if marker else None


def first_sentence(text):
    """The TODO text up to its first full stop outside brackets."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char in "([{") - (char in ")]}")
        if char == "." and depth == 0 and text[index + 1:index + 2] in (" ", ""):
            return text[:index + 1]
    return text


class KitPlugin:
    """Shortens stub failures to one line and prints the progress table."""

    def __init__(self, submission):
        self.submission = submission
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
            report.kit_import_error = True
        elif stub_line:
            report.longrepr = report.kit_not_implemented = stub_line
        elif report.failed and item.config.option.tbstyle in ("short", "long", "auto"):
            self._hide_library_frames(item, call.excinfo, report)

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
        module, _, name = unit.partition(".")
        todo = str(excinfo.value)
        todo = f" - TODO: {first_sentence(todo)}" if todo else ""
        if stub_module == module and (stub == name or stub.startswith(name + ".")):
            return f"{stub} ({self.submission.file_of(module)}): not implemented yet{todo}"
        return (f"{name} ({self.submission.file_of(module)}): waiting for "
                f"{stub} ({self.submission.file_of(stub_module)}){todo}")

    def pytest_report_teststatus(self, report):
        if getattr(report, "kit_not_implemented", None):
            return NOT_IMPLEMENTED, "T", ("NOT IMPLEMENTED", {"yellow": True})
        return None

    def pytest_runtest_logreport(self, report):
        if report.when == "call" and report.passed:
            self.outcomes.setdefault(report.nodeid, "passed")
        elif report.skipped:
            self.outcomes[report.nodeid] = "skipped"
            self.skip_reasons[report.nodeid] = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        elif report.failed:
            line = getattr(report, "kit_not_implemented", None)
            if getattr(report, "kit_import_error", False):
                self.outcomes[report.nodeid] = "import"
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
            return False, "does not import (see the errors above)"
        if all(outcome == "skipped" for outcome in outcomes):
            reason = self.skip_reasons.get(node_ids[0], "")
            return False, f"skipped: {reason}" if reason else "skipped"
        if all(outcome in ("passed", "skipped") for outcome in outcomes):
            return True, "done"
        if all(outcome == NOT_IMPLEMENTED for outcome in outcomes):
            return False, "not started"
        if all(outcome == "not run" for outcome in outcomes):
            return False, "not run"
        return False, f"in progress: {passed} of {len(outcomes)} tests pass"

    def pytest_terminal_summary(self, terminalreporter):
        if not self.units:
            return
        writer = terminalreporter
        stub_lines = [self.stub_lines[unit] for unit in self.units if unit in self.stub_lines]
        if stub_lines:
            writer.write_sep("=", "not implemented yet (T)", yellow=True)
            for line in stub_lines:
                writer.write_line(line)
        writer.write_sep("=", "progress", bold=True)
        width = max(len(unit) for unit in self.units)
        done_count = 0
        for unit, node_ids in self.units.items():
            done, status = self.unit_status(node_ids)
            done_count += done
            writer.write_line(f"[{'x' if done else ' '}] {unit:<{width}}  {status}", green=done, yellow=not done)
        summary = f"{done_count}/{len(self.units)} units done"
        if self.deselected:
            summary += f" ({len(self.deselected)} more not selected in this run)"
        writer.write_line(summary, bold=True)
