"""The record of a training run: a progress bar while it runs, a plot when it ends."""
import sys
import time

from .figure_font import figure_language
from .translation import N_, _, translated

PROGRESS_BAR_WIDTH = 30


class TrainingLog:
    """Records (step, loss, accuracy) points, shows progress, and plots them.

    title: shown beside the progress bar and on the plot.
    step_name: what a step is ("step", "epoch"), for the progress line and the plot's axis.
    total_steps: when known, the progress bar shows a fraction of it (``record`` may give it too).
    stream: where the progress bar is written (default: sys.stderr).
    """

    def __init__(self, title, step_name=N_("step"), total_steps=None, stream=None):
        self.title = title
        self.step_name = step_name
        self.total_steps = total_steps
        self.stream = stream if stream is not None else sys.stderr
        self.steps = []
        self.losses = []
        self.accuracies = []
        self.test_accuracy = None
        self.started = time.perf_counter()
        self.seconds = None

    def record(self, step, loss, accuracy, total_steps=None):
        """Adds one point: the training loss and training accuracy after ``step`` (of ``total_steps``)."""
        if total_steps is not None:
            self.total_steps = total_steps
        self.steps.append(step)
        self.losses.append(float(loss))
        self.accuracies.append(float(accuracy))
        self._show_progress()

    def _show_progress(self):
        step = self.steps[-1]
        step_name = translated(self.step_name)
        if self.total_steps:
            done = min(step / self.total_steps, 1.0)
            filled = round(done * PROGRESS_BAR_WIDTH)
            bar = "#" * filled + "-" * (PROGRESS_BAR_WIDTH - filled)
            position = f"[{bar}] {step_name} {step}/{self.total_steps}"
        else:
            position = f"{step_name} {step}"
        figures = _("loss {loss:.4f}  train accuracy {accuracy:.3f}").format(loss=self.losses[-1],
                                                                           accuracy=self.accuracies[-1])
        self.stream.write(f"\r{translated(self.title)}: {position}  {figures}")
        self.stream.flush()

    def finish(self, test_accuracy=None):
        """Ends the progress line and keeps the test accuracy for the plot."""
        self.seconds = time.perf_counter() - self.started
        self.test_accuracy = test_accuracy
        if self.steps:
            self.stream.write("\n")
        from .translation import _

        self.stream.write(_("trained in {seconds:.2f} s").format(seconds=self.seconds) + "\n")
        self.stream.flush()

    def save_plot(self, path):
        """Writes a PNG with the loss (left) and the accuracy (right) against the step, labels in the
        chosen language (English, with one notice, when no font can show Japanese)."""
        import matplotlib
        matplotlib.use("Agg")  # files only: works without a display
        import matplotlib.pyplot as plt

        with figure_language():
            step_name = translated(self.step_name)
            figure, (loss_axes, accuracy_axes) = plt.subplots(1, 2, figsize=(10, 4))
            loss_axes.plot(self.steps, self.losses, marker=".")
            loss_axes.set(title=_("training loss"), xlabel=step_name, ylabel=_("cross-entropy"))
            accuracy_axes.plot(self.steps, self.accuracies, marker=".", label=_("train"))
            if self.test_accuracy is not None:
                accuracy_axes.axhline(self.test_accuracy, color="tab:orange", linestyle="--",
                                      label=_("test ({accuracy:.3f})").format(accuracy=self.test_accuracy))
            accuracy_axes.set(title=_("accuracy"), xlabel=step_name, ylabel=_("accuracy"), ylim=(0, 1.02))
            accuracy_axes.legend(loc="lower right")
            figure.suptitle(translated(self.title))
            figure.tight_layout()
            figure.savefig(path, dpi=100)
            plt.close(figure)


def not_implemented_message(error):
    """One line for a NotImplementedError a mission's run stopped on: the stub it hit and its file.

    error: the NotImplementedError raised by a stub of this package (the innermost frame of this folder
    names it). What `python -m exercises.iris_mission` prints instead of a traceback on the stubs.
    """
    from pathlib import Path
    import traceback

    from .translation import _

    folder = Path(__file__).resolve().parent
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if Path(frame.filename).resolve().parent == folder]
    where = f"{frames[-1].name} ({Path(frames[-1].filename).name})" if frames else "?"
    return _("The mission cannot run yet: {where} is not implemented yet (see its TODO). "
             "Run python -m pytest exercises to see what is left.").format(where=where)
