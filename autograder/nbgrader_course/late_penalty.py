"""The kit's late policy as an nbgrader late-submission plugin: the same rule as every other front end.

nbgrader computes how late a submission is from the assignment's due date
(`nbgrader db assignment add NAME --duedate ...`) and the submission's
`timestamp.txt`, then asks this plugin for the penalty in points. The rule
is late_work.LatePolicy's: started 24-hour days after the grace period,
`per_day_percent` of the notebook's score per day, at most `cap_percent`.
`autograder nbgrader --late-per-day ...` writes the configuration:

    c.AssignLatePenalties.plugin_class = "autograder.nbgrader_course.late_penalty.KitLatePenalty"
    c.KitLatePenalty.per_day_percent = 10.0
"""
from datetime import datetime, timedelta, timezone

from nbgrader.plugins import BasePlugin
from traitlets import Float

from autograder.late_work import LatePolicy

_DUE = datetime(2000, 1, 1, tzinfo=timezone.utc)     # any instant: only the seconds late matter


class KitLatePenalty(BasePlugin):
    """Penalty points of a late notebook under the kit's late policy."""

    grace_seconds = Float(0.0, help="grace period after the due date, in seconds").tag(config=True)
    per_day_percent = Float(0.0, help="percent of the score taken off per started day late").tag(config=True)
    cap_percent = Float(100.0, help="at most this percent of the score taken off").tag(config=True)

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        policy = LatePolicy(due=_DUE, grace=timedelta(seconds=self.grace_seconds),
                            per_day_percent=self.per_day_percent, cap_percent=self.cap_percent)
        verdict = policy.verdict(_DUE + timedelta(seconds=float(total_seconds_late or 0)))
        return score - verdict.apply(score)
