"""The pytest plugin of a grading run: selects tests by unit and turns outcomes into TestResults.

It leaves the run's settings in the config's stash (SETTINGS_KEY) for the
hidden suites' fixtures. Points come from each test's `points` marker and the unit from its
`unit` marker (their one home); a `CheckFailed` carries the feedback, the
diagnosis and any partial credit. Nothing a test does escapes: an error that
is not a CheckFailed is a grader problem, recorded in `errors` and shown in
the run, and the test scores 0.
"""
import difflib
import traceback

import pytest

from autograder.checks.feedback import CheckFailed
from autograder.results import TestResult, strip_control_chars, truncate

from autograder.translation import N_, _, ngettext, translated

from .background_checks import BACKGROUND_KEY, BackgroundChecks
from .settings import SETTINGS_KEY

FEEDBACK_LIMIT = 3000        # characters of one test's feedback
ADVICE_HEADER = N_("Advice (warnings your code raised; they cost no points):")


class SelectionError(ValueError):
    """An --only value that matches no unit or module."""


def unit_of(item):
    marker = item.get_closest_marker("unit")
    return marker.args[0] if marker and marker.args else None


def points_of(item):
    marker = item.get_closest_marker("points")
    return float(marker.args[0]) if marker and marker.args else None


def test_name(item):
    """The first line of the test's docstring (in the chosen language), or its function name."""
    doc = getattr(getattr(item, "function", None), "__doc__", None) or ""
    lines = [line.strip() for line in doc.strip().splitlines() if line.strip()]
    return translated(lines[0]) if lines else item.name


def resolve_selector(selector, units):
    """The unit or module that `selector` names, whatever its case ("layers.affine" -> "layers.Affine");
    `selector` itself when it names none or several."""
    names = set(units) | {unit.split(".", 1)[0] for unit in units}
    if selector in names:
        return selector
    same = [name for name in names if name.lower() == selector.lower()]
    return same[0] if len(same) == 1 else selector


def suggested_units(selector, units):
    """Units a mistyped selector may mean: "sigmoid" -> functions.sigmoid and layers.Sigmoid."""
    name = selector.rsplit(".", 1)[-1].lower()
    names = {unit.rsplit(".", 1)[-1].lower() for unit in units}
    close = [name] if name in names else difflib.get_close_matches(name, sorted(names), n=2, cutoff=0.7)
    return sorted(unit for unit in units if unit.rsplit(".", 1)[-1].lower() in close)


def matches(unit, selector):
    """Whether `unit` ("layers.Affine") is selected by `selector` ("layers.Affine" or "layers")."""
    return unit == selector or unit.startswith(selector + ".")


