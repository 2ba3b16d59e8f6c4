"""The student's code as a check sees it: two adapters with one interface.

A check never touches the student's code directly; it goes through `sub`:

- `sub.modules`: mapping module name -> module-like object
  (`sub.modules["layers"].Affine(W, b)`).
- `sub.run(what, scenario)`: runs `scenario(sub.modules)` and returns its
  result as plain data; an error in the student's code becomes a `CheckFailed`
  whose message starts with `what`.
- `sub.call(what, fn, *args, **kwargs)`: one call, errors turned into
  `CheckFailed`; returns plain data, or a handle to an object the student's
  code made (a layer, a network).
- `sub.make(what, fn, *args, **kwargs)`: a call that must give an object
  (a constructor, train()); plain data (None, a number) is a CheckFailed.
- `sub.plain(value)`, `sub.assign(target, value)`, `sub.has(obj, name)`, `sub.put(value)`,
  `sub.function(name, **kw)`, `sub.generator(seed)`, `sub.time_call(...)`.
- `sub.advice`: warnings raised by the student's code during the current
  check, reported as advice, never as failures.

`RemoteSubmission` drives a sandboxed worker process (the grader's way: the
student's code never runs in the grader). `LocalSubmission` calls modules
imported in the current process (nbgrader notebooks, where the student's code
already runs in the kernel).
"""
import os
import time
import traceback
import warnings

import re

import numpy as np

from autograder.feedback_lines import IMPORTING, MISSING_MODULE
from autograder.translation import _, translated

from .feedback import CheckFailed, NotImplementedYet, WorkerStopped, error_message

ADVICE_LIMIT = 5  # distinct warnings kept per check
# How the sandbox's worker reports a module the submission lacks (sandbox/worker_session.py).
_MISSING_MODULE = re.compile(r"^ModuleNotFoundError: No module named '[\w.]+': the submission has no file "
                             r"(?P<module>\w+)\.py")
GENERATOR_MODULES = ("weight_init", "data")   # submission modules whose `np` makes Generators


