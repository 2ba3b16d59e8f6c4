"""A one-line progress bar for an experiment made of several training runs."""
import sys
import time

BAR_WIDTH = 30
LABEL_WIPE = 20
REDRAW_SECONDS = 0.1  # redrawing on every step would slow the short runs down


class ProgressBar:
    """Counts steps and redraws one line on `stream` (default stderr).

    `expect(total_steps)` says how many steps the experiment takes; `start(label)`
    names the run in progress; `advance()` counts one step; `close()` ends the
    line. A ProgressBar with stream=False draws nothing. When the stream is not
    a terminal (a log file), it writes one line per run instead of redrawing.
    """

    def __init__(self, title, stream=None):
        self.title = title
        self.stream = sys.stderr if stream is None else stream
        self.total_steps = 1
        self.steps = 0
        self.label = ""
        self.started = time.perf_counter()
        self._drawn_at = None
        self._terminal = bool(self.stream) and self.stream.isatty()

    def expect(self, total_steps):
        self.total_steps = max(int(total_steps), 1)

    def start(self, label):
        """Shows which run the next steps belong to."""
        self.label = label
        self._draw()

    def advance(self, steps=1):
        self.steps += steps
        if self._terminal and (self._drawn_at is None
                               or time.perf_counter() - self._drawn_at >= REDRAW_SECONDS):
            self._draw()

    def close(self):
        """Draws the final state and ends the line (if one was drawn)."""
        if self.stream and self._drawn_at is not None:
            self._draw()
            if self._terminal:
                self.stream.write("\n")
                self.stream.flush()

    def _draw(self):
        if not self.stream:
            return
        self._drawn_at = time.perf_counter()
        done = min(self.steps / self.total_steps, 1.0)
        filled = round(done * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        elapsed = self._drawn_at - self.started
        line = f"{self.title} [{bar}] {done:4.0%}  {elapsed:5.1f} s  {self.label}"
        if self._terminal:
            # Back to the line's start; trailing spaces wipe what a longer label left.
            self.stream.write(f"\r{line:<{len(line) + LABEL_WIPE}}")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def silent_progress():
    """A ProgressBar that draws nothing: for calling an experiment from code or tests."""
    return ProgressBar("", stream=False)
