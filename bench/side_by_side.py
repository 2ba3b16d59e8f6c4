"""One solved submission graded whole, side by side: `autograder grade` and `nbgrader autograde`.

    python bench/side_by_side.py                    # seed 1; the kit 3 times, nbgrader once
    python bench/side_by_side.py --kit-runs 5 --nbgrader-runs 2 --seed 7
    python bench/side_by_side.py --quick            # smoke run: the functions module only

The kit: `python -m autograder grade solutions --format json --seed S`, every unit and both
missions, as a fresh process, wall clock from spawn to exit. nbgrader: the kit's own
course (autograder.nbgrader_course.build_course, the same checks in hidden cells), released
with `nbgrader generate_assignment '*'`, the solved source notebooks placed as the student
"solved", then `nbgrader autograde '*' --create` timed the same way (course build and
release are set-up, reported but not counted). Both must give full marks, else the
figures are not comparable and the script says so.

The kit's time is split on one more run of the same command, in a process that wraps
the grading code from outside (the grader has no timing hook of its own): it records
when the interpreter got going, wraps SubmissionWorker.start / close (worker start-up and
shutdown), RemoteSubmission.time_call (the missions' train() calls, wall clock) and
autograder.grading.grade_submission (to keep the GradingRun: per-test durations, the
workers' WorkerStats with RPC calls, time_total and time_in_worker). Then:

- start-up: spawn to the call of grade_submission (interpreter, imports, argument parsing);
- worker start-up and shutdown: the wrapped SubmissionWorker.start / close;
- RPC: sum over workers of time_total - time_in_worker (encoding, socket, decoding);
- submission's code: sum of time_in_worker, split into the missions' training (the
  timed train() calls) and the rest;
- checks (grader side): the tests' durations less worker start-up and RPC round trips
  (reference runs, comparisons, numerical differences, diagnoses);
- pytest and reports: the rest of grade_submission (collection, fixtures, the plugin),
  then the JSON report and the interpreter's exit.

With two lanes (the default on two cores: the missions train in a background thread
while the units are graded, autograder/grading/background_checks.py) those parts run at
the same time and their sum exceeds the wall time; so the split above is taken on a run
with `--lanes 1`, and the default run is split on the wall clock instead, from each call
into a worker (the time the submission's code ran in it, placed in the middle of the
call's round trip):

- submission's code running: the union of those intervals, in any worker;
- grader alone: the rest of the wall time, when no submission code was running at all
  (start-up, collection, the grader's own checks, RPC, reports, exit): the time the
  grader adds to what the submission's code takes.

nbgrader's time is split by the moments its log lines arrive: start-up until it opens
the first notebook, then each notebook (kernel start, execution, saving the grades).
"""
import json
import os
import subprocess
import sys
import time

CHILD_FLAG = "--instrumented-child"


# ---------------------------------------------------------------- the instrumented child process

def instrumented_child(timings_path, spawned_at, cli_args):
    """Run `autograder <cli_args>` in this process with timing wrappers; write the figures as JSON."""
    started = time.time()
    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, repo_root)
    if "grade" in cli_args:          # as `autograder grade` does first (cli.main), before the imports below
        from autograder.sandbox.warm_up import warm_up
        warm_up()
    import autograder.grading as grading
    from autograder.checks.submission import RemoteSubmission
    from autograder.sandbox import client

    figures = {"spawned_at": spawned_at, "started": started, "worker_start": 0.0, "worker_starts": 0,
               "worker_close": 0.0, "training": 0.0, "training_calls": 0, "calls": []}

    def timed(owner, name, total_key, count_key=None, only_if=None):
        original = getattr(owner, name)

        def wrapper(self, *args, **kwargs):
            counted = only_if is None or only_if(self, *args, **kwargs)
            began = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                if counted:
                    figures[total_key] += time.perf_counter() - began
                    if count_key:
                        figures[count_key] += 1
        setattr(owner, name, wrapper)

    timed(client.SubmissionWorker, "start", "worker_start", "worker_starts", only_if=lambda w: not w.alive)
    timed(client.SubmissionWorker, "close", "worker_close")
    timed(RemoteSubmission, "time_call", "training", "training_calls")

    original_request = client.SubmissionWorker._request

    def request(self, message, label):       # [sent at, round trip, time in the worker] of every call
        sent_at, in_worker_before = time.time(), self.stats.time_in_worker
        began = time.perf_counter()
        try:
            return original_request(self, message, label)
        finally:
            figures["calls"].append([sent_at, time.perf_counter() - began,
                                     self.stats.time_in_worker - in_worker_before])
    client.SubmissionWorker._request = request

    original_grade = grading.grade_submission

    def grade(*args, **kwargs):
        figures["grade_called"] = time.time()
        run = original_grade(*args, **kwargs)
        figures["grade_returned"] = time.time()
        figures["execution_time"] = run.execution_time
        figures["durations"] = [test.duration for test in run.tests]
        figures["score"] = [sum(t.score for t in run.tests), sum(t.max_score for t in run.tests)]
        figures["error"] = run.error
        figures["stats"] = [{"calls": s.calls, "time_total": s.time_total, "time_in_worker": s.time_in_worker}
                            for s in run.worker_stats]
        return run

    grading.grade_submission = grade
    from autograder.cli import main

    code = main(cli_args)
    sys.stdout.flush()
    figures["finished"] = time.time()
    with open(timings_path, "w", encoding="utf-8") as out:
        json.dump(figures, out)
    from autograder.cli import exit_without_teardown

    exit_without_teardown(code)          # as `python -m autograder` ends (cli.run_command)


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == CHILD_FLAG:
    # Before any import the benchmark itself needs: the child measures the grader alone.
    sys.exit(instrumented_child(sys.argv[2], float(sys.argv[3]), sys.argv[4:]))


