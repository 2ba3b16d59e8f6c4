"""How long `autograder batch` takes on a class: N copies of the reference and N of the stubs.

    python bench/batch_class.py                          # 50 + 50, --jobs 2, every unit
    python bench/batch_class.py --copies 10 --jobs 1
    python bench/batch_class.py --interrupt-after 30     # Ctrl-C once 30 are recorded, then resume

The class is built in a temporary folder (`solvedNN/`: solutions/'s modules,
`stubNN/`: exercises/'s), graded by the real command in a subprocess, as an
instructor runs it. Printed: the machine, the wall time of each run, the
submissions per minute, the mean grading time of a solved and of a stub
submission (from the records), and that the gradebook is complete.

With --interrupt-after K the first run gets SIGINT (what Ctrl-C sends) as soon
as K records exist; the second run is the same command, which skips those and
grades the rest. Printed for each: what it recorded, what it skipped, its time.
"""
import argparse
import csv
import json
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from machine import describe  # noqa: E402


def build_class(folder, copies):
    """`copies` solved and `copies` stub submissions (the top-level modules, conftest.py left out)."""
    for kind, source in (("solved", REPO_ROOT / "solutions"), ("stub", REPO_ROOT / "exercises")):
        for index in range(copies):
            target = folder / f"{kind}{index:02d}"
            target.mkdir(parents=True)
            for module in source.glob("*.py"):
                if module.name != "conftest.py":
                    shutil.copyfile(module, target / module.name)


def run_batch(folder, out, jobs, interrupt_after=None):
    """One `autograder batch` run: (seconds, seconds from SIGINT to exit, exit code, records before,
    records after, its summary line)."""
    before = _records(out)
    command = [sys.executable, "-m", "autograder", "batch", str(folder), "--out", str(out), "--jobs", str(jobs)]
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stop_seconds = None
    if interrupt_after is not None:
        while process.poll() is None and len(_records(out)) < interrupt_after:
            time.sleep(0.2)
        signalled = time.monotonic()
        process.send_signal(signal.SIGINT)
        process.wait()
        stop_seconds = time.monotonic() - signalled
    stderr = process.communicate()[1]
    seconds = time.monotonic() - started
    summary = [line for line in stderr.splitlines() if line.startswith(("done:", "interrupted:"))]
    return seconds, stop_seconds, process.returncode, len(before), len(_records(out)), (summary[0] if summary else "")


def _records(out):
    return list((out / "results").glob("*.json")) if (out / "results").is_dir() else []


def per_kind_seconds(out):
    """{"solved": mean grading seconds, "stub": ...} from the records' execution_time."""
    times = {}
    for record in _records(out):
        kind = "solved" if record.stem.startswith("solved") else "stub"
        times.setdefault(kind, []).append(json.loads(record.read_text())["execution_time"])
    return {kind: sum(values) / len(values) for kind, values in times.items()}


def gradebook_summary(out):
    with open(out / "gradebook.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    full = sum(1 for row in rows if row["percent"] == "100.0")
    zero = sum(1 for row in rows if row["total"] == "0")
    errors = sum(1 for row in rows if row["errors"])
    return f"{len(rows)} rows: {full} at 100 %, {zero} at 0, {errors} with an error"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50, help="copies of the reference and of the stubs (50)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--interrupt-after", type=int, metavar="K", default=None,
                        help="send SIGINT once K submissions are recorded, then rerun to resume")
    parser.add_argument("--keep", action="store_true", help="keep the class and output folders (printed)")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="batch-bench-"))
    try:
        folder, out = base / "class", base / "out"
        build_class(folder, args.copies)
        total = 2 * args.copies
        print(f"Batch benchmark: {args.copies} solved + {args.copies} stub submissions, --jobs {args.jobs}")
        print(f"machine: {describe()}")
        runs = [("interrupted run", args.interrupt_after), ("resumed run", None)] \
            if args.interrupt_after is not None else [("run", None)]
        wall = 0.0
        for name, interrupt_after in runs:
            seconds, stop_seconds, code, before, after, last = run_batch(folder, out, args.jobs, interrupt_after)
            wall += seconds
            stopped = f", stopped {stop_seconds:.1f} s after SIGINT" if stop_seconds is not None else ""
            print(f"{name}: {seconds:.1f} s{stopped}, exit {code}, {before} already recorded, {after - before} "
                  f"recorded ({(after - before) / seconds * 60:.1f} per minute); {last.strip()}")
        means = per_kind_seconds(out)
        print(f"total: {wall:.1f} s for {total} submissions, {total / wall * 60:.1f} per minute; mean grading "
              f"time per submission: solved {means.get('solved', 0):.1f} s, stub {means.get('stub', 0):.1f} s")
        print(f"gradebook: {gradebook_summary(out)}; {describe().rsplit('; ', 1)[-1]} at the end")
        if args.keep:
            print(f"kept: {base}")
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
