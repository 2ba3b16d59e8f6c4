"""Grade the student's checkout (the working directory) and write ./result.json and ./release-body.md.

Run by the generated autograder.py (folder.py), which puts the kit shipped
beside it on sys.path first. Exit code 0 whenever result.json was written,
whatever the score (Classroom 50 reads pass and fail from the file); 1 when
the grader itself failed (the runner then records an infrastructure error).

- identity: the runner's environment variables (result_v1.IDENTITY_VARIABLES);
- `datetime`: the graded commit's committer date (late_work.submission_time),
  so a regrade keeps the submission instant;
- the seed: the settings' fixed seed, else one derived from the commit
  (GITHUB_SHA or HEAD), so a regrade of the same commit reproduces every input;
- a checkout with nothing to grade gets every test at 0 with the reason.
"""
import json
import os
import subprocess
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path

RESULT_FILE = "result.json"
RELEASE_BODY_FILE = "release-body.md"
SETTINGS_FILE = "classroom50.json"


def main(here, cwd=None, environ=None):
    from autograder.grading import SelectionError, SubmissionError, grade_submission, ungraded_run
    from autograder.late_work.submission_time import git_commit_time
    from autograder.reports import MarkdownReport, write_atomically
    from autograder.translation import _

    from .result_v1 import IdentityError, identity_from_environment, result_v1, validate_result_v1

    here, cwd = Path(here), Path(cwd or os.getcwd())
    environ = os.environ if environ is None else environ
    settings = _settings(here)
    try:
        identity = identity_from_environment(environ)
    except IdentityError as error:
        print(f"::error::{error}", file=sys.stderr)
        return 1
    commit = environ.get("GITHUB_SHA") or _head(cwd)
    seed = settings.get("seed") if isinstance(settings.get("seed"), int) else seed_of(commit)
    submitted_at = git_commit_time(cwd) or datetime.now(timezone.utc)
    label = f"{identity.get('owner', 'student')} {identity['assignment']} {identity['submission']}"
    print(_("grading {path} with seed {seed} (submitted {when})").format(
        path=cwd, seed=seed, when=submitted_at.isoformat()), flush=True)
    try:
        run = grade_submission(cwd, seed=seed, label=label, hide=[str(here)])
    except (SubmissionError, SelectionError) as error:
        run = ungraded_run(label, _("{error}. Keep your modules (functions.py, layers.py, ...) in exercises/ and "
                                    "commit them.").format(error=error), seed=seed)
    except Exception:  # noqa: BLE001 - the runner turns a non-zero exit into an infrastructure error
        traceback.print_exc()
        return 1
    result = result_v1(run, identity, submitted_at)
    problems = validate_result_v1(result)
    if problems:
        print("::error::" + _("the kit wrote an invalid result.json: {problems}").format(problems="; ".join(problems)),
              file=sys.stderr)
        return 1
    write_atomically(cwd / RESULT_FILE, json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    write_atomically(cwd / RELEASE_BODY_FILE, MarkdownReport().render(run))
    print(_("score {score} / {max_score}").format(score=result["score"], max_score=result["max-score"]))
    return 0


def seed_of(commit):
    """A grading seed from a commit id (hex), so a regrade of the same commit gets the same inputs."""
    from autograder.grading.runner import SEED_LIMIT

    try:
        return int((commit or "")[:12], 16) % SEED_LIMIT
    except ValueError:
        return 0


def _head(cwd):
    try:
        done = subprocess.run(["git", "-C", str(cwd), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _settings(here):
    try:
        with open(Path(here) / SETTINGS_FILE, encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
