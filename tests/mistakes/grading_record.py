"""What the hidden checks made of each mistake, collected during a test run for the summary.

`test_graded_mistakes.py` fills ``OUTCOMES``; `conftest.py` prints it at the end.
"""
from dataclasses import dataclass


@dataclass
class Outcome:
    unit: str
    lost: float          # points lost on the mistake's own unit
    max_score: float     # points of that unit
    diagnosis: str       # the mistake name a failing test of the unit gave, or ""


OUTCOMES: dict[str, Outcome] = {}   # mistake name -> outcome
TIMINGS: list[tuple[str, float]] = []  # (what was graded, seconds)
CASCADES: list[tuple[str, str, float]] = []  # (whole-graded submission, unit using a wrong unit, points lost)
