"""grade_submission: one submission in, one GradingRun out.

Runs the hidden suites (autograder/hidden) with pytest, in this process, with
their own configuration and rootdir: the student's code runs only in the
sandboxed workers the suites' fixtures start. Whatever goes wrong inside the
run (a grader bug, a worker that cannot start) ends up in `run.error` and the
results of every selected test are still there; only a path that is not a
submission or an unknown --only value raise (SubmissionError, SelectionError).
"""
import contextlib
import io
import os
import secrets
import time
import traceback
from pathlib import Path

from autograder.results import GradingRun
from autograder.sandbox.client import discard_spares, warm_up
from autograder.translation import _
from autograder.submission_intake import SubmissionError, open_submission

from .plugin import GradingPlugin, SelectionError
from .settings import DEFAULT_BUDGET, DEFAULT_CALL_TIMEOUT, DEFAULT_COURSE_SEED, DEFAULT_MEMORY_MB, GradingSettings

HIDDEN_DIR = Path(__file__).resolve().parent.parent / "hidden"
SEED_LIMIT = 2**31


def kit_version():
    """The installed kit's version, else the repository's pyproject version."""
    try:
        from importlib.metadata import PackageNotFoundError, version
        return version("dl-scratch-kit")
    except PackageNotFoundError:
        pass
    pyproject = HIDDEN_DIR.parent.parent / "pyproject.toml"
    try:
        import tomllib
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, ValueError, ImportError):
        return "unknown"


def grade_submission(path, seed=None, only=None, call_timeout=DEFAULT_CALL_TIMEOUT,
                     memory_mb=DEFAULT_MEMORY_MB, reports=None, label=None, hide=(), budget=DEFAULT_BUDGET,
                     course_seed=DEFAULT_COURSE_SEED, lanes=None):
    """Grade the submission at `path` (a directory or a .zip of one); return a GradingRun.

    seed: the grading seed (drawn at random and recorded when None): the unit checks' inputs.
    course_seed: the missions' splits and training seeds, the same for every student of a course.
    only: unit or module names ("layers.Affine", "layers") to grade; None grades every unit.
    call_timeout: seconds per call into the submission; memory_mb: the worker's memory.
    reports: {format name: path} written (atomically) when grading is done, e.g. {"json": "results.json"}.
    label: what the run calls the submission (default: `path` as given).
    hide: more paths the submission's process must not see (where reports are written).
    budget: seconds for the whole run (None: none); past it the remaining tests score 0, not run,
    and `run.budget_note` says so (None when the budget was enough).
    lanes: 2 runs the missions on a second core while the units are graded, 1 one check at a time
    (None: 2 where this process may use two CPUs); the scores are the same either way.
    Raises SubmissionError (path missing or not a submission), SelectionError (unknown --only).
    """
    started = time.perf_counter()
    seed = secrets.randbelow(SEED_LIMIT) if seed is None else int(seed)
    label = str(path) if label is None else label
    warm_up()                         # the sandbox imports NumPy while pytest collects the suites
    with open_submission(path) as directory:
        hidden = [*hide, *(str(Path(p).resolve().parent) for p in (reports or {}).values())]
        settings = GradingSettings(submission_dir=str(directory), seed=seed, course_seed=int(course_seed),
                                   call_timeout=call_timeout, memory_mb=memory_mb, hidden_paths=hidden,
                                   budget=budget)
        if lanes is not None:
            settings.lanes = int(lanes)
        settings.start_clock()
        plugin = GradingPlugin(settings, only=only)
        preparing = settings.prepare_workers()   # the first worker forks while pytest collects
        try:
            run_hidden_suites(plugin)
        finally:
            preparing.join(10.0)
            discard_spares()          # the worker started ahead for a next module that never came
    if plugin.unknown_selectors:
        raise selection_error(plugin)
    run = GradingRun(submission=label, seed=seed, kit_version=kit_version(), tests=plugin.ordered_results(),
                     execution_time=time.perf_counter() - started,
                     error="\n".join(plugin.errors) or None, protections=list(settings.protections))
    run.worker_stats = list(settings.worker_stats)
    run.budget_note = None
    if plugin.not_run_for_budget:
        run.budget_note = _("the time budget of {seconds:g} s ran out: {count} of {total} checks did not run "
                            "(scored 0)").format(seconds=budget, count=plugin.not_run_for_budget,
                                                 total=len(run.tests))
    if reports:
        write_reports(run, reports)
    return run


