"""The grader's messages in the chosen language: `_("...")` for the grader's feedback, hints and reports.

The language is chosen as for the exercises (``--lang``, then KIT_LANG, then the
locale; see `solutions/translation.py`, the one home of that rule, which students
get as `exercises/translation.py`). The grader's catalogue is
`autograder/locale/<lang>/LC_MESSAGES/autograder.po` (and its compiled `.mo`);
`python -m autograder.message_catalogues` extracts, updates and checks both catalogues.
"""
from pathlib import Path

from solutions.translation import argparse_in_language as _argparse_in_language
from solutions.translation import (LANGUAGE_ENV, LANGUAGES, Catalogue, N_, chosen_language, columns,
                                   language_code, pad, set_language, wrap)

#: The catalogue of the grader's student-facing text: feedback, mistake hints, reports, --help.
CATALOGUE = Catalogue("autograder", Path(__file__).resolve().parent / "locale")
gettext = _ = CATALOGUE.gettext
ngettext = CATALOGUE.ngettext
translated = CATALOGUE.translated
#: The students' catalogue (in the kit's exercises/): it holds the TODO texts' translations.
STUDENT_CATALOGUE = Catalogue("exercises", Path(__file__).resolve().parents[1] / "exercises" / "locale")


def argparse_in_language():
    """argparse's own words in the chosen language for the block (see solutions/translation.py):
    they are kept in the students' catalogue, whose experiments and missions use them too."""
    return _argparse_in_language(STUDENT_CATALOGUE)


def todo_text(text):
    """A stub's TODO text (the message of its NotImplementedError) in the chosen language."""
    return STUDENT_CATALOGUE.translated(text)

__all__ = ["CATALOGUE", "argparse_in_language", "LANGUAGES", "LANGUAGE_ENV", "N_", "chosen_language", "columns", "gettext", "_", "pad", "wrap",
           "language_code", "ngettext", "set_language", "todo_text", "translated"]
