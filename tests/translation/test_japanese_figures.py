"""The experiments in Japanese: output, figure labels with a Japanese font, English labels without one."""
import matplotlib
import pytest

matplotlib.use("Agg")  # files only, before anything imports pyplot

from exercises import figure_font  # noqa: E402
from exercises.experiments import activation_histograms, figures  # noqa: E402
from exercises.experiments.submission import load_submission  # noqa: E402

from .test_japanese_output import run_kit  # noqa: E402


@pytest.fixture(scope="module")
def histograms():
    return activation_histograms.activation_histograms(load_submission(use_solutions=True), samples=50)


def figure_texts(figure):
    texts = [figure.get_suptitle()]
    for axes in figure.axes:
        texts += [axes.get_title(), axes.get_xlabel(), axes.get_ylabel()]
    return " ".join(texts)


def test_figure_labels_are_japanese_with_a_japanese_font(histograms, monkeypatch):
    monkeypatch.setenv("KIT_LANG", "ja")
    assert figures.japanese_font(), "matplotlib-fontja (or a system Japanese font) is expected here"
    with figures.figure_language():
        text = figure_texts(activation_histograms.plot(histograms))
    assert "層目" in text and "重みの初期値" in text and "layer" not in text


def test_without_a_japanese_font_labels_fall_back_to_english_with_one_notice(histograms, monkeypatch, capsys):
    monkeypatch.setenv("KIT_LANG", "ja")
    monkeypatch.setattr(figure_font, "japanese_font", lambda: None)
    figure_font.notice_no_japanese_font.cache_clear()
    for _ in range(2):
        with figures.figure_language():
            text = figure_texts(activation_histograms.plot(histograms))
        assert "layer 1" in text and "層目" not in text
    assert capsys.readouterr().err.count("日本語フォントが見つかりません") == 1
    import os
    assert os.environ["KIT_LANG"] == "ja"  # restored after drawing


def test_an_experiment_run_with_lang_ja_prints_japanese(tmp_path):
    result = run_kit("-m", "exercises.experiments.activation_histograms", "--solutions", "--no-show",
                     "--lang", "ja", "--out", str(tmp_path / "histograms.png"))
    assert result.returncode == 0, result.stderr
    assert "最後の層" in result.stdout and "図:" in result.stdout
    assert (tmp_path / "histograms.png").stat().st_size > 10_000


def _mission_plot_texts(tmp_path, monkeypatch):
    """The texts of the plot a mission saves (TrainingLog.save_plot), as drawn."""
    import matplotlib.pyplot as plt

    from exercises.training_log import TrainingLog

    drawn = []
    monkeypatch.setattr(plt.Figure, "savefig", lambda figure, *args, **kwargs: drawn.append(figure_texts(figure)
                                                                                        + " " + " ".join(
        t.get_text() for axes in figure.axes if axes.get_legend() for t in axes.get_legend().get_texts())))
    log = TrainingLog("Iris mission (4-6-3 network)", stream=open(tmp_path / "progress.txt", "w"))
    log.record(1, 1.0, 0.5, 2)
    log.record(2, 0.5, 0.9, 2)
    log.finish(test_accuracy=0.9)
    log.save_plot(tmp_path / "plot.png")
    return drawn[0]


def test_a_missions_plot_is_labelled_in_japanese(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_LANG", "ja")
    text = _mission_plot_texts(tmp_path, monkeypatch)
    assert "訓練データの損失" in text and "交差エントロピー誤差" in text and "認識精度" in text
    assert "テスト (0.900)" in text and "training loss" not in text


def test_a_missions_plot_falls_back_to_english_without_a_japanese_font(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_LANG", "ja")
    monkeypatch.setattr(figure_font, "japanese_font", lambda: None)
    text = _mission_plot_texts(tmp_path, monkeypatch)
    assert "training loss" in text and "cross-entropy" in text and "訓練データの損失" not in text


def test_the_class_reports_figure_is_labelled_in_the_course_language(tmp_path, monkeypatch):
    from autograder.batch import report_figure
    from autograder.batch.class_report import class_stats
    from autograder.results import GradingRun, TestResult

    run = GradingRun(submission="a", seed=1, kit_version="t", tests=[
        TestResult(name="t", unit="functions.relu", max_score=1.0, score=1.0, passed=True)])
    drawn = []
    monkeypatch.setattr(report_figure, "_save", lambda figure, path: drawn.append(figure_texts(figure)) or True)
    for language in ("ja", "en"):
        monkeypatch.setenv("KIT_LANG", language)
        assert report_figure.write_figure(class_stats([("a", run, None)]), tmp_path / "report.png")
    assert "ユニットごとの合格率 (採点済み 1 件)" in drawn[0] and "得点の分布" in drawn[0]
    assert "Pass rate per unit (1 graded)" in drawn[1] and "得点" not in drawn[1]