class GradingPlugin:
    """Collects one TestResult per hidden test that runs.

    settings: a GradingSettings (read by the hidden suites' fixtures).
    only: unit or module names to grade; empty or None means everything.
    collect_only: record the selected tests (results with score 0) without running them.
    """

    def __init__(self, settings, only=None, collect_only=False):
        self.settings = settings
        self.only = list(only or [])
        self.collect_only = collect_only
        self.results = {}          # nodeid -> TestResult, in run order
        self.problems = []         # grader problems, each a string
        self._test_errors = []     # ((what, detail), [nodeids]): internal errors of tests, grouped
        self.unknown_selectors = []
        self.suggestions = {}      # unknown selector -> units it may mean
        self.collected = []        # (nodeid, unit, points, name) of the selected tests
        self._items = {}
        self.not_run_for_budget = 0  # tests skipped because the run's time budget was spent
        # The missions train on a second core while the units are graded (one lane: as collected).
        self.background = BackgroundChecks(settings) if settings.lanes >= 2 and not collect_only else None

    def pytest_configure(self, config):
        config.stash[SETTINGS_KEY] = self.settings
        if self.background is not None:
            config.stash[BACKGROUND_KEY] = self.background

    # ------------------------------------------------------------ collection

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, session, config, items):
        bad = [item.nodeid for item in items if unit_of(item) is None or points_of(item) is None]
        if bad:
            self.problems.append(_("hidden tests without unit/points markers: ") + ", ".join(bad))
        units = {unit_of(item) for item in items if unit_of(item)}
        self.only = [resolve_selector(s, units) for s in self.only]
        self.unknown_selectors = [s for s in self.only if not any(matches(u, s) for u in units)]
        self.suggestions = {s: suggested_units(s, units) for s in self.unknown_selectors}
        keep, drop = [], []
        for item in items:
            unit = unit_of(item)
            selected = unit is not None and points_of(item) is not None and (
                not self.only or any(matches(unit, s) for s in self.only))
            (keep if selected and not self.unknown_selectors else drop).append(item)
        if drop:
            config.hook.pytest_deselected(items=drop)
        items[:] = keep if self.background is None else self.background.main_lane_order(keep)
        for item in keep:            # the report keeps the collection order
            self._items[item.nodeid] = item
            self.collected.append((item.nodeid, unit_of(item), points_of(item), test_name(item)))
        if self.collect_only:
            for nodeid, unit, points, name in self.collected:
                self.results[nodeid] = TestResult(name=name, unit=unit, max_score=points, score=0.0,
                                                  passed=False)
            items[:] = []

    def pytest_collection_finish(self, session):
        if self.background is not None:
            self.background.start(session.items)

    def pytest_sessionfinish(self, session):
        if self.background is not None:
            self.background.stop()

    # ------------------------------------------------------------ running

    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem):
        """A background test's outcome, as if it had run here (see background_checks.py)."""
        if self.background is None or not self.background.handles(pyfuncitem):
            return None
        job = self.background.outcome(pyfuncitem)
        pyfuncitem.user_properties.extend(job.properties)
        if job.error is not None:
            raise job.error
        return True

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item, nextitem):
        """Past the run's time budget a test is not run: it scores 0 and says why (a background test
        that already ran keeps its outcome)."""
        if not self.settings.budget_spent() or (self.background is not None and self.background.finished(item)):
            return None
        self.not_run_for_budget += 1
        self.results[item.nodeid] = TestResult(
            name=test_name(item), unit=unit_of(item), max_score=points_of(item), score=0.0, passed=False,
            output=self._budget_text())
        return True

    def _budget_text(self):
        return _("This check did not run: the grading run used up its time budget of {seconds:g} s "
                 "(your code was slow in the checks before it).").format(seconds=self.settings.budget)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        try:
            if call.when == "setup" and call.excinfo is not None:
                self._record(item, call, report.duration, phase="setup")
            elif call.when == "call":
                self._record(item, call, self._duration(item, report), phase="call")
            elif call.when == "teardown" and call.excinfo is not None:
                self.problems.append(_("{nodeid}: teardown failed: {short}").format(
                                         nodeid=item.nodeid, short=_short(call.excinfo)))
        except Exception:  # noqa: BLE001 - the plugin must never break the run
            self.problems.append(_("{nodeid}: could not record the result:\n{format_exc}").format(
                                     nodeid=item.nodeid, format_exc=traceback.format_exc()))
        return report

    def _duration(self, item, report):
        """Seconds the test took: its setup and call, or a background test's own run."""
        if self.background is not None and self.background.finished(item):
            return self.background.jobs[item.nodeid].seconds
        return report.duration + getattr(item, "_kit_setup_duration", 0.0)

    def pytest_runtest_logreport(self, report):
        if report.when == "setup":
            item = self._items.get(report.nodeid)
            if item is not None:
                item._kit_setup_duration = report.duration

    def _record(self, item, call, duration, phase):
        unit, points, name = unit_of(item), points_of(item), test_name(item)
        sub = item.funcargs.get("sub") if hasattr(item, "funcargs") else None
        advice = list(getattr(sub, "advice", None) or [])
        excinfo = call.excinfo
        diagnosis, fraction = None, 0.0
        if excinfo is None:
            passed, fraction = True, 1.0
            output = dict(item.user_properties).get("feedback") or ""
        elif isinstance(excinfo.value, CheckFailed):
            failure = excinfo.value
            passed = False
            fraction = min(max(float(failure.score_fraction or 0.0), 0.0), 1.0)
            diagnosis = failure.diagnosis
            output = failure.message
        elif excinfo.errisinstance((KeyboardInterrupt,)):
            raise excinfo.value
        elif self.settings.budget_spent():
            passed, output = False, self._budget_text()     # cut short by the budget, not a grader error
        else:
            passed = False
            output = (_("The grader could not finish preparing this check ({error}). This is not a verdict on "
                        "your code; please show this message to your instructor.") if phase == "setup" else
                      _("The grader could not finish running this check ({error}). This is not a verdict on "
                        "your code; please show this message to your instructor.")).format(error=_short(excinfo))
            self._grader_error(_("internal error while preparing the check") if phase == "setup" else
                               _("internal error while running the check"), item, excinfo)
        if advice:
            output = "\n".join([output.rstrip(), translated(ADVICE_HEADER), *("  " + a for a in advice)]).strip()
        self.results[item.nodeid] = TestResult(
            name=name, unit=unit, max_score=points, score=round(points * fraction, 6),
            passed=passed, output=truncate(strip_control_chars(output), FEEDBACK_LIMIT),
            diagnosis=diagnosis, duration=float(duration))

    def _grader_error(self, what, item, excinfo):
        """Record a grader problem once per distinct error (a worker that cannot start fails many tests)."""
        detail = "".join(traceback.format_exception(excinfo.type, excinfo.value, excinfo.tb)[-3:]).rstrip()
        for known, nodeids in self._test_errors:
            if known == (what, detail):
                nodeids.append(item.nodeid)
                return
        self._test_errors.append(((what, detail), [item.nodeid]))

    @property
    def errors(self):
        """Every grader problem of the run, a test's internal errors grouped when they repeat."""
        grouped = [(ngettext("{what} ({test} and {count} more):\n{detail}",
                             "{what} ({test} and {count} more):\n{detail}", len(nodeids) - 1)
                    if len(nodeids) > 1 else _("{what} ({test}):\n{detail}")).format(
                        what=what, test=nodeids[0], count=len(nodeids) - 1, detail=detail)
                   for (what, detail), nodeids in self._test_errors]
        return self.problems + grouped

    def ordered_results(self):
        """Results in collection order; a selected test that never reported scores 0."""
        results = []
        for nodeid, unit, points, name in self.collected:
            result = self.results.get(nodeid)
            if result is None:
                result = TestResult(name=name, unit=unit, max_score=points, score=0.0, passed=False,
                                    output=_("This check did not run (the grading run was cut short)."))
            results.append(result)
        return results


def _short(excinfo):
    return f"{excinfo.typename}: {str(excinfo.value).strip().splitlines()[0] if str(excinfo.value).strip() else ''}"

