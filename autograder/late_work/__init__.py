"""Late work, computed in one place for every front end (batch, Gradescope, Classroom 50).

- `policy.py`: LatePolicy (due date, grace period, percentage off per day
  late, a cap) and its verdict on a submission instant;
- `submission_time.py`: when a submission was made: Gradescope's metadata,
  the git commit time (GitHub Classroom, Classroom 50), else the files' time.
"""
from .policy import LatePolicy, LateVerdict, PolicyError, parse_duration, parse_instant
from .submission_time import submission_time

__all__ = ["LatePolicy", "LateVerdict", "PolicyError", "parse_duration", "parse_instant", "submission_time"]
