"""A class graded with `autograder batch`: wall time and submissions per minute, by class size and --jobs.

    python bench/class_throughput.py                       # N = 50 and 200, --jobs 1 and 2
    python bench/class_throughput.py --sizes 50 --jobs 2
    python bench/class_throughput.py --quick               # smoke run: N = 3, --jobs 2

Built on bench/batch_class.py (the batch engineer's 50 + 50 measurement): its
`build_class` makes the solved copies (solutions/'s modules, `solvedNN`) and the stubbed
ones (exercises/'s, `stubNN`), and its `run_batch` runs the real command,
`python -m autograder batch CLASS --out DIR --jobs J`, timed from spawn to exit. Added
here: broken copies (`brokenNN`), half of them the reference with three catalogue
mistakes of different units written in, half with a functions.py that does not import;
and the sweep over class sizes and --jobs. A class of N is 40 % solved, 40 % stubbed,
20 % broken, built once per size and graded into a fresh output folder per --jobs value.

Printed per (N, jobs): the wall time, submissions per minute, the mean grading time of
each kind (the records' execution_time: one grading process's own run, without its
start-up), how many were being graded at once on average (the sum of those times over
the wall time), and the gradebook's summary.
"""
import argparse
import datetime
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
for entry in (REPO_ROOT, REPO_ROOT / "bench"):
    if str(entry) not in sys.path:
        sys.path.insert(0, str(entry))

from batch_class import build_class, gradebook_summary, run_batch  # noqa: E402
from machine import describe, load_text  # noqa: E402

from autograder.submission_intake import copy_modules  # noqa: E402

SOLUTIONS = REPO_ROOT / "solutions"
SOLVED_SHARE, STUB_SHARE = 0.4, 0.4          # the rest is broken
MISTAKES_PER_SUBMISSION = 3
KINDS = ("solved", "stub", "broken")


def add_broken(folder, count):
    """`count` broken copies of the reference: even ones with three catalogue mistakes (of different
    units, drawn by the copy's index), odd ones whose functions.py does not import."""
    from autograder.mistakes import MISTAKES

    for index in range(count):
        target = copy_modules(SOLUTIONS, Path(folder) / f"broken{index:02d}")
        if index % 2:
            (target / "functions.py").write_text("def sigmoid(x:\n")
            continue
        chosen = {}
        for mistake in random.Random(index).sample(list(MISTAKES), len(MISTAKES)):
            chosen.setdefault(mistake.unit, mistake)
            if len(chosen) == MISTAKES_PER_SUBMISSION:
                break
        for mistake in chosen.values():
            mistake.write_into(target)


def build_mixed_class(folder, size):
    """A class of `size`: solved and stubbed copies by batch_class.build_class, then the broken ones."""
    solved = round(size * SOLVED_SHARE)
    broken = size - 2 * solved
    build_class(Path(folder), solved)
    add_broken(folder, broken)
    return {"solved": solved, "stub": solved, "broken": broken}


def mean_seconds_by_kind(out):
    """{kind: mean execution_time} from the records, the kind read from the submission's name."""
    times = {}
    for record in (Path(out) / "results").glob("*.json"):
        kind = next((k for k in KINDS if record.stem.startswith(k)), "other")
        times.setdefault(kind, []).append(float(json.loads(record.read_text())["execution_time"]))
    return {kind: (sum(values) / len(values), sum(values)) for kind, values in times.items()}


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200], help="class sizes (50 200)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values (1 2)")
    parser.add_argument("--quick", action="store_true", help="smoke run: N = 3 (one of each kind), --jobs 2")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.jobs = [3], [2]
    if min(args.sizes) < 3 or min(args.jobs) < 1:
        parser.error("sizes must be at least 3 (one of each kind), jobs at least 1")
    return args


def main(argv=None):
    args = parse_arguments(argv)
    print(f"Class throughput, {datetime.date.today().isoformat()}: autograder batch, every unit and both missions; "
          f"a class is {SOLVED_SHARE:.0%} solved, {STUB_SHARE:.0%} stubbed, the rest broken "
          f"(3 catalogue mistakes, or a functions.py that does not import)")
    print(f"machine: {describe()}")
    print(f"\n{'N':>5} {'jobs':>4} {'wall s':>8} {'subs/min':>9}  {'mean s: solved / stub / broken':<31} "
          f"{'at once':>7}  gradebook; load")
    problems = []
    with tempfile.TemporaryDirectory(prefix="kit-class-") as scratch:
        for size in args.sizes:
            folder = Path(scratch) / f"class{size}"
            build_mixed_class(folder, size)
            for jobs in args.jobs:
                out = Path(scratch) / f"graded{size}_jobs{jobs}"
                seconds = run_batch(folder, out, jobs)[0]      # the first of what it returns: seconds
                recorded = len(list((out / "results").glob("*.json")))
                if recorded != size:
                    problems.append(f"N={size} jobs={jobs}: {recorded} records for {size} submissions")
                by_kind = mean_seconds_by_kind(out)
                means = " / ".join(f"{by_kind[k][0]:.2f}" if k in by_kind else "-" for k in KINDS)
                at_once = sum(total for _, total in by_kind.values()) / seconds
                print(f"{size:>5} {jobs:>4} {seconds:>8.1f} {60 * size / seconds:>9.1f}  {means:<31} {at_once:>7.2f}  "
                      f"{gradebook_summary(out)}; {load_text()}", flush=True)
                shutil.rmtree(out, ignore_errors=True)
    for problem in problems:
        print(f"WARNING: {problem}")
    print(f"\nmachine at end: {load_text()}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
