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
from autograder.reports import GradescopeReport

from .fallback import empty_run
from .settings import read_settings

DEFAULT_ROOT = "/autograder"
CRASH_MESSAGE = ("The autograder hit a problem of its own and could not grade your submission. "
                 "This is not a verdict on your code: your instructor has been told.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--root", default=os.environ.get("AUTOGRADER_ROOT", DEFAULT_ROOT),
                        help="Gradescope's /autograder (default: $AUTOGRADER_ROOT or /autograder)")
    root = Path(parser.parse_args(argv).root)
    results = root / "results" / "results.json"
    results.parent.mkdir(parents=True, exist_ok=True)
    metadata = read_metadata(root / "submission_metadata.json")
    seed, seed_from = choose_seed(read_settings(root / "source"), metadata)
    label = f"gradescope submission {metadata['id']}" if "id" in metadata else "submission"
    submission = submission_path(root / "submission")
    print(f"grading {submission} with seed {seed} ({seed_from})", flush=True)
    try:
        run = grade_submission(submission, seed=seed, label=label, hide=[str(results.parent)])
    except (SubmissionError, SelectionError) as error:
        run = not_graded(label, seed, f"{error}. Upload your .py modules (functions.py, layers.py, ...), "
                                      "at the top level or in one folder.")
    except Exception:  # noqa: BLE001 - the student must get a results.json whatever happens
        traceback.print_exc(file=sys.stdout)
        run = not_graded(label, seed, CRASH_MESSAGE)
    GradescopeReport().write(run, results)
    print(f"score {run.score:g} / {run.max_score:g}; protections: {', '.join(run.protections) or 'none'}")
    if run.error:
        print(f"grading error: {run.error}")
    return 0


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
        return settings["seed"], "fixed in the bundle"
    submission_id = metadata.get("id")
    if isinstance(submission_id, int) or (isinstance(submission_id, str) and submission_id.isdigit()):
        return int(submission_id) % SEED_LIMIT, "the Gradescope submission id"
    import secrets
    return secrets.randbelow(SEED_LIMIT), "drawn at random"


def submission_path(folder):
    """`folder`, or the one .zip in it when a student uploaded a zip and nothing else to grade."""
    try:
        entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    except OSError:
        return folder
    zips = [p for p in entries if p.suffix.lower() == ".zip" and p.is_file()]
    has_code = any(folder.rglob("*.py"))
    return zips[0] if len(zips) == 1 and not has_code else folder


if __name__ == "__main__":
    sys.exit(main())
