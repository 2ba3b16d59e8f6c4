"""What a failed check tells the student: the failure itself and how its text is written.

A check raises `CheckFailed` with a message that says what was checked, on
which (small) input, what was expected and what the student's code gave,
truncated so a huge array never floods the report. Errors raised by the
student's code become messages here too: a stub's NotImplementedError reads
"not implemented yet - TODO: ...", anything else "raised ValueError: ..." with
the tail of the student's own traceback.
"""
import re
import unicodedata

import numpy as np

from autograder.translation import N_, _, todo_text, translated

ARRAY_PRINT_OPTIONS = {"precision": 6, "threshold": 24, "edgeitems": 3, "linewidth": 88}
TEXT_LIMIT = 600           # characters of one shown value
TRACEBACK_LINES = 8        # lines of the student's traceback kept in feedback
NOT_IMPLEMENTED = "not implemented yet"

# Errors whose cause is well known: a regular expression on "Type: message" -> advice ({name}: the match).
KNOWN_ERRORS = (
    (r"module 'numpy' has no attribute '(?P<name>int|float|bool|object)'",
     N_("np.{name} was removed in NumPy 1.24: write the Python type ({name}) instead.")),
    (r"RecursionError", N_("a function calls itself without end.")),
)


class CheckFailed(Exception):
    """A check did not pass.

    message: feedback for the student (what was checked, input, expected, got).
    diagnosis: the name of a recognised mistake, when one was recognised.
    score_fraction: partial credit in [0, 1) (None means no credit).
    raised: (type name, message) when the failure is an exception the student's code raised.
    """

    def __init__(self, message, diagnosis=None, score_fraction=None, raised=None):
        super().__init__(message)
        self.message = message
        self.diagnosis = diagnosis
        self.score_fraction = score_fraction
        self.raised = raised


class NotImplementedYet(CheckFailed):
    """The student's code raised NotImplementedError: the stub is still there."""


class WorkerStopped(CheckFailed):
    """The process running the student's code died or was killed (exit, timeout, memory)."""


def show(value, limit=TEXT_LIMIT):
    """A short printable form of an array, a number or a small container."""
    if isinstance(value, np.ndarray):
        with np.printoptions(**ARRAY_PRINT_OPTIONS):
            text = np.array2string(value, separator=", ")
        text = _("{array}  (shape {shape}, dtype {dtype})").format(array=text, shape=value.shape,
                                                                     dtype=value.dtype)
    elif isinstance(value, float):
        text = repr(value)
    elif isinstance(value, dict):
        text = "{" + ", ".join(f"{k!r}: {show(v, limit // 2)}" for k, v in value.items()) + "}"
    else:
        text = repr(value)
    if len(text) > limit:
        text = _("{text} ... (truncated)").format(text=text[: limit - 16].rstrip())
    return text


def labelled(label, value):
    """"label value" with the value's continuation lines aligned under its first."""
    return label + show(value).replace("\n", "\n" + " " * columns(label))


def columns(text):
    """The width of text in a terminal: East Asian wide characters (Japanese) take two columns."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def aligned_labels(*labels):
    """The labels followed by spaces so that what follows them starts in one column."""
    width = max(columns(label) for label in labels) + 1
    return [label + " " * (width - columns(label)) for label in labels]


def describe_inputs(inputs):
    """Lines "  name = value" for a dict of named inputs."""
    return "\n".join(labelled(f"  {name} = ", value) for name, value in inputs.items())


def mismatch_message(what, inputs, expected, got, problem, note=None):
    """The standard feedback of a wrong value.

    what: what was checked ("sigmoid(x)"); inputs: dict of named inputs shown;
    expected, got: the values; problem: one line saying how they differ.
    """
    lines = [_("{what}: {problem}").format(what=what, problem=problem)]
    if inputs:
        lines += [_("input:"), describe_inputs(inputs)]
    expected_label, got_label = aligned_labels(_("expected:"), _("got:"))
    lines += [labelled(expected_label, expected), labelled(got_label, got)]
    if note:
        lines.append(note)
    return "\n".join(lines)


def error_message(what, type_name, message, traceback_text=None):
    """Feedback for an exception raised by the student's code."""
    if type_name == "NotImplementedError":
        todo = todo_text(message.strip()) or _("write this function")
        if not todo.lower().startswith("todo"):
            todo = f"TODO: {todo}"
        where = raised_in(traceback_text)
        if where:
            return _("{what}: not implemented yet (in {where}) - {todo}").format(what=what, where=where, todo=todo)
        return _("{what}: not implemented yet - {todo}").format(what=what, todo=todo)
    first_line = (message.strip().splitlines() or [""])[0]
    if first_line:
        lines = [_("{what} raised {error}: {message}").format(what=what, error=type_name, message=first_line)]
    else:
        lines = [_("{what} raised {error}").format(what=what, error=type_name)]
    for pattern, advice in KNOWN_ERRORS:
        match = re.search(pattern, f"{type_name}: {message}")
        if match:
            lines.append(_("hint: {advice}").format(advice=translated(advice).format(**match.groupdict())))
    tail = traceback_tail(traceback_text)
    if tail:
        lines += [_("where (end of your traceback):"), tail]
    return "\n".join(lines)


_FRAME = re.compile(r'File "(?:.*/)?([^/"]+)",(?: cell \d+,)? line \d+, in (\S+)')


def raised_in(traceback_text):
    """"weight_init.py, he_init": the file and function of a traceback's last frame, or None."""
    frames = _FRAME.findall(traceback_text or "")
    if not frames:
        return None
    filename, function = frames[-1]
    return f"{filename}, {function}" if function != "<module>" else filename


def traceback_tail(text, lines=TRACEBACK_LINES):
    """The last lines of a traceback, indented; empty when there is none.

    Only the student's frames are kept: the worker names the submission's files
    by their bare names ("layers.py"), so a frame of a file given by an absolute
    path or "<frozen ...>" is the interpreter's or a library's and is left out,
    with the "Traceback (most recent call last):" header.
    """
    if not text:
        return ""
    kept, in_foreign_frame = [], False
    for line in text.rstrip().splitlines():
        frame = _FRAME_LINE.match(line)
        if frame:
            in_foreign_frame = _is_foreign(frame.group(1))
        elif not line.startswith(" "):  # the header, or the exception line(s) at the end
            in_foreign_frame = False
            if line.startswith("Traceback (most recent call last)"):
                continue
        if line.strip() and not in_foreign_frame:
            kept.append(line)
    return "\n".join("    " + line.rstrip() for line in kept[-lines:])


_FRAME_LINE = re.compile(r'^\s*File "([^"]+)",(?: cell \d+,)? line \d+')  # cell: a notebook's


def _is_foreign(filename):
    return filename.startswith(("/", "<")) or re.match(r"^[A-Za-z]:[\\/]", filename) is not None

