"""What a Japanese-speaking student sees: the grader's report and a recognised mistake's hint in Japanese."""
import os
import subprocess
import sys
from pathlib import Path

from autograder.mistakes.catalogue import MISTAKES
from autograder.submission_intake import copy_modules

REPO = Path(__file__).resolve().parents[2]


def run_kit(*args, lang_env=None, cwd=REPO):
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("KIT_LANG", "LANG", "LC_ALL", "LC_MESSAGES")}
    environment.update({"PYTHONPATH": str(REPO), **(lang_env or {})})
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=environment,
                          timeout=300)


def test_grade_lang_ja_shows_the_report_and_the_mistake_hint_in_japanese(tmp_path):
    mistake = next(m for m in MISTAKES if m.name == "softmax without subtracting the max")
    submission = copy_modules(REPO / "solutions", tmp_path / "submission")
    mistake.write_into(submission)
    result = run_kit("-m", "autograder", "grade", str(submission), "--only", "functions.softmax",
                     "--lang", "ja", "--seed", "1")
    assert result.returncode == 0, result.stderr
    report = "".join(result.stdout.split())  # long lines are wrapped, Japanese ones between characters
    assert "採点結果" in report and "合計" in report and "直すところ" in report
    assert "よくある間違い:softmaxで最大値を引いていない" in report
    assert "np.expの前に各行の最大値をxから引きましょう" in report
    assert "ikely mistake" not in result.stdout and "Total" not in result.stdout


def test_the_locale_alone_makes_the_grader_speak_japanese(tmp_path):
    submission = copy_modules(REPO / "solutions", tmp_path / "submission")
    result = run_kit("-m", "autograder", "grade", str(submission), "--only", "functions.sigmoid",
                     lang_env={"LANG": "ja_JP.UTF-8"})
    assert result.returncode == 0, result.stderr
    assert "合格" in result.stdout and "Total" not in result.stdout
    english = run_kit("-m", "autograder", "grade", str(submission), "--only", "functions.sigmoid",
                      lang_env={"LANG": "ja_JP.UTF-8", "KIT_LANG": "en"})
    assert "Total" in english.stdout and "合計" not in english.stdout


def test_stubs_carry_the_japanese_todo_and_the_grader_shows_it(tmp_path):
    stub = (REPO / "exercises" / "functions.py").read_text(encoding="utf-8")
    assert "# 日本語: 要素ごとに max(0, x) を返しましょう (np.maximum)。" in stub
    submission = copy_modules(REPO / "exercises", tmp_path / "stubs")
    result = run_kit("-m", "autograder", "grade", str(submission), "--only", "functions.relu", "--lang", "ja")
    assert result.returncode == 0, result.stderr
    unwrapped = "".join(result.stdout.split())  # long lines are wrapped, Japanese ones between characters
    assert "まだ実装されていません" in unwrapped
    assert "TODO:要素ごとにmax(0,x)を返しましょう(np.maximum)。" in unwrapped


def test_visible_tests_in_japanese_show_the_hint_and_the_progress_table(tmp_path):
    mistake = next(m for m in MISTAKES if m.name == "Relu backward with the mask inverted")
    submission = copy_modules(REPO / "solutions", tmp_path / "submission")
    mistake.write_into(submission)
    result = run_kit("-m", "pytest", "exercises", "-q", "-p", "no:cacheprovider", "--submission", str(submission),
                     "-k", "relu or Relu", lang_env={"KIT_LANG": "ja"})
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout
    assert "ヒント: forward で x <= 0 の位置 (self.mask) を覚えておき" in output
    assert "期待値:" in output and "結果:" in output
    assert "進み具合" in output and "取り組み中: 3 件中 1 件のテストに合格" in output and "完了" in output
    assert "expected:" not in output and "progress" not in output


def test_visible_tests_lang_option_and_stub_lines(tmp_path):
    result = run_kit("-m", "pytest", "exercises", "-q", "-p", "no:cacheprovider", "--lang", "ja",
                     "-k", "sigmoid_of_zero", lang_env={"KIT_LANG": "en"})
    output = result.stdout
    assert "sigmoid (exercises/functions.py): まだ実装されていません - TODO: 要素ごとに 1 / (1 + exp(-x)) を返しましょう。" \
        in output, output
    assert "未着手" in output
