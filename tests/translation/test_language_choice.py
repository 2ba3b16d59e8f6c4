"""Which language the kit speaks: --lang, then KIT_LANG, then the locale, then English."""
import subprocess
import sys

import pytest

from solutions.translation import Catalogue, chosen_language, language_code, set_language

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, code", [
    ("ja", "ja"), ("JA", "ja"), ("ja_JP.UTF-8", "ja"), ("ja-JP", "ja"), ("en", "en"),
    ("en_GB.UTF-8", "en"), ("fr", None), ("C.UTF-8", None), ("", None),
])
def test_language_code_reads_language_and_locale_names(name, code):
    assert language_code(name) == code


def test_lang_option_wins_over_kit_lang_and_locale():
    environ = {"KIT_LANG": "en", "LANG": "en_US.UTF-8"}
    assert chosen_language("ja", environ) == "ja"
    assert chosen_language("en", {"KIT_LANG": "ja", "LC_ALL": "ja_JP.UTF-8"}) == "en"


def test_kit_lang_wins_over_the_locale():
    assert chosen_language(None, {"KIT_LANG": "ja", "LANG": "en_US.UTF-8"}) == "ja"
    assert chosen_language(None, {"KIT_LANG": "en", "LC_ALL": "ja_JP.UTF-8"}) == "en"


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "ja_JP.UTF-8"}, "ja"),
    ({"LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
    ({"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "ja_JP.UTF-8"}, "en"),   # LC_ALL decides first
    ({"LC_ALL": "ja_JP.eucJP", "LANG": "C"}, "ja"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_locale_decides_when_nothing_else_does(environ, expected):
    assert chosen_language(None, environ) == expected


def test_an_unknown_kit_lang_is_reported_once_and_skipped(capsys):
    assert chosen_language(None, {"KIT_LANG": "klingon", "LANG": "ja_JP.UTF-8"}) == "ja"
    assert chosen_language(None, {"KIT_LANG": "klingon"}) == "en"
    assert capsys.readouterr().err.count("KIT_LANG=klingon") == 1


def test_an_unknown_requested_language_is_refused():
    with pytest.raises(ValueError, match="ja, en|en, ja"):
        chosen_language("fr", {})


def test_set_language_reaches_child_processes(monkeypatch):
    monkeypatch.setenv("KIT_LANG", "en")
    assert set_language("ja") == "ja"
    child = subprocess.run([sys.executable, "-c", "from solutions.translation import chosen_language; "
                            "print(chosen_language())"], cwd=REPO, capture_output=True, text=True, check=True)
    assert child.stdout.strip() == "ja"


def test_a_catalogue_speaks_the_language_chosen_at_each_call(monkeypatch):
    catalogue = Catalogue("autograder", REPO / "autograder" / "locale")
    message = "grade a submission (a directory or a .zip of one) with the hidden tests"
    monkeypatch.setenv("KIT_LANG", "ja")
    japanese = catalogue.gettext(message)
    monkeypatch.setenv("KIT_LANG", "en")
    assert catalogue.gettext(message) == message
    assert japanese != message and "提出" in japanese


def test_autograder_help_is_in_the_language_of_lang():
    def help_text(*options):
        return subprocess.run([sys.executable, "-m", "autograder", "grade", "--help", *options], cwd=REPO,
                              capture_output=True, text=True, check=True,
                              env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "KIT_LANG": "en"}).stdout

    assert "hidden tests" in help_text()
    japanese = help_text("--lang", "ja")
    assert "提出" in japanese and "hidden tests" not in japanese
