"""argparse's own words ("usage:", "options", "error: the following arguments are required") follow
the kit's language in the instructors' `autograder` command and the students' experiments."""
import argparse
import ast
import re

import pytest

from autograder import cli
from autograder.message_catalogues import DOMAINS, read_catalogue
from exercises.experiments import command_line
from exercises.experiments.weight_init import EXPERIMENT
from solutions.translation import ARGPARSE_MESSAGES

ENGLISH_WORDS = ("usage:", "positional arguments", "options:", "show this help message and exit", "error:",
                 "the following arguments are required", "invalid choice", "invalid int value")

#: argparse messages only a programmer building a parser wrongly can see: they stay English.
PROGRAMMERS_MESSAGES = {
    ".__call__() not defined", "'required' is an invalid argument for positionals",
    "mutually exclusive arguments must be optional", "%r is not callable",
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r", "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments", "conflicting subparser: %s", "conflicting subparser alias: %s",
    "conflicting option string: %s", "conflicting option strings: %s",
}


@pytest.fixture
def language(monkeypatch):
    """Set KIT_LANG for one test (the commands set it too; monkeypatch puts the old value back)."""
    def choose(code):
        monkeypatch.setenv("KIT_LANG", code)
    choose("en")
    return choose


def run(main, argv, capsys):
    """(exit code, stdout, stderr) of a command that exits through argparse."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def english_words(text):
    return [word for word in ENGLISH_WORDS if word in text]


def test_autograder_help_and_a_missing_argument_are_japanese_with_lang_ja(language, capsys):
    code, out, _ = run(cli.main, ["--lang", "ja", "--help"], capsys)
    assert code == 0
    assert out.startswith("使い方: autograder") and "位置引数:" in out and "オプション:" in out
    assert "このヘルプを表示して終了します" in out and not english_words(out)

    code, out, _ = run(cli.main, ["grade", "--help", "--lang", "ja"], capsys)
    assert code == 0 and "使い方: autograder grade" in out and not english_words(out)

    code, _, err = run(cli.main, ["grade", "--lang", "ja"], capsys)
    assert code == cli.USAGE_ERROR
    assert "autograder grade: エラー: 次の引数を指定してください: PATH" in err and not english_words(err)


def test_autograder_usage_errors_are_japanese_with_kit_lang_ja(language, capsys):
    language("ja")
    _, _, err = run(cli.main, ["grade", "--format", "pdf", "submission"], capsys)
    assert "引数 --format: 'pdf' は選べません (" in err and not english_words(err)
    _, _, err = run(cli.main, ["grade", "--seed", "many", "submission"], capsys)
    assert "引数 --seed: 'many' は int の値として読めません" in err and not english_words(err)
    _, _, err = run(cli.main, ["no-such-command"], capsys)
    assert "エラー: 引数 COMMAND: 'no-such-command' は選べません" in err and not english_words(err)


def test_an_experiments_help_and_usage_error_are_japanese_with_lang_ja(language, capsys):
    main = lambda argv: command_line.main(EXPERIMENT, argv)  # noqa: E731
    code, out, _ = run(main, ["--help", "--lang", "ja"], capsys)
    assert code == 0 and out.startswith("使い方: python -m exercises.experiments.weight_init")
    assert "このヘルプを表示して終了します" in out and not english_words(out)
    code, _, err = run(main, ["--lang", "ja", "--dataset", "cifar"], capsys)
    assert code == 2 and "エラー: 引数 --dataset: 'cifar' は選べません" in err and not english_words(err)


def test_english_stays_argparses_own_and_argparse_is_left_as_it_was(language, capsys):
    before = argparse._, argparse.ngettext
    _, out, _ = run(cli.main, ["grade", "--help", "--lang", "en"], capsys)
    assert out.startswith("usage: autograder grade") and "show this help message and exit" in out
    _, _, err = run(cli.main, ["grade"], capsys)
    assert "error: the following arguments are required: PATH" in err
    language("ja")
    run(cli.main, ["grade"], capsys)
    assert (argparse._, argparse.ngettext) == before
    assert "usage: " in argparse.ArgumentParser(prog="other").format_usage()


def _argparse_messages_of_this_python():
    """Every literal message argparse.py (of the Python running the tests) shows through _ or ngettext."""
    tree = ast.parse(open(argparse.__file__, encoding="utf-8").read())
    messages = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            for argument in node.args[:2 if node.func.id == "ngettext" else 1]:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    messages.add(argument.value)
                elif isinstance(argument, ast.Call):  # 3.11: _(kwargs.pop('title', 'subcommands'))
                    messages.update(a.value for a in argument.args[1:]  # the default, not the key
                                    if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return messages - PROGRAMMERS_MESSAGES


def test_the_kit_knows_every_message_argparse_shows_a_user():
    missing = _argparse_messages_of_this_python() - set(ARGPARSE_MESSAGES)
    assert not missing, f"add these to ARGPARSE_MESSAGES (solutions/translation.py) and translate them: {missing}"


def test_the_japanese_argparse_messages_keep_their_percent_placeholders():
    catalogue = read_catalogue(DOMAINS["exercises"].po_path("ja"), "ja")
    specifiers = re.compile(r"%(?:\([a-z_]+\))?[sr]")
    for message in ARGPARSE_MESSAGES:
        translation = catalogue.get(message).string
        assert translation and sorted(specifiers.findall(translation)) == sorted(specifiers.findall(message)), \
            (message, translation)


#: What stays English in the instructors' --help: other programs' commands and menus, a docs section title.
OTHER_PROGRAMS_WORDS = ("nbgrader db assignment add", "Import grades from CSV file", "Grades > Import",
                        "Configure Autograder", "A GitHub repository per student")


@pytest.mark.parametrize("dotted", cli.SUBCOMMANDS)
def test_every_instructors_subcommand_help_is_japanese(dotted, language, capsys):
    from .test_grader_lines_japanese import kit_english

    name = __import__(dotted, fromlist=["NAME"]).NAME
    code, out, _ = run(cli.main, [name, "--help", "--lang", "ja"], capsys)
    assert code == 0 and out.startswith(f"使い方: autograder {name}")
    for words in OTHER_PROGRAMS_WORDS:       # possibly wrapped over two lines
        out = re.sub(r"\s+".join(map(re.escape, words.split())), "", out)
    assert not english_words(out) and not kit_english(out), out


@pytest.mark.parametrize("mission", ["iris_mission", "digits_mission", "cnn_mission"])
def test_a_missions_help_and_usage_error_are_japanese(mission, language, capsys):
    main = __import__(f"exercises.{mission}", fromlist=["main"]).main
    code, out, _ = run(main, ["--help", "--lang", "ja"], capsys)
    assert code == 0 and out.startswith("使い方: ") and "ミッション" in out and "--lang" in out
    assert not english_words(out), out
    language("ja")
    code, _, err = run(main, ["--seed", "many"], capsys)
    assert code == 2 and "エラー: 引数 --seed: 'many' は int の値として読めません" in err


def test_a_missions_progress_line_is_japanese(language):
    import io

    from exercises.training_log import TrainingLog
    from exercises.translation import N_

    language("ja")
    stream = io.StringIO()
    log = TrainingLog(N_("Digits mission (MultiLayerNet, batch norm, He, Adam)"), step_name=N_("epoch"),
                      stream=stream)
    log.record(1, 0.5, 0.875, 15)
    log.finish(test_accuracy=0.9)
    shown = stream.getvalue()
    assert "手書き数字のミッション" in shown and "エポック 1/15" in shown and "損失 0.5000" in shown
    assert "学習時間" in shown and "loss" not in shown and "trained in" not in shown


EXPERIMENTS = ["weight_init", "activation_histograms", "batch_norm", "conv_filters", "gradient_vanishing",
               "optimizers", "overfitting"]


@pytest.mark.parametrize("name", EXPERIMENTS)
def test_every_experiments_help_is_japanese_description_included(name, language, capsys):
    from .test_grader_lines_japanese import kit_english

    experiment = __import__(f"exercises.experiments.{name}", fromlist=["EXPERIMENT"]).EXPERIMENT
    code, out, _ = run(lambda argv: command_line.main(experiment, argv), ["--help", "--lang", "ja"], capsys)
    first_line = experiment.description.strip().splitlines()[0]
    assert code == 0 and first_line not in out and ("本書" in out or "講座" in out)
    assert not english_words(out) and not kit_english(out), out


@pytest.mark.parametrize("argv", [["--help"], ["grade", "--help"], ["batch", "--help"], ["gradescope", "--help"]])
def test_japanese_help_fits_the_terminal_width_in_columns(argv, language, capsys, monkeypatch):
    """textwrap counts a Japanese character as one column; it takes two: the kit cuts by columns."""
    from solutions.translation import columns

    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run(cli.main, [*argv, "--lang", "ja"], capsys)
    after_usage = out.split("\n\n", 1)[1]
    too_wide = [line for line in after_usage.splitlines() if columns(line) > 80]
    assert not too_wide, "\n".join(too_wide)


def test_the_usage_lines_line_up_under_the_japanese_prefix(language, capsys, monkeypatch):
    """"使い方: " takes 8 columns for 5 characters: the usage's next lines start under the first option."""
    from solutions.translation import columns

    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run(cli.main, ["grade", "--help", "--lang", "ja"], capsys)
    first, second = out.splitlines()[:2]
    assert first.startswith("使い方: autograder grade [")
    assert columns(second) - len(second.lstrip()) == columns("使い方: autograder grade ")