def run_hidden_suites(plugin):
    """pytest.main on the hidden suites with `plugin`; problems go to plugin.errors."""
    args = [str(HIDDEN_DIR), "-c", str(HIDDEN_DIR / "pytest.ini"), "--rootdir", str(HIDDEN_DIR),
            "--import-mode=importlib", "-p", "no:cacheprovider", "-p", "no:stepwise", "-q", "--no-header",
            "--tb=no",
            # Speed: the checks report through CheckFailed, never a bare assert, so no assertion
            # rewriting (a compile per suite when bytecode cannot be cached); no forced gc.collect
            # at the end (the unraisable-exception plugin's), student code never runs here.
            "--assert=plain", "-p", "no:unraisableexception"]
    # The caller's pytest settings never reach grading: no third-party plugins, no extra options.
    environment = {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTEST_ADDOPTS": None, "PYTEST_PLUGINS": None}
    saved = {name: os.environ.get(name) for name in environment}
    for name, value in environment.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    output = io.StringIO()
    try:
        import pytest

        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            exit_code = pytest.main(args, plugins=[plugin])
        if int(exit_code) not in (0, 1, 5):  # 0 all passed, 1 some failed, 5 nothing selected
            plugin.problems.append(_("pytest exited with {code}:\n{output}").format(
                code=repr(exit_code), output=output.getvalue()[-3000:]))
    except Exception:  # noqa: BLE001 - the run must end with results
        plugin.problems.append(_("the grading run stopped:\n{traceback}").format(
            traceback=traceback.format_exc()[-3000:]))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def selected_tests(only=None):
    """[(nodeid, unit, points, name)] of the hidden tests `only` selects, without running them.

    The points table of the course: the total and per-unit points come from here.
    """
    settings = GradingSettings(submission_dir="", seed=0)
    plugin = GradingPlugin(settings, only=only, collect_only=True)
    run_hidden_suites(plugin)
    if plugin.unknown_selectors:
        raise selection_error(plugin)
    if plugin.errors:
        raise RuntimeError("\n".join(plugin.errors))
    return list(plugin.collected)


def selection_error(plugin):
    """A SelectionError naming each --only value that matched nothing, with the units it may mean."""
    lines = []
    for selector in plugin.unknown_selectors:
        suggestions = plugin.suggestions.get(selector) or []
        if suggestions:
            lines.append(_("--only {selector}: no such unit or module; did you mean {suggestions}?").format(
                selector=selector, suggestions=_(" or ").join(suggestions)))
        else:
            lines.append(_("--only {selector}: no such unit or module (units look like 'layers.Affine'; "
                           "modules like 'layers')").format(selector=selector))
    return SelectionError("\n".join(lines))


def ungraded_run(label, error, seed=0, only=None):
    """A GradingRun for a submission that could not be graded: every selected test at 0, `error` shown.

    For front ends that must write results whatever happens (Gradescope fails a run
    without results.json): e.g. when open_submission raised SubmissionError.
    """
    from autograder.results import TestResult

    tests = [TestResult(name=name, unit=unit, max_score=points, score=0.0, passed=False,
                        output=_("Not graded: {error}").format(error=error))
             for _nodeid, unit, points, name in selected_tests(only)]
    return GradingRun(submission=str(label), seed=int(seed), kit_version=kit_version(), tests=tests,
                      error=str(error))


def write_reports(run, reports):
    """Write `run` in each {format: path} (formats of autograder.reports.REPORTS)."""
    from autograder.reports import REPORTS

    for name, destination in reports.items():
        REPORTS[name]().write(run, destination)


__all__ = ["HIDDEN_DIR", "SelectionError", "SubmissionError", "grade_submission",
           "kit_version", "selected_tests", "ungraded_run", "write_reports"]
