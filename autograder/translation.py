"""The grader's messages in the chosen language: `_("...")` for the grader's feedback, hints and reports.

The language is chosen as for the exercises (``--lang``, then KIT_LANG, then the
locale; see `solutions/translation.py`, the one home of that rule, which students
get as `exercises/translation.py`). The grader's catalogue is
`autograder/locale/<lang>/LC_MESSAGES/autograder.po` (and its compiled `.mo`);
`python -m autograder.message_catalogues` extracts, updates and checks both catalogues.
"""
import functools
import re
from pathlib import Path

from solutions.translation import CATALOGUE as _students_catalogue
from solutions.translation import argparse_in_language as _argparse_in_language
from solutions.translation import (LANGUAGE_ENV, LANGUAGES, Catalogue, N_, chosen_language, columns,
                                   language_code, pad, set_language, wrap)

#: The catalogue of the grader's student-facing text: feedback, mistake hints, reports, --help.
CATALOGUE = Catalogue("autograder", Path(__file__).resolve().parent / "locale")
gettext = _ = CATALOGUE.gettext
ngettext = CATALOGUE.ngettext
translated = CATALOGUE.translated
#: The students' catalogue (solutions/translation.py finds it: the kit's exercises/locale, or a
#: Gradescope bundle's copy): it holds the TODO texts' and the missions' verdicts' translations.
STUDENT_CATALOGUE = _students_catalogue


def argparse_in_language():
    """argparse's own words in the chosen language for the block (see solutions/translation.py):
    they are kept in the students' catalogue, whose experiments and missions use them too."""
    return _argparse_in_language(STUDENT_CATALOGUE)


class MessagePattern:
    """Recognises a message the grader wrote, in English or in the language chosen now, to read its
    placeholders back: MessagePattern("timed out after {seconds} s in {label}", seconds=r"[\\d.]+").

    A message may be composed (a label inside a sentence): `of` takes the composition, made once in
    English and once translated. `fields` gives the regular expression of a placeholder (default: any
    text, as little as possible); a placeholder met again must repeat what it matched first. `prefix`
    and `suffix` are regular expressions around the message (e.g. "^" and "(?:: |$)").
    """

    def __init__(self, *templates, prefix="", suffix="", **fields):
        self.patterns = []
        for template in dict.fromkeys(templates):   # English and the translation, once each
            parts, seen, pattern = re.split(r"\{(\w+)(?:[!:][^}]*)?\}", template), set(), prefix
            for index, part in enumerate(parts):
                if index % 2 == 0:
                    pattern += re.escape(part)
                elif part in seen:
                    pattern += f"(?P={part})"
                else:
                    seen.add(part)
                    pattern += f"(?P<{part}>{fields.get(part, '.*?')})"
            self.patterns.append(re.compile(pattern + suffix, re.DOTALL))

    @classmethod
    def of(cls, compose, **options):
        """The pattern of compose(tr), tr being the English (no change) or the chosen translation."""
        return cls(compose(lambda message: message), compose(translated), **options)

    def match(self, text):
        return next((found for pattern in self.patterns for found in [pattern.match(text)] if found), None)

    def search(self, text):
        return next((found for pattern in self.patterns for found in [pattern.search(text)] if found), None)


def message_pattern(message, **fields):
    """The MessagePattern of one marked message (see MessagePattern), cached per language."""
    return _message_pattern(message, chosen_language(), tuple(sorted(fields.items())))


@functools.lru_cache(maxsize=None)
def _message_pattern(message, language, fields):
    return MessagePattern(message, translated(message), **dict(fields))


def todo_text(text):
    """A stub's TODO text (the message of its NotImplementedError) in the chosen language."""
    return STUDENT_CATALOGUE.translated(text)

__all__ = ["CATALOGUE", "MessagePattern", "argparse_in_language", "message_pattern", "LANGUAGES", "LANGUAGE_ENV", "N_", "chosen_language", "columns", "gettext", "_", "pad", "wrap",
           "language_code", "ngettext", "set_language", "todo_text", "translated"]
