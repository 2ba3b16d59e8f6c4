"""The terminal report: a table of units with points, then the feedback of each failed test.

Plain ASCII decorations; feedback is shown as written (control characters
removed) and long lines are wrapped to the report width. `color=True` adds
ANSI colours to the status marks.
"""
from __future__ import annotations

import os
import textwrap
import unicodedata
from dataclasses import dataclass

from ..results import GradingRun, TestResult, format_points, strip_control_chars
from ..translation import N_, _, ngettext, translated
from .atomic import write_atomically

__all__ = ["TextReport"]

_COLORS = {"pass": "\x1b[32m", "partial": "\x1b[33m", "FAIL": "\x1b[31m", "ERROR": "\x1b[31;1m"}
#: The status marks as shown (translated where they are shown).
_MARKS = {"pass": N_("pass"), "partial": N_("partial"), "FAIL": N_("FAIL"), "ERROR": N_("ERROR")}
_RESET = "\x1b[0m"
FEEDBACK_INDENT = "      "


@dataclass
class TextReport:
    """Renders a `GradingRun` for a terminal.

    width: target line width; color: ANSI colours on status marks.
    """

    width: int = 100
    color: bool = False

    def render(self, run: GradingRun) -> str:
        run = run.numbered()
        rule = "=" * self.width
        lines = [rule, _("Grading report for {submission}").format(submission=run.submission),
                 _("seed {seed}   kit {version}   {seconds:.1f} s").format(
                     seed=run.seed, version=run.kit_version, seconds=run.execution_time), rule]
        if run.error:
            lines += [_("{mark} The grader could not grade everything:").format(mark=self._mark("ERROR"))]
            lines += self._indented(run.error, "    ")
            lines.append(rule)
        lines += self._table(run)
        failed = [t for t in run.tests if not t.passed]
        if failed:
            lines += ["", _("Failed tests ({count})").format(count=len(failed)), "-" * self.width]
            for test in failed:
                lines += self._failure(test)
        lines += ["", rule, self._total(run), rule]
        return "\n".join(lines) + "\n"

    def _table(self, run: GradingRun) -> list[str]:
        units = run.units()
        unit_label, total_label = _("Unit"), _("Total")
        unit_width = min(max([len(unit_label), len(total_label)] + [len(u) for u in units]), 48)
        points_label, tests_label, status_label = _("Points"), _("Tests"), _("Status")
        header = (f"{_pad(unit_label, unit_width)}  {_pad(points_label, 13, right=True)}  "
                  f"{_pad(tests_label, 9, right=True)}  {status_label}")
        rows = [header, "-" * _columns(header)]
        for unit, s in units.items():
            status = "pass" if s.passed == s.total else ("partial" if s.score > 0 else "FAIL")
            rows.append(f"{unit:<{unit_width}}  {_points(s.score, s.max_score):>13}  "
                        f"{f'{s.passed}/{s.total}':>9}  {self._mark(status)}")
        if not units:
            rows.append(_("(no tests were run)"))
        rows.append("-" * _columns(header))
        rows.append(f"{_pad(total_label, unit_width)}  {_points(run.score, run.max_score):>13}  "
                    f"{f'{run.passed_count}/{len(run.tests)}':>9}")
        return rows

    def _failure(self, test: TestResult) -> list[str]:
        title = f"[{test.number}] {test.unit}: {test.name}"
        lines = ["", _("{title}  ({points} points)").format(title=title,
                                                             points=_points(test.score, test.max_score))]
        feedback = test.feedback() or _("(no feedback recorded)")
        return lines + self._indented(feedback, FEEDBACK_INDENT)

    def _indented(self, text: str, indent: str) -> list[str]:
        room = max(self.width - len(indent), 20)
        lines = []
        for line in strip_control_chars(text).splitlines() or [""]:
            line = line.expandtabs(4).rstrip()
            if len(line) <= room:  # keep short lines verbatim: aligned arrays stay aligned
                lines.append(indent + line if line else "")
                continue
            lead = line[: len(line) - len(line.lstrip())]
            wrapped = textwrap.wrap(line, width=room, subsequent_indent=lead, break_on_hyphens=False)
            lines += [indent + w for w in wrapped]
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


def _columns(text: str) -> int:
    """The width of text in a terminal: East Asian wide characters (Japanese) take two columns."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    """text padded with spaces to `width` terminal columns (on the left when right-aligned)."""
    padding = " " * max(width - _columns(text), 0)
    return padding + text if right else text + padding


def _points(score: float, max_score: float) -> str:
    return f"{format_points(score)} / {format_points(max_score)}"
