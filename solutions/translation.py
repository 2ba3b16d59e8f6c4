"""The language of the kit's messages (English or Japanese) and their translations.

Every message is written in English where the code shows it, marked for
translation: ``_("{unit}: not implemented yet")``, with named placeholders
filled in afterwards by ``.format(unit=...)``. Its Japanese translation lives in
a gettext catalogue beside this file, ``locale/ja/LC_MESSAGES/exercises.mo``,
read by Python's own `gettext` module: nothing to install.

The language, the first one found wins:
1. ``--lang ja|en`` on a command (it sets KIT_LANG, so what the command starts
   speaks the same language);
2. the environment variable KIT_LANG (``ja`` or ``en``);
3. the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set
   (``ja_JP.UTF-8`` means Japanese, anything else English);
4. English.
"""
import argparse
import contextlib
import functools
import gettext as stdlib_gettext
import os
import re
import sys
import unicodedata
from pathlib import Path

LANGUAGES = ("en", "ja")
DEFAULT_LANGUAGE = "en"
LANGUAGE_ENV = "KIT_LANG"
LOCALE_ENVS = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX order: the first one set decides


def language_code(name):
    """'ja' or 'en' for a language or locale name ('ja', 'JA', 'ja_JP.UTF-8', 'en-GB'), else None."""
    code = str(name).strip().lower().replace("-", "_").split(".")[0].split("_")[0].split("@")[0]
    return code if code in LANGUAGES else None


def chosen_language(requested=None, environ=None):
    """The language of the messages: 'ja' or 'en' (see the module docstring for the order).

    requested: the value of a --lang option, or None. A requested language the kit
    does not speak raises ValueError; a KIT_LANG it does not speak is reported once
    on stderr and skipped.
    """
    environ = os.environ if environ is None else environ
    if requested:
        code = language_code(requested)
        if code is None:
            raise ValueError(f"unknown language {requested!r}: choose one of {', '.join(LANGUAGES)}")
        return code
    value = environ.get(LANGUAGE_ENV, "").strip()
    if value:
        code = language_code(value)
        if code is not None:
            return code
        _report_unknown_setting(value)
    for name in LOCALE_ENVS:
        value = environ.get(name, "").strip()
        if value:
            return "ja" if language_code(value) == "ja" else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def set_language(requested):
    """Use `requested` ('ja' or 'en'; None keeps the current choice) here and in the processes
    started from here, by setting KIT_LANG. Returns the language now in use."""
    if requested:
        os.environ[LANGUAGE_ENV] = chosen_language(requested)
    return chosen_language()


def use_command_line_language(argv=None, option="--lang"):
    """Use the language of a command line's --lang (argv, default sys.argv[1:]) at once, before its
    parser is built, so that --help is in that language too. An unknown one is left to the parser,
    which refuses it. Returns the language now in use."""
    argv = sys.argv[1:] if argv is None else list(argv)
    for index, word in enumerate(argv):
        if word == "--":
            break
        value = argv[index + 1] if word == option and index + 1 < len(argv) else (
            word.split("=", 1)[1] if word.startswith(option + "=") else None)
        if value is not None and language_code(value):
            return set_language(value)
    return chosen_language()


@functools.lru_cache(maxsize=None)
def _report_unknown_setting(value):
    print(f"note: {LANGUAGE_ENV}={value} is not a language of the kit ({', '.join(LANGUAGES)}); "
          "it is ignored.", file=sys.stderr)


def N_(message):
    """Mark a message for translation without translating it yet: a message kept as data
    (a constant, a table entry) is marked where it is written and translated where it is
    shown, with `translated`."""
    return message


class Catalogue:
    """The translations of one gettext domain, in the language chosen at each call."""

    def __init__(self, domain, locale_dir):
        self.domain = domain
        self.locale_dir = Path(locale_dir)

    def translations(self, language=None):
        """The stdlib translations object for `language` (default: the chosen language)."""
        return _translations(self.domain, str(self.locale_dir), language or chosen_language())

    def gettext(self, message):
        """`message` in the chosen language (itself when it has no translation)."""
        return self.translations().gettext(message)

    def translated(self, message):
        """A message marked with N_ where it was written (a variable here), in the chosen language."""
        return self.translations().gettext(message) if message else message

    def ngettext(self, singular, plural, count):
        """The form of a message for `count` things, in the chosen language."""
        return self.translations().ngettext(singular, plural, count)


