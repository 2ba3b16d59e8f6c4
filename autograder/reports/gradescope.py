"""The Gradescope `results.json`, which is also the kit's own JSON format.

Fields as in RESULTS.md, after Gradescope's "Autograder Specifications"
(gradescope-autograders.readthedocs.io/en/latest/specs/). `max_score` at the
top level is the kit's extension; Gradescope ignores it.
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from typing import Any

from ..results import GradingRun, TestResult, format_points, strip_control_chars, truncate
from ..translation import N_, _, translated
from .atomic import write_atomically

__all__ = ["GradescopeReport", "validate_gradescope", "write_atomically", "VISIBILITIES"]

VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
TEST_STATUSES = ("passed", "failed")

# Keys Gradescope documents (plus the kit's top-level max_score): anything else
# is most likely a typo that Gradescope would silently ignore.
TOP_LEVEL_KEYS = {
    "score", "max_score", "execution_time", "output", "output_format",
    "test_output_format", "test_name_format", "visibility", "stdout_visibility",
    "extra_data", "tests", "leaderboard",
}
TEST_KEYS = {
    "score", "max_score", "status", "name", "name_format", "number", "output",
    "output_format", "tags", "visibility", "extra_data",
}
LATE_LINE = N_("Submitted {days} day(s) late: {percent} % taken off, so the score is {after} "
               "(before the penalty: {before}).")
_NUMBER = re.compile(r"^\d+(\.\d+)*$")
_UNIT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$")
_SCORE_SLACK = 1e-6  # float sums of partial credit


@dataclass
class GradescopeReport:
    """Renders a `GradingRun` as Gradescope's results.json.

    visibility: of the whole result (top level); stdout_visibility: of the
    autograder's stdout; test_visibility: of each test. late: a
    late_work.LateVerdict to apply (the top-level score is then the score
    after the penalty, and the output says so), or None.
    """

    visibility: str = "visible"
    stdout_visibility: str = "hidden"
    test_visibility: str = "visible"
    late: Any = None

    def to_dict(self, run: GradingRun) -> dict[str, Any]:
        run = run.numbered()
        data = {
            "score": _points(run.score),
            "max_score": _points(run.max_score),
            "execution_time": round(run.execution_time, 3),
            "output": summary(run),
            "visibility": self.visibility,
            "stdout_visibility": self.stdout_visibility,
            "extra_data": {
                "seed": run.seed,
                "kit_version": run.kit_version,
                "submission": run.submission,
                "protections": list(run.protections),
            },
            "tests": [self._test(t) for t in run.tests],
        }
        if self.late is not None and self.late.late and run.tests:
            data["score"] = _points(self.late.apply(run.score))
            data["output"] += "\n" + translated(LATE_LINE).format(days=self.late.late_days,
                                                       percent=format_points(self.late.penalty_percent),
                                                       before=format_points(run.score),
                                                       after=format_points(data["score"]))
            data["extra_data"].update(late_days=self.late.late_days, late_penalty_percent=self.late.penalty_percent)
        return data

    def _test(self, test: TestResult) -> dict[str, Any]:
        extra: dict[str, Any] = {"unit": test.unit, "duration": round(test.duration, 3)}
        if test.diagnosis:
            extra["diagnosis"] = test.diagnosis
        return {
            "name": test.name,
            "number": test.number,
            "score": _points(test.score),
            "max_score": _points(test.max_score),
            "status": "passed" if test.passed else "failed",
            "output": strip_control_chars(test.feedback()),
            "tags": [test.unit],
            "visibility": self.test_visibility,
            "extra_data": extra,
        }

    def render(self, run: GradingRun) -> str:
        return json.dumps(self.to_dict(run), indent=2, ensure_ascii=False) + "\n"

    def write(self, run: GradingRun, path: str | os.PathLike[str]) -> None:
        write_atomically(path, self.render(run))


def summary(run: GradingRun) -> str:
    """The short text shown to the student above the tests."""
    lines = []
    if run.error:
        lines.append(_("Grading problem: {error}").format(error=truncate(strip_control_chars(run.error), 1000)))
    if not run.tests:
        lines.append(_("Nothing was graded."))
        return "\n".join(lines)
    lines.append(_("Score {score} / {max_score}; {passed} of {total} tests passed.").format(
        score=format_points(run.score), max_score=format_points(run.max_score),
        passed=run.passed_count, total=len(run.tests)))
    weak = [unit for unit, s in run.units().items() if s.passed < s.total]
    if weak:
        lines.append(_("Units to revisit: {units}.").format(units=", ".join(weak)))
    lines.append(_("Graded with seed {seed} by kit {version}.").format(seed=run.seed, version=run.kit_version))
    return "\n".join(lines)


def _points(value: float) -> float:
    return round(float(value), 6)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _number_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split("."))


def validate_gradescope(data: Any) -> list[str]:
    """Problems with a results.json dict, strictly checked; an empty list means valid.

    Checks types, allowed status and visibility values, 0 <= score <= max_score
    (each test and in total, the total equal to the sum over tests), numbers
    unique and in order, and that every test carries its unit as a tag.
    """
    if not isinstance(data, dict):
        return ["results must be a JSON object"]
    problems = [f"unknown top-level key {k!r}" for k in sorted(set(data) - TOP_LEVEL_KEYS)]
    for key in ("score", "max_score", "execution_time"):
        if not _is_number(data.get(key)) or data[key] < 0:
            problems.append(f"{key} must be a non-negative number, got {data.get(key)!r}")
    if _is_number(data.get("score")) and _is_number(data.get("max_score")):
        if data["score"] > data["max_score"] + _SCORE_SLACK:
            problems.append(f"score {data['score']} exceeds max_score {data['max_score']}")
    if not isinstance(data.get("output"), str):
        problems.append("output must be a string")
    for key in ("visibility", "stdout_visibility"):
        if data.get(key) not in VISIBILITIES:
            problems.append(f"{key} must be one of {VISIBILITIES}, got {data.get(key)!r}")
    problems += _extra_data_problems(data.get("extra_data"))

    tests = data.get("tests")
    if not isinstance(tests, list):
        return problems + ["tests must be a list"]
    for index, test in enumerate(tests):
        problems += [f"tests[{index}]: {p}" for p in _test_problems(test)]
    problems += _numbering_problems(tests)
    problems += _total_problems(data, tests)
    return problems


def _extra_data_problems(extra: Any) -> list[str]:
    if not isinstance(extra, dict):
        return ["extra_data must be an object"]
    problems = []
    if not isinstance(extra.get("seed"), int) or isinstance(extra.get("seed"), bool):
        problems.append("extra_data.seed must be an integer")
    for key in ("kit_version", "submission"):
        if not isinstance(extra.get(key), str):
            problems.append(f"extra_data.{key} must be a string")
    protections = extra.get("protections", [])
    if not isinstance(protections, list) or not all(isinstance(p, str) for p in protections):
        problems.append("extra_data.protections must be a list of strings")
    return problems


def _test_problems(test: Any) -> list[str]:
    if not isinstance(test, dict):
        return ["must be an object"]
    problems = [f"unknown key {k!r}" for k in sorted(set(test) - TEST_KEYS)]
    if not isinstance(test.get("name"), str) or not test.get("name"):
        problems.append("name must be a non-empty string")
    if not isinstance(test.get("number"), str) or not _NUMBER.match(test.get("number", "")):
        problems.append(f"number must be a string like '3.2', got {test.get('number')!r}")
    for key in ("score", "max_score"):
        if not _is_number(test.get(key)) or test[key] < 0:
            problems.append(f"{key} must be a non-negative number, got {test.get(key)!r}")
    if _is_number(test.get("score")) and _is_number(test.get("max_score")):
        if test["score"] > test["max_score"] + _SCORE_SLACK:
            problems.append(f"score {test['score']} exceeds max_score {test['max_score']}")
    if test.get("status") not in TEST_STATUSES:
        problems.append(f"status must be one of {TEST_STATUSES}, got {test.get('status')!r}")
    if not isinstance(test.get("output"), str):
        problems.append("output must be a string")
    if test.get("visibility") not in VISIBILITIES:
        problems.append(f"visibility must be one of {VISIBILITIES}, got {test.get('visibility')!r}")
    tags = test.get("tags")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        problems.append("tags must be a list of strings")
        tags = []
    extra = test.get("extra_data")
    if not isinstance(extra, dict):
        return problems + ["extra_data must be an object"]
    unit = extra.get("unit")
    if not isinstance(unit, str) or not _UNIT.match(unit):
        problems.append(f"extra_data.unit must be '<module>.<name>', got {unit!r}")
    elif unit not in tags:
        problems.append(f"tags must include the unit tag {unit!r}")
    if not _is_number(extra.get("duration")) or extra["duration"] < 0:
        problems.append("extra_data.duration must be a non-negative number")
    if "diagnosis" in extra and (not isinstance(extra["diagnosis"], str) or not extra["diagnosis"]):
        problems.append("extra_data.diagnosis, when present, must be a non-empty string")
    return problems


def _numbering_problems(tests: list[Any]) -> list[str]:
    numbers = [
        t["number"] for t in tests
        if isinstance(t, dict) and isinstance(t.get("number"), str) and _NUMBER.match(t["number"])
    ]
    problems = [f"number {n!r} is used more than once" for n in sorted(set(numbers)) if numbers.count(n) > 1]
    keys = [_number_key(n) for n in numbers]
    if keys != sorted(keys):
        problems.append("tests are not in the order of their numbers")
    return problems


def _total_problems(data: dict[str, Any], tests: list[Any]) -> list[str]:
    # A late penalty (extra_data.late_penalty_percent) scales the top-level score;
    # Gradescope takes the top-level score over the tests' sum.
    extra = data.get("extra_data") if isinstance(data.get("extra_data"), dict) else {}
    penalty = extra.get("late_penalty_percent", 0)
    kept = 1 - penalty / 100 if _is_number(penalty) and 0 <= penalty <= 100 else 1
    problems = []
    for key in ("score", "max_score"):
        values = [t.get(key) for t in tests if isinstance(t, dict)]
        if _is_number(data.get(key)) and all(_is_number(v) for v in values):
            expected = sum(values) * (kept if key == "score" else 1)
            if abs(expected - data[key]) > _SCORE_SLACK * max(1, len(values)):
                problems.append(f"{key} {data[key]} is not the sum over tests ({expected:g})")
    return problems
