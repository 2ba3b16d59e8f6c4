"""The batch, step by step: discover, plan, grade in parallel, gradebook, report.

    outcome = grade_class("class/", "graded/", jobs=2)

Everything lands in the output folder:

- `batch.json`: the batch seed (drawn once, then kept; each submission is graded
  with it mixed with its content hash, see `submission_seed`), the course seed
  (the missions' splits) and the options, which a rerun must repeat;
- `results/<name>.json`: one record per submission (results_store.py),
  written by its grading process the moment it is done;
- `logs/<name>.log`: what a grading process printed, kept when it failed;
- `feedback/<name>.md` and `.html`: the student's feedback, ready to send;
- `gradebook.csv` (autograder.reports.gradebook), `report.md` and `report.png`.

A rerun skips every submission that has a record for the same content, so an
interrupted batch resumes where it stopped, and a resubmission (a folder whose
files changed: content_hash.py) is graded anew; `regrade` names submissions to
grade again anyway, `force` regrades everything, `retry_errors` the
submissions that could not be graded.

The roster (roster.py) and the late policy (autograder/late_work) are kept in
batch.json too: a rerun without them reuses them; changing them rewrites the
gradebook without regrading anything.
"""
import hashlib
import json
import os
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from autograder.grading.runner import SEED_LIMIT
from autograder.grading.settings import DEFAULT_COURSE_SEED
from autograder.late_work import LatePolicy, parse_instant, submission_time
from autograder.late_work.policy import format_instant
from autograder.reports import write_atomically, write_gradebook
from autograder.results import format_points
from autograder.translation import _, translated

from .class_report import GRADER_CRASHED, TOOK_TOO_LONG, class_stats, import_error_text, render_report
from .content_hash import content_hash, short_hash
from .discovery import discover
from .pool import DEFAULT_WALL_LIMIT, INTERRUPTED, GradingPool, StopRequested
from .progress import Progress
from .report_figure import write_figure
from .results_store import ResultsStore
from .roster import Roster

