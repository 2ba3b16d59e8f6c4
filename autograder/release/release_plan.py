"""The release's steps in order, and what they share: where the kit is, where the release goes.

A step is a function of one argument, the `Release`; it reads the kit and
writes into `release.out`.
"""
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading.settings import DEFAULT_COURSE_SEED
from autograder.translation import _

from . import classroom_workflow, copy_sources, leak_check, student_files, student_pyproject, student_readme

KIT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Release:
    """What every step reads and writes.

    kit_root: the kit's checkout (holds exercises/, datasets/, solutions/, autograder/).
    out: the release folder being built.
    unit_points: {unit: points} for the classroom workflow, in course order.
    hidden_grader: None (the workflow grades the visible tests), or the pip
        requirement of the kit, from a private repository, that the workflow
        installs to grade with the hidden tests.
    language: the course's language ('ja' or 'en'), or None: the workflow sets it
        as KIT_LANG and README.md is written in it (the other language beside it).
    course_seed: the missions' splits and training seeds the hidden grader uses
        (written into the workflow; the same for every student).
    """

    kit_root: Path
    out: Path
    unit_points: dict = field(default_factory=dict)
    hidden_grader: str | None = None
    language: str | None = None
    course_seed: int = DEFAULT_COURSE_SEED
    written: list = field(default_factory=list)  # paths (relative to out) each step reported

    def write_text(self, relative, text):
        """Write the release file `relative` (LF line ends, parent folders created)."""
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        self.written.append(relative)


STEPS = (
    copy_sources.copy_exercises,
    copy_sources.copy_datasets,
    student_readme.write_readme,
    student_pyproject.write_pyproject,
    classroom_workflow.write_workflow,
    student_files.write_gitignore,
    leak_check.verify_no_leaks,
)


def build_release(out, kit_root=KIT_ROOT, unit_points=None, hidden_grader=None, force=False, language=None,
                  course_seed=DEFAULT_COURSE_SEED):
    """Build the student release into the folder `out` and return the Release.

    unit_points: {unit: points} for the classroom workflow; by default the
    hidden suites' points (autograder/hidden). hidden_grader, language, course_seed: see Release.
    force: replace `out` when it holds an earlier release.
    Raises FileExistsError when `out` is not empty (and not an earlier release
    with force), leak_check.ReleaseLeak when the release would leak, ValueError
    when the points cannot go to Classroom.
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not force:
            raise FileExistsError(_("{path} exists and is not empty (use --force to replace an earlier release)").format(
                path=out))
        if not (out / classroom_workflow.WORKFLOW_PATH).is_file():
            raise FileExistsError(_("{path} does not hold an earlier release: not replacing it, even with "
                                    "--force").format(path=out))
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    if unit_points is None:
        from .unit_points import hidden_unit_points
        unit_points = hidden_unit_points()
    release = Release(kit_root=Path(kit_root), out=out, unit_points=dict(unit_points),
                      hidden_grader=hidden_grader, language=language, course_seed=int(course_seed))
    for step in STEPS:
        step(release)
    return release
