"""The solution-region parser and the student version it makes."""
import textwrap

import pytest

from autograder.curriculum.solution_regions import (
    Region,
    SolutionMarkerError,
    python_string_literal,
    solution_regions,
    student_version,
)

SAMPLE = textwrap.dedent('''\
    """A module docstring."""
    import numpy as np


    def relu(x):
        """max(0, x)."""
        ### BEGIN SOLUTION
        # TODO: return max(0, x) elementwise
        #   (np.maximum, not np.max).
        return np.maximum(0, x)
        ### END SOLUTION


    class Layer:
        def forward(self, x):
            ### BEGIN SOLUTION
            # TODO: return {"out": x}.
            self.x = x
            return {"out": x}
            ### END SOLUTION
''')

SAMPLE_STUDENT_VERSION = textwrap.dedent('''\
    """A module docstring."""
    import numpy as np


    def relu(x):
        """max(0, x)."""
        # TODO: return max(0, x) elementwise
        #   (np.maximum, not np.max).
        raise NotImplementedError("return max(0, x) elementwise (np.maximum, not np.max).")
        # ---- end of your code ----


    class Layer:
        def forward(self, x):
            # TODO: return {"out": x}.
            raise NotImplementedError('return {"out": x}.')
            # ---- end of your code ----
''')


def test_student_version_of_a_sample():
    assert student_version(SAMPLE) == SAMPLE_STUDENT_VERSION


def test_student_version_is_importable_python():
    namespace = {}
    exec(compile(student_version(SAMPLE), "<stub>", "exec"), namespace)
    with pytest.raises(NotImplementedError, match=r"return max\(0, x\) elementwise"):
        namespace["relu"](1.0)
    with pytest.raises(NotImplementedError, match="out"):
        namespace["Layer"]().forward(1.0)


def test_solution_regions_of_a_sample():
    first, second = solution_regions(SAMPLE)
    assert first == Region(
        start_line=7, end_line=11, indent="    ",
        todo_text="return max(0, x) elementwise (np.maximum, not np.max).",
        code="    return np.maximum(0, x)\n",
        todo_comment="    # TODO: return max(0, x) elementwise\n    #   (np.maximum, not np.max).\n")
    assert (second.start_line, second.end_line, second.indent) == (16, 20, "        ")
    assert second.todo_text == 'return {"out": x}.'
    assert second.code == '        self.x = x\n        return {"out": x}\n'


def test_text_without_regions_is_kept_as_it_is():
    text = '"""Provided helper."""\nimport numpy as np\n\nX = 1  # no newline at the end'
    assert solution_regions(text) == []
    assert student_version(text) == text


@pytest.mark.parametrize("text", ['say "hi"', "it's", """it's "quoted" \\ here"""])
def test_todo_text_becomes_a_valid_string_literal(text):
    assert eval(python_string_literal(text)) == text


def lines(*body):
    return "\n".join(body) + "\n"


@pytest.mark.parametrize("source, message", [
    (lines("def f():", "    ### END SOLUTION"),
     r"<source>:2: '### END SOLUTION' without a '### BEGIN SOLUTION' before it"),
    (lines("def f():", "    ### BEGIN SOLUTION", "    # TODO: x", "    return 1"),
     r"<source>:2: '### BEGIN SOLUTION' is never closed"),
    (lines("def f():", "    ### BEGIN SOLUTION", "    # TODO: x", "    ### BEGIN SOLUTION",
           "    # TODO: y", "    return 1", "    ### END SOLUTION", "    ### END SOLUTION"),
     r"<source>:4: '### BEGIN SOLUTION' inside the region opened at line 2: regions cannot be nested"),
    (lines("def f():", "    ### BEGIN SOLUTION", "    return 1", "    ### END SOLUTION"),
     r"<source>:2: the region must start with a '# TODO: \.\.\.' comment"),
    (lines("def f():", "    ### BEGIN SOLUTION", "    # TODO: x", "    ### END SOLUTION"),
     r"<source>:2: the region has a TODO but no solution code"),
    (lines("def f():", "    ### BEGIN SOLUTION", "    # TODO: x", "    return 1", "  ### END SOLUTION"),
     r"<source>:5: '### END SOLUTION' is not indented like the '### BEGIN SOLUTION' of line 2"),
    (lines("def f():", "    ### BEGIN SOLUTION", "    # TODO: x", "  return 1", "    ### END SOLUTION"),
     r"<source>:4: this line of the region opened at line 2 is indented less than its markers"),
    (lines("def f():", "    return 1  ### BEGIN SOLUTION"),
     r"<source>:2: a solution marker must stand alone on its line"),
])
def test_bad_markers_raise_a_clear_error(source, message):
    with pytest.raises(SolutionMarkerError, match=message):
        solution_regions(source)
    with pytest.raises(SolutionMarkerError, match=message):
        student_version(source)
