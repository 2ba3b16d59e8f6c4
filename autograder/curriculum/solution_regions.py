"""Solution regions of a reference file, and the student version of that file.

A solution region is the part a student writes. In `solutions/` it sits between
nbgrader's markers, and its first comment lines are the TODO text the student sees:

    def sigmoid(x):
        \"\"\"...\"\"\"
        ### BEGIN SOLUTION
        # TODO: return 1 / (1 + exp(-x)) elementwise.
        #   (continuation lines start with '#' and three spaces)
        x = np.asarray(x, dtype=float)
        ...
        ### END SOLUTION

The student version keeps everything outside the regions as it is and replaces
each region by its TODO comment lines and a `raise NotImplementedError("<TODO text>")`
at the marker's indentation, so the stub still imports and tells what to do.
Given the TODO texts' translations (a function, e.g. the Japanese catalogue's
gettext: the English TODO text is the message id), the translation follows the
English comment as a `# 日本語: ...` block.
"""
import ast
import re
from dataclasses import dataclass

BEGIN_MARKER = "### BEGIN SOLUTION"
END_MARKER = "### END SOLUTION"
TODO_PREFIX = "# TODO:"
TODO_CONTINUATION_PREFIX = "#   "
TRANSLATION_PREFIX = "# 日本語: "
#: The line that closes a region in the student version: the student's code goes from the TODO to it.
END_OF_YOUR_CODE = "# ---- end of your code ----"
#: The header line of a stub that holds the fingerprint of its provided code (see provided_code_fingerprint).
FINGERPRINT_PREFIX = "# Provided code fingerprint: "
#: The header lines that hold one fingerprint per top-level definition (see provided_code_parts).
PARTS_PREFIX = "# Provided code by definition: "
#: The part of the provided code outside every top-level function and class (imports, constants).
MODULE_PART = "<module>"
PARTS_CONTINUATION = "#   "
COMMENT_COLUMNS = 96  # where a translated TODO's comment lines are wrapped


class SolutionMarkerError(ValueError):
    """The solution markers of a file are unbalanced, nested or malformed."""


@dataclass(frozen=True)
class Region:
    """One solution region.

    start_line, end_line: 1-based numbers of the BEGIN and END marker lines.
    indent: the whitespace before the markers.
    todo_text: the TODO comment as one line, without '# TODO: '.
    code: the solution code after the TODO comment, up to the END marker (lines as in the source).
    todo_comment: the TODO comment lines as in the source.
    """

    start_line: int
    end_line: int
    indent: str
    todo_text: str
    code: str
    todo_comment: str


def _leading_whitespace(line):
    return line[: len(line) - len(line.lstrip())]


def _parse_region(lines, begin_index, end_index, filename):
    """Build the Region whose markers are at lines[begin_index] and lines[end_index]."""
    begin_line = begin_index + 1
    indent = _leading_whitespace(lines[begin_index])
    if _leading_whitespace(lines[end_index]) != indent:
        raise SolutionMarkerError(
            f"{filename}:{end_index + 1}: '{END_MARKER}' is not indented like the "
            f"'{BEGIN_MARKER}' of line {begin_line}: both markers must line up."
        )
    body = lines[begin_index + 1:end_index]
    if not body or not body[0].strip().startswith(TODO_PREFIX):
        raise SolutionMarkerError(
            f"{filename}:{begin_line}: the region must start with a '{TODO_PREFIX} ...' comment "
            f"on the line after '{BEGIN_MARKER}': it is the text the student sees."
        )
    for offset, line in enumerate(body, start=begin_index + 2):
        if line.strip() and not line.startswith(indent):
            raise SolutionMarkerError(
                f"{filename}:{offset}: this line of the region opened at line {begin_line} is "
                "indented less than its markers."
            )
    todo_count = 1
    while todo_count < len(body) and body[todo_count].strip().startswith(TODO_CONTINUATION_PREFIX):
        todo_count += 1
    todo_lines = body[:todo_count]
    code_lines = body[todo_count:]
    if not any(line.strip() for line in code_lines):
        raise SolutionMarkerError(
            f"{filename}:{begin_line}: the region has a TODO but no solution code."
        )
    parts = [todo_lines[0].strip()[len(TODO_PREFIX):].strip()]
    parts += [line.strip()[1:].strip() for line in todo_lines[1:]]
    return Region(
        start_line=begin_line,
        end_line=end_index + 1,
        indent=indent,
        todo_text=" ".join(part for part in parts if part),
        code="".join(line + "\n" for line in code_lines),
        todo_comment="".join(line + "\n" for line in todo_lines),
    )


