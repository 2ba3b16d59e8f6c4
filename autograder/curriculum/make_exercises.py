"""Write the student stubs in `exercises/` from the reference code in `solutions/`.

    python -m autograder.curriculum.make_exercises           # (re)write exercises/*.py
    python -m autograder.curriculum.make_exercises --check   # exit 1 if any stub is stale

Every `solutions/<name>.py` becomes `exercises/<name>.py`: solution regions are
replaced by their TODO text and a `raise NotImplementedError` (see
`solution_regions.py`), all other text is copied as it is, under a one-line
header saying where the file comes from and, for a file with regions, the
fingerprints of its provided code: one for the whole file, one per top-level
function or class (`# Provided code by definition: <module>=... sigmoid=...`), so
the visible tests can say which definition was changed outside the regions. Each TODO's Japanese translation, from
the students' message catalogue (`exercises/locale/ja/LC_MESSAGES/exercises.po`,
compiled; the English TODO text is the message id), follows its English comment;
each docstring gets its translation (message id: the cleaned English docstring)
as a last `日本語: ` paragraph (see `docstrings.py`). Nothing else in `exercises/` is
touched: the visible tests (`exercises/tests/`) and their plugin
(`exercises/conftest.py`) are written by hand, and no file is ever removed.
"""
import argparse
import gettext
import sys
from pathlib import Path

from .docstrings import DocstringLayoutError, with_translated_docstrings
from .solution_regions import (END_OF_YOUR_CODE, FINGERPRINT_PREFIX, PARTS_CONTINUATION, PARTS_PREFIX,
                               SolutionMarkerError, provided_code_fingerprint, provided_code_parts, solution_regions,
                               student_version)

REPO_ROOT = Path(__file__).resolve().parents[2]
COMMAND = "python -m autograder.curriculum.make_exercises"
#: Hand-written files in exercises/ that no solution file may overwrite.
HAND_WRITTEN = ("conftest.py",)


HEADER_COLUMNS = 100  # where the per-definition fingerprints wrap


def header(name, has_regions, fingerprint=None, parts=None):
    """The first line of a generated file; with regions, a second one holding its provided code's fingerprint,
    then the fingerprint of each top-level definition's provided code (`name=hash`, wrapped, `#   ` lines)."""
    if has_regions:
        return (f"# Generated from solutions/{name} by `{COMMAND}`: edit only between each `# TODO:` "
                f"and its `{END_OF_YOUR_CODE}`.\n"
                f"{FINGERPRINT_PREFIX}{fingerprint} (the visible tests tell you when code outside them changed)\n"
                + parts_lines(parts or {}))
    return f"# Generated from solutions/{name} by `{COMMAND}`: provided code, nothing to edit here.\n"


def parts_lines(parts):
    """'# Provided code by definition: <module>=1a2b3c4d sigmoid=...' wrapped at HEADER_COLUMNS."""
    lines, line = [], PARTS_PREFIX
    for part, fingerprint in parts.items():
        token = f"{part}={fingerprint}"
        if len(line) + len(token) > HEADER_COLUMNS and line != PARTS_PREFIX:
            lines.append(line.rstrip())
            line = PARTS_CONTINUATION
        line += token + " "
    lines.append(line.rstrip())
    return "".join(text + "\n" for text in lines) if parts else ""


def stub_text(name, source_text, translate=None, untranslated=None):
    """The text of exercises/<name> for the solution file's text.

    translate: the translations of the TODO texts and docstrings (see student_version and
    docstrings.with_translated_docstrings); untranslated: a list, when given, extended with
    the (name, docstring) of each docstring left without translation.
    """
    has_regions = bool(solution_regions(source_text, f"solutions/{name}"))
    body = student_version(source_text, f"solutions/{name}", translate)
    body, missing = with_translated_docstrings(body, translate, f"exercises/{name}")
    if untranslated is not None:
        untranslated += [(name, docstring) for docstring in missing]
    return header(name, has_regions, provided_code_fingerprint(body), provided_code_parts(body)) + body


def todo_translations(exercises_dir, language="ja"):
    """gettext of the students' compiled catalogue in `language` (the TODO texts' and docstrings'
    translations)."""
    return gettext.translation("exercises", Path(exercises_dir) / "locale", languages=[language],
                               fallback=True).gettext


def expected_stubs(solutions_dir, catalogue_dir=REPO_ROOT / "exercises", untranslated=None):
    """Map each stub file name to its text, in sorted order; raise SolutionMarkerError on bad markers.

    catalogue_dir: the folder whose locale/ holds the translations (the kit's exercises/);
    untranslated: see stub_text.
    """
    translate = todo_translations(catalogue_dir)
    stubs = {}
    for source in sorted(Path(solutions_dir).glob("*.py")):
        if source.name in HAND_WRITTEN:
            raise SolutionMarkerError(
                f"{source}: exercises/{source.name} is written by hand; rename the solution file."
            )
        text = stub_text(source.name, source.read_text(encoding="utf-8"), translate, untranslated)
        try:
            compile(text, f"exercises/{source.name}", "exec")
        except SyntaxError as err:
            raise SolutionMarkerError(
                f"{source}: the generated stub is not valid Python ({err.msg}, line {err.lineno}): "
                "check that each region can be replaced by a raise statement."
            ) from err
        stubs[source.name] = text
    return stubs


def stale_stubs(stubs, exercises_dir):
    """Names of the stubs whose file is missing or differs from the expected text."""
    stale = []
    for name, text in stubs.items():
        path = Path(exercises_dir) / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and list the stale stubs if regenerating would change any")
    parser.add_argument("--solutions", type=Path, default=REPO_ROOT / "solutions",
                        help="folder of the reference solutions (default: the kit's solutions/)")
    parser.add_argument("--exercises", type=Path, default=REPO_ROOT / "exercises",
                        help="folder of the stubs (default: the kit's exercises/)")
    args = parser.parse_args(argv)

    untranslated = []
    try:
        stubs = expected_stubs(args.solutions, untranslated=untranslated)
    except (SolutionMarkerError, DocstringLayoutError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    if not stubs:
        print(f"error: no solution files (*.py) in {args.solutions}", file=sys.stderr)
        return 2
    stale = stale_stubs(stubs, args.exercises)
    if untranslated:
        print(f"note: {len(untranslated)} docstring(s) without a Japanese translation (English only in the "
              "stubs); run `python -m autograder.message_catalogues update`, translate, update, regenerate:",
              file=sys.stderr)
        for name, docstring in untranslated:
            print(f"  {name}: {docstring.splitlines()[0] if docstring else ''}", file=sys.stderr)

    if args.check:
        if stale:
            print(f"{len(stale)} stale stub(s) in {args.exercises}; regenerate them with `{COMMAND}`:")
            for name in stale:
                print(f"  {name}")
            return 1
        print(f"{len(stubs)} stubs in {args.exercises} are up to date.")
        return 0

    args.exercises.mkdir(parents=True, exist_ok=True)
    for name in stale:
        with open(args.exercises / name, "w", encoding="utf-8", newline="\n") as stub_file:
            stub_file.write(stubs[name])
        print(f"wrote {args.exercises / name}")
    print(f"{len(stubs)} stubs, {len(stale)} rewritten.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
