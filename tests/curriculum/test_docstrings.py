"""The stubs' docstrings are bilingual: each ends with its Japanese translation, a `日本語: ` paragraph."""
import ast
import shutil

import pytest

from autograder.curriculum import make_exercises
from autograder.curriculum.docstrings import (DOCSTRING_TRANSLATION_PREFIX, DocstringLayoutError,
                                              curriculum_docstrings, with_translated_docstrings)
from autograder.curriculum.solution_regions import COMMENT_COLUMNS, _columns

from .variant_submissions import REPO_ROOT, SOLUTIONS_DIR

EXERCISES_DIR = REPO_ROOT / "exercises"
MARK = "\n\n" + DOCSTRING_TRANSLATION_PREFIX


def stub_docstrings(text):
    """[(line, docstring as Python reads it)] of every module, class and function docstring of a stub."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            docstring = ast.get_docstring(node)
            if docstring is not None:
                found.append((node.body[0].lineno, docstring))
    return sorted(found)


def without_japanese(text):
    """'<line>: <first line>' of each docstring of a stub that has no Japanese paragraph."""
    return [f"{line}: {docstring.splitlines()[0]}" for line, docstring in stub_docstrings(text)
            if MARK not in docstring or not any(ord(char) > 0x3000 for char in docstring.split(MARK, 1)[1])]


def test_every_docstring_of_the_stubs_ends_with_its_japanese_paragraph():
    checked = 0
    for source in sorted(SOLUTIONS_DIR.glob("*.py")):
        stub = (EXERCISES_DIR / source.name).read_text(encoding="utf-8")
        assert not without_japanese(stub), f"exercises/{source.name}: docstrings without a '日本語:' paragraph " \
            f"{without_japanese(stub)}: translate them in exercises.po, then run make_exercises"
        english = [docstring for _, docstring in curriculum_docstrings(source.read_text(encoding="utf-8"))]
        assert [docstring.split(MARK, 1)[0] for _, docstring in stub_docstrings(stub)] == english, source.name
        checked += len(english)
    assert checked > 100


def test_the_japanese_lines_of_the_stubs_docstrings_fit_the_terminal():
    for source in sorted(SOLUTIONS_DIR.glob("*.py")):
        stub = (EXERCISES_DIR / source.name).read_text(encoding="utf-8")
        for number, line in enumerate(stub.splitlines(), 1):
            if any(ord(char) > 0x3000 for char in line) and not line.lstrip().startswith("#"):
                assert _columns(line) <= COMMENT_COLUMNS, f"exercises/{source.name}:{number}: {line}"


def test_a_docstring_without_translation_stays_english_and_is_caught():
    source = (SOLUTIONS_DIR / "functions.py").read_text(encoding="utf-8")
    translate = make_exercises.todo_translations(EXERCISES_DIR)
    relu_doc = ast.get_docstring(next(node for node in ast.parse(source).body
                                      if isinstance(node, ast.FunctionDef) and node.name == "relu"))
    forgetful = lambda text: text if text == relu_doc else translate(text)  # noqa: E731
    untranslated = []
    stub = make_exercises.stub_text("functions.py", source, forgetful, untranslated)
    assert untranslated == [("functions.py", relu_doc)]
    assert [entry.split(": ", 1)[1] for entry in without_japanese(stub)] == [relu_doc.splitlines()[0]]
    assert without_japanese(make_exercises.stub_text("functions.py", source, translate)) == []


def test_a_new_docstring_fails_the_catalogue_check_until_translated(tmp_path):
    pytest.importorskip("babel", reason="the catalogue checks need Babel (the dev extra)")
    from autograder.message_catalogues import DOMAINS, catalogue_problems, update

    shutil.copytree(SOLUTIONS_DIR, tmp_path / "solutions", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(EXERCISES_DIR / "locale", tmp_path / "exercises" / "locale")
    domain = DOMAINS["exercises"]
    assert catalogue_problems(domain, "ja", tmp_path) == []
    docstring_line = len((SOLUTIONS_DIR / "functions.py").read_text(encoding="utf-8").splitlines()) + 4
    with open(tmp_path / "solutions" / "functions.py", "a", encoding="utf-8") as solution:
        solution.write('\n\ndef identity(x):\n    """Identity: returns x unchanged.\n\n    x: any array.\n    """\n'
                       "    return x\n")
    problems = catalogue_problems(domain, "ja", tmp_path)
    assert problems == ["exercises.po: no entry for 'Identity: returns x unchanged.\\n\\nx: any array.' "
                        f"(solutions/functions.py:{docstring_line})"], problems
    update(domain, "ja", tmp_path)
    assert any("no translation of 'Identity" in problem for problem in catalogue_problems(domain, "ja", tmp_path))


def test_a_docstring_inside_a_solution_region_is_not_the_stubs():
    source = ('"""Module."""\n\n\ndef f():\n    """F."""\n    ### BEGIN SOLUTION\n    # TODO: write g\n'
              '    def g():\n        """G, written by the student."""\n    return g\n    ### END SOLUTION\n')
    assert curriculum_docstrings(source) == [(1, "Module."), (5, "F.")]


JAPANESE = {"Module docstring.\n\nMore.": "モジュール。\n\nさらに。",
            "One line.": "1 行。",
            "A class.": "クラス。",
            "Method.\n\nbody\n    indented: kept": "メソッド。\n\n本体\n    字下げ: そのまま",
            r"Raw \d docstring.": r"生の \d。",
            "Escaped \\n.": "エスケープ \\n。"}


def test_each_layout_of_docstring_gets_the_paragraph_and_python_reads_it_back():
    text = ('"""Module docstring.\n\nMore.\n"""\n\n\ndef one():\n    """One line."""\n\n\n'
            'class A:\n    """A class."""\n\n    def method(self):\n        """Method.\n\n        body\n            indented: kept\n        """\n'
            '\n\ndef raw():\n    r"""Raw \\d docstring."""\n\n\ndef escaped():\n    """Escaped \\\\n."""\n'
            '\n\ndef unknown():\n    """Not in the catalogue."""\n')
    result, untranslated = with_translated_docstrings(text, lambda english: JAPANESE.get(english, english))
    assert untranslated == ["Not in the catalogue."]
    got = [docstring for _, docstring in stub_docstrings(result)]
    assert got == [english + MARK + JAPANESE[english] for english in JAPANESE] + ["Not in the catalogue."]
    assert '    """One line.\n\n    日本語: 1 行。\n    """\n' in result


def test_long_translations_wrap_without_splitting_a_shape():
    text = 'def f(x):\n    """Returns dx."""\n'
    long = "勾配を返します。" * 6 + "dx (N, C, H, W) を返します。"
    result, _ = with_translated_docstrings(text, lambda english: long)
    lines = result.splitlines()
    assert all(_columns(line) <= COMMENT_COLUMNS for line in lines)
    assert any("dx (N, C, H, W)" in line for line in lines) and len(lines) > 5
    assert ast.get_docstring(ast.parse(result).body[0]).split(MARK)[1].replace("\n", "") == long


def test_a_translation_that_would_close_the_docstring_is_refused():
    with pytest.raises(DocstringLayoutError):
        with_translated_docstrings('def f():\n    """F."""\n', lambda english: 'F """ 終わり')
