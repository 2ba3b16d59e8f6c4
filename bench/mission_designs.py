"""How the grader judges mission designs: honest ones get full credit, gaming ones 0, the same for every student.

    python bench/mission_designs.py                  # every design, grading seeds 1, 2, 3
    python bench/mission_designs.py --seeds 1 --only gaming

Every design of autograder/mistakes/mission_designs.py is written into a copy of
the reference and its mission graded by the real grader (`grade_submission`,
sandboxed worker, course seed 0) under several grading seeds, i.e. as several
students. Printed per design: the score under each seed (one value when the
same code scores the same for every student), for honest designs the mean, min
and max of the per-split test accuracies and the time of train()+predict()
(mean and max per split), for gaming designs the start of the reason given.
"""
import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # `python bench/mission_designs.py` puts bench/ first, not the root
    sys.path.insert(0, str(REPO_ROOT))

from autograder.grading import grade_submission  # noqa: E402
from autograder.mistakes.mission_designs import GAMING, HONEST  # noqa: E402
from missions import machine_description  # noqa: E402

PER_SPLIT = re.compile(r"per split: ([\d., ]+)\)")
TIMES = re.compile(r"took ([\d.]+) s on average, ([\d.]+) s at most")


def grade(design, seed, course_seed, folder):
    run = grade_submission(design.write_submission(folder), seed=seed, only=[design.module],
                           course_seed=course_seed)
    (test,) = run.tests
    return test


def describe(design, tests):
    """One table row: the scores, then accuracies and times (honest) or the reason (gaming)."""
    scores = sorted({test.score for test in tests})
    shown = "/".join(f"{score:g}" for score in scores) + ("" if len(scores) == 1 else " (DIFFER)")
    text = tests[0].output
    found, times = PER_SPLIT.search(text), TIMES.search(text)
    if design.honest and found and times:
        accuracies = [float(a) for a in found.group(1).split(",")]
        detail = (f"acc mean {sum(accuracies) / len(accuracies):.3f} min {min(accuracies):.3f} "
                  f"max {max(accuracies):.3f}; t+p {float(times.group(1)):.2f} s mean, "
                  f"{float(times.group(2)):.2f} s max")
    else:
        detail = text.split(": ", 1)[-1].splitlines()[0][:90]
    return f"{'honest' if design.honest else 'gaming':<6} {design.module:<14} {shown:<10} {design.name[:52]:<52} {detail}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3],
                        help="grading seeds, one per simulated student (default 1 2 3)")
    parser.add_argument("--course-seed", type=int, default=0, help="the course seed (default 0)")
    parser.add_argument("--only", choices=("honest", "gaming"), default=None, help="grade only these designs")
    args = parser.parse_args(argv)
    designs = {"honest": HONEST, "gaming": GAMING}.get(args.only, HONEST + GAMING)
    print(f"Mission designs graded with grading seeds {args.seeds}, course seed {args.course_seed}")
    print(f"machine: {machine_description()}")
    print(f"{'kind':<6} {'mission':<14} {'score/10':<10} {'design':<52} detail")
    started = time.perf_counter()
    wrong = 0
    with tempfile.TemporaryDirectory() as scratch:
        for number, design in enumerate(designs):
            tests = [grade(design, seed, args.course_seed, Path(scratch) / f"{number}-{seed}")
                     for seed in args.seeds]
            print(describe(design, tests), flush=True)
            expected = tests[0].max_score if design.honest else 0.0
            wrong += any(test.score != expected for test in tests)
    print(f"{len(designs)} designs in {time.perf_counter() - started:.0f} s; {wrong} not graded as expected")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
