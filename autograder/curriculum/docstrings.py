"""The docstrings of the curriculum, and their Japanese paragraph in the student stubs.

`solutions/` holds English docstrings only (one source). In the stubs that
`make_exercises` writes, every docstring students read (the module's, each
class's, function's and method's outside the solution regions) gets its
translation appended inside the same string literal, as a last paragraph
opened by `日本語: `:

    def sigmoid(x):
        \"\"\"Sigmoid 1 / (1 + exp(-x)), elementwise.

        x: array of any shape. Returns a float array of x's shape.

        日本語: シグモイド関数 1 / (1 + exp(-x)) を要素ごとに計算します。
        x: 任意の形状の配列。x と同じ形状の float の配列を返します。
        \"\"\"

The translations live in the students' catalogue (`exercises/locale/ja/LC_MESSAGES/
exercises.po`) with the cleaned English docstring (`inspect.cleandoc`, as
`ast.get_docstring` gives it) as message id: `message_catalogues` extracts them
from `solutions/*.py`, so a docstring without translation fails its `check`.
The translation keeps its own line breaks; a line longer than DOCSTRING_COLUMNS
terminal columns (with its indentation) is wrapped as the TODOs' translations are, but
never inside a parenthesised ASCII group (a shape, a call).
"""
import ast

from .solution_regions import COMMENT_COLUMNS, solution_regions, wrapped_lines

#: Opens the translation's paragraph inside a stub's docstring.
DOCSTRING_TRANSLATION_PREFIX = "日本語: "

_DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


class DocstringLayoutError(ValueError):
    """A docstring the translation cannot be appended to (not a triple-quoted string on its own lines)."""


def _docstring_nodes(tree):
    """(documented node, its docstring's Expr node), in source order."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, _DOCUMENTED) and ast.get_docstring(node, clean=False) is not None:
            found.append((node, node.body[0]))
    return sorted(found, key=lambda pair: (pair[1].lineno, pair[1].col_offset))


def curriculum_docstrings(source_text, filename="<source>"):
    """[(line, cleaned docstring)] of a solution file's docstrings that its stub keeps: every
    module, class, function and method docstring outside the solution regions, in order."""
    regions = solution_regions(source_text, filename)
    found = []
    for _, expr in _docstring_nodes(ast.parse(source_text, filename)):
        if any(region.start_line <= expr.lineno <= region.end_line for region in regions):
            continue  # the student writes this code: the stub does not show it
        found.append((expr.lineno, ast.get_docstring(_holder(expr), clean=True)))
    return found


def _holder(expr):
    """A module holding only `expr`, so that ast.get_docstring reads expr as a docstring."""
    return ast.Module(body=[expr], type_ignores=[])


#: Where a docstring's translation is wrapped: a closing mark (`。`, `)`) may still follow a full line,
#: so that no line goes beyond COMMENT_COLUMNS.
DOCSTRING_COLUMNS = COMMENT_COLUMNS - 2


def translation_lines(translation, indent, columns=DOCSTRING_COLUMNS):
    """The lines (without indentation for blank ones) of the translation's paragraph in a docstring
    indented by `indent`: `日本語: ` before its first line, each line wrapped to `columns`."""
    lines = []
    for number, line in enumerate(translation.strip("\n").splitlines()):
        line = line.rstrip()
        if not line:
            lines.append("")
            continue
        own_indent = line[:len(line) - len(line.lstrip())]
        first = indent + (DOCSTRING_TRANSLATION_PREFIX if number == 0 else own_indent)
        lines += wrapped_lines(line.strip(), first, indent + own_indent, columns, keep_groups=True)
    return lines


def with_translated_docstrings(text, translate, filename="<stub>"):
    """text (a stub's Python source) with each docstring's translation appended as its last paragraph.

    translate(cleaned docstring) -> translation; a docstring whose translation is
    missing (translate gives it back unchanged) is left in English alone.
    Returns (new text, [cleaned docstrings left untranslated]).
    """
    lines = text.splitlines(keepends=True)
    untranslated = []
    expected = []
    edits = []  # (line index, replacement lines), applied from the end
    for _, expr in _docstring_nodes(ast.parse(text, filename)):
        english = ast.get_docstring(_holder(expr), clean=True)
        translation = translate(english) if translate else english
        if not translation or translation == english:
            untranslated.append(english)
            expected.append(english)
            continue
        indent, replacement, paragraph = _appended(lines, expr, translation, filename)
        edits.append((expr.end_lineno - 1, replacement))
        expected.append(english + "\n\n" + "\n".join(line[len(indent):] for line in paragraph))
    for index, replacement in sorted(edits, reverse=True):
        lines[index:index + 1] = replacement
    result = "".join(lines)
    got = [ast.get_docstring(_holder(expr), clean=True) for _, expr in _docstring_nodes(ast.parse(result, filename))]
    if got != expected:  # e.g. a backslash sequence in a translation: never write a stub that reads otherwise
        raise DocstringLayoutError(f"{filename}: appending the translations changed the docstrings' text")
    return result, untranslated


def _appended(lines, expr, translation, filename):
    """(indent, lines replacing the docstring's last line, the paragraph's lines) for one docstring."""
    literal_start = lines[expr.lineno - 1]
    indent = literal_start[:len(literal_start) - len(literal_start.lstrip())]
    last = lines[expr.end_lineno - 1]
    raw = last.encode("utf-8")
    closing_at = expr.end_col_offset - 3
    before, closing = raw[:closing_at].decode("utf-8"), raw[closing_at:].decode("utf-8")
    quotes = closing[:3]
    if quotes not in ('"""', "'''") or literal_start.encode("utf-8")[expr.col_offset:].decode("utf-8")[:1] \
            not in ('"', "'", "r", "R"):
        raise DocstringLayoutError(f"{filename}:{expr.lineno}: a docstring must be a triple-quoted string "
                                   "to receive its translation")
    is_raw = literal_start.encode("utf-8")[expr.col_offset:].decode("utf-8")[:1] in "rR"
    if quotes in translation:
        raise DocstringLayoutError(f"{filename}:{expr.lineno}: the translation holds {quotes}, which would "
                                   "close the docstring")
    paragraph = translation_lines(translation, indent)
    escaped = [line if is_raw else line.replace("\\", "\\\\") for line in paragraph]
    body = [line + "\n" if line else "\n" for line in escaped]
    if before.strip():  # the closing quotes follow text (a one-line docstring): put them on their own line
        return indent, [before.rstrip() + "\n", "\n", *body, indent + closing], paragraph
    return indent, ["\n", *body, last], paragraph