SETTINGS_FILE = "batch.json"
GRADEBOOK_FILE = "gradebook.csv"
REPORT_FILE = "report.md"
FIGURE_FILE = "report.png"
LOGS_FOLDER = "logs"
FEEDBACK_FOLDER = "feedback"      # <name>.md and <name>.html per submission: what `autograder grade` shows
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
    changed: list = field(default_factory=list)         # names regraded because their content changed
    not_in_roster: list = field(default_factory=list)   # labels of submissions the roster does not name
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
                call_timeout=None, wall_limit=DEFAULT_WALL_LIMIT, progress=True, stream=None, regrade=None,
                roster=None, late_policy=None, pool=None, course_seed=None):
    """Grade every submission in `submissions_root` into the folder `out`; returns a BatchOutcome.

    regrade: names of submissions to grade again even if unchanged; roster: a
    roster CSV's path; late_policy: a LatePolicy (both kept for reruns); pool:
    course_seed: the missions' splits and training seeds (default: the earlier
    run's, else the kit's default), kept in batch.json; pool:
    what runs the grading processes (default a GradingPool of `jobs`
    processes; dask_pool.DaskPool sends them to a Dask cluster).

    Raises discovery.DiscoveryError (not a class folder), BatchSettingsError
    (options differ from the earlier run's, without force; an unknown
    submission to regrade), roster.RosterError and
    autograder.grading.SelectionError (an unknown `only`).
    """
    started = time.monotonic()
    root, out = Path(submissions_root).resolve(), Path(out).resolve()
    submissions = discover(root, exclude=[out])
    only = sorted(set(only)) if only else None
    if only:
        from autograder.grading import selected_tests
        selected_tests(only)                    # SelectionError now, not once per submission
    regrade = _regrade_names(regrade or (), submissions)
    if roster is not None:
        Roster.read(roster)                     # RosterError now, before any grading
    _make_private_folder(out)
    settings = _settle_settings(out, root, seed, only, call_timeout, force, roster, late_policy, course_seed)
    seed = settings["seed"]
    store = ResultsStore(out)
    store.folder.mkdir(exist_ok=True)
    (out / LOGS_FOLDER).mkdir(exist_ok=True)
    outcome = BatchOutcome(out=out, seed=seed, submissions=submissions)

    to_grade, details = [], {}
    for submission in submissions:
        state = None if force else store.state(submission.name)
        held = content_hash(submission.path)
        recorded = store.details(submission.name)["content_hash"] if state else None
        changed = bool(recorded) and recorded != held
        if state and not changed and submission.name not in regrade and (
                state == "graded" or not retry_errors):
            outcome.skipped.append(submission.name)
            continue
        if changed:
            outcome.changed.append(submission.name)
        when, source = submission_time(submission.path, submission.created_at)
        details[submission.name] = {"content_hash": held, "submitted_at": format_instant(when),
                                    "submitted_from": source}
        to_grade.append(submission)
    bar = Progress(len(to_grade), skipped=len(outcome.skipped), changed=len(outcome.changed), jobs=jobs,
                   stream=stream, enabled=progress)
    bar.start()
    for submission in [s for s in to_grade if s.problem]:          # known before grading: notebooks
        store.write_ungraded(submission.name, submission.label,
                             submission_seed(seed, details[submission.name]["content_hash"]),
                             submission.problem, details[submission.name])
        _recorded(outcome, bar, store, submission)
    by_name = {s.name: s for s in to_grade}
    tasks = [(s.name, _command(s, store, submission_seed(seed, details[s.name]["content_hash"]), only,
                               call_timeout, root, out, details[s.name], wall_limit,
                               settings["course_seed"], lanes=1 if jobs > 1 else None),
              _environment(), str(out / LOGS_FOLDER / f"{s.name}.log")) for s in to_grade if not s.problem]

    def finished(done):
        _settle(done, by_name[done.key], store, seed, wall_limit, details[done.key])
        _recorded(outcome, bar, store, by_name[done.key])

    try:
        (pool or GradingPool(jobs, wall_limit)).run(tasks, finished, lambda running: bar.tick(len(running)))
    except StopRequested:
        outcome.interrupted = True
        for submission in to_grade:
            if submission.name in outcome.recorded_now:
                continue
            if store.state(submission.name):     # written just before the stop, not yet seen
                _recorded(outcome, bar, store, submission)
            else:                                 # the log of a stopped process says nothing useful
                (out / LOGS_FOLDER / f"{submission.name}.log").unlink(missing_ok=True)
    class_roster = Roster.read(settings["roster"]) if settings.get("roster") else None
    outcome.figure = write_class_files(out, submissions, store, title=_("Class report: {name}").format(name=root.name),
                                       roster=class_roster, late_policy=LatePolicy.from_dict(settings.get("late_policy")))
    if class_roster:
        outcome.not_in_roster = [s.label for s in submissions if class_roster.find(s) is None]
    outcome.seconds = time.monotonic() - started
    left = len(to_grade) - len(outcome.recorded_now)
    bar.close((_("interrupted: {recorded} recorded in {seconds:.0f} s ({errors} could not be graded), {skipped} "
                 "skipped") if outcome.interrupted else
               _("done: {recorded} recorded in {seconds:.0f} s ({errors} could not be graded), {skipped} skipped")).format(
                   recorded=len(outcome.recorded_now), seconds=outcome.seconds, errors=len(outcome.errors_now),
                   skipped=len(outcome.skipped))
              + (_(", {count} left: rerun to resume").format(count=left) if left else ""))
    return outcome


def write_class_files(out, submissions, store, title=None, roster=None, late_policy=None):
    """gradebook.csv, report.png and report.md from the records; returns the figure's path or None."""
    entries, details = [], []
    late_policy = late_policy or LatePolicy()
    for submission in submissions:
        run, error = store.read(submission.name)
        entries.append((submission.label, run, error or (import_error_text(run) if run else None)))
        details.append(_gradebook_details(submission, run, store.details(submission.name), roster, late_policy))
    write_gradebook(entries, out / GRADEBOOK_FILE, details)
    write_feedback_files(out / FEEDBACK_FOLDER, submissions, store, late_policy)
    stats = class_stats(entries)
    figure = out / FIGURE_FILE if write_figure(stats, out / FIGURE_FILE) else None
    write_atomically(out / REPORT_FILE, render_report(stats, title, figure.name if figure else None))
    return figure


