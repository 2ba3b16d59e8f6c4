"""The grader's one internal record of a grading run.

Every front end (CLI, Gradescope, GitHub Classroom, batch grading) builds a
`GradingRun` holding one `TestResult` per graded test; the modules in
`autograder/reports/` turn that record into the formats platforms read.
`to_dict()` / `from_dict()` round-trip through JSON so a batch grader can read
back runs written by separate grading processes.
"""
from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Iterable, NamedTuple

# Modules of docs/CONTRACT.md in the order the course teaches them: reports list
# units in this order, so a learner reads results in the order they wrote code.
# `util` (im2col, col2im) comes before `layers`, whose Convolution and Pooling call it:
# a module may use only modules before it (an nbgrader notebook carries earlier code).
MODULE_ORDER = (
    "functions",
    "gradient",
    "util",
    "layers",
    "optimizer",
    "weight_init",
    "two_layer_net",
    "multi_layer_net",
    "simple_conv_net",
    "iris_mission",
    "digits_mission",
    "cnn_mission",
)

FEEDBACK_LIMIT = 4000  # characters of feedback kept per test in any report
TRUNCATION_MARKER = "... (truncated)"

# Characters that corrupt a terminal or an XML file: C0 controls except tab and
# newline, DEL, C1 controls, lone surrogates and the two XML non-characters.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")  # colours, cursor moves


def truncate(text: str, limit: int = FEEDBACK_LIMIT) -> str:
    """Return `text` cut to at most `limit` characters, ending in a clear marker."""
    if len(text) <= limit:
        return text
    if limit <= len(TRUNCATION_MARKER):
        return TRUNCATION_MARKER[:limit]
    kept = text[: limit - len(TRUNCATION_MARKER) - 1].rstrip()
    return f"{kept} {TRUNCATION_MARKER}"


def strip_control_chars(text: str) -> str:
    """Remove control characters (ANSI escapes included) but keep tabs and newlines.

    Feedback quotes exception messages raised by student code, which may hold
    anything; `\\r` is normalised to a newline first so Windows line ends survive.
    """
    text = _ANSI_ESCAPE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL_CHARS.sub("", text)


def format_points(value: float) -> str:
    """Points as a person writes them: 2, 1.5, 0.33 (two decimals at most)."""
    return f"{round(value, 2):g}"


def module_of(unit: str) -> str:
    """The module part of a unit tag: "layers.Affine" -> "layers"."""
    return unit.split(".", 1)[0]


def unit_order(units: Iterable[str]) -> list[str]:
    """Distinct units in contract order.

    Units are grouped by module in `MODULE_ORDER` (unknown modules last, in the
    order first seen); within a module they keep the order they were first seen.
    """
    first_seen: dict[str, int] = {}
    for unit in units:
        first_seen.setdefault(unit, len(first_seen))
    module_first_seen: dict[str, int] = {}
    for unit in first_seen:
        module_first_seen.setdefault(module_of(unit), len(module_first_seen))

    def key(unit: str) -> tuple[int, int, int]:
        module = module_of(unit)
        if module in MODULE_ORDER:
            return (MODULE_ORDER.index(module), 0, first_seen[unit])
        return (len(MODULE_ORDER), module_first_seen[module], first_seen[unit])

    return sorted(first_seen, key=key)


@dataclass
class TestResult:
    """The outcome of one graded test."""

    __test__ = False  # tell pytest this is not a test class

    name: str
    """Readable description, e.g. "sigmoid matches the reference on random inputs"."""
    unit: str
    """The unit graded, "<module>.<name>" from docs/CONTRACT.md, e.g. "functions.sigmoid"."""
    max_score: float
    """Points available."""
    score: float
    """Points earned, 0 <= score <= max_score (partial credit allowed)."""
    passed: bool
    """Whether the check passed."""
    output: str = ""
    """Feedback: what was checked, on which input, expected vs got (truncated), a hint."""
    diagnosis: str | None = None
    """Name of a recognised mistake, e.g. "softmax over the wrong axis"."""
    duration: float = 0.0
    """Wall-clock seconds the test took."""
    number: str = ""
    """"3.2": unit index . test index, assigned by `GradingRun.numbered()`."""

    @property
    def module(self) -> str:
        return module_of(self.unit)

    def feedback(self, limit: int = FEEDBACK_LIMIT) -> str:
        """The output, then the line "Likely mistake: <diagnosis>", at most `limit` characters.

        The output is truncated first, so the diagnosis line always survives.
        """
        text = self.output.rstrip()
        if not self.diagnosis or self.diagnosis in text:
            return truncate(text, limit)
        from autograder.translation import _

        line = truncate(_("Likely mistake: {mistake}").format(mistake=self.diagnosis), limit)
        room = limit - len(line) - 1
        if not text or room <= len(TRUNCATION_MARKER):
            return line
        return f"{truncate(text, room)}\n{line}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TestResult:
        known = {f.name for f in fields(cls)}
        result = cls(**{k: v for k, v in data.items() if k in known})
        result.score = float(result.score)
        result.max_score = float(result.max_score)
        result.duration = float(result.duration)
        result.passed = bool(result.passed)
        return result


class UnitSummary(NamedTuple):
    """Totals of one unit's tests."""

    score: float
    max_score: float
    passed: int
    total: int


@dataclass
class GradingRun:
    """Everything one grading of one submission produced."""

    submission: str
    """What was graded (a directory name or the platform's submission id)."""
    seed: int
    """The grading seed: a regrade with the same seed reproduces every input."""
    kit_version: str
    """Version of the kit that graded."""
    tests: list[TestResult]
    """One result per graded test."""
    execution_time: float = 0.0
    """Wall-clock seconds of the whole run."""
    error: str | None = None
    """A grader-level problem to show, e.g. "functions.py does not import: SyntaxError ... line 3"."""
    protections: list[str] = field(default_factory=list)
    """Sandbox protections that were active, e.g. "private mount namespace"."""

    @property
    def score(self) -> float:
        return sum(t.score for t in self.tests)

    @property
    def max_score(self) -> float:
        return sum(t.max_score for t in self.tests)

    @property
    def passed_count(self) -> int:
        return sum(1 for t in self.tests if t.passed)

    def units(self) -> OrderedDict[str, UnitSummary]:
        """Per-unit totals, units in contract order (see `unit_order`)."""
        summaries: OrderedDict[str, UnitSummary] = OrderedDict()
        for unit in unit_order(t.unit for t in self.tests):
            mine = [t for t in self.tests if t.unit == unit]
            summaries[unit] = UnitSummary(
                score=sum(t.score for t in mine),
                max_score=sum(t.max_score for t in mine),
                passed=sum(1 for t in mine if t.passed),
                total=len(mine),
            )
        return summaries

    def numbered(self) -> GradingRun:
        """A copy with tests in contract order and numbered "unit.test" from 1.

        Within a unit the tests keep their order, so the numbers are stable for
        a given suite and the same submission layout.
        """
        ordered = []
        for unit_index, unit in enumerate(unit_order(t.unit for t in self.tests), start=1):
            mine = [t for t in self.tests if t.unit == unit]
            for test_index, test in enumerate(mine, start=1):
                ordered.append(replace(test, number=f"{unit_index}.{test_index}"))
        return replace(self, tests=ordered, protections=list(self.protections))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tests"] = [t.to_dict() for t in self.tests]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradingRun:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["tests"] = [TestResult.from_dict(t) for t in data.get("tests", [])]
        values["protections"] = list(data.get("protections", []))
        run = cls(**values)
        run.seed = int(run.seed)
        run.execution_time = float(run.execution_time)
        return run
