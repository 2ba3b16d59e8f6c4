"""The bundle's steps in order, and what they share: where the kit is, the tree being built, the zip.

A step is a function of one argument, the `Bundle`; it reads the kit and
writes into `bundle.tree` (the zip's root), or turns the tree into the zip.
"""
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading.settings import DEFAULT_COURSE_SEED
from autograder.translation import _

from . import archive, copy_kit, fallback, requirements, scripts, settings

KIT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Bundle:
    """What every step reads and writes.

    kit_root: the kit's checkout (holds autograder/, solutions/, datasets/, pyproject.toml).
    tree: the folder that becomes the zip's root (Gradescope's /autograder/source).
    out: the zip file to write.
    seed: one grading seed for every submission, or None (each submission's
        seed comes from its Gradescope submission id; see run_submission.py).
    course_seed: the missions' splits and training seeds, one for the whole course.
    visibility: when students see results (visible, after_due_date, after_published, hidden).
    late_policy: the penalty applied to late submissions (late_work.LatePolicy), or None.
    language: the course's language of the feedback ('ja', 'en'), or None.
    """

    kit_root: Path
    tree: Path
    out: Path
    seed: int | None = None
    course_seed: int = DEFAULT_COURSE_SEED
    visibility: str = "visible"      # Gradescope's visibility of the results and of each test
    late_policy: object = None       # a late_work.LatePolicy, or None
    language: str | None = None      # the course's language of the feedback (bundle.json), or None
    written: list = field(default_factory=list)   # paths (relative to tree) the steps wrote

    def path(self, relative):
        """The tree path `relative`, its parent folders created."""
        target = self.tree / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_text(self, relative, text, executable=False):
        target = self.path(relative)
        with open(target, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.chmod(target, 0o755 if executable else 0o644)
        self.written.append(relative)


STEPS = (
    copy_kit.copy_grader,
    copy_kit.copy_reference,
    copy_kit.copy_datasets,
    copy_kit.copy_pyproject,
    requirements.write_requirements,
    settings.write_settings,
    fallback.write_fallback_results,
    scripts.write_setup_script,
    scripts.write_run_script,
    archive.write_zip,
    archive.check_zip,
)


def build_bundle(out, kit_root=KIT_ROOT, seed=None, force=False, visibility="visible", late_policy=None,
                 language=None, course_seed=DEFAULT_COURSE_SEED):
    """Build the Gradescope bundle `out` (a .zip) and return the Bundle.

    seed: a fixed grading seed for every submission (default: per submission).
    course_seed: the missions' splits and training seeds, the same for every submission.
    force: replace an existing `out`. Raises FileExistsError when `out` exists
    and is not forced, archive.BundleError when the built zip is not sound.
    """
    out = Path(out)
    if out.suffix.lower() != ".zip":
        raise ValueError(_("{path}: the bundle is a .zip file (Gradescope uploads one)").format(path=out))
    if out.exists() and not force:
        raise FileExistsError(_("{path} exists (use --force to replace it)").format(path=out))
    if not out.parent.is_dir():
        raise FileNotFoundError(_("{path}: the folder {folder} does not exist").format(path=out, folder=out.parent))
    with tempfile.TemporaryDirectory(prefix="kit-gradescope-") as tree:
        bundle = Bundle(kit_root=Path(kit_root), tree=Path(tree), out=out, seed=seed,
                        course_seed=int(course_seed), visibility=visibility,
                        late_policy=late_policy, language=language)
        for step in STEPS:
            step(bundle)
    return bundle
