"""Flakiness of the hidden checks: the reference must pass under every seed, a known mistake must fail.

    python bench/flakiness.py                                   # 1000 seeds, 100 per mistake
    python bench/flakiness.py --seeds 200 --mission-seeds 50 --mistake-seeds 20
    python bench/flakiness.py --quick                           # a smoke run of every part

Three parts, each counting what should never happen:

1. the reference solutions, every hidden test but the missions, seeds S .. S+N-1 (--seeds N):
   any test that fails is a bug in the checks;
2. the reference's two missions with --mission-seeds seeds (training makes them ~3 s a seed);
3. every entry of the mistake catalogue (autograder.mistakes) written into a copy of the
   reference, its own unit's tests with --mistake-seeds seeds: a seed where the unit keeps
   full marks is a slip (the mistake got through), and a mistake whose unit gets more than
   one score over the seeds is luck (same code, same score: a deterministic bug must cost
   the same points under every seed);
4. every lazy answer (autograder.mistakes.lazy_catalogue: zeros, constants, identity layers,
   no-op optimizers, ...) the same way with --lazy-seeds seeds: any point earned is a slip.

How it stays cheap. A full `autograder grade` takes ~5 s, most of it pytest collection,
worker start-ups and the missions' training; 1,000 of them would take ~1.5 h. Here the
hidden tests (autograder/hidden/test_*.py) are imported once and called as pytest calls
them, with their two fixtures rebuilt: `sub` is the grader's own RemoteSubmission
(GradingSettings.start_submission: a sandboxed worker, one per test module, reused across
seeds and replaced after WORKER_RECYCLE_SECONDS of work, within the worker's CPU limit),
and `rng` is drawn from (seed, test name) exactly as the `rng` fixture of
autograder/hidden/conftest.py draws it. So seed s here is seed s of `autograder grade
--seed s`, and every failure or slip found is re-graded with the real grader
(grade_submission(path, seed=s, only=[unit])) and reported with both verdicts.

Exit code 0 when nothing failed, nothing slipped and every mistake got one score, 1 otherwise.
"""
import argparse
import contextlib
import datetime
import hashlib
import importlib.util
import inspect
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
for entry in (REPO_ROOT, REPO_ROOT / "bench"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from machine import describe  # noqa: E402

from autograder.checks.feedback import CheckFailed  # noqa: E402
from autograder.grading import grade_submission  # noqa: E402
from autograder.grading.runner import HIDDEN_DIR  # noqa: E402
from autograder.grading.settings import GradingSettings  # noqa: E402
from autograder.submission_intake import open_submission  # noqa: E402

REFERENCE_DIR = REPO_ROOT / "solutions"
MISSION_UNITS = ("iris_mission.train", "digits_mission.train", "cnn_mission.train")
WORKER_RECYCLE_SECONDS = 120.0   # of work in one worker; its RLIMIT_CPU is 600 s (sandbox Limits)
CONFIRMATIONS = 10               # failures / slips re-graded with the real grader, at most
PROGRESS_SECONDS = 60.0


# ---------------------------------------------------------------- the hidden tests, called directly

@dataclass(frozen=True)
class HiddenTest:
    """One hidden test function: its module's file stem, name, unit and points."""

    module: str        # "test_layers"
    name: str          # "test_affine_backward"
    unit: str
    points: float
    function: object

    @property
    def nodeid(self):
        return f"{self.module}.py::{self.name}"


@dataclass
class Outcome:
    """A hidden test's verdict under one seed: passed, or the failure's first lines."""

    passed: bool
    message: str = ""
    grader_error: bool = False


def load_hidden_tests():
    """Every hidden test, in file and definition order, with its unit and points markers."""
    tests = []
    for path in sorted(HIDDEN_DIR.glob("test_*.py")):
        spec = importlib.util.spec_from_file_location(f"flakiness_hidden_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for name, function in vars(module).items():
            if not (name.startswith("test_") and inspect.isfunction(function)):
                continue
            marks = {mark.name: mark.args for mark in getattr(function, "pytestmark", [])}
            tests.append(HiddenTest(path.stem, name, marks["unit"][0], float(marks["points"][0]), function))
    return tests


def test_rng(seed, test):
    """The Generator the hidden suites' `rng` fixture gives `test` under `seed` (see conftest.py)."""
    name = f"{test.module}::{test.name}"
    digest = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")
    return np.random.default_rng([seed, digest])


class DirectGrader:
    """Calls hidden tests on one submission directory, one sandboxed worker per test module."""

    def __init__(self, submission_dir):
        self.settings = GradingSettings(submission_dir=str(submission_dir), seed=0)
        self.subs = {}
        self.worker_starts = 0

    def outcome(self, test, seed):
        sub = self._sub(test.module)
        sub.begin_check()
        # The missions draw from the course seed: here each seed stands for one course's.
        arguments = {"sub": sub, "rng": test_rng(seed, test), "course_rng": test_rng(seed, test),
                     "record_property": lambda *_: None}
        wanted = inspect.signature(test.function).parameters
        try:
            test.function(**{name: arguments[name] for name in wanted})
        except CheckFailed as failure:
            return Outcome(False, failure.message)
        except Exception:  # noqa: BLE001 - any other error scores 0 too, as a grader problem
            return Outcome(False, traceback.format_exc(limit=-3), grader_error=True)
        return Outcome(True)

    def _sub(self, module):
        sub = self.subs.get(module)
        if sub is not None and sub.worker.stats.time_in_worker > WORKER_RECYCLE_SECONDS:
            sub.close()
            sub = None
        if sub is None:
            sub = self.subs[module] = self.settings.start_submission()
            self.worker_starts += 1
        return sub

    def close(self):
        for sub in self.subs.values():
            with contextlib.suppress(Exception):
                sub.close()
        self.subs.clear()


# ---------------------------------------------------------------- the three parts

@dataclass
class Failure:
    """A test that failed on the reference, or a mistake that slipped through, under one seed."""

    what: str          # the test's nodeid, or the mistake's name
    unit: str
    seed: int
    message: str
    confirmed: str = "not re-graded"


@dataclass
class PartResult:
    title: str
    seeds: int
    checks: int = 0
    seconds: float = 0.0
    failures: list = field(default_factory=list)
    rows: list = field(default_factory=list)     # per mistake: (name, unit, slips, seeds, scores seen)
    lazy: bool = False                            # rows are lazy answers: any point is a slip


class Progress:
    """A line on stderr at most every PROGRESS_SECONDS."""

    def __init__(self, title, total):
        self.title, self.total = title, total
        self.started = self.last = time.perf_counter()

    def tick(self, done, note=""):
        now = time.perf_counter()
        if now - self.last >= PROGRESS_SECONDS:
            self.last = now
            print(f"  [{self.title}] {done}/{self.total} after {now - self.started:.0f} s {note}",
                  file=sys.stderr, flush=True)


def reference_part(title, tests, seeds, minutes=None, submission_dir=REFERENCE_DIR):
    """Every test of `tests` on the reference for every seed, or until `minutes` are spent; each
    failure recorded. part.seeds says how many seeds ran."""
    part = PartResult(title, 0)
    started = time.perf_counter()
    progress = Progress(title, len(seeds))
    with open_submission(submission_dir) as directory:
        grader = DirectGrader(directory)
        try:
            for done, seed in enumerate(seeds, start=1):
                for test in tests:
                    outcome = grader.outcome(test, seed)
                    part.checks += 1
                    if not outcome.passed:
                        part.failures.append(Failure(test.nodeid, test.unit, seed, _first_lines(outcome)))
                part.seeds = done
                progress.tick(done, f"({len(part.failures)} failures)")
                if minutes is not None and time.perf_counter() - started > 60 * minutes:
                    part.title += f", stopped by --mission-minutes {minutes:g}"
                    break
        finally:
            grader.close()
    part.seconds = time.perf_counter() - started
    return part


def mistakes_part(tests, seeds, mistakes, lazy=False):
    """Each mistake (or lazy answer) in a copy of the reference, its unit's tests under every seed.

    Recorded per entry: the unit's score under each seed. A mistake slips where its unit keeps full
    marks and is luck where its unit gets more than one score; a lazy answer slips where its unit
    gets any point."""
    title = "lazy answers" if lazy else "mistakes"
    part = PartResult(title, len(seeds), lazy=lazy)
    started = time.perf_counter()
    progress = Progress(title, len(mistakes))
    with tempfile.TemporaryDirectory(prefix="kit-flakiness-") as scratch:
        for index, mistake in enumerate(mistakes, start=1):
            directory = write_mistake(mistake, Path(scratch) / f"mistake{index}")
            unit_tests = [t for t in tests if t.unit == mistake.unit]
            available = sum(t.points for t in unit_tests)
            grader = DirectGrader(directory)
            slips, scores = 0, set()
            try:
                for seed in seeds:
                    outcomes = [grader.outcome(test, seed) for test in unit_tests]
                    part.checks += len(unit_tests)
                    score = sum(t.points for t, o in zip(unit_tests, outcomes) if o.passed)
                    scores.add(score)
                    if (score > 0) if lazy else (score == available):
                        slips += 1
                        part.failures.append(Failure(mistake.name, mistake.unit, seed,
                                                     f"{mistake.unit} scored {score:g}/{available:g}", str(directory)))
            finally:
                grader.close()
            part.rows.append((mistake.name, mistake.unit, slips, len(seeds), sorted(scores)))
            progress.tick(index, f"({sum(r[2] for r in part.rows)} slips)")
        part.seconds = time.perf_counter() - started
        confirm(part, mistake_dirs=True)
    return part


def write_mistake(mistake, directory):
    """A copy of the reference with `mistake` (a Mistake or a LazyAnswer) written in."""
    shutil.copytree(REFERENCE_DIR, directory, ignore=shutil.ignore_patterns("__pycache__"))
    mistake.write_into(directory)
    return directory


def confirm(part, mistake_dirs=False):
    """Re-grade the first CONFIRMATIONS failures with grade_submission(seed, only=[unit])."""
    for failure in part.failures[:CONFIRMATIONS]:
        path = failure.confirmed if mistake_dirs else str(REFERENCE_DIR)
        try:
            run = grade_submission(path, seed=failure.seed, only=[failure.unit])
        except Exception as err:  # noqa: BLE001 - a confirmation is a bonus
            failure.confirmed = f"re-grade failed: {type(err).__name__}: {err}"
            continue
        lost = [t for t in run.tests if not t.passed]
        if mistake_dirs:
            failure.confirmed = ("grade_submission agrees: full marks" if not lost else
                                 f"grade_submission disagrees: {len(lost)} test(s) failed")
        else:
            names = ", ".join(t.name for t in lost)
            failure.confirmed = (f"grade_submission agrees: failed {names}" if lost
                                 else "grade_submission disagrees: every test passed")
        if run.error:
            failure.confirmed += f" (grader error: {run.error.splitlines()[0]})"


def kit_revision():
    """The repository's commit, "+ changes" when the working tree differs from it (the checks tested)."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True,
                                text=True, timeout=30).stdout.strip()
        changed = subprocess.run(["git", "status", "--porcelain", "--", "autograder", "solutions"], cwd=REPO_ROOT,
                                 capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (commit or "unknown") + (" + uncommitted changes in autograder/ or solutions/" if changed else "")


def _first_lines(outcome, lines=6):
    text = ("GRADER ERROR: " if outcome.grader_error else "") + outcome.message.strip()
    return "\n".join(text.splitlines()[:lines])


# ---------------------------------------------------------------- printing

def print_part(part):
    rate = part.checks / part.seconds if part.seconds else float("nan")
    print(f"\n{part.title}: {part.seeds} seeds, {part.checks} test runs in {part.seconds:.0f} s "
          f"({rate:.1f} tests/s)")
    if part.rows:
        slipped = [row for row in part.rows if row[2]]
        kind = "lazy answers" if part.lazy else "mistakes"
        print(f"  {len(part.rows)} {kind}, {len(slipped)} slipped through under some seed")
        for name, unit, slips, seeds, _ in slipped:
            print(f"  SLIP {slips}/{seeds} seeds ({slips / seeds:.0%}): {name} [{unit}]")
        lucky = [row for row in part.rows if len(row[4]) > 1]
        print(f"  {len(part.rows)} {kind}, {len(lucky)} with more than one score over the seeds "
              f"(scores seen: {sorted({score for row in part.rows for score in row[4]})})")
        for name, unit, _, seeds, scores in lucky:
            print(f"  LUCK {name} [{unit}]: scores {', '.join(f'{s:g}' for s in scores)} over {seeds} seeds")
        for failure in part.failures[:CONFIRMATIONS]:
            print(f"    e.g. seed {failure.seed}: {failure.what}: {failure.confirmed}")
        return
    print(f"  failing tests: {len(part.failures)}")
    for failure in part.failures:
        print(f"  FAIL {failure.what} [{failure.unit}] seed {failure.seed} ({failure.confirmed})")
        print("    " + failure.message.replace("\n", "\n    "))


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=1000, help="seeds for the reference, missions aside (1000)")
    parser.add_argument("--mission-seeds", type=int, default=None,
                        help="seeds for the reference's missions (default: --seeds)")
    parser.add_argument("--mission-minutes", type=float, default=None,
                        help="stop the missions after this many minutes (the seeds run so far are reported)")
    parser.add_argument("--mistake-seeds", type=int, default=100, help="seeds per catalogue mistake (100)")
    parser.add_argument("--lazy-seeds", type=int, default=None,
                        help="seeds per lazy answer (default: --mistake-seeds)")
    parser.add_argument("--first-seed", type=int, default=1, help="the first seed (1); seeds run up from it")
    parser.add_argument("--mistake", action="append", metavar="TEXT",
                        help="only the mistakes whose name or unit contains TEXT (repeatable)")
    parser.add_argument("--skip", action="append", choices=("reference", "missions", "mistakes", "lazy"), default=[],
                        help="leave out a part (repeatable)")
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 2 seeds, no mission seed, 2 seeds for 3 mistakes (one of them a mission's) "
                             "and a lazy answer")
    args = parser.parse_args(argv)
    if args.quick:
        args.seeds, args.mission_seeds, args.mistake_seeds = 2, 0, 2   # the Iris mistake runs a mission
        args.mistake = args.mistake or ["Affine dW transposed", "Adam without bias correction",
                                        "Iris train returns inside", "layers.Relu: an identity layer"]
    if args.mission_seeds is None:
        args.mission_seeds = args.seeds
    if args.lazy_seeds is None:
        args.lazy_seeds = args.mistake_seeds
    if min(args.seeds, args.mission_seeds, args.mistake_seeds, args.lazy_seeds) < 0:
        parser.error("seed counts must be 0 or more")
    return args


def main(argv=None):
    args = parse_arguments(argv)
    from autograder.mistakes import MISTAKES
    from autograder.mistakes.lazy_catalogue import LAZY_ANSWERS

    tests = load_hidden_tests()
    mistakes = [m for m in MISTAKES
                if not args.mistake or any(text in m.name or text in m.unit for text in args.mistake)]
    lazy_answers = [a for a in LAZY_ANSWERS
                    if not args.mistake or any(text in a.name or text in a.unit for text in args.mistake)]
    first = args.first_seed
    print(f"Flakiness of the hidden checks, {datetime.date.today().isoformat()}: {len(tests)} hidden tests, "
          f"{len(mistakes)} catalogue mistakes; seeds from {first}")
    print(f"kit: commit {kit_revision()}")
    print(f"machine at start: {describe()}")
    parts = []
    if "reference" not in args.skip and args.seeds:
        plain = [t for t in tests if t.unit not in MISSION_UNITS]
        parts.append(reference_part(f"reference, {len(plain)} tests (missions aside)", plain,
                                    range(first, first + args.seeds)))
        confirm(parts[-1])
        print_part(parts[-1])
    if "missions" not in args.skip and args.mission_seeds:
        missions = [t for t in tests if t.unit in MISSION_UNITS]
        parts.append(reference_part("reference, the 2 missions", missions,
                                    range(first, first + args.mission_seeds), args.mission_minutes))
        confirm(parts[-1])
        print_part(parts[-1])
    if "mistakes" not in args.skip and args.mistake_seeds and mistakes:
        parts.append(mistakes_part(tests, range(first, first + args.mistake_seeds), mistakes))
        print_part(parts[-1])
    if "lazy" not in args.skip and args.lazy_seeds and lazy_answers:
        parts.append(mistakes_part(tests, range(first, first + args.lazy_seeds), lazy_answers, lazy=True))
        print_part(parts[-1])
    print(f"\nmachine at end: {describe()}")
    bad = sum(len(part.failures) for part in parts)
    lucky = sum(len(row[4]) > 1 for part in parts if not part.lazy for row in part.rows)
    print("verdict: " + ("no failure, no slip" if not bad else f"{bad} failures or slips (see above)")
          + ("" if not any(part.rows for part in parts) else
             ", every mistake one score" if not lucky else f", {lucky} mistakes with more than one score"))
    return 1 if bad or lucky else 0


if __name__ == "__main__":
    sys.exit(main())
