"""Step 7: prove that the release leaks nothing: no solution code, no hidden test.

Two kinds of secret, each found from its one source:

- solution code: the code lines of every solution region of `solutions/*.py`
  (`autograder.curriculum.solution_regions`), leaving out lines too short to
  mean anything (`return x`) and lines that also appear as provided code,
  which the release holds on purpose;
- hidden tests: the name of every test function in `autograder/hidden/`. A
  mention is a leak unless it is the name of a test the release defines with
  a body of its own (a visible test may happen to share a name; `namesakes`
  lists those, so they can be renamed).

Every file of the release is searched, byte for byte, text or not.
"""
import ast
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.curriculum.solution_regions import solution_regions, student_version

#: Shorter stripped lines are too generic to identify a solution ("return out", "else:").
MIN_SECRET_LINE_LENGTH = 16


class ReleaseLeak(Exception):
    """The release holds something students must not see."""


@dataclass(frozen=True)
class Leak:
    path: str  # relative to the release
    what: str  # "solution line" or "hidden test name"
    text: str
    origin: str  # where the secret comes from in the kit


def verify_no_leaks(release):
    leaks = find_leaks(release.out, release.kit_root)
    if leaks:
        shown = "\n".join(f"  {leak.path}: {leak.what} {leak.text!r} (from {leak.origin})" for leak in leaks[:20])
        more = f"\n  ... and {len(leaks) - 20} more" if len(leaks) > 20 else ""
        raise ReleaseLeak(f"the release at {release.out} leaks {len(leaks)} secret(s):\n{shown}{more}")


def find_leaks(release_dir, kit_root):
    """Every Leak in the files under `release_dir`."""
    lines = secret_solution_lines(Path(kit_root) / "solutions")
    hidden = hidden_tests(Path(kit_root) / "autograder" / "hidden")
    # A visible test file may share a hidden test's name (exercises/tests/test_iris_mission.py): its
    # file name, quoted elsewhere in the release (a catalogue's "#: exercises/tests/..." lines), is no leak.
    shipped = {p.stem for p in Path(release_dir).rglob("*.py")}
    leaks = []
    for path in sorted(p for p in Path(release_dir).rglob("*") if p.is_file()):
        data = path.read_bytes()
        relative = path.relative_to(release_dir).as_posix()
        for line, origin in lines.items():
            if line.encode("utf-8") in data:
                leaks.append(Leak(relative, "solution line", line, origin))
        for name, test in hidden.items():
            named = re.escape(name.encode("ascii"))
            text = re.sub(rb"\b" + named + rb"\.py\b", b"", data) if name in shipped else data
            count = len(re.findall(rb"\b" + named + rb"\b", text))
            if count and not _only_unrelated_namesakes(text, name, test.body, count):
                leaks.append(Leak(relative, "hidden test name", name, test.origin))
    return leaks


def namesakes(release_dir, kit_root):
    """Hidden test names that a release file uses for a test of its own (a different body): not leaks,
    but worth renaming so that the name search stays sharp."""
    hidden = hidden_tests(Path(kit_root) / "autograder" / "hidden")
    shared = []
    for path in sorted(Path(release_dir).rglob("*.py")):
        data = path.read_bytes()
        for name in hidden:
            if re.search(rb"\b" + re.escape(name.encode("ascii")) + rb"\b", data):
                shared.append((path.relative_to(release_dir).as_posix(), name))
    return shared


def _only_unrelated_namesakes(data, name, hidden_body, count):
    """True when every mention of `name` in the Python source `data` is the def of a function
    whose body is not the hidden test's (a visible test that happens to share the name)."""
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return False
    defs = [node for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name]
    return len(defs) == count and all(_body(node) != hidden_body for node in defs)


def secret_solution_lines(solutions_dir):
    """{stripped code line: 'solutions/<file>:<line>'} of every solution region's distinctive lines.

    Left out: comments; lines shorter than MIN_SECRET_LINE_LENGTH; lines found
    anywhere in the provided code (a TODO may spell out a call the solution
    makes); idioms, i.e. lines found in more than one region (`for key in
    params:` opens every optimizer), which tests and experiments write too.
    """
    sources = {path: path.read_text(encoding="utf-8") for path in sorted(Path(solutions_dir).glob("*.py"))}
    provided = "\n".join(student_version(text, path.name) for path, text in sources.items())
    found = {}  # line -> origins
    for path, text in sources.items():
        for region in solution_regions(text, path.name):
            first_code_line = region.end_line - len(region.code.splitlines())
            for offset, line in enumerate(region.code.splitlines()):
                stripped = line.strip()
                if len(stripped) >= MIN_SECRET_LINE_LENGTH and not stripped.startswith("#") \
                        and stripped not in provided:
                    found.setdefault(stripped, {}).setdefault(
                        f"{path.name}:{region.start_line}", f"solutions/{path.name}:{first_code_line + offset}")
    return {line: next(iter(origins.values())) for line, origins in found.items() if len(origins) == 1}


@dataclass(frozen=True)
class HiddenTest:
    origin: str  # autograder/hidden/<file>
    body: str  # ast dump of the function's statements, docstring left out


def hidden_tests(hidden_dir):
    """{test function name: HiddenTest} of every hidden suite module."""
    if not Path(hidden_dir).is_dir():
        raise FileNotFoundError(f"no hidden suites at {hidden_dir}: cannot prove that none leaks")
    found = {}
    for path in sorted(Path(hidden_dir).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
                origin = f"autograder/hidden/{path.relative_to(hidden_dir).as_posix()}"
                found.setdefault(node.name, HiddenTest(origin, _body(node)))
    return found


def _body(function):
    statements = function.body
    if statements and isinstance(statements[0], ast.Expr) and isinstance(statements[0].value, ast.Constant) \
            and isinstance(statements[0].value.value, str):
        statements = statements[1:]
    return "\n".join(ast.dump(statement) for statement in statements)
