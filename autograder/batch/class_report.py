"""Step 5: the class report, DIR/report.md, from the same entries as the gradebook.

Per unit: its points, how many graded submissions passed every one of its
tests (the pass rate), the mean share of its points earned, and the most
frequent recognised mistakes (each test's `diagnosis`, counted once per
submission). Then the score distribution, who failed which unit, the
timeouts, crashes and modules that did not import (from the tests'
feedback, and the submissions whose grading was stopped or crashed), and the
submissions that could not be graded. The figure (report_figure.py) draws the
pass rates and the distribution.
"""
import functools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from autograder.feedback_lines import import_failure_pattern, missing_module_pattern
from autograder.results import format_points, strip_control_chars, truncate, unit_order
from autograder.translation import N_, _, chosen_language, message_pattern, ngettext

TOP_MISTAKES = 3
SHOWN_NAMES = 5          # submissions named per module that did not import
SCORE_BINS = 10          # of 10 % each; 100 % falls in the last
SHOWN_FAILING = 40       # submissions named per unit in "who failed which unit"
# How the batch words a grading it stopped or that crashed (class_grading._settle).
TOOK_TOO_LONG = N_("grading took longer than {seconds:g} s and was stopped")
GRADER_CRASHED = N_("the grader crashed (exit code {code})")


@functools.lru_cache(maxsize=None)
def _patterns(language):
    """The feedback lines the class report counts, in English and in `language` (the chosen one): a call
    that ran too long and a worker that died (sandbox/client.py), a module that does not import or is
    missing (feedback_lines.py)."""
    from autograder.sandbox.client import CRASHES, TIMED_OUT

    return {"timeout": [message_pattern(m, seconds=r"[\d.]+") for m in (TIMED_OUT, TOOK_TOO_LONG)],
            "crash": [message_pattern(m) for m in (*CRASHES, GRADER_CRASHED)],
            "import": import_failure_pattern(), "missing": missing_module_pattern()}


def _import_failure(text):
    """(module, exception name) of a module that did not import, or (module, "missing"), or None."""
    patterns = _patterns(chosen_language())
    found = patterns["import"].match(text)
    if found:
        return found.group("module").removesuffix(".py"), found.group("error")
    missing = patterns["missing"].match(text)
    return (missing.group("module"), "missing") if missing else None


@dataclass
class UnitStats:
    unit: str
    points: float
    graded: int = 0              # graded submissions that have this unit
    passed: int = 0              # ... that passed every test of it
    earned: float = 0.0          # points earned, summed over those submissions
    mistakes: Counter = field(default_factory=Counter)
    failed_by: list = field(default_factory=list)     # labels of graded submissions that failed a test of it

    @property
    def pass_rate(self):
        return self.passed / self.graded if self.graded else 0.0

    @property
    def mean_fraction(self):
        return self.earned / (self.points * self.graded) if self.graded and self.points else 0.0


@dataclass(frozen=True)
class Incident:
    """Something other than a wrong answer: kind "timeout", "crash" or "import"; unit ("" for the whole run)."""

    label: str
    kind: str
    unit: str
    detail: str


