"""Step 3: README.md of the student repository.

The fixed text is below; the parts that change with the kit are filled in
from their sources: the units and their points (`release.unit_points`), the
experiments present in `exercises/experiments/` (modules that run as scripts,
described by their docstring's first line).
"""
import ast
from string import Template

from autograder.curriculum.solution_regions import END_OF_YOUR_CODE

from .student_readme_ja import README_JA, japanese_tables

README = Template("""\
# Deep Learning from Scratch — exercises

[日本語]($other)

You build a neural network library with NumPy, piece by piece, following the
book *Deep Learning from Scratch*: activations and losses, the numerical
gradient, every layer's forward and backward pass, optimizers from SGD to
Adam, weight initialisation, batch normalisation and dropout, a two-layer and
a multi-layer network, and a convolutional network (im2col, convolution and
pooling layers). Then you use it on three missions (Iris flowers, and
handwritten digits with a fully connected and with a convolutional network) and
draw the course's figures with your own code.

## Set up (once)

You need Python 3.10 or newer.

```bash
python -m venv .venv
source .venv/bin/activate          # Windows: .venv\\Scripts\\activate
python -m pip install -e .         # NumPy, pytest, matplotlib
```

## Work, test, see your progress

Open a file in `exercises/` (start with `exercises/functions.py`). Each part
you write is a **region** that starts at a `# TODO:` comment and ends at the
line `$end_of_your_code`:

```python
def sigmoid(x):
    ...                                                  (its docstring)
    # TODO: return 1 / (1 + exp(-x)) elementwise.        <- the region starts here
    raise NotImplementedError("return 1 / (1 + exp(-x)) elementwise. ...")   <- replace this line
    $end_of_your_code                         <- and ends here
```

Replace the `raise NotImplementedError(...)` line with your code, as many lines
as you need, and keep the two lines around it. Each TODO is followed by its
Japanese translation (`# 日本語:`), and each docstring ends with its own, a
paragraph opened by `日本語:`. Everything outside the regions
is provided code: leave it as it is (if it changes, the tests say so).

Then run the tests:

```bash
python -m pytest                                   # every visible test
python -m pytest exercises/tests/test_layers.py    # the tests of one module
```

A unit you have not written yet shows **one line** saying which unit, in which
file, and what its TODO asks, instead of a traceback. At the end of every run a
**progress table** lists each unit as `[x] done` or `[ ]` not done (not
started, in progress with N of M tests passing, or waiting for another unit it
uses), and how many units are done. A failed test shows what was checked,
on which input, what was expected and what your code gave.

A **unit** is one function or class, named `<module>.<name>` (`functions.sigmoid`,
`layers.Affine`). It is **done** when every visible test of that unit passes.
A test stops after 10 seconds (the missions' after 120) and names the line your
code was on; a test that fails because a unit it uses fails its own tests says
which unit to fix first.

## Missions

When the networks work, train them on real data:

| mission | command | what it uses |
| --- | --- | --- |
| Iris flowers (4-6-3 network) | `python -m exercises.iris_mission` | your TwoLayerNet and SGD |
| 8x8 handwritten digits | `python -m exercises.digits_mission` | your MultiLayerNet with batch norm, He init and Adam |
| 8x8 digits as images (N, 1, 8, 8) | `python -m exercises.cnn_mission` | your SimpleConvNet (Convolution, Pooling) and Adam |

Each trains with a progress bar, prints the test accuracy on flowers or digits
it never saw, and saves a loss/accuracy plot (PNG). `--seed N` draws another split.
The data is in `datasets/` (with its provenance and licence).

## Experiments: the course's figures, drawn with your code

$experiments

Add `--quick` for a fast, small run. An experiment that needs a unit you have
not written yet says which one.

## Submit

Commit and push:

```bash
git add exercises
git commit -m "Write sigmoid and softmax"
git push
```

Every push runs the workflow in `.github/workflows/classroom.yml`: it runs the
visible tests of each unit and awards the unit's points when all of them pass.
The points of each unit are the ones the course grades with:

$units

Your instructor may also grade with **hidden tests**: the same units checked on
other inputs, drawn at grading time. No test gives points for code that does not
compute the unit's function (zeros, constants, the input returned). The
missions are graded on held-out splits of the data your code never sees:

$missions

Passing the visible tests is the first step; code that follows each TODO and
its docstring passes both.

## Working in a notebook (Jupyter, Colab)

If your course hands out notebooks, write each unit as a function or class at
the top level of a code cell, under the same names as in `exercises/`; the
grader takes the cells that define the exercises' names and leaves out what
only runs (prints, calls, training, `%magics`, `!shell` lines). The same rules
hold: one region per TODO, the provided cells left as they are.

## For instructors

This repository is generated by the course kit (`autograder release OUT`); edit
the kit, not this copy. The workflow above grades the **visible** tests, since
hidden tests never ship to students. To have Classroom grade with the
**hidden** tests instead, build the release with the kit's private repository
as the grader:

```bash
autograder release OUT --hidden-grader \\
  'dl-scratch-kit @ git+https://x-access-token:$${{ secrets.KIT_TOKEN }}@github.com/ORG/KIT.git'
```

and add `KIT_TOKEN` (a token that can read that repository) as an organisation
secret. The workflow then installs the kit and runs
`autograder grade exercises --format classroom`: one runner, every hidden test
with its points and partial credit. Mind what that costs: a student controls
their repository's workflow and the code it runs, so the kit installed there
(hidden tests, reference solutions) can be read by a determined student. For
grades that count, collect the repositories and grade them on your own machine
with `autograder grade PATH` (hidden tests, student code sandboxed); keep the
visible-test workflow for feedback.
""")

