"""A late policy and its verdict: how many days late, what share of the score is taken off.

    policy = LatePolicy(due=parse_instant("2026-12-01T23:59+09:00"), grace=parse_duration("15m"),
                        per_day_percent=10, cap_percent=50)
    policy.verdict(submitted_at)        # LateVerdict(late_days=2, penalty_percent=20.0)

Days late are counted from the due date in started 24-hour days, once the
grace period is over: due 23:59 with 15 minutes' grace, a submission at 00:10
is on time, one at 00:30 is 1 day late, one 25 hours after the due date is 2
days late. The penalty is `per_day_percent` per day, at most `cap_percent`
(100: a late submission can lose everything). The penalty applies to the
score earned: `verdict.apply(score)`.
"""
import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from autograder.translation import _

DAY = timedelta(days=1)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "": 60}      # a bare number is minutes


class PolicyError(ValueError):
    """A due date, duration or percentage that cannot be read."""


@dataclass(frozen=True)
class LateVerdict:
    """late_days: 0 when on time; penalty_percent: share of the score taken off (0-100)."""

    late_days: int
    penalty_percent: float

    @property
    def late(self):
        return self.late_days > 0

    def apply(self, score):
        """The score after the penalty."""
        return score * (1 - self.penalty_percent / 100)


ON_TIME = LateVerdict(0, 0.0)


@dataclass(frozen=True)
class LatePolicy:
    """due: an aware datetime or None (no deadline); grace: a timedelta; percentages 0-100."""

    due: datetime | None = None
    grace: timedelta = timedelta(0)
    per_day_percent: float = 0.0
    cap_percent: float = 100.0

    def __post_init__(self):
        for name in ("per_day_percent", "cap_percent"):
            value = getattr(self, name)
            if not 0 <= value <= 100:
                raise PolicyError((_("the late percent per day must be between 0 and 100, got {value:g}")
                                   if name == "per_day_percent" else
                                   _("the late cap percent must be between 0 and 100, got {value:g}")).format(
                                       value=value))
        if self.grace < timedelta(0):
            raise PolicyError(_("the grace period cannot be negative"))

    @property
    def active(self):
        return self.due is not None

    def verdict(self, submitted_at):
        """The LateVerdict of a submission made at `submitted_at` (an aware datetime, or None: unknown)."""
        if self.due is None or submitted_at is None:
            return ON_TIME
        over = submitted_at - self.due
        if over <= self.grace:
            return ON_TIME
        days = math.ceil(over / DAY)
        return LateVerdict(days, min(days * self.per_day_percent, self.cap_percent))

    def describe(self):
        """One sentence for reports: "due 2026-12-01T14:59:00Z, 15 min grace, 10 % off per day late, at most 50 %"."""
        if self.due is None:
            return "no due date"
        grace = f", {_format_duration(self.grace)} grace" if self.grace else ""
        return (f"due {format_instant(self.due)}{grace}, {self.per_day_percent:g} % off per day late, "
                f"at most {self.cap_percent:g} %")

    def to_dict(self):
        return {"due": format_instant(self.due) if self.due else None, "grace_seconds": self.grace.total_seconds(),
                "per_day_percent": self.per_day_percent, "cap_percent": self.cap_percent}

    @classmethod
    def from_dict(cls, data):
        data = data or {}
        return cls(due=parse_instant(data["due"]) if data.get("due") else None,
                   grace=timedelta(seconds=float(data.get("grace_seconds") or 0)),
                   per_day_percent=float(data.get("per_day_percent") or 0),
                   cap_percent=float(100 if data.get("cap_percent") is None else data["cap_percent"]))


def parse_instant(text):
    """An aware datetime from ISO 8601 ("2026-12-01T23:59+09:00", "...Z"); without an offset, UTC."""
    if isinstance(text, datetime):
        value = text
    else:
        try:
            value = datetime.fromisoformat(str(text).strip().replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise PolicyError(_("not a date and time: {text!r} (write it as 2026-12-01T23:59+09:00)").format(
                text=text)) from None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def parse_duration(text):
    """A timedelta from "15m", "2h", "1d", "90s" or a bare number of minutes."""
    match = _DURATION.match(str(text))
    if not match:
        raise PolicyError(_("not a duration: {text!r} (write 15m, 2h or 1d)").format(text=text))
    return timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)])


def format_instant(value):
    """UTC ISO 8601 with a Z, to the second: "2026-12-01T14:59:00Z"."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _format_duration(delta):
    seconds = delta.total_seconds()
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:g} {unit}"
    return f"{seconds:g} s"