def columns(text):
    """The width of text in a terminal: East Asian wide characters (Japanese) take two columns."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in str(text))


def pad(text, width, right=False):
    """text padded with spaces to `width` terminal columns (on the left when right=True), for tables."""
    text = str(text)
    padding = " " * max(width - columns(text), 0)
    return padding + text if right else text + padding


def wrap(line, width, subsequent_indent=""):
    """A line cut into lines of at most `width` terminal columns, for English and Japanese alike.

    It breaks at spaces and between Japanese characters, never inside an ASCII word
    (`np.maximum`) nor before closing punctuation; a word longer than `width` stays whole.
    """
    lines, current = [], ""
    for token in re.findall(r"[!-~]+| +|[^ -~]", line):
        if (current.strip() and not token.isspace() and token[0] not in _NO_LINE_START
                and columns(current + token) > width):
            lines.append(current.rstrip())
            current = subsequent_indent
        if token.isspace() and current == subsequent_indent and lines:
            continue
        current += token
    lines.append(current.rstrip())
    return lines


#: What must not start a line (Japanese line-breaking rules, and English punctuation).
_NO_LINE_START = "、。，．）」』】〉》ーぁぃぅぇぉっゃゅょァィゥェォッャュョ,.):;!?"


@functools.lru_cache(maxsize=None)
def _translations(domain, locale_dir, language):
    return stdlib_gettext.translation(domain, locale_dir, languages=[language], fallback=True)


#: argparse's own words: the --help headings and its usage errors. argparse looks each of them up
#: through gettext when it shows it (`argparse._`, `argparse.ngettext`); `argparse_in_language`
#: answers from the kit's catalogue instead. Marked here so that the catalogue holds them (the
#: messages of Python 3.10 to 3.14; a mistake in how a parser is built stays English).
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("%(heading)s:"), N_("positional arguments"), N_("options"), N_("subcommands"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_(" (default: %(default)s)"),
    N_("%(prog)s: error: %(message)s\n"), N_("%(prog)s: warning: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"), N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"), N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("expected %s argument"), N_("expected %s arguments"),  # argparse's ngettext pair
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("argument \"-\" with mode %r"), N_("can't open '%(filename)s': %(error)s"),
    N_("option '%(option)s' is deprecated"), N_("argument '%(argument_name)s' is deprecated"),
    N_("command '%(parser_name)s' is deprecated"),
)


@contextlib.contextmanager
def argparse_in_language(catalogue=None):
    """Inside the block, argparse's own words ("usage:", "options", "error: the following arguments
    are required") come in the chosen language, from `catalogue` (default: the students' one, which
    holds ARGPARSE_MESSAGES). Build the parser and parse inside it: argparse looks the words up both
    when a parser is made (the -h help, the headings) and when it prints."""
    catalogue = catalogue or CATALOGUE
    original_gettext, original_ngettext = argparse._, argparse.ngettext

    def gettext(message):
        translation = catalogue.gettext(message)
        return translation if translation != message else original_gettext(message)

    def ngettext(singular, plural, count):
        message = singular if count == 1 else plural
        translation = catalogue.gettext(message)
        return translation if translation != message else original_ngettext(singular, plural, count)

    # Help texts other than English are cut at terminal columns (a Japanese character takes two).
    formatter = argparse.HelpFormatter
    original_split, original_fill = formatter._split_lines, formatter._fill_text

    def split_lines(self, text, width):         # help texts cut at terminal columns, between Japanese characters
        if chosen_language() == DEFAULT_LANGUAGE:
            return original_split(self, text, width)
        return wrap(self._whitespace_matcher.sub(" ", text).strip(), width)

    def fill_text(self, text, width, indent):   # descriptions likewise
        if chosen_language() == DEFAULT_LANGUAGE:
            return original_fill(self, text, width, indent)
        return "\n".join(indent + line for line in wrap(self._whitespace_matcher.sub(" ", text).strip(),
                                                           max(width - len(indent), 11)))

    original_usage = formatter._format_usage

    # The usage's continuation lines, aligned under a prefix of wide characters ("使い方: ").
    def format_usage(self, usage, actions, groups, prefix):
        text = original_usage(self, usage, actions, groups, prefix)
        shown = gettext("usage: ") if prefix is None else prefix
        extra = columns(shown) - len(shown)
        if extra <= 0:
            return text
        first, *rest = text.split("\n")
        return "\n".join([first] + [" " * extra + line if line.strip() else line for line in rest])

    argparse._, argparse.ngettext = gettext, ngettext
    formatter._split_lines, formatter._fill_text, formatter._format_usage = split_lines, fill_text, format_usage
    try:
        yield
    finally:
        argparse._, argparse.ngettext = original_gettext, original_ngettext
        formatter._split_lines, formatter._fill_text, formatter._format_usage = (original_split, original_fill,
                                                                                 original_usage)


def students_locale_folder():
    """Where the students' compiled catalogue is: locale/ beside this file (the students' copy, in
    exercises/); run from the kit's solutions/, the kit's exercises/locale; in a Gradescope bundle
    (no exercises/), the copy the bundle puts beside the grader's catalogue (autograder/locale)."""
    here = Path(__file__).resolve().parent
    for folder in (here / "locale", here.parent / "exercises" / "locale", here.parent / "autograder" / "locale"):
        if folder.is_dir():
            return folder
    return here / "locale"


#: The catalogue of everything students see: the provided code, the visible tests, the experiments.
CATALOGUE = Catalogue("exercises", students_locale_folder())
gettext = _ = CATALOGUE.gettext
ngettext = CATALOGUE.ngettext
translated = CATALOGUE.translated
