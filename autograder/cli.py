"""The `autograder` command: a parser built from one module per subcommand.

Adding a subcommand is a one-file job: write a module that defines

    NAME = "release"                 # the subcommand
    HELP = "one line for --help"
    def add_arguments(parser): ...  # an argparse parser of its own
    def run(args) -> int: ...        # the exit code

and add its dotted name to SUBCOMMANDS below. A subcommand whose module does
not import (an optional dependency missing) is still listed; running it prints
the import error.

Every subcommand takes `--lang ja|en`: the language of its messages and --help
(read before the parser is built; see `autograder/translation.py`), and for the
instructors' tools the course's language written into what they generate
(`args.lang`, None when not given).
"""
import argparse
import importlib
import sys

SUBCOMMANDS = [
    "autograder.grading.command",
    "autograder.gradescope_bundle.command",
    "autograder.batch.command",
    "autograder.release.command",
    "autograder.nbgrader_course.command",
    "autograder.exports.command",
    "autograder.classroom50.command",
    "autograder.similarity.command",
]

USAGE_ERROR = 2   # argparse's own exit code for bad arguments
LANG_OPTION = "--lang"


def build_parser(subcommands=SUBCOMMANDS):
    from autograder.translation import LANGUAGES, _, translated

    parser = argparse.ArgumentParser(
        prog="autograder", description=_("Grade deep-learning-from-scratch submissions, and more."))
    parser.add_argument(LANG_OPTION, choices=LANGUAGES, default=None, dest="top_lang",
                        help=_("language of the messages: ja or en (default: $KIT_LANG, else the locale)"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for dotted in subcommands:
        try:
            module = importlib.import_module(dotted)
        except Exception as err:  # noqa: BLE001 - one broken subcommand must not break the others
            name = dotted.rsplit(".", 2)[-2] if dotted.endswith(".command") else dotted.rsplit(".", 1)[-1]
            sub = commands.add_parser(name, help=_("(unavailable: {error})").format(error=f"{type(err).__name__}: {err}"))
            sub.set_defaults(handler=_unavailable(dotted, err))
            continue
        sub = commands.add_parser(module.NAME, help=translated(module.HELP), description=translated(module.HELP))
        module.add_arguments(sub)
        sub.add_argument(LANG_OPTION, choices=LANGUAGES, default=None,
                         help=_("language of the messages and --help, and for release, nbgrader and gradescope "
                                "the course's language written into what they make: ja or en "
                                "(default: $KIT_LANG, else the locale)"))
        sub.set_defaults(handler=module.run)
    return parser


def requested_language(argv):
    """The value of --lang in argv (before parsing, so that --help is in that language), or None."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == LANG_OPTION and index + 1 < len(argv):
            return argv[index + 1]
        if word.startswith(LANG_OPTION + "="):
            return word.split("=", 1)[1]
    return None


def _command_word(argv):
    """The subcommand argv names (the first word that is not an option or --lang's value), or None."""
    words = iter(argv)
    for word in words:
        if word == LANG_OPTION:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _unavailable(dotted, err):
    def run(args):
        from autograder.translation import _

        print(_("autograder {command}: unavailable ({module} does not import: {error})").format(
            command=args.command, module=dotted, error=f"{type(err).__name__}: {err}"), file=sys.stderr)
        return 1
    return run


def main(argv=None):
    from autograder.translation import argparse_in_language, language_code, set_language

    argv = sys.argv[1:] if argv is None else list(argv)
    if _command_word(argv) == "grade" and not {"-h", "--help"} & set(argv):
        from autograder.sandbox.warm_up import warm_up

        warm_up()   # the sandbox imports NumPy while this process imports pytest and the checks
    requested = requested_language(argv)
    if requested and language_code(requested):  # an unknown one is refused by the parser below
        set_language(requested)
    with argparse_in_language():  # argparse's own "usage:", "options", "error: ..." too
        args = build_parser().parse_args(argv)
    args.lang = getattr(args, "lang", None) or args.top_lang  # `autograder --lang ja grade ...` as `autograder grade --lang ja ...`
    return int(args.handler(args) or 0)


def run_command(argv=None):
    """The `autograder` command: main(argv), then exit_without_teardown with its code."""
    try:
        code = main(argv)
    except SystemExit as stop:           # argparse's --help and usage errors
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if not isinstance(stop.code, int) and stop.code is not None:
            print(stop.code, file=sys.stderr)
    exit_without_teardown(code)


def exit_without_teardown(code):
    """Exit with `code`, skipping the interpreter's teardown.

    Freeing every module and object at exit (pytest, NumPy, the checks) takes a tenth of a
    second or more, for memory the OS takes back anyway; the exit handlers still run (spare
    workers ended, temporary folders removed) and the output is flushed first.
    """
    import atexit
    import os

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):    # a closed pipe: nothing more to say
            pass
    os._exit(code if isinstance(code, int) else (0 if code is None else 1))


if __name__ == "__main__":
    run_command()
