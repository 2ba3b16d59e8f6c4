"""The `classroom50/result/v1` result.json, from a GradingRun, and a validator of the documented contract.

Fields (Classroom 50's wiki, "Advanced Autograding", "The result.json contract"):
`schema` ("classroom50/result/v1"), `classroom`, `assignment`,
`assignment_type`, `owner`, `submission` (the submit tag), `commit`,
`release`, `review` (URLs), `datetime` (the submission instant: the graded
commit's committer date, UTC ISO 8601), `graded_at` (optional), integer
`score` and `max-score` (the sums over tests), and `tests`: one
`{test-name, passed, score, max-score}` per test (extra fields are kept).

The kit's points are whole numbers, but missions give partial credit
(3.25 of 10): a test's score is rounded to the nearest point here (its exact
value stays in the test's `points` field and in the release body).
"""
import math
import os
import re
from datetime import datetime, timezone

from autograder.results import GradingRun
from autograder.translation import _

SCHEMA = "classroom50/result/v1"
IDENTITY_VARIABLES = {          # result field -> the runner's environment variable(s)
    "classroom": ("CLASSROOM",),
    "assignment": ("ASSIGNMENT",),
    "submission": ("SUBMISSION_TAG",),
    "owner": ("OWNER", "USERNAME"),
    "assignment_type": ("ASSIGNMENT_TYPE",),
    "commit": ("COMMIT_URL",),
    "release": ("RELEASE_URL",),
    "review": ("REVIEW_URL", "COMMIT_URL"),
}
REQUIRED_IDENTITY = ("classroom", "assignment", "submission", "commit", "release")
_UTC_INSTANT = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


class IdentityError(ValueError):
    """The runner's environment lacks an identity variable the contract needs."""


def identity_from_environment(environ=None):
    """{field: value} of the identity fields from the runner's variables; IdentityError if one is missing."""
    environ = os.environ if environ is None else environ
    identity = {}
    for field, names in IDENTITY_VARIABLES.items():
        value = next((environ[name] for name in names if environ.get(name)), None)
        if value is not None:
            identity[field] = value
    missing = [IDENTITY_VARIABLES[f][0] for f in REQUIRED_IDENTITY if f not in identity]
    if missing:
        raise IdentityError(_("the runner's environment lacks {variables}: Classroom 50 sets them when it runs "
                              "CLASSROOM/autograders/ASSIGNMENT/autograder.py").format(variables=", ".join(missing)))
    return identity


def utc_instant(value):
    """An aware datetime as the contract writes it: "2026-06-01T14:32:01Z"."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def result_v1(run: GradingRun, identity, submitted_at, graded_at=None):
    """The result.json dict of `run`; identity: identity_from_environment(); submitted_at: aware datetime."""
    tests = []
    for test in run.numbered().tests:
        tests.append({
            "test-name": f"{test.number} {test.unit}: {test.name}",
            "passed": bool(test.passed),
            "score": whole_points(test.score),
            "max-score": whole_points(test.max_score),
            "points": round(float(test.score), 4),
            "unit": test.unit,
        })
    return {
        "schema": SCHEMA,
        **identity,
        "datetime": utc_instant(submitted_at),
        "graded_at": utc_instant(graded_at or datetime.now(timezone.utc)),
        "score": sum(t["score"] for t in tests),
        "max-score": sum(t["max-score"] for t in tests),
        "tests": tests,
    }


def whole_points(value):
    """Points as the contract's integer: rounded to the nearest point (halves up)."""
    return int(math.floor(float(value) + 0.5 + 1e-9))


def validate_result_v1(data):
    """Problems of a result.json dict against the documented contract ([] when it is valid)."""
    if not isinstance(data, dict):
        return ["result.json is not a JSON object"]
    problems = []
    if data.get("schema") != SCHEMA:
        problems.append(f"schema must be exactly {SCHEMA!r}, got {data.get('schema')!r}")
    for field in ("classroom", "assignment", "owner", "submission", "commit", "release", "review"):
        if field in data and not isinstance(data[field], str):
            problems.append(f"{field} must be a string")
    for field in ("classroom", "assignment", "submission", "commit", "release"):
        if not data.get(field):
            problems.append(f"{field} is missing or empty")
    if data.get("assignment_type") not in (None, "individual", "group"):
        problems.append("assignment_type must be 'individual' or 'group'")
    for field in ("datetime", "graded_at"):
        if field in data and not (isinstance(data[field], str) and _UTC_INSTANT.match(data[field])):
            problems.append(f"{field} must be a UTC ISO 8601 instant like 2026-06-01T14:32:01Z")
    if "datetime" not in data:
        problems.append("datetime (the submission instant) is missing")
    for field in ("score", "max-score"):
        if not _is_int(data.get(field)):
            problems.append(f"{field} must be an integer, got {data.get(field)!r}")
    tests = data.get("tests")
    if not isinstance(tests, list):
        return problems + ["tests must be an array"]
    for index, test in enumerate(tests):
        if not isinstance(test, dict):
            problems.append(f"tests[{index}] is not an object")
            continue
        if not isinstance(test.get("test-name"), str) or not test["test-name"]:
            problems.append(f"tests[{index}].test-name must be a non-empty string")
        if not isinstance(test.get("passed"), bool):
            problems.append(f"tests[{index}].passed must be true or false")
        for field in ("score", "max-score"):
            if not _is_int(test.get(field)):
                problems.append(f"tests[{index}].{field} must be an integer")
        if _is_int(test.get("score")) and _is_int(test.get("max-score")) and not 0 <= test["score"] <= test["max-score"]:
            problems.append(f"tests[{index}].score must be between 0 and its max-score")
    if all(isinstance(t, dict) and _is_int(t.get("score")) and _is_int(t.get("max-score")) for t in tests):
        if _is_int(data.get("score")) and data["score"] != sum(t["score"] for t in tests):
            problems.append("score is not the sum of the tests' scores")
        if _is_int(data.get("max-score")) and data["max-score"] != sum(t["max-score"] for t in tests):
            problems.append("max-score is not the sum of the tests' max-scores")
    return problems


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)
