"""The terminal report: one line per unit with its points, then one block per unit to fix.

As short as it can be and no shorter:
- a unit whose tests all hit a stub gets one line (its TODO's first sentence);
- a module that does not import is shown once, with the units it stops;
- a unit to fix gets one block: the feedback of each failed test, a feedback
  that repeats an earlier one word for word is named, not repeated.
Plain ASCII decorations; feedback is shown as written (control characters
removed) and long lines are wrapped to the report width. `color=True` adds
ANSI colours to the status marks.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..results import GradingRun, TestResult, format_points, strip_control_chars
from ..feedback_lines import importing_pattern
from ..translation import N_, _, columns, ngettext, pad, translated, wrap
from .atomic import write_atomically

__all__ = ["TextReport"]

_COLORS = {"pass": "\x1b[32m", "partial": "\x1b[33m", "FAIL": "\x1b[31m", "ERROR": "\x1b[31;1m",
           "to do": "\x1b[33m", "no import": "\x1b[31m"}
#: The status marks as shown (translated where they are shown).
_MARKS = {"pass": N_("pass"), "partial": N_("partial"), "FAIL": N_("FAIL"), "ERROR": N_("ERROR"),
          "to do": N_("to do"), "no import": N_("no import")}
_RESET = "\x1b[0m"
FEEDBACK_INDENT = "      "
UNIT_INDENT = "  "
# The feedback of a stub and of an exception, as checks/feedback.py writes them (in the language shown):
# the report recognises them to give a stub one line and a module that does not import one block.
_STUB_MESSAGES = (N_("{what}: not implemented yet (in {where}) - {todo}"), N_("{what}: not implemented yet - {todo}"))
_RAISED_MESSAGE = N_("{what} raised {error}: {message}")

# Student-facing lines: complete sentences with named placeholders, translated where they are shown.
HEADER = N_("Grading report for {submission} (seed {seed}, kit {version}, {seconds:.1f} s)")
NOT_STARTED_TITLE = N_("Not implemented yet (units: {count}); the TODO of each is in its file:")
NOT_STARTED_LINE = N_("{unit}: {todo}")
NOT_IMPLEMENTED_YET = N_("not implemented yet ({where}) - {todo}")
WAITING_FOR = N_("waiting for the code it uses ({where}): do that TODO first.")
IMPORT_TITLE = N_("{module} does not import (units stopped: {count}):")
SAME_IMPORT_ERROR = N_("{module} does not import because of the same error (units stopped: {count}).")
TO_FIX_TITLE = N_("To fix (units: {count})")
UNIT_TITLE = N_("{unit}  ({points} points)")
TEST_TITLE = N_("[{number}] {name}  ({points})")
SAME_FEEDBACK = N_("[{number}] {name}  ({points}): the same feedback as [{first}].")


@dataclass
class TextReport:
    """Renders a `GradingRun` for a terminal.

    width: target line width; color: ANSI colours on status marks.
    """

    width: int = 100
    color: bool = False

    def render(self, run: GradingRun) -> str:
        run = run.numbered()
        lines = [translated(HEADER).format(submission=run.submission, seed=run.seed, version=run.kit_version,
                                           seconds=run.execution_time)]
        if run.error:
            lines += ["", _("{mark} The grader could not grade everything:").format(mark=self._mark("ERROR"))]
            lines += self._indented(run.error, "    ")
        lines += [""] + self._table(run)
        stubs, imports, to_fix = self._sort_failures(run)
        if stubs:
            lines += ["", translated(NOT_STARTED_TITLE).format(count=len(stubs))]
            for unit, todo in stubs.items():
                lines += self._indented(translated(NOT_STARTED_LINE).format(unit=unit, todo=todo), UNIT_INDENT,
                                        hanging=4)
        shown_errors = set()
        for module, (test, units) in imports.items():
            error = _import_error(test)
            if error in shown_errors:
                lines.append(translated(SAME_IMPORT_ERROR).format(module=module, count=len(units)))
                continue
            shown_errors.add(error)
            lines += ["", translated(IMPORT_TITLE).format(module=module, count=len(units))]
            lines += self._indented(_from_the_import(test.feedback()), FEEDBACK_INDENT)
        if to_fix:
            lines += ["", translated(TO_FIX_TITLE).format(count=len(to_fix))]
            shown = {}  # feedback text -> number of the test where it was shown
            for unit, tests in to_fix.items():
                lines += self._unit_block(run, unit, tests, shown)
        lines += ["", self._total(run)]
        return "\n".join(lines) + "\n"

    @staticmethod
    def _sort_failures(run: GradingRun):
        """Failed units in three kinds: stubs {unit: todo}, imports {module: (test, units)}, to fix {unit: tests}."""
        stubs, imports, to_fix = {}, {}, {}
        for unit in run.units():
            failed = [t for t in run.tests if t.unit == unit and not t.passed]
            if not failed:
                continue
            kinds = [_kind(t) for t in failed]
            passed_any = any(t.passed for t in run.tests if t.unit == unit)
            if not passed_any and all(kind[0] == "stub" for kind in kinds):
                stubs[unit] = kinds[0][1]
            elif not passed_any and all(kind[0] == "import" for kind in kinds) and len({k[1] for k in kinds}) == 1:
                module = kinds[0][1]
                imports.setdefault(module, (failed[0], []))[1].append(unit)
            else:
                to_fix[unit] = failed
        return stubs, imports, to_fix

    def _unit_block(self, run: GradingRun, unit: str, tests: list[TestResult], shown: dict) -> list[str]:
        summary = run.units()[unit]
        lines = ["", translated(UNIT_TITLE).format(unit=unit, points=_points(summary.score, summary.max_score))]
        for test in tests:
            points = _points(test.score, test.max_score)
            feedback = test.feedback() or _("(no feedback recorded)")
            if feedback in shown:
                lines += self._indented(translated(SAME_FEEDBACK).format(number=test.number, name=test.name, points=points,
                                                             first=shown[feedback]), UNIT_INDENT, hanging=4)
                continue
            shown[feedback] = test.number
            lines += self._indented(translated(TEST_TITLE).format(number=test.number, name=test.name, points=points),
                                    UNIT_INDENT, hanging=4)
            lines += self._indented(feedback, FEEDBACK_INDENT)
        return lines

    def _table(self, run: GradingRun) -> list[str]:
        units = run.units()
        unit_label, total_label = _("Unit"), _("Total")
        unit_width = min(max([len(unit_label), len(total_label)] + [len(u) for u in units]), 48)
        points_label, tests_label, status_label = _("Points"), _("Tests"), _("Status")
        header = (f"{pad(unit_label, unit_width)}  {pad(points_label, 13, right=True)}  "
                  f"{pad(tests_label, 9, right=True)}  {status_label}")
        rows = [header, "-" * columns(header)]
        stubs, imports, _to_fix = self._sort_failures(run)
        not_imported = {unit for _error, units_stopped in imports.values() for unit in units_stopped}
        for unit, s in units.items():
            status = "pass" if s.passed == s.total else ("partial" if s.score > 0 else "FAIL")
            status = "to do" if unit in stubs else ("no import" if unit in not_imported else status)
            rows.append(f"{unit:<{unit_width}}  {_points(s.score, s.max_score):>13}  "
                        f"{f'{s.passed}/{s.total}':>9}  {self._mark(status)}")
        if not units:
            rows.append(_("(no tests were run)"))
        rows.append("-" * columns(header))
        rows.append(f"{pad(total_label, unit_width)}  {_points(run.score, run.max_score):>13}  "
                    f"{f'{run.passed_count}/{len(run.tests)}':>9}")
        return rows

    def _indented(self, text: str, indent: str, hanging: int = 0) -> list[str]:
        """`text` indented by `indent`, long lines wrapped (their continuation `hanging` spaces further in)."""
        room = max(self.width - len(indent), 20)
        lines = []
        for line in strip_control_chars(text).splitlines() or [""]:
            line = line.expandtabs(4).rstrip()
            if columns(line) <= room:  # keep short lines verbatim: aligned arrays stay aligned
                lines.append(indent + line if line else "")
                continue
            lead = line[: len(line) - len(line.lstrip())]
            lines += [indent + w for w in wrap(line, room, subsequent_indent=lead + " " * hanging)]
        return lines

    def _total(self, run: GradingRun) -> str:
        percent = f" ({100 * run.score / run.max_score:.0f}%)" if run.max_score else ""
        return ngettext("Total: {points} points{percent}, {passed} of {count} test passed.",
                        "Total: {points} points{percent}, {passed} of {count} tests passed.",
                        len(run.tests)).format(points=_points(run.score, run.max_score), percent=percent,
                                               passed=run.passed_count, count=len(run.tests))

    def _mark(self, status: str) -> str:
        mark = translated(_MARKS[status])
        return f"{_COLORS[status]}{mark}{_RESET}" if self.color else mark

    def write(self, run: GradingRun, path: str | os.PathLike[str]) -> None:
        write_atomically(path, self.render(run))


def _points(score: float, max_score: float) -> str:
    return f"{format_points(score)} / {format_points(max_score)}"


def _kind(test: TestResult) -> tuple[str, str]:
    """("stub", its one line) for a stub's feedback, ("import", "functions.py") for a module that does
    not import, else ("other", "")."""
    first = test.output.strip().splitlines()[0] if test.output.strip() else ""
    for message in _STUB_MESSAGES:
        stub = _message_pattern(message).match(first)
        if stub:
            where = stub.groupdict().get("where") or ""
            if where and where.split(",")[0] != f"{test.module}.py":  # stopped by the stub of a unit it uses
                return "stub", translated(WAITING_FOR).format(where=where)
            return "stub", translated(NOT_IMPLEMENTED_YET).format(where=where or test.module + ".py",
                                                                  todo=_first_sentence(stub.group("todo")))
    # A module that does not import, possibly after the lines naming the used units that fail too
    # (checks/dependencies.py): those fail for the same reason, shown once in the import block.
    for line in test.output.strip().splitlines():
        raised = _message_pattern(_RAISED_MESSAGE).match(line)
        importing = importing_pattern().match(raised.group("what") if raised else line)
        if importing:
            return "import", importing.group("module")
    return "other", ""


def _message_pattern(message: str) -> re.Pattern:
    """A regular expression matching `message` as translated now, its {placeholders} as named groups."""
    parts = re.split(r"\{(\w+)\}", translated(message))
    pattern = "".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>.*?)" for index, part in enumerate(parts))
    return re.compile(f"^{pattern}$", re.DOTALL)


def _from_the_import(feedback: str) -> str:
    """The feedback from its "importing X.py raised ..." line on (what comes before names used units)."""
    lines = feedback.splitlines()
    for index, line in enumerate(lines):
        raised = _message_pattern(_RAISED_MESSAGE).match(line)
        if importing_pattern().match(raised.group("what") if raised else line):
            return "\n".join(lines[index:])
    return feedback


def _import_error(test: TestResult) -> str:
    """The error of a module that does not import, whichever module imported the broken one."""
    for line in test.output.strip().splitlines():
        raised = _message_pattern(_RAISED_MESSAGE).match(line)
        if raised and importing_pattern().match(raised.group("what")):
            return f"{raised.group('error')}: {raised.group('message')}"
        if importing_pattern().match(line):
            return line.split(": ", 1)[-1]
    return test.output.strip()


def _first_sentence(text: str) -> str:
    """The text up to its first full stop outside brackets (a TODO's first sentence)."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char in "([{（") - (char in ")]}）")
        if depth == 0 and (char == "。" or char == "." and text[index + 1:index + 2] in (" ", "")):
            return text[:index + 1]
    return text
