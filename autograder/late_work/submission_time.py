"""When a submission was made, from the best source there is.

1. Gradescope: `created_at` of the submission's metadata (submission_metadata.json
   on the autograder, `:created_at:` in an export's submission_metadata.yml);
2. a git checkout (GitHub Classroom, Classroom 50): the last commit's committer date;
3. otherwise the newest modification time of its files (of the zip itself).

File times are the weakest source (a copy can change them); the gradebook
says which source each time came from.
"""
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from .policy import PolicyError, parse_instant

GIT_TIMEOUT = 10
SOURCES = ("gradescope", "git commit", "file time")


def submission_time(path, created_at=None):
    """(aware datetime, source) of the submission at `path`; created_at: the platform's own time, if any."""
    if created_at:
        try:
            return parse_instant(created_at), "gradescope"
        except PolicyError:
            pass
    path = Path(path)
    committed = git_commit_time(path)
    if committed is not None:
        return committed, "git commit"
    return file_time(path), "file time"


def git_commit_time(folder):
    """The committer date of HEAD in the git checkout `folder` (or its `exercises/` parent), or None."""
    folder = Path(folder)
    for candidate in (folder, folder.parent):
        if (candidate / ".git").exists():
            try:
                done = subprocess.run(["git", "-C", str(candidate), "log", "-1", "--format=%cI"],
                                      capture_output=True, text=True, timeout=GIT_TIMEOUT)
            except (OSError, subprocess.TimeoutExpired):
                return None
            text = done.stdout.strip()
            if done.returncode == 0 and text:
                try:
                    return parse_instant(text)
                except PolicyError:
                    return None
            return None
    return None


def file_time(path):
    """The newest modification time of the files under `path` (or of the file `path`), in UTC."""
    path = Path(path)
    times = [path.stat().st_mtime] if path.is_file() else [
        p.stat().st_mtime for p in path.rglob("*")
        if p.is_file() and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(path).parts)]
    return datetime.fromtimestamp(max(times, default=path.stat().st_mtime), tz=timezone.utc)
