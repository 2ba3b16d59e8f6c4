"""`autograder similarity`: planted copies (renamed variables, reordered functions) top the table.

Independent solutions: the kit's reference (solutions/) and the book's common/
code (tests/fixtures/book_common), written separately. Planted copies: each
with names renamed and its functions and classes in reverse order.
"""
import csv
import re
import subprocess
import sys

import pytest

from autograder.similarity.student_code import written_code
from autograder.submission_intake import copy_modules

from .conftest import EXERCISES, REPO, SOLUTIONS

pytest.importorskip("copydetect", reason="the similarity check needs copydetect (the instructor extra)")
BOOK = REPO / "tests" / "fixtures" / "book_common"


def planted_copy(source, destination, renames):
    """`source`'s modules with whole-word `renames` and their top-level definitions in reverse order."""
    copy_modules(source, destination)
    for path in destination.glob("*.py"):
        text = path.read_text()
        for old, new in renames.items():
            text = re.sub(rf"\b{old}\b", new, text)
        head, *definitions = re.split(r"\n(?=(?:def|class) )", text)
        path.write_text(head + "\n" + "\n".join(reversed(definitions)) + "\n")
    return destination


def test_planted_copies_top_the_table_and_independent_solutions_do_not(tmp_path):
    folder = tmp_path / "class"
    copy_modules(SOLUTIONS, folder / "alice")
    copy_modules(BOOK, folder / "bob")
    planted_copy(BOOK, folder / "carol", {"dout": "grad_out", "mask": "keep", "x": "inp", "W": "weights"})
    planted_copy(SOLUTIONS, folder / "dave", {"dout": "upstream", "x": "data", "grads": "g", "params": "p"})
    copy_modules(EXERCISES, folder / "erin")                     # the stubs: nothing written, nothing compared
    out = tmp_path / "similarity"
    done = subprocess.run([sys.executable, "-m", "autograder", "similarity", str(folder), "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "4 submission(s), 6 pair(s)" in done.stdout
    with open(out / "pairs.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    pairs = [({row["first"], row["second"]}, float(row["similarity_percent"])) for row in rows]
    assert {frozenset(p) for p, _ in pairs[:2]} == {frozenset({"bob", "carol"}), frozenset({"alice", "dave"})}
    planted = min(score for _, score in pairs[:2])
    independent = max(score for _, score in pairs[2:])
    assert planted >= 60 and independent < planted - 25, pairs
    assert "| 1 |" in (out / "pairs.md").read_text()
    page = (out / "pairs.html").read_text()
    assert page.count("<mark>") > 10 and "<script" not in page


def test_only_what_the_student_wrote_is_compared():
    stub = (EXERCISES / "functions.py").read_text()
    solved = "\n".join(line for line in (SOLUTIONS / "functions.py").read_text().splitlines()
                       if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
    assert written_code(stub, stub) == ""
    mine = written_code(stub, solved)
    assert "np.exp" in mine and "TODO" not in mine and "BEGIN SOLUTION" not in mine
    provided = [line.strip() for line in stub.splitlines() if line.strip().startswith(("import ", "def "))]
    assert provided and not any(line.strip() in provided for line in mine.splitlines())
