"""The nbgrader notebooks show the docstrings as the stubs do: English, then a `日本語: ` paragraph."""
import ast

import pytest

from autograder.nbgrader_course.course import build_course

nbformat = pytest.importorskip("nbformat")

MARK = "\n\n日本語: "


def docstrings(source):
    """[(name, docstring)] of every class and function defined in a cell or a module."""
    return [(node.name, ast.get_docstring(node)) for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and ast.get_docstring(node)]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return build_course(tmp_path_factory.mktemp("nbgrader") / "course", seed=3)


def test_every_docstring_of_the_notebooks_and_their_helpers_has_its_japanese_paragraph(course):
    checked = 0
    for assignment in course.assignments:
        folder = course.assignment_dir(assignment)
        book = nbformat.read(folder / f"{assignment.name}.ipynb", as_version=4)
        intro = book.cells[0].source
        assert "日本語: " in intro, f"{assignment.name}: the module docstring of the introduction"
        for cell in book.cells:
            if cell.cell_type == "code":
                for name, docstring in docstrings(cell.source):
                    assert MARK in docstring, f"{assignment.name}.ipynb: {name}"
                    checked += 1
        for helper in sorted((folder / "provided").glob("*.py")):
            text = helper.read_text(encoding="utf-8")
            if helper.name != "__init__.py":
                assert MARK in ast.get_docstring(ast.parse(text)), helper
            for name, docstring in docstrings(text):
                assert MARK in docstring, f"{helper}: {name}"
                checked += 1
    assert checked > 100


def test_without_the_catalogue_the_notebooks_stay_english(tmp_path, monkeypatch):
    from autograder.nbgrader_course import course as course_module

    monkeypatch.setattr(course_module.Course, "translate", property(lambda self: None))
    built = build_course(tmp_path / "course", seed=3)
    folder = built.assignment_dir(built.assignments[0])
    book = nbformat.read(folder / f"{built.assignments[0].name}.ipynb", as_version=4)
    assert not any("日本語" in cell.source for cell in book.cells)
