"""The student's feedback as one self-contained HTML page (inline style, no script, no outside link).

The same content as the Markdown and terminal reports: heading, seed and
kit, the grader's problem, the units table, each failed test's feedback in
a <pre> block, the total. Every text is HTML-escaped: feedback quotes
student code and exception messages.
"""
from __future__ import annotations

import html
import os

from ..results import GradingRun, strip_control_chars
from ..translation import _, chosen_language, language_code, translated
from .atomic import write_atomically
from .markdown import _points, late_line, total_line, unit_status
from .text import _MARKS

__all__ = ["HtmlReport"]

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pass { color: #17692b; } .partial { color: #8a5a00; } .FAIL, .ERROR { color: #b3261e; font-weight: bold; }
pre { background: #f5f5f5; padding: .6rem; overflow-x: auto; white-space: pre; }
.meta { color: #555; }
"""


class HtmlReport:
    """Renders a `GradingRun` as a self-contained HTML document (late: a late_work.LateVerdict to state)."""

    def __init__(self, late=None):
        self.late = late

    def render(self, run: GradingRun) -> str:
        run = run.numbered()
        title = _("Grading report for {submission}").format(submission=run.submission)
        parts = [f"<!DOCTYPE html>\n<html lang=\"{_lang()}\">\n<head>\n<meta charset=\"utf-8\">",
                 f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
                 f"<h1>{_e(title)}</h1>",
                 "<p class=\"meta\">" + _e(_("seed {seed}   kit {version}   {seconds:.1f} s").format(
                     seed=run.seed, version=run.kit_version, seconds=run.execution_time)) + "</p>"]
        if run.error:
            mark = f"<span class=\"ERROR\">{_e(translated(_MARKS['ERROR']))}</span>"
            parts += ["<p>" + _e(_("{mark} The grader could not grade everything:")).format(mark=mark) + "</p>",
                      _pre(run.error)]
        headings = (_("Unit"), _("Points"), _("Tests"), _("Status"))
        parts += ["<table>", "<tr>" + "".join(f"<th>{_e(heading)}</th>" for heading in headings) + "</tr>"]
        for unit, summary in run.units().items():
            status = unit_status(summary)
            parts.append(f"<tr><td>{_e(unit)}</td><td class=\"num\">{_points(summary.score, summary.max_score)}</td>"
                         f"<td class=\"num\">{summary.passed}/{summary.total}</td>"
                         f"<td class=\"{status}\">{_e(translated(_MARKS[status]))}</td></tr>")
        if not run.tests:
            parts.append("<tr><td colspan=\"4\">" + _e(_("(no tests were run)")) + "</td></tr>")
        total = _("Total")
        parts.append(f"<tr><th>{_e(total)}</th><th class=\"num\">{_points(run.score, run.max_score)}</th>"
                     f"<th class=\"num\">{run.passed_count}/{len(run.tests)}</th><th></th></tr>\n</table>")
        failed = [t for t in run.tests if not t.passed]
        if failed:
            parts.append("<h2>" + _e(_("Failed tests ({count})").format(count=len(failed))) + "</h2>")
            for test in failed:
                heading = _("{title}  ({points} points)").format(
                    title=f"[{test.number}] {test.unit}: {test.name}", points=_points(test.score, test.max_score))
                parts += [f"<h3>{_e(heading)}</h3>", _pre(test.feedback() or _("(no feedback recorded)"))]
        parts.append(f"<p><strong>{_e(total_line(run))}</strong></p>")
        late = late_line(run, self.late)
        if late:
            parts.append(f"<p><strong>{_e(late)}</strong></p>")
        parts.append("</body>\n</html>")
        return "\n".join(parts) + "\n"

    def write(self, run: GradingRun, path: str | os.PathLike[str]) -> None:
        write_atomically(path, self.render(run))


def _e(text: str) -> str:
    return html.escape(strip_control_chars(str(text)), quote=True)


def _pre(text: str) -> str:
    return f"<pre>{_e(text.rstrip())}</pre>"


def _lang() -> str:
    try:
        return language_code(chosen_language()) or "en"
    except Exception:  # noqa: BLE001 - the page's lang attribute is a nicety
        return "en"
