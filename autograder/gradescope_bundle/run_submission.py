"""On Gradescope: grade /autograder/submission into /autograder/results/results.json.

    python -m autograder.gradescope_bundle.run_submission [--root /autograder]

Run by `run_autograder` (see scripts.py) from /autograder/source. Whatever
happens, a valid results.json is written: a submission that cannot be graded
(nothing to grade, an unsafe zip) gets every test at 0 with the reason, so the
student sees what is graded and why nothing was; a grader that crashes gets
the same (or, if even listing the tests fails, a run with no test), and its
traceback goes to stdout, which Gradescope shows to instructors only.

The seed: bundle.json's fixed seed if the instructor set one, else the
Gradescope submission id (so "Regrade" reproduces every input), else random.
It is recorded in results.json either way.
"""
import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from autograder.grading import SelectionError, SubmissionError, grade_submission, ungraded_run
from autograder.grading.runner import SEED_LIMIT
from autograder.grading.settings import DEFAULT_BUDGET
from autograder.late_work import LatePolicy, PolicyError, submission_time
from autograder.reports import GradescopeReport
from autograder.submission_intake import CONTRACT_MODULES
from autograder.translation import LANGUAGES, N_, _, set_language, translated

from .fallback import empty_run
from .settings import read_settings

DEFAULT_ROOT = "/autograder"
CRASH_MESSAGE = N_("The autograder hit a problem of its own and could not grade your submission. This is not a "
                   "verdict on your code: please tell your instructor, whose view of this submission shows the "
                   "autograder's log.")
NESTING_DEPTH = 2        # hw/code/*.py is found when it is the only folder holding modules


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--root", default=os.environ.get("AUTOGRADER_ROOT", DEFAULT_ROOT),
                        help="Gradescope's /autograder (default: $AUTOGRADER_ROOT or /autograder)")
    root = Path(parser.parse_args(argv).root)
    results = root / "results" / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    metadata = read_metadata(root / "submission_metadata.json")
    settings = read_settings(root / "source")
    if settings.get("language") in LANGUAGES:  # the course's language, for the feedback
        set_language(settings["language"])
    seed, seed_from = choose_seed(settings, metadata)
    budget = settings.get("budget") if isinstance(settings.get("budget"), (int, float)) else DEFAULT_BUDGET
    label = f"gradescope submission {metadata['id']}" if "id" in metadata else "submission"
    submission = submission_path(root / "submission")
    course_seed = course_seed_of(settings)
    print(_("grading {path} with seed {seed} ({seed_from}), course seed {course_seed}").format(
        path=submission, seed=seed, seed_from=translated(seed_from), course_seed=course_seed), flush=True)
    try:
        run = grade_submission(submission, seed=seed, label=label, hide=[str(results.parent)], budget=budget,
                               course_seed=course_seed)
    except (SubmissionError, SelectionError) as error:
        run = not_graded(label, seed, _("{error}. Upload your .py modules (functions.py, layers.py, ...), at the "
                                        "top level or in one folder.").format(error=error))
    except Exception:  # noqa: BLE001 - the student must get a results.json whatever happens
        traceback.print_exc(file=sys.stdout)
        run = not_graded(label, seed, translated(CRASH_MESSAGE))
    report_for(settings, metadata, submission).write(run, results)
    print(_("score {score:g} / {max_score:g}; protections: {protections}").format(
        score=run.score, max_score=run.max_score, protections=", ".join(run.protections) or _("none")))
    if run.error:
        print(_("grading error: {error}").format(error=run.error))
    return 0


def report_for(settings, metadata, submission):
    """The GradescopeReport the bundle's settings ask for: its visibility, and the late verdict if any."""
    visibility = settings.get("visibility") or "visible"
    try:
        policy = LatePolicy.from_dict(settings.get("late_policy"))
    except (PolicyError, ValueError, TypeError) as error:
        print(_("late policy in bundle.json ignored: {error}").format(error=error))
        policy = LatePolicy()
    late = None
    if policy.active and metadata.get("created_at"):
        when, _source = submission_time(submission, metadata["created_at"])
        late = policy.verdict(when)
        print(_("submitted {when}: {days} day(s) late, {percent:g} % off").format(
            when=when.isoformat(), days=late.late_days, percent=late.penalty_percent))
    return GradescopeReport(visibility=visibility, test_visibility=visibility, late=late)


def course_seed_of(settings):
    """The bundle's course seed (the missions' splits); the kit's default for bundles built before it."""
    from autograder.grading.settings import DEFAULT_COURSE_SEED

    value = settings.get("course_seed")
    return value if isinstance(value, int) and not isinstance(value, bool) else DEFAULT_COURSE_SEED


def not_graded(label, seed, reason):
    """Every test at 0 with `reason`; a run with no test if the tests cannot even be listed."""
    try:
        return ungraded_run(label, reason, seed=seed)
    except Exception:  # noqa: BLE001 - listing the tests runs pytest's collection, which may be what broke
        traceback.print_exc(file=sys.stdout)
        return empty_run(label, seed, reason)


def read_metadata(path):
    """Gradescope's submission_metadata.json as a dict ({} when absent or unreadable)."""
    try:
        with open(path, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def choose_seed(settings, metadata):
    """(seed, where it came from): the bundle's fixed seed, else the submission id, else random."""
    if isinstance(settings.get("seed"), int):
        return settings["seed"], N_("fixed in the bundle")
    submission_id = metadata.get("id")
    if isinstance(submission_id, int) or (isinstance(submission_id, str) and submission_id.isdigit()):
        return int(submission_id) % SEED_LIMIT, N_("the Gradescope submission id")
    import secrets
    return secrets.randbelow(SEED_LIMIT), N_("drawn at random")


def submission_path(folder):
    """What to grade in `folder`: the one .zip when a student uploaded a zip and nothing else to grade;
    the one folder holding the modules when they sit two folders deep (hw/code/*.py); else `folder`."""
    try:
        entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    except OSError:
        return folder
    zips = [p for p in entries if p.suffix.lower() == ".zip" and p.is_file()]
    has_code = any(folder.rglob("*.py"))
    if len(zips) == 1 and not has_code:
        return zips[0]
    holding = _folders_holding_modules(folder)
    if len(holding) == 1 and len(holding[0].relative_to(folder).parts) == NESTING_DEPTH:
        return holding[0]
    return folder


def _folders_holding_modules(folder):
    """Folders at most NESTING_DEPTH below `folder` (itself included) that hold a contract module."""
    found = []
    for candidate in [folder, *folder.glob("*"), *folder.glob("*/*")]:
        parts = candidate.relative_to(folder).parts
        if candidate.is_dir() and not candidate.is_symlink() and not any(
                p.startswith(".") or p in ("__MACOSX", "__pycache__") for p in parts) and any(
                (candidate / f"{m}.py").is_file() for m in CONTRACT_MODULES):
            found.append(candidate)
    return found


if __name__ == "__main__":
    from autograder.cli import exit_without_teardown

    exit_without_teardown(main())
