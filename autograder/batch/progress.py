"""The batch's progress on stderr: a redrawn bar on a terminal, one line per submission otherwise (CI logs)."""
import sys
import time

from autograder.translation import _

BAR_WIDTH = 28


class Progress:
    """total: submissions to grade this run; skipped: already recorded; jobs: processes at once."""

    def __init__(self, total, skipped=0, jobs=1, stream=None, enabled=True, changed=0):
        self.total, self.skipped, self.jobs, self.changed = total, skipped, max(1, jobs), changed
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.done = self.errors = self.running = 0
        self.started = time.monotonic()
        self._drawn = False

    def start(self):
        if self.enabled:
            self.line(_("grading {count} submission(s) with {jobs} process(es)").format(count=self.total, jobs=self.jobs)
                      + (_("; {count} changed since graded, regraded").format(count=self.changed)
                         if self.changed else "")
                      + (_("; {count} already graded, skipped").format(count=self.skipped) if self.skipped else ""))

    def finished(self, label, summary, error=False):
        """One submission is recorded: `summary` is its score or its problem."""
        self.done += 1
        self.errors += bool(error)
        if self.enabled and (error or not self.tty):
            self.line(f"[{self.done}/{self.total}] {label}: {summary}")
        self.draw()

    def tick(self, running):
        self.running = running
        self.draw()

    def draw(self):
        if not self.tty:
            return
        filled = int(BAR_WIDTH * self.done / self.total) if self.total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        text = f"\r[{bar}] {self.done}/{self.total}  " + _("errors {errors}  running {running}  {clock} elapsed").format(
            errors=self.errors, running=self.running, clock=_clock(self.elapsed())) + self._eta()
        self.stream.write(text + "\033[K")
        self.stream.flush()
        self._drawn = True

    def line(self, text):
        if self._drawn:
            self.stream.write("\r\033[K")
        self.stream.write(text + "\n")
        self.stream.flush()
        self.draw()

    def close(self, text):
        if self._drawn:
            self.stream.write("\r\033[K")
            self._drawn = False
        if self.enabled:
            self.stream.write(text + "\n")
            self.stream.flush()

    def elapsed(self):
        return time.monotonic() - self.started

    def _eta(self):
        if not self.done or self.done >= self.total:
            return ""
        return _(", ~{clock} left").format(clock=_clock(self.elapsed() / self.done * (self.total - self.done)))


def _clock(seconds):
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}:{seconds:02d}"