@dataclass
class ClassStats:
    submissions: int
    percents: list               # total score in % of each graded submission
    units: list                  # UnitStats in course order
    ungraded: list               # (label, error) of submissions that could not be graded
    not_yet: list                # labels with no record (the batch was interrupted)
    grading_problems: list       # (label, error) of graded runs that report a grader problem
    import_failures: dict        # module -> labels of the submissions where it did not import
    protections: list
    incidents: list = field(default_factory=list)    # Incident: timeouts, crashes, modules that do not import

    @property
    def graded(self):
        return len(self.percents)

    def histogram(self):
        """Counts of graded submissions per 10 % bin: [0, 10), [10, 20), ..., [90, 100]."""
        counts = [0] * SCORE_BINS
        for percent in self.percents:
            counts[min(int(percent // (100 / SCORE_BINS)), SCORE_BINS - 1)] += 1
        return counts


def class_stats(entries):
    """ClassStats of gradebook entries [(label, run or None, error or None)]."""
    runs = [(label, run) for label, run, _error in entries if run is not None]
    units = {}
    for unit in unit_order(t.unit for _label, run in runs for t in run.tests):
        units[unit] = UnitStats(unit, points=max(sum(t.max_score for t in run.tests if t.unit == unit)
                                                 for _label, run in runs))
    import_failures, incidents = {}, []
    for label, run in runs:
        for unit, summary in run.units().items():
            stats = units[unit]
            stats.graded += 1
            stats.passed += summary.passed == summary.total
            stats.earned += summary.score
            stats.mistakes.update({t.diagnosis for t in run.tests if t.unit == unit and t.diagnosis})
            if summary.passed < summary.total:
                stats.failed_by.append(label)
        for module in failed_imports(run):
            import_failures.setdefault(module, []).append(label)
        incidents += run_incidents(label, run)
    return ClassStats(
        submissions=len(entries),
        percents=[100 * run.score / run.max_score if run.max_score else 0.0 for _label, run in runs],
        units=list(units.values()),
        ungraded=[(label, error) for label, run, error in entries if run is None and error],
        not_yet=[label for label, run, error in entries if run is None and not error],
        grading_problems=[(label, run.error) for label, run in runs if run.error],
        import_failures=import_failures,
        protections=next((list(run.protections) for _label, run in runs if run.protections), []),
        incidents=incidents + [Incident(label, kind, "", error.splitlines()[0]) for label, run, error in entries
                               if run is None and error for kind in [_kind(error)] if kind],
    )


def run_incidents(label, run):
    """The Incidents of a graded run, one per (kind, unit): calls that timed out, workers that died, imports."""
    found, seen = [], set()
    for test in run.tests:
        if test.passed:
            continue
        text = test.output or ""
        kind = "import" if _import_failure(text) else _kind(text)
        if kind and (kind, test.unit) not in seen:
            seen.add((kind, test.unit))
            found.append(Incident(label, kind, test.unit, text.splitlines()[0] if text else ""))
    return found


def _kind(text):
    patterns = _patterns(chosen_language())
    if any(pattern.search(text) for pattern in patterns["timeout"]):
        return "timeout"
    if any(pattern.search(text) for pattern in patterns["crash"]):
        return "crash"
    return None


def failed_imports(run):
    """{module: exception name, or "missing"} of the modules that did not import in `run`, from its feedback."""
    found = {}
    for test in run.tests:
        failure = _import_failure(test.output or "")
        if failure and not test.passed:
            found.setdefault(*failure)
    return found


def import_error_text(run):
    """"missing: layers.py; does not import: functions.py (SyntaxError)" for the gradebook's errors column, or None."""
    found = failed_imports(run)
    missing = sorted(module for module, error in found.items() if error == "missing")
    broken = sorted((module, error) for module, error in found.items() if error != "missing")
    parts = ([_("missing: {modules}").format(modules=", ".join(m + ".py" for m in missing))] if missing else []) + (
        [_("does not import: {modules}").format(modules=", ".join(f"{module}.py ({error})" for module, error in broken))]
        if broken else [])
    return "; ".join(parts) or None


def render_report(stats, title=None, figure=None):
    """report.md's text, in the chosen language. figure: the PNG's file name to show, or None."""
    lines = ["# " + (title or _("Class report")), ""]
    summary = ngettext("{count} submission: {graded} graded, {ungraded} could not be graded",
                       "{count} submissions: {graded} graded, {ungraded} could not be graded",
                       stats.submissions).format(count=stats.submissions, graded=stats.graded,
                                                 ungraded=len(stats.ungraded))
    if stats.not_yet:
        summary += _(", {count} not graded yet (interrupted: rerun the same command to finish)").format(
            count=len(stats.not_yet))
    lines.append(summary + _("."))
    if stats.percents:
        lines.append(_("Scores: mean {mean:.1f} %, median {median:.1f} %, lowest {lowest:.1f} %, highest "
                       "{highest:.1f} %.").format(mean=statistics.mean(stats.percents),
                                                  median=statistics.median(stats.percents),
                                                  lowest=min(stats.percents), highest=max(stats.percents)))
    lines.append("")
    if figure:
        lines += ["![" + _("Pass rate per unit and score distribution") + f"]({figure})", ""]
    lines += [_("## Units"), "",
              _("Pass rate: graded submissions that passed every test of the unit. Mean: share of the unit's "
                "points earned. Mistakes: the grader's diagnoses, counted once per submission."), "",
              _("| unit | points | pass rate | passed | mean | most frequent recognised mistakes |"),
              "| --- | ---: | ---: | ---: | ---: | --- |"]
    for unit in stats.units:
        mistakes = "; ".join(f"{_cell(name)} ({count})" for name, count in _top(unit.mistakes)) or "-"
        lines.append(f"| {unit.unit} | {format_points(unit.points)} | {100 * unit.pass_rate:.0f} % | "
                     f"{unit.passed}/{unit.graded} | {100 * unit.mean_fraction:.0f} % | {mistakes} |")
    lines += ["", _("## Score distribution"), "", _("| score | submissions |"), "| --- | ---: |"]
    width = 100 // SCORE_BINS
    for index, count in enumerate(stats.histogram()):
        upper = "100]" if index == SCORE_BINS - 1 else f"{(index + 1) * width})"
        lines.append(f"| [{index * width}, {upper} % | {count} |")
    failing = [unit for unit in stats.units if unit.failed_by]
    if failing:
        lines += ["", _("## Who failed which unit"), "",
                  _("Graded submissions that failed at least one test of the unit."), "",
                  _("| unit | failed | who |"), "| --- | ---: | --- |"]
        for unit in failing:
            shown = ", ".join(_cell(label) for label in unit.failed_by[:SHOWN_FAILING])
            more = (_(", and {count} more").format(count=len(unit.failed_by) - SHOWN_FAILING)
                    if len(unit.failed_by) > SHOWN_FAILING else "")
            lines.append(f"| {unit.unit} | {len(unit.failed_by)} | {shown}{more} |")
    lines += ["", _("## Timeouts, crashes and modules that do not import"), ""]
    if stats.incidents:
        counts = Counter(incident.kind for incident in stats.incidents)
        lines += [_("{timeouts} timeout(s), {crashes} crash(es), {imports} module(s) that did not import. A timeout "
                    "or a crash costs the points of the unit it happened in (or of the whole submission when the "
                    "unit is empty); read the student's feedback for the rest.").format(
                        timeouts=counts["timeout"], crashes=counts["crash"], imports=counts["import"]), "",
                  _("| submission | what | unit | detail |"), "| --- | --- | --- | --- |"]
        kinds = {"timeout": _("timeout"), "crash": _("crash"), "import": _("does not import")}
        whole = _("(whole submission)")
        for incident in stats.incidents:
            lines.append(f"| {_cell(incident.label)} | {kinds[incident.kind]} | {incident.unit or whole} | "
                         f"{_cell(incident.detail)} |")
    else:
        lines.append(_("None: no call timed out, no worker crashed, every module imported."))
    if stats.import_failures:
        lines += ["", _("## Modules that did not import (or are missing)"), "", _("| module | submissions | which |"),
                  "| --- | ---: | --- |"]
        for module, labels in sorted(stats.import_failures.items(), key=lambda item: (-len(item[1]), item[0])):
            shown = ", ".join(_cell(label) for label in labels[:SHOWN_NAMES])
            more = _(", and {count} more").format(count=len(labels) - SHOWN_NAMES) if len(labels) > SHOWN_NAMES else ""
            lines.append(f"| {module}.py | {len(labels)} | {shown}{more} |")
    if stats.ungraded or stats.grading_problems:
        lines += ["", _("## Problems"), ""]
        lines += [_("- {label}: not graded: {error}").format(label=_cell(label), error=_cell(error))
                  for label, error in stats.ungraded]
        lines += [_("- {label}: graded, with a grading problem: {error}").format(label=_cell(label), error=_cell(error))
                  for label, error in stats.grading_problems]
    if stats.not_yet:
        lines += ["", _("## Not graded yet"), ""] + [f"- {_cell(label)}" for label in stats.not_yet]
    if stats.protections:
        lines += ["", _("## Sandbox"), "", _("Student code ran with: {protections}.").format(
            protections=", ".join(stats.protections))]
    return "\n".join(lines) + "\n"


def _top(counter):
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:TOP_MISTAKES]


def _cell(text):
    """One line of Markdown-safe text (error messages quote student code)."""
    text = " ".join(strip_control_chars(str(text)).split())
    return truncate(text.replace("|", "\\|"), 300)
