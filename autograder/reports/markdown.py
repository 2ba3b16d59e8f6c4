"""The student's feedback as Markdown: the terminal report's content, for a file to send or a release body.

A heading, the seed and kit, the grader's problem if any, a table of units
(points, tests passed, status), the feedback of each failed test in a code
block (values stay aligned), and the total. Headings and labels are the
terminal report's own messages, so they read the same in every language.
"""
from __future__ import annotations

import os

from ..results import GradingRun, format_points, strip_control_chars
from ..translation import _, ngettext, translated
from .atomic import write_atomically
from .text import _MARKS

__all__ = ["MarkdownReport", "unit_status"]


def unit_status(summary) -> str:
    """"pass", "partial" or "FAIL" for a results.UnitSummary (as the terminal report marks it)."""
    return "pass" if summary.passed == summary.total else ("partial" if summary.score > 0 else "FAIL")


def late_line(run: GradingRun, late) -> str | None:
    """The late penalty's sentence for `run` (late: a late_work.LateVerdict, or None), or None when on time."""
    from .gradescope import LATE_LINE

    if late is None or not late.late or not run.tests:
        return None
    return translated(LATE_LINE).format(days=late.late_days, percent=format_points(late.penalty_percent),
                                        before=format_points(run.score), after=format_points(late.apply(run.score)))


class MarkdownReport:
    """Renders a `GradingRun` as a Markdown document (late: a late_work.LateVerdict to state, or None)."""

    def __init__(self, late=None):
        self.late = late

    def render(self, run: GradingRun) -> str:
        run = run.numbered()
        lines = ["# " + _("Grading report for {submission}").format(submission=_inline(run.submission)), "",
                 _("seed {seed}   kit {version}   {seconds:.1f} s").format(
                     seed=run.seed, version=run.kit_version, seconds=run.execution_time), ""]
        if run.error:
            lines += [_("{mark} The grader could not grade everything:").format(mark=f"**{translated(_MARKS['ERROR'])}**"),
                      "", *_fenced(run.error), ""]
        headings = (_("Unit"), _("Points"), _("Tests"), _("Status"))
        lines += ["| " + " | ".join(headings) + " |", "| --- | ---: | ---: | --- |"]
        for unit, summary in run.units().items():
            lines.append(f"| {unit} | {_points(summary.score, summary.max_score)} | {summary.passed}/{summary.total} "
                         f"| {translated(_MARKS[unit_status(summary)])} |")
        if not run.tests:
            lines.append("| " + _("(no tests were run)") + " | | | |")
        total = _("Total")
        lines.append(f"| **{total}** | **{_points(run.score, run.max_score)}** | "
                     f"**{run.passed_count}/{len(run.tests)}** | |")
        failed = [t for t in run.tests if not t.passed]
        if failed:
            lines += ["", "## " + _("Failed tests ({count})").format(count=len(failed))]
            for test in failed:
                title = _inline(f"[{test.number}] {test.unit}: {test.name}")
                lines += ["", "### " + _("{title}  ({points} points)").format(
                    title=title, points=_points(test.score, test.max_score)), ""]
                lines += _fenced(test.feedback() or _("(no feedback recorded)"))
        lines += ["", "**" + total_line(run) + "**"]
        late = late_line(run, self.late)
        if late:
            lines += ["", "**" + late + "**"]
        return "\n".join(lines) + "\n"

    def write(self, run: GradingRun, path: str | os.PathLike[str]) -> None:
        write_atomically(path, self.render(run))


def total_line(run: GradingRun) -> str:
    """"Total: 7 / 10 points (70%), 5 of 8 tests passed." as the terminal report says it."""
    percent = f" ({100 * run.score / run.max_score:.0f}%)" if run.max_score else ""
    return ngettext("Total: {points} points{percent}, {passed} of {count} test passed.",
                    "Total: {points} points{percent}, {passed} of {count} tests passed.",
                    len(run.tests)).format(points=_points(run.score, run.max_score), percent=percent,
                                           passed=run.passed_count, count=len(run.tests))


def _fenced(text: str) -> list[str]:
    """`text` in a code block whose fence no line of it can close."""
    text = strip_control_chars(text).rstrip()
    fence = "```"
    while fence in text:
        fence += "`"
    return [fence + "text", *text.splitlines(), fence]


def _inline(text: str) -> str:
    """One line of text safe in a heading or a table cell."""
    text = " ".join(strip_control_chars(str(text)).split())
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def _points(score: float, max_score: float) -> str:
    return f"{format_points(score)} / {format_points(max_score)}"
