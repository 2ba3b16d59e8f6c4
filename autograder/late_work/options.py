"""The late-work options every front end takes (`autograder batch`, `autograder gradescope`, ...)."""
from autograder.translation import N_, _, translated

KEPT_FOR_RERUNS = N_("kept for reruns; changing them regrades nothing")


def add_late_arguments(parser, kept=KEPT_FOR_RERUNS):
    """The late-work options in their group; `kept`: a note (marked with N_) after the group's title."""
    late = parser.add_argument_group(_("late work ({note})").format(note=translated(kept)) if kept else _("late work"))
    late.add_argument("--due", metavar="WHEN", help=_("due date, ISO 8601: 2026-12-01T23:59+09:00 (no offset: UTC)"))
    late.add_argument("--grace", default="0", metavar="DURATION", help=_("grace period after the due date: 15m, 2h, 1d"))
    late.add_argument("--late-per-day", type=float, default=0.0, metavar="PERCENT",
                      help=_("percent of the score taken off per day late (default 0)"))
    late.add_argument("--late-cap", type=float, default=100.0, metavar="PERCENT",
                      help=_("at most this percent taken off (default 100)"))
    return late


def late_policy_from(args):
    """The LatePolicy the options give, or None without --due. Raises PolicyError on bad values."""
    from .policy import LatePolicy, parse_duration, parse_instant

    if not args.due:
        return None
    return LatePolicy(due=parse_instant(args.due), grace=parse_duration(args.grace),
                      per_day_percent=args.late_per_day, cap_percent=args.late_cap)
