"""The terminal report: a table of units with points, then the feedback of each failed test.

Plain ASCII decorations; feedback is shown as written (control characters
removed) and long lines are wrapped to the report width. `color=True` adds
ANSI colours to the status marks.
"""
from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass

from ..results import GradingRun, TestResult, format_points, strip_control_chars
from .atomic import write_atomically

__all__ = ["TextReport"]

_COLORS = {"pass": "\x1b[32m", "partial": "\x1b[33m", "FAIL": "\x1b[31m", "ERROR": "\x1b[31;1m"}
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
        lines = [rule, f"Grading report for {run.submission}",
                 f"seed {run.seed}   kit {run.kit_version}   {run.execution_time:.1f} s", rule]
        if run.error:
            lines += [self._mark("ERROR") + " The grader could not grade everything:"]
            lines += self._indented(run.error, "    ")
            lines.append(rule)
        lines += self._table(run)
        failed = [t for t in run.tests if not t.passed]
        if failed:
            lines += ["", f"Failed tests ({len(failed)})", "-" * self.width]
            for test in failed:
                lines += self._failure(test)
        lines += ["", rule, self._total(run), rule]
        return "\n".join(lines) + "\n"

    def _table(self, run: GradingRun) -> list[str]:
        units = run.units()
        unit_width = min(max([len("Unit"), len("Total")] + [len(u) for u in units]), 48)
        header = f"{'Unit':<{unit_width}}  {'Points':>13}  {'Tests':>9}  Status"
        rows = [header, "-" * len(header)]
        for unit, s in units.items():
            status = "pass" if s.passed == s.total else ("partial" if s.score > 0 else "FAIL")
            rows.append(f"{unit:<{unit_width}}  {_points(s.score, s.max_score):>13}  "
                        f"{f'{s.passed}/{s.total}':>9}  {self._mark(status)}")
        if not units:
            rows.append("(no tests were run)")
        rows.append("-" * len(header))
        rows.append(f"{'Total':<{unit_width}}  {_points(run.score, run.max_score):>13}  "
                    f"{f'{run.passed_count}/{len(run.tests)}':>9}")
        return rows

    def _failure(self, test: TestResult) -> list[str]:
        title = f"[{test.number}] {test.unit}: {test.name}"
        lines = ["", f"{title}  ({_points(test.score, test.max_score)} points)"]
        feedback = test.feedback() or "(no feedback recorded)"
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
        return (f"Total: {_points(run.score, run.max_score)} points{percent}, "
                f"{run.passed_count} of {len(run.tests)} tests passed.")

    def _mark(self, status: str) -> str:
        return f"{_COLORS[status]}{status}{_RESET}" if self.color else status

    def write(self, run: GradingRun, path: str | os.PathLike[str]) -> None:
        write_atomically(path, self.render(run))


def _points(score: float, max_score: float) -> str:
    return f"{format_points(score)} / {format_points(max_score)}"
