# Generated from solutions/training_log.py by `python -m autograder.curriculum.make_exercises`: provided code, nothing to edit here.
"""The record of a training run: a progress bar while it runs, a plot when it ends.

日本語: 学習の記録: 実行中は進捗バー、終わったらグラフ。
"""
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

    日本語: (ステップ, 損失, 認識精度) の点を記録し、進捗を表示し、グラフに描きます。

    title: 進捗バーの横とグラフに表示する題名。
    step_name: 1 ステップが何か ("step"、"epoch")。進捗の行とグラフの軸に使います。
    total_steps: 分かっていれば、進捗バーはその何割まで進んだかを示します
        (``record`` でも渡せます)。
    stream: 進捗バーを書き出す先 (既定: sys.stderr)。
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
        """Adds one point: the training loss and training accuracy after ``step`` (of ``total_steps``).

        日本語: 点を 1 つ追加します:
        ``step`` (全 ``total_steps`` 中) の後の、訓練データでの損失と認識精度。
        """
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
        """Ends the progress line and keeps the test accuracy for the plot.

        日本語: 進捗の行を終え、グラフ用にテストデータでの認識精度を記録します。
        """
        self.seconds = time.perf_counter() - self.started
        self.test_accuracy = test_accuracy
        if self.steps:
            self.stream.write("\n")
        from .translation import _

        self.stream.write(_("trained in {seconds:.2f} s").format(seconds=self.seconds) + "\n")
        self.stream.flush()

    def save_plot(self, path):
        """Writes a PNG with the loss (left) and the accuracy (right) against the step, labels in the
        chosen language (English, with one notice, when no font can show Japanese).

        日本語: 損失 (左) と認識精度 (右) をステップに対して描いた PNG を書き出します。ラベル
        は選んだ言語で
        (日本語を表示できるフォントがないときは、一度だけ知らせて英語で)。
        """
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

    日本語: ミッションの実行が止まった NotImplementedError を 1 行で:
    行き当たったスタブとそのファイル。

    error: このパッケージのスタブが送出した NotImplementedError (このフォルダの中で
    いちばん内側のフレームがそのスタブです)。`python -m exercises.iris_mission` が
    スタブのままのときに、トレースバックの代わりに表示するものです。
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