class LocalSubmission:
    """Student modules imported in this process; `modules` maps names to modules."""

    def __init__(self, modules):
        self.modules = dict(modules)
        self.advice = []

    def begin_check(self):
        self.advice = []

    def run(self, what, scenario):
        return self.plain(self.call(what, scenario, self.modules))

    def make(self, what, fn, *args, **kwargs):
        return _expect_object(what, self.call(what, fn, *args, **kwargs), _is_plain)

    def call(self, what, fn, *args, **kwargs):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                return fn(*args, **kwargs)
            except CheckFailed:
                raise
            except NotImplementedError as err:
                raise NotImplementedYet(error_message(what, "NotImplementedError", str(err),
                                                      _student_traceback(err))) from None
            except (Exception, SystemExit) as err:
                text = _student_traceback(err)
                raise CheckFailed(error_message(what, type(err).__name__, str(err), text),
                                  raised=(type(err).__name__, str(err))) from None
            finally:
                for warning in caught:
                    _add_advice(self.advice, f"{warning.category.__name__}: {warning.message}")

    def time_call(self, what, fn, *args, **kwargs):
        """(result, wall-clock seconds) of one call."""
        kwargs.pop("timeout", None)  # nothing can stop a call in this process
        started = time.perf_counter()
        result = self.call(what, fn, *args, **kwargs)
        return result, time.perf_counter() - started

    def plain(self, value):
        """A copy of `value` that later calls cannot change."""
        if isinstance(value, np.ndarray):
            return value.copy()
        if isinstance(value, dict):
            return {k: self.plain(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.plain(v) for v in value)
        if isinstance(value, np.generic):
            return value.item()
        return value

    def assign(self, target, value):
        target[...] = value

    def has(self, obj, name):
        """Whether the student's object (a module, a layer) has the attribute `name`."""
        return hasattr(obj, name)

    def put(self, value):
        return self.plain(value)

    def function(self, name, **kwargs):
        from autograder.sandbox.catalogue import build
        return build(name, kwargs)

    def generator(self, seed):
        return np.random.default_rng(seed)


class RemoteSubmission:
    """Student modules living in a `SubmissionWorker` (autograder.sandbox).

    Calls go through the worker's RPC; results come back as plain data or as
    handles (RemoteRef) to objects that stay in the worker. When the worker
    dies (exit, timeout, memory), the current check fails with the reason and
    the next check gets a fresh worker (`begin_check`).

    import_failures: module name -> reason, shared between workers: a module
    whose import stopped a worker fails later checks at once.
    on_close(stats): called with the worker's statistics when it is closed.
    """

    def __init__(self, worker, import_failures=None, on_close=None, lines=None):
        self.worker = worker
        self.lines = lines            # a NotebookLines when the modules were made from notebooks: cells are shown
        self.import_failures = {} if import_failures is None else import_failures
        self.on_close = on_close
        self.modules = _RemoteModules(self)
        self.advice = []
        self.needs_restart = False

    def begin_check(self):
        """Start a check: a fresh worker if the last one died, no advice yet."""
        if self.needs_restart:
            self._collect_stats()
            self.worker.restart()
            self.modules = _RemoteModules(self)
            self.needs_restart = False
        self.advice = []

    def close(self):
        self._collect_stats()
        self.worker.close()

    def run(self, what, scenario):
        try:
            return self.plain(self.call(what, scenario, self.modules), what=what)
        except (AttributeError, TypeError, KeyError, IndexError) as err:
            # Raised here, in the grader, by a scenario using what the student's code returned
            # (a constructor returning None, a method that is not a method): the student's to fix.
            raise CheckFailed(_("{what}: what your code returned could not be used: {name}: {err}").format(
                                  what=what, name=type(err).__name__, err=err)) from None

    def make(self, what, fn, *args, **kwargs):
        from autograder.sandbox import RemoteRef

        return _expect_object(what, self.call(what, fn, *args, **kwargs),
                              lambda value: not isinstance(value, RemoteRef))

    def call(self, what, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except CheckFailed:
            raise
        except Exception as err:
            self._raise_student_error(what, err)
            raise
        finally:
            self._collect_advice()

    def time_call(self, what, fn, *args, timeout=None, **kwargs):
        """(result, wall-clock seconds) of one call; `timeout` replaces the call time limit."""
        started = time.perf_counter()
        if timeout is None:
            result = self.call(what, fn, *args, **kwargs)
        else:
            with self.worker.timeout(timeout):
                result = self.call(what, fn, *args, **kwargs)
        return result, time.perf_counter() - started

    def plain(self, value, what=None):
        from autograder.sandbox import RemoteRef

        what = what or _("the value your code returned")

        if isinstance(value, RemoteRef):
            return self.call(what, value.fetch)
        if isinstance(value, dict):
            return {k: self.plain(v, what) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self.plain(v, what) for v in value)
        return value

    def assign(self, target, value):
        self.call(_("setting an array in place"), target.assign, value)

    def has(self, obj, name):
        """Whether the student's object (a module, a layer) has the attribute `name`."""
        return bool(self.call(_("looking for {name}").format(name=name), self.worker.hasattr, obj, name))

    def put(self, value):
        return self.call(_("sending data to your code"), self.worker.put, value)

    def function(self, name, **kwargs):
        return self.call(_("building a test function"), self.worker.function, name, **kwargs)

    def generator(self, seed):
        """A handle to numpy.random.default_rng(seed), made in the worker.

        Handles cannot reach a module's globals through dunder names, so the
        worker's NumPy is taken as the `np` of a submission module (weight_init,
        else the provided data.py); both import NumPy as np.
        """
        last_error = None
        for module in GENERATOR_MODULES:
            try:
                return self.call(_("making a random generator"),
                                 lambda: self.modules[module].np.random.default_rng(seed))
            except WorkerStopped:
                raise
            except CheckFailed as err:
                last_error = err
        raise CheckFailed(_("the grader could not make a numpy Generator in your code's process (it "
                            "uses the `np` of {join}.py): {message}").format(
                              join=' or '.join(GENERATOR_MODULES), message=last_error.message))

    def _raise_student_error(self, what, err):
        kind = type(err).__name__
        if kind == "RemoteError" and self.lines:
            err.message, err.traceback = self.lines.rewrite(err.message), self.lines.rewrite(err.traceback)
        if kind == "RemoteError":
            missing = _MISSING_MODULE.search(f"{err.type_name}: {err.message}")
            if missing:                   # a file not handed in: no traceback of the grader's import machinery
                raise CheckFailed(translated(MISSING_MODULE).format(module=missing.group("module")),
                                  raised=(err.type_name, err.message)) from None
            if err.type_name == "NotImplementedError":
                raise NotImplementedYet(error_message(what, err.type_name, err.message, err.traceback)) from None
            raise CheckFailed(error_message(what, err.type_name, err.message, err.traceback),
                              raised=(err.type_name, err.message)) from None
        if kind == "WorkerDied":
            self.needs_restart = True
            raise WorkerStopped(f"{what}: {err.reason}"
                                + stuck_at_text(getattr(err, "stuck_at", None), self.lines)) from None
        if kind == "NotPlainData":
            raise CheckFailed(_("{what}: your code returned something that is not numbers or arrays "
                                "({err})").format(what=what, err=err)) from None

    def _collect_advice(self):
        for warning in getattr(self.worker, "last_warnings", None) or ():
            _add_advice(self.advice, str(warning))

    def _collect_stats(self):
        if self.on_close is not None:
            stats = getattr(self.worker, "stats", None)
            if stats is not None:
                self.on_close(stats)


class _RemoteModules:
    """Mapping module name -> RemoteRef to that module in the worker (imported on first use)."""

    def __init__(self, submission):
        self._submission = submission
        self._refs = {}

    def __getitem__(self, name):
        submission = self._submission
        if name in submission.import_failures:
            raise WorkerStopped(submission.import_failures[name])
        if name not in self._refs:
            try:
                self._refs[name] = submission.call(translated(IMPORTING).format(module=f"{name}.py"),
                                                  submission.worker.module, name)
            except WorkerStopped as stopped:
                submission.import_failures[name] = stopped.message
                raise
        return self._refs[name]


def stuck_at_text(stuck_at, lines=None):
    """The lines naming where a call that timed out was stopped in the student's code ('' when unknown).

    lines: a NotebookLines, when the modules were made from notebooks (the cell is named, not the module's line).
    """
    if not stuck_at:
        return ""
    function, file, line = stuck_at.get("function", "?"), stuck_at.get("file", "?"), stuck_at.get("line", "?")
    cell = lines.place(file, line) if lines and isinstance(line, int) else None
    if cell:
        place = _("{notebook}, cell {cell}, line {line}").format(notebook=cell[0], cell=cell[1], line=cell[2])
    else:
        place = _("{file}, line {line}").format(file=file, line=line)
    if function == "<module>":
        where = _("  it was running the top level ({place}): {code}").format(place=place, code=stuck_at.get("code", ""))
    else:
        where = _("  it was running {function} ({place}): {code}").format(function=function, place=place,
                                                                          code=stuck_at.get("code", ""))
    return "\n" + where + "\n" + _("  hint: is it an endless loop, or a loop that does far more work than "
                                     "needed? Check that the loop's condition becomes false.")


def _is_plain(value):
    return value is None or isinstance(value, (bool, int, float, complex, str, list, tuple, dict, np.ndarray,
                                               np.generic))


def _expect_object(what, value, is_plain):
    """`value` when it is an object (a layer, a network, a model); a CheckFailed when it is plain data."""
    if is_plain(value):
        from .feedback import show

        raise CheckFailed(_("{what} returned {value}, expected an object (with methods)").format(
                              what=what, value=show(value)))
    return value


def _student_traceback(err):
    """The traceback of `err` without the grader's own frames."""
    here = os.path.dirname(os.path.abspath(__file__))
    frames = [f for f in traceback.extract_tb(err.__traceback__) if not f.filename.startswith(here)]
    lines = traceback.format_list(frames) + traceback.format_exception_only(type(err), err)
    return "".join(lines)


def _add_advice(advice, text):
    text = text.strip()
    if text and text not in advice and len(advice) < ADVICE_LIMIT:
        advice.append(text)
