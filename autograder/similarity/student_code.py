"""What a student wrote in a module: the lines of their file that the stub does not have.

The stub (exercises/<module>.py, generated from solutions/) holds the provided
code, each TODO's text and its hints; a line-by-line diff against it keeps
only the lines the student added or changed. Blank lines are dropped.
"""
import difflib


def written_code(stub_text, student_text):
    """The student's own lines of `student_text` (a module), in order, as one text."""
    stub = [line.rstrip() for line in stub_text.splitlines()]
    mine = [line.rstrip() for line in student_text.splitlines()]
    matcher = difflib.SequenceMatcher(a=[line.strip() for line in stub], b=[line.strip() for line in mine],
                                      autojunk=False)
    kept = []
    for tag, _, _, start, end in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            kept += [line for line in mine[start:end] if line.strip()]
    return "\n".join(kept) + ("\n" if kept else "")
