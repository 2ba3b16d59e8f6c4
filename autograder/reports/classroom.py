"""The GitHub Classroom runner result read by `autograding-grading-reporter`.

What the reporter does with it (read in classroom-resources/autograding-grading-reporter,
`src/main.js`, `src/notify-classroom.js`, `src/console-results.js`,
`src/helpers/test-helpers.js` and the shipped bundle `dist/main.js`):

- For each id in its `runners` input it reads the env var
  `<ID upper-cased>_RESULTS`, base64-decodes it and parses JSON.
- Points that reach Classroom (`NotifyClassroom`): a runner whose `max_score`
  is falsy is skipped; otherwise `max_score` is added to the maximum and every
  `tests[].score` to the total, posted as the notice "Points <total>/<max>".
  So each test needs a numeric `score` (a missing one makes the total NaN),
  and the scores must sum to the run's score.
- Console log: a test is shown as passed only when `status == "pass"`;
  `message` is printed only for `status == "error"`; `test_code`, when
  non-empty, is printed under "Test code:" for any test; " - line <line_no>"
  is appended unless `line_no` is 0. The bundled console's "Total points for
  <runner>" is (passed tests / all tests) * max_score, so with partial credit
  it can differ from the points sent to Classroom.
- The step fails when the top-level `status` is "fail" (or "error").

The rest of the shape (`version`, `filename`, `execution_time`) follows the
runners that write this result (autograding-python-grader, itself derived from
Exercism's test-runner interface: status "pass" | "fail" | "error", a top-level
`message` when status is "error"); the reporter does not read them.

The kit therefore writes: message = the feedback; test_code = the feedback
of a failed test too (the only text the bundled reporter prints for a
failure); line_no = 0. A grader-level error is reported as an extra test with
status "error" and 0 points, so the reporter prints it. The repository's
README marks the action deprecated (GitHub Classroom sunset notice); the
format is kept as the reporter's last release reads it.

Workflow use (a plain id such as `kit`; its env var is `KIT_RESULTS`)::

    - id: kit
      run: ...   # grades, then ClassroomReport().write_github_output(run)
    - uses: classroom-resources/autograding-grading-reporter@v1
      env:
        KIT_RESULTS: "${{ steps.kit.outputs.result }}"
      with:
        runners: kit
"""
from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from typing import Any, Mapping

from ..results import TRUNCATION_MARKER, GradingRun, TestResult, strip_control_chars, truncate
from .atomic import write_atomically

__all__ = ["ClassroomReport"]


# The reporter receives the result in an environment variable, and Linux
# refuses to start a process with any one variable over 128 KiB
# (MAX_ARG_STRLEN): feedback is shortened until the base64 fits this budget.
ENCODED_LIMIT = 100_000
FEEDBACK_LIMIT = 1000  # characters of feedback per test before any shortening


@dataclass
class ClassroomReport:
    """Renders a `GradingRun` as a Classroom runner result (JSON and base64)."""

    output_name: str = "result"  # the step output the reporter's env var is fed from

    def to_dict(self, run: GradingRun) -> dict[str, Any]:
        """The runner result; feedback is halved until it fits `ENCODED_LIMIT`."""
        run = run.numbered()
        limit = FEEDBACK_LIMIT
        while True:
            result = self._result(run, limit)
            if limit == 0 or _encoded_size(result) <= ENCODED_LIMIT:
                return result
            limit = limit // 2 if limit > 2 * len(TRUNCATION_MARKER) else 0

    def _result(self, run: GradingRun, limit: int) -> dict[str, Any]:
        tests = [self._test(t, limit) for t in run.tests]
        if run.error:
            error = truncate(strip_control_chars(run.error), limit)
            tests.insert(0, {"name": "grading", "status": "error", "score": 0, "message": error,
                             "test_code": "", "filename": "", "line_no": 0, "execution_time": 0})
        result: dict[str, Any] = {
            "version": 1,
            "status": _status(run),
            "max_score": round(run.max_score, 6),
            "tests": tests,
        }
        if result["status"] == "error":
            result["message"] = truncate(strip_control_chars(run.error or "No tests were run."), limit)
        return result

    @staticmethod
    def _test(test: TestResult, limit: int) -> dict[str, Any]:
        feedback = "" if test.passed or limit == 0 else strip_control_chars(test.feedback(limit))
        return {
            "name": f"{test.number} {test.unit}: {test.name}",
            "status": "pass" if test.passed else "fail",
            "score": round(test.score, 6),
            "message": feedback,
            "test_code": feedback,
            "filename": f"{test.module}.py",
            "line_no": 0,
            "execution_time": round(test.duration, 3),
        }

    def render(self, run: GradingRun) -> str:
        """The runner result as JSON text."""
        return json.dumps(self.to_dict(run), indent=2, ensure_ascii=False) + "\n"

    def encode(self, run: GradingRun) -> str:
        """The runner result as the reporter reads it: base64 of compact UTF-8 JSON, one line."""
        return _encode(self.to_dict(run))

    def write(self, run: GradingRun, path: str | os.PathLike[str]) -> None:
        write_atomically(path, self.render(run))

    def write_github_output(self, run: GradingRun, env: Mapping[str, str] | None = None) -> bool:
        """Append `result=<base64>` to the file named by $GITHUB_OUTPUT; False when it is unset."""
        output_file = (os.environ if env is None else env).get("GITHUB_OUTPUT")
        if not output_file:
            return False
        with open(output_file, "a", encoding="utf-8") as handle:
            handle.write(f"{self.output_name}={self.encode(run)}\n")
        return True


def _encode(result: dict[str, Any]) -> str:
    compact = json.dumps(result, separators=(",", ":"), ensure_ascii=False)
    return base64.b64encode(compact.encode("utf-8")).decode("ascii")


def _encoded_size(result: dict[str, Any]) -> int:
    return len(_encode(result))


def _status(run: GradingRun) -> str:
    if not run.tests:
        return "error"
    if any(not t.passed for t in run.tests):
        return "fail"
    return "error" if run.error else "pass"
