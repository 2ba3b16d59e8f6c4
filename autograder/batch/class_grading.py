"""The batch, step by step: discover, plan, grade in parallel, gradebook, report.

    outcome = grade_class("class/", "graded/", jobs=2)

Everything lands in the output folder:

- `batch.json`: the seed (drawn once, then kept, so every submission of the
  class gets the same inputs) and the options, which a rerun must repeat;
- `results/<name>.json`: one record per submission (results_store.py),
  written by its grading process the moment it is done;
- `logs/<name>.log`: what a grading process printed, kept when it failed;
- `gradebook.csv` (autograder.reports.gradebook), `report.md` and `report.png`.

A rerun skips every submission that has a record, so an interrupted batch
resumes where it stopped; `force` regrades everything, `retry_errors` the
submissions that could not be graded.
"""
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading.runner import SEED_LIMIT
from autograder.reports import write_atomically, write_gradebook

from .class_report import class_stats, import_error_text, render_report
from .discovery import discover
from .pool import DEFAULT_WALL_LIMIT, INTERRUPTED, GradingPool, StopRequested
from .progress import Progress
from .report_figure import write_figure
from .results_store import ResultsStore

SETTINGS_FILE = "batch.json"
GRADEBOOK_FILE = "gradebook.csv"
REPORT_FILE = "report.md"
FIGURE_FILE = "report.png"
LOGS_FOLDER = "logs"
LOG_TAIL_CHARS = 1500
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
KIT_PATH = str(Path(__file__).resolve().parents[2])     # holds the autograder package


class BatchSettingsError(ValueError):
    """The options differ from those the output folder was graded with."""


@dataclass
class BatchOutcome:
    out: Path
    seed: int
    submissions: list                 # every Submission found, in name order
    recorded_now: list = field(default_factory=list)      # names recorded by this run
    errors_now: list = field(default_factory=list)      # ... of which could not be graded
    skipped: list = field(default_factory=list)         # names already recorded before this run
    interrupted: bool = False
    seconds: float = 0.0
    figure: Path | None = None

    @property
    def gradebook(self):
        return self.out / GRADEBOOK_FILE

    @property
    def report(self):
        return self.out / REPORT_FILE


def grade_class(submissions_root, out, jobs=1, seed=None, force=False, retry_errors=False, only=None,
                call_timeout=None, wall_limit=DEFAULT_WALL_LIMIT, progress=True, stream=None):
    """Grade every submission in `submissions_root` into the folder `out`; returns a BatchOutcome.

    Raises discovery.DiscoveryError (not a class folder), BatchSettingsError
    (options differ from the earlier run's, without force) and
    autograder.grading.SelectionError (an unknown `only`).
    """
    started = time.monotonic()
    root, out = Path(submissions_root).resolve(), Path(out).resolve()
    submissions = discover(root, exclude=[out])
    only = sorted(set(only)) if only else None
    if only:
        from autograder.grading import selected_tests
        selected_tests(only)                    # SelectionError now, not once per submission
    _make_private_folder(out)
    seed = _settle_settings(out, root, seed, only, call_timeout, force)
    store = ResultsStore(out)
    store.folder.mkdir(exist_ok=True)
    (out / LOGS_FOLDER).mkdir(exist_ok=True)
    outcome = BatchOutcome(out=out, seed=seed, submissions=submissions)

    to_grade = []
    for submission in submissions:
        state = None if force else store.state(submission.name)
        if state == "graded" or (state == "ungraded" and not retry_errors):
            outcome.skipped.append(submission.name)
        else:
            to_grade.append(submission)
    bar = Progress(len(to_grade), skipped=len(outcome.skipped), jobs=jobs, stream=stream, enabled=progress)
    bar.start()
    for submission in [s for s in to_grade if s.problem]:          # known before grading: notebooks
        store.write_ungraded(submission.name, submission.label, seed, submission.problem)
        _recorded(outcome, bar, store, submission)
    by_name = {s.name: s for s in to_grade}
    tasks = [(s.name, _command(s, store, seed, only, call_timeout, root, out), _environment(),
              str(out / LOGS_FOLDER / f"{s.name}.log")) for s in to_grade if not s.problem]

    def finished(done):
        _settle(done, by_name[done.key], store, seed, wall_limit)
        _recorded(outcome, bar, store, by_name[done.key])

    try:
        GradingPool(jobs, wall_limit).run(tasks, finished, lambda running: bar.tick(len(running)))
    except StopRequested:
        outcome.interrupted = True
        for submission in to_grade:
            if submission.name in outcome.recorded_now:
                continue
            if store.state(submission.name):     # written just before the stop, not yet seen
                _recorded(outcome, bar, store, submission)
            else:                                 # the log of a stopped process says nothing useful
                (out / LOGS_FOLDER / f"{submission.name}.log").unlink(missing_ok=True)
    outcome.figure = write_class_files(out, submissions, store, title=f"Class report: {root.name}")
    outcome.seconds = time.monotonic() - started
    left = len(to_grade) - len(outcome.recorded_now)
    bar.close(f"{'interrupted' if outcome.interrupted else 'done'}: {len(outcome.recorded_now)} recorded in "
              f"{outcome.seconds:.0f} s ({len(outcome.errors_now)} could not be graded), "
              f"{len(outcome.skipped)} skipped" + (f", {left} left: rerun to resume" if left else ""))
    return outcome


