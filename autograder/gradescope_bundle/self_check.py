"""The last step of setup.sh: grade the reference's functions.py with the installed image, expect full marks.

    python -m autograder.gradescope_bundle.self_check

Fails the Gradescope build (exit 1) if the grader cannot run there, and prints
the protections the sandbox could put in place on that machine, so the build
log says whether student code is hidden by a private mount namespace or only
by file modes (see docs/INSTRUCTORS.md, "How student code is kept away from the kit").
"""
import sys
from pathlib import Path

CHECKED_MODULE = "functions"   # a few seconds; every check path (sandbox, RPC, report) is used
CHECK_SEED = 0


def main():
    from autograder.grading import grade_submission

    reference = Path(__file__).resolve().parents[2] / "solutions"
    run = grade_submission(reference, seed=CHECK_SEED, only=[CHECKED_MODULE], label="reference")
    print(f"self-check: the reference's {CHECKED_MODULE}.py scores {run.score:g} / {run.max_score:g}")
    print("self-check: sandbox protections here: " + (", ".join(run.protections) or "none"))
    if run.error or not run.tests or run.score != run.max_score:
        print(f"self-check FAILED: the grader does not work in this image ({run.error or 'points lost'})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