def write_feedback_files(folder, submissions, store, late_policy=None):
    """feedback/<name>.md and .html for every submission with a record (one not graded says why); under a
    late policy, a late one states its penalty and final score as the gradebook counts them."""
    from autograder.reports import HtmlReport, MarkdownReport

    folder.mkdir(exist_ok=True)
    for submission in submissions:
        run, error = store.read(submission.name)
        if run is None and error is None:
            continue
        if run is None:
            from .results_store import ungraded_run
            run = ungraded_run(submission.label, 0, error)
        late = _late_verdict(late_policy, store.details(submission.name))
        MarkdownReport(late).write(run, folder / f"{submission.name}.md")
        HtmlReport(late).write(run, folder / f"{submission.name}.html")


def _late_verdict(late_policy, recorded):
    """The LateVerdict of a record under `late_policy`, or None (no policy, no submission time)."""
    if late_policy is None or not late_policy.active or not recorded.get("submitted_at"):
        return None
    return late_policy.verdict(parse_instant(recorded["submitted_at"]))


def _gradebook_details(submission, run, recorded, roster, late_policy):
    """The gradebook's identity and detail cells of one submission (see reports/gradebook.py)."""
    student = roster.find(submission) if roster else None
    cells = dict(student.identity()) if student else {}
    cells.update(graded_at=recorded["graded_at"], content_hash=short_hash(recorded["content_hash"]),
                 submitted_at=recorded["submitted_at"], submitted_from=recorded["submitted_from"])
    if run is not None and run.max_score:
        submitted = parse_instant(recorded["submitted_at"]) if recorded["submitted_at"] else None
        verdict = late_policy.verdict(submitted)
        final = verdict.apply(run.score)
        if late_policy.active and submitted is not None:
            cells.update(late_days=verdict.late_days, late_penalty_percent=f"{verdict.penalty_percent:g}")
        cells.update(final_total=format_points(final), final_percent=f"{100 * final / run.max_score:.1f}")
    return cells


def _regrade_names(names, submissions):
    """The submission names `names` designate (a name, a label, a folder or zip name)."""
    found, unknown = set(), []
    for wanted in names:
        match = [s.name for s in submissions
                 if wanted.lower() in {s.name.lower(), s.label.lower(), s.path.name.lower()}]
        if match:
            found.update(match)
        else:
            unknown.append(wanted)
    if unknown:
        raise BatchSettingsError(_("--regrade: no submission named {names}; the names are the first column of the "
                                   "gradebook (e.g. {example})").format(
                                       names=", ".join(map(repr, unknown)),
                                       example=submissions[0].name if submissions else "alice"))
    return found


def _make_private_folder(out):
    """The output folder, created readable by its owner only: it gathers the whole class's code results."""
    if not out.exists():
        out.mkdir(parents=True)
        os.chmod(out, 0o700)


