"""The kit's two message catalogues: extract, update, compile and check them (with Babel).

    python -m autograder.message_catalogues update   # extract, merge into each .po, compile the .mo
    python -m autograder.message_catalogues check    # exit 1 listing every problem (what the tests run)

Two gettext domains, each with its catalogue beside the code that shows it:

- ``exercises``: what students get (the provided code, the visible tests and their
  progress table, the experiments), in ``exercises/locale/`` — inside the student
  release, read at run time by ``exercises/translation.py`` with the stdlib only;
- ``autograder``: the grader's feedback, mistake hints, reports and ``--help``, in
  ``autograder/locale/``.

Messages are marked in the code with ``_()``, ``gettext()``, ``ngettext()`` or
``N_()`` (Babel's default keywords; ``babel.cfg`` at the root maps the files), as
plain string literals with named placeholders. The ``exercises`` catalogue also
holds, unmarked, the TODO texts and the docstrings of ``solutions/*.py`` that the
stubs show (the cleaned English docstring is the message id): `make_exercises`
writes their translations into the stubs. The compiled ``.mo`` files are
committed, so students need nothing but Python; `check` makes sure they match the
``.po`` files. Babel is a developer's tool (the ``dev`` extra).

A translator's round: write the code, run ``update``, fill in the empty
``msgstr`` of ``<locale>/ja/LC_MESSAGES/<domain>.po``, run ``update`` again
(it compiles), then ``check``.
"""
import argparse
import ast
import io
import string
import sys
from dataclasses import dataclass
from pathlib import Path

from autograder.curriculum.docstrings import curriculum_docstrings
from autograder.curriculum.solution_regions import solution_regions

REPO_ROOT = Path(__file__).resolve().parents[1]
TRANSLATED_LANGUAGES = ("ja",)
MARKERS = ("_", "gettext", "ngettext", "N_")
PROJECT = "dl-scratch-kit"
HEADER_COMMENT = ("# The kit's {domain} messages in language '{language}'.\n"
                  "# Fill in the msgstr lines; run `python -m autograder.message_catalogues update`\n"
                  "# (it also compiles the .mo) and `... check`. Keep every {{placeholder}} of the msgid.")


@dataclass(frozen=True)
class Domain:
    """One catalogue: its name, the folders whose .py files it covers, where its locale folder is,
    and the folders whose solution regions' TODO texts and docstrings it holds (the stubs show their
    translation)."""

    name: str
    sources: tuple
    locale_dir: str
    todo_sources: tuple = ()
    test_name_sources: tuple = ()  # folders of hidden suites: a test's name is its docstring's first line
    description_sources: tuple = ()  # folders of commands whose module docstring is their --help description

    def po_path(self, language, root=REPO_ROOT):
        return Path(root) / self.locale_dir / language / "LC_MESSAGES" / f"{self.name}.po"

    def mo_path(self, language, root=REPO_ROOT):
        return self.po_path(language, root).with_suffix(".mo")

    def source_files(self, root=REPO_ROOT):
        files = []
        for folder in self.sources:
            files += [path for path in sorted((Path(root) / folder).rglob("*.py"))
                      if "__pycache__" not in path.parts]
        return files


DOMAINS = {
    "exercises": Domain("exercises", ("exercises",), "exercises/locale", todo_sources=("solutions",),
                        description_sources=("exercises/experiments",)),
    "autograder": Domain("autograder", ("autograder",), "autograder/locale",
                         test_name_sources=("autograder/hidden",)),
}


