"""The nbgrader notebooks show every TODO as the stubs do: the English text, then its Japanese translation.

In a code cell, the `# TODO:` comment is followed by its `# 日本語: ...` block, the very lines of the
stub in exercises/; in the Markdown above it, each "Your task" item is followed by a `日本語: `
sub-item, the catalogue's translation of that TODO.
"""
import pytest

from autograder.curriculum.make_exercises import todo_translations
from autograder.curriculum.solution_regions import TODO_CONTINUATION_PREFIX, TODO_PREFIX, TRANSLATION_PREFIX
from autograder.nbgrader_course.course import build_course
from autograder.nbgrader_course.exercise_text import TRANSLATION_ITEM, escape

from .commands import KIT_ROOT

nbformat = pytest.importorskip("nbformat")

TASKS = "**Your task:**"


def todo_blocks(source):
    """[(English TODO text, the comment lines from `# TODO:` to the end of its `# 日本語:` block, or
    None when no `# 日本語:` line follows the English comment)] of a code cell."""
    lines = source.splitlines()
    blocks = []
    for index, line in enumerate(lines):
        if not line.strip().startswith(TODO_PREFIX):
            continue
        end = index + 1
        while end < len(lines) and lines[end].strip().startswith(TODO_CONTINUATION_PREFIX):
            end += 1
        english = " ".join([line.strip()[len(TODO_PREFIX):].strip()]
                           + [part.strip()[1:].strip() for part in lines[index + 1:end]])
        if end == len(lines) or not lines[end].strip().startswith(TRANSLATION_PREFIX.strip()):
            blocks.append((english, None))
            continue
        end += 1
        while end < len(lines) and lines[end].strip().startswith(TODO_CONTINUATION_PREFIX):
            end += 1
        blocks.append((english, "\n".join(lines[index:end])))
    return blocks


def task_items(markdown):
    """[(English item, its Japanese sub-item's text or None)] of the "Your task" list of a Markdown cell."""
    if TASKS not in markdown:
        return []
    items = []
    for line in markdown.split(TASKS, 1)[1].splitlines():
        if line.startswith("- "):
            items.append([line[2:], None])
        elif line.startswith("  - " + TRANSLATION_ITEM) and items and items[-1][1] is None:
            items[-1][1] = line[len("  - " + TRANSLATION_ITEM):]
    return [tuple(item) for item in items]


def untranslated_todos(book, stubs, translate):
    """What a student of this notebook would read in English only: a list of messages, empty when
    every TODO is followed by its translation exactly as in the stubs (`stubs`: their texts, joined)."""
    problems = []
    cells = book.cells
    for number, cell in enumerate(cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", number)
        if cell.cell_type == "code":
            for english, block in todo_blocks(cell.source):
                if block is None:
                    problems.append(f"cell {grade_id}: no '# 日本語:' block under TODO {english!r}")
                elif block not in stubs:
                    problems.append(f"cell {grade_id}: TODO {english!r} is not shown as in the stub:\n{block}")
        elif TASKS in cell.source:
            items = task_items(cell.source)
            following = cells[number + 1] if number + 1 < len(cells) else None
            todos = [english for english, _ in todo_blocks(following.source)] if following else []
            if len(items) != len(todos):
                problems.append(f"cell {grade_id}: {len(items)} task(s) for the {len(todos)} TODO(s) of the next cell")
            for (item, japanese), english in zip(items, todos):
                if japanese is None:
                    problems.append(f"cell {grade_id}: no Japanese sub-item under the task {item!r}")
                elif japanese != escape(translate(english)):
                    problems.append(f"cell {grade_id}: the task {item!r} has a Japanese sub-item that is not "
                                    f"its catalogue's translation: {japanese!r}")
    return problems


def stub_texts():
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted((KIT_ROOT / "exercises").glob("*.py")))


def notebooks(course):
    """(assignment name, source notebook) of a built Course."""
    for assignment in course.assignments:
        path = course.assignment_dir(assignment) / f"{assignment.name}.ipynb"
        yield assignment.name, nbformat.read(path, as_version=4)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return build_course(tmp_path_factory.mktemp("nbgrader") / "course", seed=3)


def test_every_todo_of_the_notebooks_is_followed_by_its_japanese_translation_as_in_the_stubs(course):
    stubs, translate = stub_texts(), todo_translations(KIT_ROOT / "exercises")
    todos = tasks = 0
    for name, book in notebooks(course):
        assert untranslated_todos(book, stubs, translate) == [], name
        todos += sum(len(todo_blocks(cell.source)) for cell in book.cells if cell.cell_type == "code")
        tasks += sum(len(task_items(cell.source)) for cell in book.cells if cell.cell_type == "markdown")
    assert todos > 50 and tasks > 30


def test_a_todo_the_catalogue_does_not_translate_is_reported(tmp_path, monkeypatch):
    """A TODO left without translation (here sigmoid's) stays in English alone, and the check says where:
    in its own notebook and where a later one carries sigmoid over."""
    from autograder.nbgrader_course import course as course_module

    kit_translate = todo_translations(KIT_ROOT / "exercises")
    dropped = [text for text in todo_blocks((KIT_ROOT / "solutions" / "functions.py").read_text(encoding="utf-8"))
               if text[0].startswith("return 1 / (1 + exp(-x))")]
    assert len(dropped) == 1
    english = dropped[0][0]

    def translate(text):
        return text if text == english else kit_translate(text)

    monkeypatch.setattr(course_module.Course, "translate", property(lambda self: translate))
    built = build_course(tmp_path / "course", seed=3)
    book = dict(notebooks(built))["functions"]
    problems = untranslated_todos(book, stub_texts(), kit_translate)
    assert len(problems) == 2, problems
    assert problems[0].startswith("cell sigmoid-text: no Japanese sub-item")
    assert problems[1].startswith("cell sigmoid: no '# 日本語:' block")
    carried = untranslated_todos(dict(notebooks(built))["layers"], stub_texts(), kit_translate)
    assert len(carried) == 1 and carried[0].startswith("cell functions-sigmoid: no '# 日本語:' block"), carried
    assert untranslated_todos(dict(notebooks(built))["util"], stub_texts(), kit_translate) == []
