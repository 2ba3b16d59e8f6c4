"""Class throughput: the local pool (`--jobs N`) against a Dask LocalCluster of N worker processes.

    python bench/batch_dask.py                      # 8 + 8 submissions, N = 2, every unit
    python bench/batch_dask.py --copies 20 --jobs 2

The same class (bench/batch_class.py's: copies of the reference and of the
stubs) is graded twice by the real command: `autograder batch --jobs N`, then
`autograder batch --executor dask --scheduler local --jobs N` (a LocalCluster
of N worker processes, one thread each, started by the batch). Printed: the
machine, each run's wall time and submissions per minute, the cluster's
start-up cost, and whether the two gradebooks agree.
"""
import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from batch_class import build_class  # noqa: E402
from machine import describe  # noqa: E402

COMPARED = ("total", "max_total", "errors")


def timed_batch(folder, out, jobs, extra=()):
    command = [sys.executable, "-m", "autograder", "batch", str(folder), "--out", str(out), "--jobs", str(jobs),
               "--seed", "1", "--quiet", *extra]
    started = time.monotonic()
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return time.monotonic() - started


def cluster_start_seconds(jobs):
    """Seconds to start and stop a LocalCluster of `jobs` worker processes (part of the dask run's time)."""
    from distributed import Client, LocalCluster

    started = time.monotonic()
    with LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            pass
    return time.monotonic() - started


def rows(out):
    with open(out / "gradebook.csv", newline="") as file:
        return {row["submission"]: tuple(row[c] for c in COMPARED) for row in csv.DictReader(file)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="solved and stub submissions each (default 8)")
    parser.add_argument("--jobs", type=int, default=2, help="grading processes / Dask workers (default 2)")
    args = parser.parse_args(argv)
    print(describe())
    with tempfile.TemporaryDirectory(prefix="kit-bench-dask-") as scratch:
        folder = Path(scratch) / "class"
        build_class(folder, args.copies)
        total = 2 * args.copies
        local = timed_batch(folder, Path(scratch) / "local", args.jobs)
        dask = timed_batch(folder, Path(scratch) / "dask", args.jobs, ("--executor", "dask", "--scheduler", "local"))
        startup = cluster_start_seconds(args.jobs)
        same = rows(Path(scratch) / "local") == rows(Path(scratch) / "dask")
    print(f"class: {args.copies} solved + {args.copies} stubs, every unit, N = {args.jobs}")
    print(f"{'executor':<32} {'wall time':>10} {'per minute':>11}")
    print(f"{'local pool, --jobs ' + str(args.jobs):<32} {local:>9.1f}s {60 * total / local:>11.1f}")
    print(f"{'dask LocalCluster, ' + str(args.jobs) + ' workers':<32} {dask:>9.1f}s {60 * total / dask:>11.1f}")
    print(f"LocalCluster start and stop alone: {startup:.1f} s")
    print(f"gradebooks agree (total, max_total, errors): {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