def solution_regions(source_text, filename="<source>"):
    """Return the solution regions of source_text, in order, as a list of Region.

    filename is only used in error messages. Raises SolutionMarkerError when a
    marker has no partner, regions are nested, or a region has no TODO comment.
    """
    lines = source_text.splitlines()
    regions = []
    open_index = None
    for index, line in enumerate(lines):
        marker = line.strip()
        if marker == BEGIN_MARKER:
            if open_index is not None:
                raise SolutionMarkerError(
                    f"{filename}:{index + 1}: '{BEGIN_MARKER}' inside the region opened at line "
                    f"{open_index + 1}: regions cannot be nested; close that one with "
                    f"'{END_MARKER}' first."
                )
            open_index = index
        elif marker == END_MARKER:
            if open_index is None:
                raise SolutionMarkerError(
                    f"{filename}:{index + 1}: '{END_MARKER}' without a '{BEGIN_MARKER}' before it."
                )
            regions.append(_parse_region(lines, open_index, index, filename))
            open_index = None
        elif BEGIN_MARKER in line or END_MARKER in line:
            raise SolutionMarkerError(
                f"{filename}:{index + 1}: a solution marker must stand alone on its line: {line.strip()!r}"
            )
    if open_index is not None:
        raise SolutionMarkerError(
            f"{filename}:{open_index + 1}: '{BEGIN_MARKER}' is never closed by '{END_MARKER}'."
        )
    return regions


def python_string_literal(text):
    """A Python string literal for text, preferring double quotes (for the stubs' raise lines)."""
    if '"' not in text:
        literal = '"' + text.replace("\\", "\\\\") + '"'
    elif "'" not in text:
        literal = "'" + text.replace("\\", "\\\\") + "'"
    else:
        literal = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if ast.literal_eval(literal) != text:  # e.g. control characters: fall back on repr
        literal = repr(text)
    return literal


def stub_lines(region, translate=None):
    """The lines that replace a region in the student version: its TODO comment (and its
    translation, when `translate` gives one) and a raise."""
    raise_line = (f"{region.indent}raise NotImplementedError({python_string_literal(region.todo_text)})\n"
                  f"{region.indent}{END_OF_YOUR_CODE}\n")
    translation = translate(region.todo_text) if translate else region.todo_text
    if translation == region.todo_text:
        return region.todo_comment + raise_line
    return region.todo_comment + translated_comment(translation, region.indent) + raise_line


def translated_comment(text, indent):
    """`# 日本語: text` wrapped to COMMENT_COLUMNS terminal columns (see wrapped_lines), continuation
    lines as for TODOs."""
    lines = wrapped_lines(text, indent + TRANSLATION_PREFIX, indent + TODO_CONTINUATION_PREFIX)
    return "".join(line + "\n" for line in lines)


#: Tokens of a line to wrap: an ASCII word, a space, any other character.
_TOKENS = r"[!-~]+| |[^ -~]"
#: The same, where an ASCII word with a parenthesised ASCII group, `dx (N, C, H, W)`, stays whole.
_TOKENS_KEEPING_GROUPS = r"[!-~]*\([ !-~]*?\)[!-~]*|" + _TOKENS


