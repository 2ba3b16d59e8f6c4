"""A reference module cut into top-level blocks: the raw material of notebook cells.

A block is one top-level statement of a `solutions/<module>.py` file together
with the comment lines just above it (`#: ...` notes on constants). For each
block we keep what a notebook builder needs to know:

- `name`: the function or class it defines (None for imports and constants);
- `defines` / `uses`: top-level names it binds and names it mentions, so a
  notebook can carry over just the part of an earlier module it needs;
- `regions`: its solution regions (`autograder.curriculum`), the student's part;
- `relative_imports`: for `from .layers import Affine`, {"layers": {"Affine"}};
- `translations`: each region's TODO text -> its Japanese translation, from the
  students' catalogue, shown under the English TODO as in the stubs.

The module docstring and the `if __name__ == "__main__":` block are not blocks:
the first becomes the notebook's introduction, the second has no meaning in a
notebook kernel (where `__name__` is always "__main__").
"""
import ast
from dataclasses import dataclass, field

from autograder.curriculum.solution_regions import BEGIN_MARKER, solution_regions, translated_comment


@dataclass
class Block:
    """One top-level statement of a module, with the comment lines above it."""

    module: str
    source: str  # the block's text, lines ending in "\n"
    first_line: int  # 1-based line of the block's first line (its comments included)
    last_line: int
    name: str | None = None
    docstring: str | None = None
    defines: set = field(default_factory=set)
    uses: set = field(default_factory=set)
    regions: list = field(default_factory=list)  # curriculum Regions inside the block
    relative_imports: dict = field(default_factory=dict)  # module -> set of names
    is_import: bool = False
    translations: dict = field(default_factory=dict)  # TODO text -> its Japanese translation

    @property
    def is_exercise(self):
        """True when the block holds a part the student writes."""
        return bool(self.regions)

    def todo_translation(self, region):
        """The Japanese translation of a region's TODO text, or None when the catalogue has none."""
        return self.translations.get(region.todo_text)

    def nbgrader_source(self):
        """The block's text with each region's TODO comment moved above `### BEGIN SOLUTION`,
        followed by its translation as a `# 日本語: ...` block, exactly as in the stubs.

        nbgrader replaces everything between the markers by its stub, so the
        TODO text must sit outside them to reach the student's notebook.
        """
        lines = self.source.splitlines(keepends=True)
        for region in reversed(self.regions):
            begin = region.start_line - self.first_line
            todo_count = len(region.todo_comment.splitlines())
            todo = lines[begin + 1:begin + 1 + todo_count]
            translation = self.todo_translation(region)
            if translation:
                todo += translated_comment(translation, region.indent).splitlines(keepends=True)
            lines[begin:begin + 1 + todo_count] = todo + [lines[begin]]
        return "".join(lines)


@dataclass
class ModuleBlocks:
    """A reference module as blocks, in source order."""

    name: str
    docstring: str
    blocks: list

    @property
    def is_exercise(self):
        return any(block.is_exercise for block in self.blocks)

    def block_defining(self, name):
        for block in self.blocks:
            if name in block.defines:
                return block
        raise KeyError(f"{self.name} defines no top-level name {name!r}")

    def relative_imports(self):
        """{module: names} over every block."""
        merged = {}
        for block in self.blocks:
            for module, names in block.relative_imports.items():
                merged.setdefault(module, set()).update(names)
        return merged


def read_module(name, source_text, translate=None):
    """Cut `source_text` (the module `name`) into a ModuleBlocks.

    translate(TODO text) -> translation (the students' catalogue, see
    make_exercises.todo_translations): the TODOs' translations, kept in each block's
    `translations`; a TODO the catalogue does not translate stays in English alone.
    """
    tree = ast.parse(source_text)
    lines = source_text.splitlines(keepends=True)
    regions = solution_regions(source_text, f"solutions/{name}.py")
    statements = list(tree.body)
    docstring = ""
    if statements and _is_docstring(statements[0]):
        docstring = ast.get_docstring(tree) or ""
    blocks = []
    previous_end = statements[0].end_lineno if docstring else 0
    for node in statements[1:] if docstring else statements:
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
        first = _first_comment_line(lines, previous_end, start)
        previous_end = node.end_lineno
        if _is_main_guard(node):
            continue
        inside = [r for r in regions if first <= r.start_line <= node.end_lineno]
        # A region's END marker is a comment after the statement's last line of code.
        last = max([node.end_lineno] + [r.end_line for r in inside])
        previous_end = last
        block = Block(
            module=name,
            source="".join(lines[first - 1:last]),
            first_line=first,
            last_line=last,
            regions=inside,
            translations=_translations(inside, translate),
        )
        _describe(block, node)
        blocks.append(block)
    return ModuleBlocks(name=name, docstring=docstring, blocks=blocks)


def _translations(regions, translate):
    """{TODO text: translation} of the regions that `translate` translates (as stub_lines decides)."""
    if translate is None:
        return {}
    found = {}
    for region in regions:
        translation = translate(region.todo_text)
        if translation and translation != region.todo_text:
            found[region.todo_text] = translation
    return found


def _is_docstring(node):
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) \
        and isinstance(node.value.value, str)


def _is_main_guard(node):
    return isinstance(node, ast.If) and "__name__" in ast.unparse(node.test)


def _first_comment_line(lines, previous_end, start):
    """1-based first line of the comments directly above line `start` (no blank line between)."""
    first = start
    while first - 1 > previous_end and lines[first - 2].strip().startswith("#") \
            and BEGIN_MARKER not in lines[first - 2]:
        first -= 1
    return first


def _describe(block, node):
    """Fill in name, docstring, defines, uses and imports of `block` from its AST `node`."""
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        block.name = node.name
        block.docstring = ast.get_docstring(node)
        block.defines.add(node.name)
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        block.is_import = True
        for alias in node.names:
            block.defines.add(alias.asname or alias.name.split(".")[0])
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            block.relative_imports[node.module] = {alias.name for alias in node.names}
    else:
        for target in ast.walk(node):
            if isinstance(target, ast.Name) and isinstance(target.ctx, ast.Store):
                block.defines.add(target.id)
    block.uses = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
