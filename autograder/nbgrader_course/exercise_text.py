"""The words of a notebook, written from the reference module's own docstrings and TODOs.

Docstrings keep their line breaks (shapes are listed one per line), so they
are shown as preformatted text; TODO texts become the "Your task" list, each
item followed by its Japanese translation as a `日本語: ` sub-item (from the
students' catalogue, as the stubs' `# 日本語:` comments). The notebook's own
words (how it works, the labels) are in English and Japanese alike, the
Japanese from the grader's catalogue: `bilingual`.
"""
import ast
import copy
import textwrap

from autograder.translation import CATALOGUE, N_

from .module_blocks import Block

#: Opens the Japanese sub-item under each item of the "Your task" list.
TRANSLATION_ITEM = "日本語: "

HOW_TO = N_("""\
**How this notebook works.** Write your code in the cells marked *YOUR CODE HERE*
(replace `raise NotImplementedError()`), following the *TODO* comment above it;
leave the other cells as they are. Run every cell from the top (*Kernel > Restart
& Run All*) before you submit. Each cell headed *Graded* is worth the points it
names: the checks it runs are hidden and run when your notebook is graded, on
inputs drawn then, so they are not the examples you try here.""")

CARRY_OVER_HEADING = N_("Your code from earlier assignments")
CARRY_OVER = N_("""\
This notebook builds on code you wrote before. Paste **your own** solutions
from the notebooks named below into these cells (only the parts used here are
listed). They are not graded again here, but the code of this assignment calls
them, so it can only work when they do.""")
YOUR_TASK = N_("Your task:")
GRADED_HERE = N_("Graded here ({total} points in all):")
GRADED_AS_UNIT = N_("Graded as unit `{unit}`.")
FROM_ASSIGNMENT = N_("From assignment `{module}`")


def japanese(message):
    """`message` (marked with N_) in Japanese, from the grader's catalogue; None when it has none."""
    translation = CATALOGUE.translations("ja").gettext(message)
    return translation if translation != message else None


def bilingual(message, separator="\n\n", **fields):
    """`message` in English, then in Japanese (when translated), each formatted with `fields`."""
    english = message.format(**fields) if fields else message
    translation = japanese(message)
    if translation is None:
        return english
    return english + separator + (translation.format(**fields) if fields else translation)


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
    lines += [bilingual(HOW_TO), ""]
    if units_and_points:
        total = sum(points for _, points in units_and_points)
        lines += ["**" + bilingual(GRADED_HERE, "** / **", total=f"{total:g}") + "**", ""]
        lines += [f"- `{unit}`: {_points(points)}" for unit, points in units_and_points]
    return "\n".join(lines)


def carried_module_heading(module):
    return "### " + bilingual(FROM_ASSIGNMENT, " / ", module=module)


def carry_over():
    """The heading cell of the code carried over from earlier assignments."""
    return "## " + bilingual(CARRY_OVER_HEADING, " / ") + "\n\n" + bilingual(CARRY_OVER)


def unit_text(block: Block, unit, points):
    """Heading, docstring and the TODO list of one exercise block (a function or a class)."""
    node = ast.parse(block.source).body[-1]
    heading = f"## `{_signature(node)}`"
    if points:
        heading += f" ({_points(points)})"
    lines = [heading, ""]
    if block.docstring:
        lines += [preformatted(block.docstring), ""]
    lines += ["**" + bilingual(YOUR_TASK, "** / **") + "**", ""]
    for where, region in _tasks(node, block):
        lines.append(f"- {where}{escape(region.todo_text)}")
        translation = block.todo_translation(region)
        if translation:
            lines.append(f"  - {TRANSLATION_ITEM}{escape(translation)}")
    if unit:
        lines += ["", bilingual(GRADED_AS_UNIT, " / ", unit=unit)]
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