# ---------------------------------------------------------------- the benchmark

import argparse  # noqa: E402
import datetime  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parent.parent
for entry in (REPO_ROOT, REPO_ROOT / "bench"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from machine import describe, load_text  # noqa: E402

SOLVED = REPO_ROOT / "solutions"
STUDENT = "solved"


BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def command_env(pin_blas=False):
    """The kit importable (the notebooks' hidden cells import it), no third-party pytest plugins,
    no bytecode written into the folders graded; with pin_blas, one BLAS thread everywhere."""
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTEST_DISABLE_PLUGIN_AUTOLOAD="1",
               PYTHONDONTWRITEBYTECODE="1")
    if pin_blas:
        env.update({variable: "1" for variable in BLAS_THREAD_VARIABLES})
    return env


def grade_args(seed, only, lanes=None):
    args = ["grade", str(SOLVED), "--format", "json", "--seed", str(seed)]
    if lanes is not None:
        args += ["--lanes", str(lanes)]
    for unit in only:
        args += ["--only", unit]
    return args


def kit_run(seed, only, env, lanes=None):
    """(seconds, score, max score) of `python -m autograder grade ...`, spawn to exit."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "autograder", *grade_args(seed, only, lanes)], cwd=REPO_ROOT,
                            env=env, capture_output=True, text=True, timeout=900)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"autograder grade failed ({result.returncode}):\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    return seconds, report["score"], report.get("max_score")


def kit_split(seed, only, scratch, env, lanes=None):
    """The instrumented run: (wall seconds, {part: seconds}, figures)."""
    timings = Path(scratch) / "kit_timings.json"
    spawned_at = time.time()
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), CHILD_FLAG, str(timings), str(spawned_at),
                             *grade_args(seed, only, lanes)], cwd=REPO_ROOT, env=env, capture_output=True,
                            text=True, timeout=900)
    wall = time.perf_counter() - started
    if result.returncode != 0 or not timings.is_file():
        raise SystemExit(f"the instrumented autograder grade failed ({result.returncode}):\n{result.stderr[-3000:]}")
    f = json.loads(timings.read_text())
    rpc_total = sum(s["time_total"] for s in f["stats"])
    in_worker = sum(s["time_in_worker"] for s in f["stats"])
    tests = sum(f["durations"])
    grading = f["grade_returned"] - f["grade_called"]
    parts = {
        "start-up: interpreter, imports, CLI": f["grade_called"] - f["spawned_at"],
        "worker start-up": f["worker_start"],
        "worker shutdown": f["worker_close"],
        "RPC transport": rpc_total - in_worker,
        "checks (grader side)": tests - f["worker_start"] - rpc_total,
        "submission's code: missions' training": f["training"],
        "submission's code: the rest": in_worker - f["training"],
        "pytest: collection, fixtures, plugin": grading - tests - f["worker_close"],
        "report and interpreter exit": wall - (f["grade_called"] - f["spawned_at"]) - grading,
    }
    f["wall_split"] = wall_split(f, wall)
    return wall, parts, f


def wall_split(f, wall):
    """{part: seconds} of the wall time: start-up, submission's code running (any worker), grader alone,
    report and exit."""
    intervals = sorted((sent + (trip - inside) / 2, sent + (trip + inside) / 2) for sent, trip, inside in f["calls"])
    running, end = 0.0, None
    for begin, finish in intervals:          # the union's length
        if end is None or begin > end:
            running += finish - begin
            end = finish
        elif finish > end:
            running += finish - end
            end = finish
    startup = f["grade_called"] - f["spawned_at"]
    after = wall - (f["grade_returned"] - f["spawned_at"])
    return {"start-up: interpreter, imports, CLI": startup,
            "submission's code running (in any worker)": running,
            "grader alone during grading": f["grade_returned"] - f["grade_called"] - running,
            "report and interpreter exit": after}


# ---------------------------------------------------------------- nbgrader

def stamped_run(args, cwd, env, timeout):
    """Run `args`; (returncode, seconds, [(seconds since spawn, stderr line)])."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    lines = []
    drain = threading.Thread(target=process.stdout.read, daemon=True)
    drain.start()
    for line in process.stderr:
        lines.append((time.perf_counter() - started, line.rstrip()))
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    return process.returncode, time.perf_counter() - started, lines