NO_EXPERIMENTS = "(This release has no experiments.)"


#: Where each language's README goes: README.md is in the course's language, the other one beside it.
README_NAMES = {"en": {"en": "README.md", "ja": "README.ja.md"}, "ja": {"ja": "README.md", "en": "README.en.md"}}


def write_readme(release):
    """README.md in the course's language (English by default) and the other language's README beside it."""
    names = README_NAMES[release.language or "en"]
    tables = {"units": units_table(release.unit_points),
              "experiments": experiments_table(release.out / "exercises" / "experiments"),
              "missions": missions_table(), "end_of_your_code": END_OF_YOUR_CODE}
    release.write_text(names["en"], README.substitute(**tables, other=names["ja"]))
    release.write_text(names["ja"], README_JA.substitute(**{**tables, **japanese_tables(release.unit_points)},
                                                         other=names["en"]))


def units_table(unit_points):
    rows = ["| unit | points |", "| --- | --- |"]
    rows += [f"| `{unit}` | {points:g} |" for unit, points in unit_points.items()]
    rows.append(f"| **total** | **{sum(unit_points.values()):g}** |")
    return "\n".join(rows)


def missions_table():
    """The missions' bars, from the checks that grade them (their one home)."""
    from autograder.checks.missions import MISSIONS

    rows = ["| mission | graded on | full credit from a mean test accuracy of | partial credit from | "
            "train() + predict() time limit per split |", "| --- | --- | --- | --- | --- |"]
    rows += [f"| `{m.unit}` | {m.splits} held-out splits | {m.full_credit_accuracy:g} | "
             f"{m.no_credit_accuracy:g} (rising linearly) | {m.time_limit:g} s |" for m in MISSIONS.values()]
    return "\n".join(rows)


def experiments_table(experiments_dir):
    """A table of the runnable experiment modules and what each draws."""
    rows = []
    for path in sorted(experiments_dir.glob("*.py")) if experiments_dir.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        if '__name__ == "__main__"' not in text and "__name__ == '__main__'" not in text:
            continue
        docstring = ast.get_docstring(ast.parse(text)) or ""
        summary = docstring.strip().splitlines()[0] if docstring.strip() else ""
        rows.append(f"| `python -m exercises.experiments.{path.stem}` | {summary} |")
    if not rows:
        return NO_EXPERIMENTS
    return "\n".join(["| command | draws |", "| --- | --- |", *rows])