def wrapped_lines(text, first, rest, columns=COMMENT_COLUMNS, keep_groups=False):
    """text (one line of English and Japanese) wrapped to `columns` terminal columns, a CJK
    character counting 2: the first line starts with `first`, the others with `rest`.

    Lines break between Japanese characters or at spaces, never inside an ASCII word
    (`np.maximum`) nor before closing punctuation; with keep_groups, never inside a
    parenthesised group of ASCII text either (a shape, a call)."""
    lines, line = [], first
    for token in re.findall(_TOKENS_KEEPING_GROUPS if keep_groups else _TOKENS, text):
        if (_columns(line + token) > columns and token != " " and not _closes(token)
                and line not in (first, rest)):
            lines.append(line.rstrip())
            line = rest
        if token == " " and line == rest:
            continue
        line += token
    lines.append(line.rstrip())
    return lines


def _columns(text):
    """Terminal columns of text: 2 for a wide (CJK) character, else 1."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _closes(token):
    """Punctuation that must not start a line (Japanese line-breaking rule)."""
    return token[0] in "、。，．）」』】〉》ーぁぃぅぇぉっゃゅょァィゥェォッャュョ,.):;!?"


def student_version(source_text, filename="<source>", translate=None):
    """Return source_text with every solution region replaced by its TODO comment and a raise.

    Everything outside the regions is kept as it is. Lines end with '\\n'; a final
    newline is kept when the source has one. translate(todo_text) -> translation, when
    given, adds the TODO's translation under its English comment.
    """
    regions = solution_regions(source_text, filename)
    lines = source_text.splitlines()
    pieces = []
    next_line = 1  # 1-based number of the first source line not yet copied
    for region in regions:
        pieces.extend(line + "\n" for line in lines[next_line - 1:region.start_line - 1])
        pieces.append(stub_lines(region, translate))
        next_line = region.end_line + 1
    pieces.extend(line + "\n" for line in lines[next_line - 1:])
    text = "".join(pieces)
    if text and not source_text.endswith(("\n", "\r")):
        text = text[:-1]
    return text


def provided_code_fingerprint(stub_text):
    """A short hash of a stub's provided code: its lines outside the regions, without blank or comment lines.

    A region of the student version runs from its `# TODO:` line to its END_OF_YOUR_CODE
    line. The visible tests (exercises/conftest.py, which has its own copy of this
    function: students' tools do not import the grader) compare it with the fingerprint
    in the stub's header, to tell a student that code outside the regions was changed.
    """
    import hashlib

    kept, inside = [], False
    for line in stub_text.splitlines():
        stripped = line.strip()
        if stripped.startswith(TODO_PREFIX):
            inside = True
        elif inside and stripped == END_OF_YOUR_CODE:
            inside = False
        elif not inside and stripped and not stripped.startswith("#"):
            kept.append(line.rstrip())
    return hashlib.sha256("\n".join(kept).encode("utf-8")).hexdigest()[:16]


def provided_code_parts(stub_text):
    """{part: short hash} of a stub's provided code, one per top-level function or class and MODULE_PART
    for the rest, in the order they first appear; None when the text is not valid Python.

    The lines hashed are those of provided_code_fingerprint, split by the top-level definition they
    belong to (from its first decorator to its last line), so the visible tests can say which
    definition's provided code was changed. A copy lives in exercises/conftest.py (a test keeps them equal).
    """
    import ast
    import hashlib

    try:
        tree = ast.parse(stub_text)
    except (SyntaxError, ValueError):
        return None
    lines = stub_text.splitlines()
    owner = [MODULE_PART] * (len(lines) + 2)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            first = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
            owner[first:node.end_lineno + 1] = [node.name] * (node.end_lineno + 1 - first)
    kept, inside = {}, False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith(TODO_PREFIX):
            inside = True
        elif inside and stripped == END_OF_YOUR_CODE:
            inside = False
        elif not inside and stripped and not stripped.startswith("#"):
            kept.setdefault(owner[number], []).append(line.rstrip())
    return {part: hashlib.sha256("\n".join(part_lines).encode("utf-8")).hexdigest()[:8]
            for part, part_lines in kept.items()}