def extract(domain, root=REPO_ROOT):
    """A babel Catalog of every message marked in the domain's source files (a fresh template)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

    template = Catalog(project=PROJECT, domain=domain.name)
    for path in domain.source_files(root):
        relative = path.relative_to(root).as_posix()
        for lineno, message, comments, context in extract_from_file(
                "python", str(path), keywords=DEFAULT_KEYWORDS, comment_tags=("Translators:",),
                strip_comment_tags=True):
            template.add(message, None, [(relative, lineno)], auto_comments=comments, context=context)
    for folder in domain.todo_sources:
        for path in sorted((Path(root) / folder).glob("*.py")):
            relative = path.relative_to(root).as_posix()
            for region in solution_regions(path.read_text(encoding="utf-8"), relative):
                template.add(region.todo_text, None, [(relative, region.start_line)],
                             auto_comments=["The TODO of a solution region (the stub shows it under the "
                                            "English one); after translating, run make_exercises."])
            for lineno, docstring in curriculum_docstrings(path.read_text(encoding="utf-8"), relative):
                template.add(docstring, None, [(relative, lineno)],
                             auto_comments=["A docstring of the stubs (shown below the English one as a "
                                            "'日本語:' paragraph): keep its line breaks, names and shapes as "
                                            "code; after translating, run make_exercises."])
    for folder in domain.description_sources:
        for path in sorted((Path(root) / folder).glob("*.py")):
            relative, text = path.relative_to(root).as_posix(), path.read_text(encoding="utf-8")
            if "description=__doc__" in text:
                template.add(ast.get_docstring(ast.parse(text), clean=False), None, [(relative, 1)],
                             auto_comments=["The description of an experiment (its module docstring), shown by "
                                            "its --help: keep the line breaks (about 78 columns, 2 per Japanese "
                                            "character) and the blank lines between paragraphs."])
    for folder in domain.test_name_sources:
        for path in sorted((Path(root) / folder).glob("test_*.py")):
            relative = path.relative_to(root).as_posix()
            for lineno, name in test_names(path.read_text(encoding="utf-8")):
                template.add(name, None, [(relative, lineno)],
                             auto_comments=["The name of a hidden test (its docstring's first line), "
                                            "shown in the grading report."])
    return template


def test_names(source_text):
    """[(line, name)] of the test functions of a hidden suite: their docstrings' first lines."""
    names = []
    for node in ast.walk(ast.parse(source_text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            doc = ast.get_docstring(node) or ""
            lines = [line.strip() for line in doc.strip().splitlines() if line.strip()]
            if lines:
                names.append((node.lineno, lines[0]))
    return names


def read_catalogue(path, language=None):
    from babel.messages.pofile import read_po

    with open(path, "rb") as po_file:
        return read_po(po_file, locale=language)


def compiled(catalogue):
    """The .mo bytes of a catalogue (untranslated and fuzzy messages left out)."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def placeholders(text):
    """The named placeholders of a str.format message: {'unit', 'got'}."""
    try:
        return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text)
                if field is not None}
    except ValueError:
        return {"<malformed braces>"}


def unmarkable_calls(domain, root=REPO_ROOT):
    """Problems with marked calls Babel cannot extract: an f-string or an expression as the message."""
    problems = []
    for path in domain.source_files(root):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS
                    and node.args and not (isinstance(node.args[0], ast.Constant)
                                           and isinstance(node.args[0].value, str))):
                problems.append(f"{path.relative_to(root).as_posix()}:{node.lineno}: {node.func.id}() needs "
                                "a plain string literal (named placeholders, .format() after the call)")
            if isinstance(node, ast.JoinedStr):   # Babel does not see a call inside an f-string's braces
                for inner in ast.walk(node):
                    if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                            and inner.func.id in MARKERS):
                        problems.append(f"{path.relative_to(root).as_posix()}:{inner.lineno}: {inner.func.id}() "
                                        "inside an f-string is not extracted; call it outside the f-string")
    return problems


def catalogue_problems(domain, language, root=REPO_ROOT):
    """Every reason the domain's catalogue for `language` is not complete, one line each."""
    po_path = domain.po_path(language, root)
    if not po_path.is_file():
        return [f"{po_path}: missing; create it with `python -m autograder.message_catalogues update`"]
    catalogue = read_catalogue(po_path, language)
    problems = []
    for message in extract(domain, root):
        if not message.id:
            continue
        where = ", ".join(f"{file}:{line}" for file, line in message.locations[:2])
        translated = catalogue.get(message.id, context=message.context)
        if translated is None:
            problems.append(f"{po_path.name}: no entry for {message.id!r} ({where})")
            continue
        strings = translated.string if isinstance(translated.string, (list, tuple)) else [translated.string]
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        if translated.fuzzy:
            problems.append(f"{po_path.name}: fuzzy translation of {ids[0]!r} ({where})")
        elif not all(strings):
            problems.append(f"{po_path.name}: no translation of {ids[0]!r} ({where})")
        elif any(placeholders(text) != placeholders(ids[0]) for text in strings):
            problems.append(f"{po_path.name}: the translation of {ids[0]!r} has placeholders "
                            f"{sorted(placeholders(strings[0]))}, the message {sorted(placeholders(ids[0]))}")
    mo_path = domain.mo_path(language, root)
    if not mo_path.is_file() or mo_path.read_bytes() != compiled(catalogue):
        problems.append(f"{mo_path}: does not match {po_path.name}; run "
                        "`python -m autograder.message_catalogues update`")
    return problems


def all_problems(root=REPO_ROOT):
    problems = []
    for domain in DOMAINS.values():
        problems += unmarkable_calls(domain, root)
        for language in TRANSLATED_LANGUAGES:
            problems += catalogue_problems(domain, language, root)
    return problems


def update(domain, language, root=REPO_ROOT):
    """Merge a fresh extraction into the .po (new messages untranslated, gone ones dropped) and compile it.
    Returns the number of messages still without a translation."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    template = extract(domain, root)
    po_path = domain.po_path(language, root)
    if po_path.is_file():
        catalogue = read_catalogue(po_path, language)
    else:
        catalogue = Catalog(locale=language, domain=domain.name, project=PROJECT, version=None,
                            header_comment=HEADER_COMMENT.format(domain=domain.name, language=language),
                            copyright_holder=None, fuzzy=False)
    catalogue.update(template, no_fuzzy_matching=True, update_header_comment=False,
                     update_creation_date=False)  # a stable header: fewer merge conflicts
    catalogue.obsolete.clear()
    po_path.parent.mkdir(parents=True, exist_ok=True)
    with open(po_path, "wb") as po_file:
        write_po(po_file, catalogue, width=100, sort_by_file=True, include_lineno=False,
                 ignore_obsolete=True)
    catalogue = read_catalogue(po_path, language)
    domain.mo_path(language, root).write_bytes(compiled(catalogue))
    return sum(1 for message in catalogue if message.id and (not message.string or message.fuzzy))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("update", "check"),
                        help="update: extract, merge and compile; check: list what is missing or stale")
    args = parser.parse_args(argv)
    if args.action == "update":
        for domain in DOMAINS.values():
            for language in TRANSLATED_LANGUAGES:
                left = update(domain, language)
                print(f"{domain.po_path(language).relative_to(REPO_ROOT)}: {left} message(s) to translate")
        return 0
    problems = all_problems()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "the catalogues are complete and compiled")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