def nbgrader(args, course, env, timeout=1800):
    code, seconds, lines = stamped_run([sys.executable, "-m", "nbgrader", *args], course, env, timeout)
    if code != 0:
        tail = "\n".join(line for _, line in lines[-40:])
        raise SystemExit(f"nbgrader {' '.join(args)} failed ({code}):\n{tail}")
    return seconds, lines


def prepare_course(course, seed, assignments, env):
    """Build the kit's nbgrader course, release it, place the solved notebooks; (build s, release s)."""
    from autograder.nbgrader_course import build_course

    started = time.perf_counter()
    built = build_course(course, seed=seed)
    build_seconds = time.perf_counter() - started
    names = [a.name for a in built.assignments if not assignments or a.name in assignments]
    release_seconds, _ = nbgrader(["generate_assignment", *(names if assignments else ["*"]), "--force"], course, env)
    for name in names:
        folder = course / "submitted" / STUDENT / name
        folder.mkdir(parents=True)
        shutil.copyfile(course / "source" / name / f"{name}.ipynb", folder / f"{name}.ipynb")
    return build_seconds, release_seconds, names


def nbgrader_run(course, names, assignments, env):
    """(seconds, {assignment: seconds}, start-up seconds, score, max score) of one autograde."""
    shutil.rmtree(course / "autograded", ignore_errors=True)   # a rerun grades afresh (the gradebook
    target = assignments if assignments else ["*"]              # keeps the released assignments)
    seconds, lines = nbgrader(["autograde", *target, "--create", "--force"], course, env)
    per_notebook, startup = notebook_times(lines, names, seconds)
    score, max_score = gradebook_score(course)
    return seconds, per_notebook, startup, score, max_score


def notebook_times(lines, names, total):
    """Seconds per notebook from when nbgrader logs 'Sanitizing .../<name>.ipynb' to the next one."""
    marks = []
    for at, line in lines:
        if "Sanitizing" in line:
            for name in names:
                if line.rstrip().endswith(f"/{name}.ipynb"):
                    marks.append((at, name))
    per_notebook = {}
    for index, (at, name) in enumerate(marks):
        end = marks[index + 1][0] if index + 1 < len(marks) else total
        per_notebook[name] = end - at
    startup = marks[0][0] if marks else total
    return per_notebook, startup


def gradebook_score(course):
    from nbgrader.api import Gradebook

    score = max_score = 0.0
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        for assignment in book.assignments:
            for submission in book.assignment_submissions(assignment.name):
                score += submission.score
                max_score += submission.max_score
    return score, max_score


# ---------------------------------------------------------------- main

def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1, help="grading seed of the kit, seed of the course (1)")
    parser.add_argument("--kit-runs", type=int, default=None, help="timed `autograder grade` runs (3)")
    parser.add_argument("--nbgrader-runs", type=int, default=None,
                        help="timed `nbgrader autograde` runs (1; 0 leaves nbgrader out)")
    parser.add_argument("--module", action="append", default=[],
                        help="grade only this module on both sides (repeatable; default: everything)")
    parser.add_argument("--pin-blas", action="store_true",
                        help="one BLAS thread in every process, nbgrader's kernels included (the kit's "
                             "workers always run with one; default: the library's default in the rest)")
    parser.add_argument("--lanes", type=int, choices=(1, 2), default=None,
                        help="the kit's --lanes for the timed runs (default: the kit's own, 2 on two cores)")
    parser.add_argument("--quick", action="store_true", help="smoke run: the functions module, one run each")
    args = parser.parse_args(argv)
    if args.quick:
        args.module = args.module or ["functions"]
    args.kit_runs = args.kit_runs if args.kit_runs is not None else (1 if args.quick else 3)
    args.nbgrader_runs = args.nbgrader_runs if args.nbgrader_runs is not None else 1
    if args.kit_runs < 1 or args.nbgrader_runs < 0:
        parser.error("--kit-runs must be >= 1 and --nbgrader-runs >= 0")
    return args