def submission_seed(batch_seed, held):
    """The grading seed of one submission: the batch's seed mixed with its content hash `held`.

    Every check then draws inputs of its own for each submission and for each
    resubmission (the expected values an earlier feedback showed cannot be pasted
    back as answers), while a rerun of the same content reproduces its record.
    The missions do not use it: their splits come from the course seed.
    """
    digest = hashlib.sha256(f"{int(batch_seed)}:{held}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % SEED_LIMIT


def _settle_settings(out, root, seed, only, call_timeout, force, roster=None, late_policy=None,
                     course_seed=None):
    """The batch's settings (seed, roster, late policy, ...); batch.json written.

    A rerun must repeat the grading options unless forced; the roster and the
    late policy, when not given, are those of the earlier run.
    """
    path = out / SETTINGS_FILE
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = None
    if stored and not force:
        stored.setdefault("course_seed", DEFAULT_COURSE_SEED)    # batch.json written before course seeds
        wanted = {"seed": stored.get("seed") if seed is None else seed, "only": only, "timeout": call_timeout,
                  "course_seed": stored["course_seed"] if course_seed is None else course_seed}
        different = [f"{key} {stored.get(key)!r} (now {value!r})" for key, value in wanted.items()
                     if stored.get(key) != value]
        if different:
            raise BatchSettingsError(_("{path} was graded with {options}: rerun with the same options to resume, or "
                                       "add --force to regrade everything").format(path=out, options=", ".join(different)))
        seed, course_seed = stored["seed"], stored["course_seed"]
    if course_seed is None:
        course_seed = DEFAULT_COURSE_SEED
    if seed is None:
        seed = secrets.randbelow(SEED_LIMIT)
    from autograder.grading import kit_version
    stored = stored or {}
    settings = {"seed": seed, "course_seed": course_seed, "only": only, "timeout": call_timeout, "submissions": str(root),
                "kit_version": kit_version(),
                "roster": str(Path(roster).resolve()) if roster is not None else stored.get("roster"),
                "late_policy": late_policy.to_dict() if late_policy is not None else stored.get("late_policy")}
    write_atomically(path, json.dumps(settings, indent=2) + "\n")
    return settings


def _command(submission, store, seed, only, call_timeout, root, out, details, wall_limit=None,
             course_seed=DEFAULT_COURSE_SEED, lanes=None):
    argv = [sys.executable, "-m", "autograder.batch.grade_one", str(submission.path),
            "--record", str(store.path(submission.name)), "--label", submission.label, "--seed", str(seed),
            "--course-seed", str(course_seed),
            "--parent", str(os.getpid()), "--hide", str(root), "--hide", str(out),
            "--content-hash", details["content_hash"], "--submitted-at", details["submitted_at"],
            "--submitted-from", details["submitted_from"]]
    for unit in only or ():
        argv += ["--only", unit]
    if lanes:           # with --jobs N the grading processes fill the cores: no second lane each
        argv += ["--lanes", str(lanes)]
    if call_timeout:
        argv += ["--timeout", str(call_timeout)]
    if wall_limit:      # the run's budget ends it, report written, well before the wall limit kills it
        from autograder.grading.settings import DEFAULT_BUDGET

        argv += ["--budget", f"{min(DEFAULT_BUDGET, 0.8 * wall_limit):g}"]
    return argv


def _environment():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([KIT_PATH, *filter(None, [env.get("PYTHONPATH")])])
    for variable in BLAS_THREAD_VARIABLES:     # N processes on N cores: one BLAS thread each
        env.setdefault(variable, "1")
    return env


def _settle(done, submission, store, seed, wall_limit, details):
    """After a grading process ended: keep its record, or record why there is none."""
    log = Path(done.log_path)
    if done.returncode == 0 and store.state(submission.name):
        log.unlink(missing_ok=True)
        return
    if done.returncode == INTERRUPTED:
        return                                   # stopped from outside: graded by the next run
    if done.timed_out:
        error = translated(TOOK_TOO_LONG).format(seconds=wall_limit)
    else:
        error = translated(GRADER_CRASHED).format(code=done.returncode)
    tail = _tail(log)
    store.write_ungraded(submission.name, submission.label, submission_seed(seed, details["content_hash"]),
                         error + (f": {tail}" if tail else ""), details)


def _recorded(outcome, bar, store, submission):
    run, error = store.read(submission.name)
    if run is None and error is None:
        bar.finished(submission.label, _("stopped before it was graded"), error=True)
        return
    outcome.recorded_now.append(submission.name)
    if run is None:
        outcome.errors_now.append(submission.name)
        bar.finished(submission.label, _("not graded: {error}").format(error=error.splitlines()[0][:200]), error=True)
    else:
        bar.finished(submission.label, f"{run.score:g} / {run.max_score:g}")


def _tail(log):
    try:
        text = log.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""
    return text[-LOG_TAIL_CHARS:]