def write_class_files(out, submissions, store, title="Class report"):
    """gradebook.csv, report.png and report.md from the records; returns the figure's path or None."""
    entries = []
    for submission in submissions:
        run, error = store.read(submission.name)
        entries.append((submission.label, run, error or (import_error_text(run) if run else None)))
    write_gradebook(entries, out / GRADEBOOK_FILE)
    stats = class_stats(entries)
    figure = out / FIGURE_FILE if write_figure(stats, out / FIGURE_FILE) else None
    write_atomically(out / REPORT_FILE, render_report(stats, title, figure.name if figure else None))
    return figure


def _make_private_folder(out):
    """The output folder, created readable by its owner only: it gathers the whole class's code results."""
    if not out.exists():
        out.mkdir(parents=True)
        os.chmod(out, 0o700)


def _settle_settings(out, root, seed, only, call_timeout, force):
    """The batch's seed; batch.json written. A rerun must repeat the options unless forced."""
    path = out / SETTINGS_FILE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = None
    if stored and not force:
        wanted = {"seed": stored.get("seed") if seed is None else seed, "only": only, "timeout": call_timeout}
        different = [f"{key} {stored.get(key)!r} (now {value!r})" for key, value in wanted.items()
                     if stored.get(key) != value]
        if different:
            raise BatchSettingsError(f"{out} was graded with {', '.join(different)}: rerun with the same "
                                     "options to resume, or add --force to regrade everything")
        seed = stored["seed"]
    if seed is None:
        seed = secrets.randbelow(SEED_LIMIT)
    from autograder.grading import kit_version
    settings = {"seed": seed, "only": only, "timeout": call_timeout, "submissions": str(root),
                "kit_version": kit_version()}
    write_atomically(path, json.dumps(settings, indent=2) + "\n")
    return seed


def _command(submission, store, seed, only, call_timeout, root, out):
    argv = [sys.executable, "-m", "autograder.batch.grade_one", str(submission.path),
            "--record", str(store.path(submission.name)), "--label", submission.label, "--seed", str(seed),
            "--parent", str(os.getpid()), "--hide", str(root), "--hide", str(out)]
    for unit in only or ():
        argv += ["--only", unit]
    if call_timeout:
        argv += ["--timeout", str(call_timeout)]
    return argv


def _environment():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([KIT_PATH, *filter(None, [env.get("PYTHONPATH")])])
    for variable in BLAS_THREAD_VARIABLES:     # N processes on N cores: one BLAS thread each
        env.setdefault(variable, "1")
    return env


def _settle(done, submission, store, seed, wall_limit):
    """After a grading process ended: keep its record, or record why there is none."""
    log = Path(done.log_path)
    if done.returncode == 0 and store.state(submission.name):
        log.unlink(missing_ok=True)
        return
    if done.returncode == INTERRUPTED:
        return                                   # stopped from outside: graded by the next run
    if done.timed_out:
        error = f"grading took longer than {wall_limit:g} s and was stopped"
    else:
        error = f"the grader crashed (exit code {done.returncode})"
    tail = _tail(log)
    store.write_ungraded(submission.name, submission.label, seed, error + (f": {tail}" if tail else ""))


def _recorded(outcome, bar, store, submission):
    run, error = store.read(submission.name)
    if run is None and error is None:
        bar.finished(submission.label, "stopped before it was graded", error=True)
        return
    outcome.recorded_now.append(submission.name)
    if run is None:
        outcome.errors_now.append(submission.name)
        bar.finished(submission.label, f"not graded: {error.splitlines()[0][:200]}", error=True)
    else:
        bar.finished(submission.label, f"{run.score:g} / {run.max_score:g}")


def _tail(log):
    try:
        text = log.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return text[-LOG_TAIL_CHARS:]
