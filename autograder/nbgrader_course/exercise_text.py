"""The words of a notebook, written from the reference module's own docstrings and TODOs.

Docstrings keep their line breaks (shapes are listed one per line), so they
are shown as preformatted text; TODO texts become the "Your task" list, each
item followed by its Japanese translation as a `日本語: ` sub-item (from the
students' catalogue, as the stubs' `# 日本語:` comments).
"""
import ast
import copy
import textwrap

from .module_blocks import Block

#: Opens the Japanese sub-item under each item of the "Your task" list.
TRANSLATION_ITEM = "日本語: "

HOW_TO = """\
**How this notebook works.** Write your code in the cells marked *YOUR CODE HERE*
(replace `raise NotImplementedError()`), following the *TODO* comment above it;
leave the other cells as they are. Run every cell from the top (*Kernel > Restart
& Run All*) before you submit. Each cell headed *Graded* is worth the points it
names: the checks it runs are hidden and run when your notebook is graded, on
inputs drawn then, so they are not the examples you try here."""

CARRY_OVER = """\
## Your code from earlier assignments

This notebook builds on code you wrote before. Paste **your own** solutions
from the notebooks named below into these cells (only the parts used here are
listed). They are not graded again here, but the code of this assignment calls
them, so it can only work when they do."""


def escape(text):
    """Markdown-safe plain text: no emphasis, no HTML."""
    for special in "\\`*_<>[]#|":
        text = text.replace(special, "\\" + special)
    return text


def preformatted(text):
    return "```text\n" + text.strip("\n") + "\n```"


def title(assignment):
    return f"# Assignment `{assignment}`"


def introduction(assignment, module_docstring, units_and_points):
    """The first cell: title, what the module is about, how to work, what is graded."""
    lines = [title(assignment), ""]
    if module_docstring:
        summary, _, rest = module_docstring.partition("\n")
        lines += [f"**{escape(summary.strip())}**", ""]
        if rest.strip():
            lines += [preformatted(textwrap.dedent(rest)), ""]
    lines += [HOW_TO, ""]
    if units_and_points:
        total = sum(points for _, points in units_and_points)
        lines += [f"**Graded here** ({_points(total)} in all):", ""]
        lines += [f"- `{unit}`: {_points(points)}" for unit, points in units_and_points]
    return "\n".join(lines)


def carried_module_heading(module):
    return f"### From assignment `{module}`"


def unit_text(block: Block, unit, points):
    """Heading, docstring and the TODO list of one exercise block (a function or a class)."""
    node = ast.parse(block.source).body[-1]
    heading = f"## `{_signature(node)}`"
    if points:
        heading += f" ({_points(points)})"
    lines = [heading, ""]
    if block.docstring:
        lines += [preformatted(block.docstring), ""]
    lines += ["**Your task:**", ""]
    for where, region in _tasks(node, block):
        lines.append(f"- {where}{escape(region.todo_text)}")
        translation = block.todo_translation(region)
        if translation:
            lines.append(f"  - {TRANSLATION_ITEM}{escape(translation)}")
    if unit:
        lines += ["", f"Graded as unit `{unit}`."]
    return "\n".join(lines)


def _tasks(node, block):
    """(where, region) for each region of the block: the method it sits in, for a class."""
    if not isinstance(node, ast.ClassDef):
        return [("", region) for region in block.regions]
    tasks = []
    for region in block.regions:
        line = region.start_line - block.first_line + 1  # node's lines count from the block's first line
        method = next((m for m in node.body if isinstance(m, ast.FunctionDef)
                       and m.lineno <= line <= m.end_lineno), None)
        where = f"`{_signature(method)}`: " if method else ""
        tasks.append((where, region))
    return tasks


def _signature(node):
    if isinstance(node, ast.ClassDef):
        init = next((m for m in node.body if isinstance(m, ast.FunctionDef) and m.name == "__init__"), None)
        arguments = _arguments(init) if init else ""
        return f"class {node.name}({arguments})"
    return f"{node.name}({_arguments(node)})"


def _arguments(function):
    args = copy.deepcopy(function.args)
    if args.args and args.args[0].arg in ("self", "cls"):
        args.args = args.args[1:]
    return ast.unparse(args)


def _points(points):
    value = f"{points:g}"
    return f"{value} point" if value == "1" else f"{value} points"
