"""JUnit XML, which CI systems display; points travel as `<property>` elements.

Layout: `<testsuites>` > one `<testsuite>` per unit (contract order) > one
`<testcase>` per test. A failed test has a `<failure>` whose `message` and
text are the feedback. Suites and test cases carry
`<properties>` with `points`, `max_points` and `unit`. A grader-level error
becomes a `grading` suite with one `<error>` test case. Built with
xml.etree, so everything is escaped; control characters XML 1.0 forbids are
stripped first.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..results import GradingRun, TestResult, format_points, strip_control_chars, truncate
from .atomic import write_atomically

__all__ = ["JUnitReport"]

MESSAGE_LIMIT = 500  # characters of feedback in the message attribute; the full text is the body


def _clean(text: str, limit: int | None = None) -> str:
    text = strip_control_chars(text)
    return truncate(text, limit) if limit else truncate(text)


def _properties(parent: ET.Element, values: dict[str, str]) -> None:
    properties = ET.SubElement(parent, "properties")
    for name, value in values.items():
        ET.SubElement(properties, "property", name=name, value=_clean(value))


@dataclass
class JUnitReport:
    """Renders a `GradingRun` as JUnit XML."""

    suite_name: str = "dl-scratch-kit"

    def to_element(self, run: GradingRun) -> ET.Element:
        run = run.numbered()
        failures = sum(1 for t in run.tests if not t.passed)
        root = ET.Element(
            "testsuites",
            name=_clean(f"{self.suite_name}: {run.submission}"),
            tests=str(len(run.tests) + (1 if run.error else 0)),
            failures=str(failures),
            errors="1" if run.error else "0",
            time=f"{run.execution_time:.3f}",
        )
        run_properties = {"seed": str(run.seed), "kit_version": run.kit_version, "submission": run.submission}
        if run.error:
            suite = ET.SubElement(root, "testsuite", name="grading", tests="1", failures="0", errors="1",
                                  skipped="0", time="0.000")
            _properties(suite, run_properties)
            case = ET.SubElement(suite, "testcase", classname="grading", name="grading run", time="0.000")
            error = ET.SubElement(case, "error", message=_clean(run.error, MESSAGE_LIMIT), type="grading error")
            error.text = _clean(run.error)
        for unit, totals in run.units().items():
            tests = [t for t in run.tests if t.unit == unit]
            suite = ET.SubElement(
                root, "testsuite", name=_clean(unit), tests=str(totals.total),
                failures=str(totals.total - totals.passed), errors="0", skipped="0",
                time=f"{sum(t.duration for t in tests):.3f}",
            )
            _properties(suite, {"points": format_points(totals.score),
                                "max_points": format_points(totals.max_score),
                                "unit": unit, **run_properties})
            for test in tests:
                self._testcase(suite, test)
        return root

    def _testcase(self, suite: ET.Element, test: TestResult) -> None:
        case = ET.SubElement(suite, "testcase", classname=_clean(test.unit),
                             name=_clean(f"{test.number} {test.name}"), time=f"{test.duration:.3f}")
        values = {"points": format_points(test.score), "max_points": format_points(test.max_score),
                  "unit": test.unit, "number": test.number}
        if test.diagnosis:
            values["diagnosis"] = test.diagnosis
        _properties(case, values)
        if not test.passed:
            failure = ET.SubElement(case, "failure",
                                    message=_clean(test.feedback(MESSAGE_LIMIT) or "check failed"),
                                    type=_clean(test.diagnosis or "check failed"))
            failure.text = _clean(test.feedback() or "check failed")

    def render(self, run: GradingRun) -> str:
        root = self.to_element(run)
        ET.indent(root)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    def write(self, run: GradingRun, path: str | os.PathLike[str]) -> None:
        write_atomically(path, self.render(run))
