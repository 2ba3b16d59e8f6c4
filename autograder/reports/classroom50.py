"""Classroom 50's result.json (`classroom50/result/v1`), for `autograder grade --format classroom50`.

The identity fields come from the Classroom 50 runner's environment
(autograder/classroom50/result_v1.py holds the contract and its validator);
`submitted_at` is the submission instant (the commit time), now if unknown.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ..results import GradingRun
from .atomic import write_atomically

__all__ = ["Classroom50Report"]


@dataclass
class Classroom50Report:
    """Renders a `GradingRun` as result.json; raises classroom50.IdentityError outside the runner."""

    submitted_at: Any = None
    environ: Any = None

    def to_dict(self, run: GradingRun) -> dict:
        from autograder.classroom50.result_v1 import identity_from_environment, result_v1

        identity = identity_from_environment(self.environ)
        return result_v1(run, identity, self.submitted_at or datetime.now(timezone.utc))

    def render(self, run: GradingRun) -> str:
        return json.dumps(self.to_dict(run), indent=2, ensure_ascii=False) + "\n"

    def write(self, run: GradingRun, path: str | os.PathLike[str]) -> None:
        write_atomically(path, self.render(run))
