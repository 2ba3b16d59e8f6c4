"""How fast grading is: solutions/ graded whole, where the time goes, and what one RPC costs.

    python bench/grading_speed.py [--runs 3] [--seed 1] [--calls 500]

Prints:
- wall-clock time to grade solutions/ whole (every unit, missions included), per run;
- that time split into the submission's own code (time the workers spent
  executing requests), the RPC (sending, waiting, decoding, beyond the
  worker's own time) and the grader (pytest, reference computations,
  comparisons, worker start-ups);
- the time per unit module;
- the cost of one call into the worker: a tiny call, a call with a
  (1000, 100) array both ways, and starting a worker.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autograder.grading import grade_submission  # noqa: E402
from autograder.sandbox import Limits, SubmissionWorker  # noqa: E402
from autograder.results import module_of  # noqa: E402

SOLUTIONS = REPO / "solutions"


def grade_once(seed):
    started = time.perf_counter()
    run = grade_submission(SOLUTIONS, seed=seed)
    wall = time.perf_counter() - started
    calls = sum(s.calls for s in run.worker_stats)
    in_worker = sum(s.time_in_worker for s in run.worker_stats)
    rpc_total = sum(s.time_total for s in run.worker_stats)
    per_module = {}
    for test in run.tests:
        per_module[module_of(test.unit)] = per_module.get(module_of(test.unit), 0.0) + test.duration
    return {"wall": wall, "score": run.score, "max_score": run.max_score, "calls": calls,
            "workers": len(run.worker_stats), "in_worker": in_worker, "rpc": rpc_total - in_worker,
            "grader": wall - rpc_total, "per_module": per_module, "error": run.error}


def per_call_costs(calls):
    """Seconds per call: (tiny call, call with a (1000, 100) array each way, worker start)."""
    started = time.perf_counter()
    worker = SubmissionWorker(str(SOLUTIONS), Limits(call_timeout=30))
    start_time = time.perf_counter() - started
    try:
        functions = worker.module("functions")
        tiny = np.zeros(1)
        big = np.random.default_rng(0).normal(size=(1000, 100))
        functions.relu(tiny)
        timings = {}
        for name, argument in (("tiny", tiny), ("array (1000, 100)", big)):
            before = (worker.stats.calls, worker.stats.time_in_worker)
            t0 = time.perf_counter()
            for _ in range(calls):
                functions.relu(argument)
            elapsed = time.perf_counter() - t0
            in_worker = worker.stats.time_in_worker - before[1]
            timings[name] = (elapsed / calls, (elapsed - in_worker) / calls)
    finally:
        worker.close()
    return timings, start_time


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="gradings of solutions/ to time")
    parser.add_argument("--seed", type=int, default=1, help="seed of the first run (then seed + 1, ...)")
    parser.add_argument("--calls", type=int, default=500, help="calls per RPC measurement")
    args = parser.parse_args(argv)

    print(f"Grading {SOLUTIONS} whole, {args.runs} runs")
    results = []
    for index in range(args.runs):
        result = grade_once(args.seed + index)
        results.append(result)
        print(f"  run {index + 1}: {result['wall']:6.2f} s, score {result['score']:g} / {result['max_score']:g}, "
              f"{result['calls']} calls into {result['workers']} workers"
              + (f"  (grading error: {result['error'].splitlines()[0]})" if result["error"] else ""))
    median = statistics.median(r["wall"] for r in results)
    print(f"  median: {median:.2f} s")

    last = results[-1]
    print("\nWhere the time goes (last run):")
    for label, key in (("submission's own code (in the worker)", "in_worker"),
                       ("RPC beyond the worker's time", "rpc"),
                       ("grader (pytest, reference, checks, worker start-ups)", "grader")):
        print(f"  {label:<55} {last[key]:6.2f} s  ({100 * last[key] / last['wall']:4.1f} %)")
    print("\nTime per module (test durations, last run):")
    for module, seconds in last["per_module"].items():
        print(f"  {module:<20} {seconds:6.2f} s")

    timings, start_time = per_call_costs(args.calls)
    print(f"\nOne call into the worker ({args.calls} calls of functions.relu):")
    for name, (per_call, overhead) in timings.items():
        print(f"  {name:<20} {1e3 * per_call:7.3f} ms per call, of which RPC {1e3 * overhead:7.3f} ms")
    print(f"  starting a worker (process, confinement, NumPy import): {start_time:.2f} s")


if __name__ == "__main__":
    main()
