"""Under --lang ja, what `autograder grade` prints is Japanese: the report, and also the refusals of the
intake, the lines of a call that ran too long or a worker that stopped, and the grader's own notes.

Each scenario grades a small submission (or a path the intake refuses) with --lang ja and looks for an
English sentence outside code, quoted names and Python's own exception messages.
"""
import json
import re
import shutil
import zipfile

import pytest

from autograder import cli
from autograder.submission_intake import copy_modules

from .test_japanese_output import REPO

#: Python's own words that may appear in a report (exception messages, a traceback's source line).
PYTHONS_OWN = ("File is not a zip file", "invalid syntax", "No module named", "def broken", "while True")


def kit_english(text):
    """The English phrases (three words or more) of `text`, outside quotes, code and Python's messages."""
    for words in PYTHONS_OWN:
        text = text.replace(words, "")
    text = re.sub(r"'[^'\n]*'|\"[^\"\n]*\"", "", text)
    return re.findall(r"\b[A-Za-z]+(?: +[A-Za-z]+){2,}\b", text)


def grade_in_japanese(capsys, *argv):
    code = cli.main(["grade", "--lang", "ja", "--seed", "1", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.fixture(autouse=True)
def english_afterwards(monkeypatch):
    monkeypatch.setenv("KIT_LANG", "en")   # --lang ja sets KIT_LANG; this puts English back after the test


def test_the_detector_sees_an_english_sentence_and_passes_code_and_japanese():
    assert kit_english("autograder grade: error: /tmp/x: no such file or directory")
    assert kit_english("relu(x): timed out after 1 s in functions.relu")
    assert not kit_english("functions.py の import で SyntaxError が発生しました: invalid syntax (functions.py, line 9)")
    assert not kit_english("TODO: exp(x) / sum(exp(x)) を返しましょう。 File \"layers.py\", line 1, in <module>")


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


@pytest.mark.parametrize("scenario", ["no such path", "not a zip", "no modules", "unsafe zip", "two folders",
                                      "empty notebook", "unreadable notebook", "unknown unit"])
def test_a_refused_submission_is_told_in_japanese(scenario, tmp_path, capsys):
    notebook = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
                "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                           "source": "x = 1"}]}
    paths = {
        "no such path": lambda: tmp_path / "nowhere",
        "not a zip": lambda: tmp_path / "broken.zip",
        "no modules": lambda: tmp_path,
        "unsafe zip": lambda: _zip(tmp_path / "unsafe.zip", {"../functions.py": "x = 1"}),
        "two folders": lambda: _zip(tmp_path / "two.zip", {"a/functions.py": "x = 1", "b/functions.py": "x = 1"}),
        "empty notebook": lambda: tmp_path / "empty.ipynb",
        "unreadable notebook": lambda: tmp_path / "bad.ipynb",
        "unknown unit": lambda: REPO / "solutions",
    }
    (tmp_path / "broken.zip").write_text("not a zip")
    (tmp_path / "empty.ipynb").write_text(json.dumps(notebook))
    (tmp_path / "bad.ipynb").write_text(json.dumps({"nbformat": 3}))
    argv = [paths[scenario]()] + (["--only", "nosuch.unit"] if scenario == "unknown unit" else [])
    code, shown = grade_in_japanese(capsys, *argv)
    assert code == 2 and "エラー" in shown
    assert not kit_english(shown), shown


def test_a_module_that_does_not_import_or_is_missing_is_told_in_japanese(tmp_path, capsys):
    submission = copy_modules(REPO / "solutions", tmp_path / "submission")
    (submission / "layers.py").unlink()
    with open(submission / "gradient.py", "a", encoding="utf-8") as module:
        module.write("\ndef broken(:\n")
    code, shown = grade_in_japanese(capsys, submission, "--only", "gradient", "--only", "layers.Relu",
                                    "--only", "functions.sigmoid")
    assert code == 0 and "gradient.py の import で SyntaxError が発生しました" in shown
    assert "layers.py がありません" in shown
    assert not kit_english(shown), shown


def test_a_call_that_runs_too_long_and_a_worker_that_exits_are_told_in_japanese(tmp_path, capsys):
    submission = copy_modules(REPO / "solutions", tmp_path / "submission")
    source = (submission / "functions.py").read_text(encoding="utf-8")
    source = source.replace("def sigmoid(x):", "def sigmoid(x):\n    while True:\n        pass\n", 1)
    (submission / "functions.py").write_text(source, encoding="utf-8")
    (submission / "optimizer.py").write_text("import os\nos._exit(3)\n", encoding="utf-8")
    code, shown = grade_in_japanese(capsys, submission, "--only", "functions.sigmoid", "--only", "optimizer.SGD",
                                    "--timeout", "1", "--budget", "60")
    assert code == 0 and "functions.sigmoid で時間切れになりました" in shown
    assert "あなたのコードが採点用のプロセスを終了させました (終了コード 3)" in shown
    assert not kit_english(shown), shown


def test_kit_lang_alone_makes_an_intake_refusal_japanese(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KIT_LANG", "ja")
    code = cli.main(["grade", str(tmp_path / "nowhere")])
    shown = capsys.readouterr().err
    assert code == 2 and "そのようなファイルやフォルダはありません" in shown and not kit_english(shown)


def test_the_class_report_still_counts_timeouts_and_imports_written_in_japanese(monkeypatch):
    from autograder.batch.class_report import failed_imports, run_incidents
    from autograder.results import GradingRun, TestResult

    monkeypatch.setenv("KIT_LANG", "ja")
    run = GradingRun(submission="s", seed=1, kit_version="0", tests=[
        TestResult(name="a", unit="functions.sigmoid", max_score=1, score=0, passed=False,
                   output="sigmoid(x): functions.sigmoid で時間切れになりました (1 秒)"),
        TestResult(name="b", unit="layers.Relu", max_score=1, score=0, passed=False,
                   output="layers.py の import で SyntaxError が発生しました: invalid syntax"),
    ])
    assert {(i.kind, i.unit) for i in run_incidents("s", run)} == {("timeout", "functions.sigmoid"),
                                                                 ("import", "layers.Relu")}
    assert failed_imports(run) == {"layers": "SyntaxError"}


def test_what_the_worker_itself_says_is_japanese_too(tmp_path, capsys):
    """The sandboxed worker has no translations: the grader words its messages again (client.worker_message)."""
    submission = copy_modules(REPO / "solutions", tmp_path / "submission")
    source = (submission / "functions.py").read_text(encoding="utf-8")
    source = source.replace("def relu(x):", "def relu(x):\n    return np.zeros((6000, 6000))\n", 1)
    source = source.replace("def softmax(x):", "def softmax(x):\n    open('/tmp/big.bin', 'wb').write(b'0' * (80 << 20))\n", 1)
    (submission / "functions.py").write_text(source, encoding="utf-8")
    code, shown = grade_in_japanese(capsys, submission, "--only", "functions.relu", "--only", "functions.softmax")
    squashed = "".join(shown.split())        # long lines are wrapped, Japanese ones between characters
    assert code == 0 and "採点プログラムが受け取れるのは32MBまでです" in squashed
    assert "提出物が書き込めるファイルの大きさは64MBまでです" in squashed
    assert not kit_english(shown.replace("File too large", "")), shown


def test_the_class_report_and_the_similarity_table_are_japanese(monkeypatch):
    from autograder.batch.class_report import class_stats, render_report
    from autograder.results import GradingRun, TestResult
    from autograder.similarity.pairs import Pair
    from autograder.similarity.report import render_markdown

    monkeypatch.setenv("KIT_LANG", "ja")
    failed = TestResult(name="a", unit="functions.sigmoid", max_score=2, score=0, passed=False,
                        output="sigmoid(x): functions.sigmoid で時間切れになりました (1 秒)")
    passed = TestResult(name="a", unit="functions.sigmoid", max_score=2, score=2, passed=True, output="")
    entries = [("alice", GradingRun(submission="alice", seed=1, kit_version="0", tests=[passed]), None),
               ("bob", GradingRun(submission="bob", seed=1, kit_version="0", tests=[failed]), None),
               ("carol", None, "採点プログラムが異常終了しました (終了コード 1)")]
    report = render_report(class_stats(entries), figure="report.png")
    assert report.startswith("# クラスのレポート") and "## 時間切れ、異常終了、読み込めないモジュール" in report
    assert not kit_english(report), report
    table = render_markdown([Pair("alice", "bob", 0.5, 0.25, 120)], 2)
    assert table.startswith("# 学生が書いたコードの類似度") and not kit_english(table), table


@pytest.mark.parametrize("argv, said", [
    (["export", "{tmp}/nowhere", "--format", "csv"], "ありません。export は"),
    (["batch", "{tmp}", "--out", "{tmp}/out", "--due", "next friday"], "日時として読めません"),
    (["gradescope", "{tmp}/bundle.tar"], "バンドルは .zip ファイルです"),
])
def test_an_instructors_mistake_is_told_in_japanese(argv, said, tmp_path, capsys):
    code = cli.main([word.format(tmp=tmp_path) for word in argv] + ["--lang", "ja"])
    shown = capsys.readouterr().err
    assert code != 0 and said in shown, shown
    assert not kit_english(shown.replace("autograder batch --out DIR", "")), shown