def main(argv=None):
    args = parse_arguments(argv)
    env = command_env(args.pin_blas)
    scope = ", ".join(args.module) if args.module else "every unit and both missions"
    print(f"Side by side, {datetime.date.today().isoformat()}: the reference solutions graded whole "
          f"({scope}), seed {args.seed}")
    threads = ("one BLAS thread in every process (--pin-blas)" if args.pin_blas else
               "BLAS threads: the kit's workers one, nbgrader's kernels the library default")
    print(f"machine: {describe()}\n{threads}")
    problems = []

    kit = []
    for _ in range(args.kit_runs):
        seconds, score, max_score = kit_run(args.seed, args.module, env, args.lanes)
        kit.append((seconds, load_text()))
        if score != max_score:
            problems.append(f"autograder grade gave {score}/{max_score}")
    kit_median = statistics.median(s for s, _ in kit)
    runs = ", ".join(f"{s:.2f} s ({load})" for s, load in kit)
    lanes_text = f" --lanes {args.lanes}" if args.lanes else ""
    print(f"\nkit: python -m autograder grade solutions --format json --seed {args.seed}{lanes_text}"
          f"{''.join(' --only ' + m for m in args.module)}\n  {len(kit)} runs: {runs}\n"
          f"  median {kit_median:.2f} s, score {score:g}/{max_score:g}")

    with tempfile.TemporaryDirectory(prefix="kit-side-by-side-") as scratch:
        wall, _parts, figures = kit_split(args.seed, args.module, scratch, env, args.lanes)
        print(f"\nkit's wall time split (one more run{lanes_text}, instrumented from outside: {wall:.2f} s, "
              f"{load_text()}):")
        for part, seconds in figures["wall_split"].items():
            print(f"  {part:<44} {seconds:7.2f} s {seconds / wall:6.1%}")
        alone = wall - figures["wall_split"]["submission's code running (in any worker)"]
        print(f"  the grader's overhead on the wall clock (no submission code running): {alone:.2f} s")
        if figures.get("error"):
            problems.append(f"the instrumented grade reported a grader error: {figures['error'][:300]}")

        wall, parts, figures = kit_split(args.seed, args.module, scratch, env, lanes=1)
        calls = sum(s["calls"] for s in figures["stats"])
        print(f"\nkit's work split (one more run, --lanes 1, instrumented: {wall:.2f} s, {load_text()}):")
        notes = {"worker start-up": f"{figures['worker_starts']} workers",
                 "RPC transport": f"{calls} calls",
                 "submission's code: missions' training": f"{figures['training_calls']} train() calls"}
        for part, seconds in parts.items():
            note = f"  ({notes[part]})" if part in notes else ""
            print(f"  {part:<40} {seconds:7.2f} s {seconds / wall:6.1%}{note}")
        work = sum(seconds for part, seconds in parts.items() if not part.startswith("submission's code"))
        print(f"  the grader's own work (all but the submission's code): {work:.2f} s")
        if figures.get("error"):
            problems.append(f"the instrumented grade reported a grader error: {figures['error'][:300]}")

        nb = []
        if args.nbgrader_runs:
            course = Path(scratch) / "course"
            build_seconds, release_seconds, names = prepare_course(course, args.seed, args.module, env)
            for _ in range(args.nbgrader_runs):
                seconds, per_notebook, startup, score, max_score = nbgrader_run(course, names, args.module, env)
                nb.append((seconds, load_text(), per_notebook, startup))
                if score != max_score or max_score == 0:
                    problems.append(f"nbgrader autograde gave {score}/{max_score}")
            nb_median = statistics.median(s for s, *_ in nb)
            runs = ", ".join(f"{s:.2f} s ({load})" for s, load, *_ in nb)
            print(f"\nnbgrader: nbgrader autograde {' '.join(args.module) or repr('*')} --create --force "
                  f"({len(names)} notebooks, student {STUDENT!r})\n  {len(nb)} runs: {runs}\n"
                  f"  median {nb_median:.2f} s, score {score:g}/{max_score:g}\n"
                  f"  set-up, not counted: build_course {build_seconds:.2f} s, generate_assignment "
                  f"{release_seconds:.2f} s")
            seconds, _, per_notebook, startup = nb[-1]
            print(f"  split of the last run: start-up until the first notebook {startup:.2f} s; per notebook: "
                  + ", ".join(f"{name} {s:.2f} s" for name, s in per_notebook.items()))
            print(f"\nratio nbgrader / kit (medians): {nb_median / kit_median:.1f}")
    for problem in problems:
        print(f"WARNING: {problem}: the figures do not compare like with like")
    print(f"\nmachine at end: {load_text()}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
