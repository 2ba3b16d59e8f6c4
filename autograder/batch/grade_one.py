"""The grading process of one submission in a batch: grade, write its record, exit.

    python -m autograder.batch.grade_one PATH --record FILE --label NAME --seed N [--only UNIT ...]

One process per submission, so a submission that crashes the grader costs
nothing to the others. Exit codes the batch reads:

- 0: the record is written (graded, or not gradable: SubmissionError);
- INTERRUPTED (130): stopped by SIGTERM/SIGINT (the batch is stopping, or it
  died: the parent-death signal), nothing written, so a rerun grades it;
- anything else: the grader crashed; the batch records the log's last lines.

A half-finished run is never written: when a stop signal arrives while the
hidden suites run, pytest ends early and its partial results are dropped.
"""
import argparse
import ctypes
import os
import signal
import sys
from pathlib import Path

from autograder.batch.pool import INTERRUPTED

PR_SET_PDEATHSIG = 1


class _Stop:
    requested = False


def main(argv=None):
    parser = argparse.ArgumentParser(description="grade one submission of a batch")
    parser.add_argument("path")
    parser.add_argument("--record", required=True, help="the record file to write")
    parser.add_argument("--label", required=True, help="the submission's name in reports")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--course-seed", type=int, default=None, help="the missions' splits and training seeds")
    parser.add_argument("--only", action="append", default=None)
    parser.add_argument("--timeout", type=float, default=None, help="seconds per call into the submission")
    parser.add_argument("--budget", type=float, default=None, help="seconds for the whole run")
    parser.add_argument("--lanes", type=int, choices=(1, 2), default=None,
                        help="checks at once (default: 2 where two CPUs are free)")
    parser.add_argument("--hide", action="append", default=[], help="a path the submission must not see")
    parser.add_argument("--parent", type=int, default=None, help="the batch's pid: exit when it is gone")
    parser.add_argument("--content-hash", default=None, help="what the submission holds (recorded)")
    parser.add_argument("--submitted-at", default=None, help="when it was submitted, ISO 8601 (recorded)")
    parser.add_argument("--submitted-from", default=None, help="where that time comes from (recorded)")
    args = parser.parse_args(argv)
    _stop_on_signals(args.parent)
    from autograder.sandbox.warm_up import warm_up

    warm_up()   # the sandbox imports NumPy while this process imports the grader

    from autograder.grading import SubmissionError, grade_submission

    from .results_store import ungraded_run, write_record

    options = {"call_timeout": args.timeout} if args.timeout else {}
    if args.budget:
        options["budget"] = args.budget
    if args.course_seed is not None:
        options["course_seed"] = args.course_seed
    if args.lanes is not None:
        options["lanes"] = args.lanes
    details = {"content_hash": args.content_hash, "submitted_at": args.submitted_at,
               "submitted_from": args.submitted_from}
    try:
        run = grade_submission(args.path, seed=args.seed, only=args.only, label=args.label,
                               hide=[str(Path(args.record).resolve().parent), *args.hide], **options)
    except SubmissionError as error:
        if _Stop.requested:
            return INTERRUPTED
        write_record(args.record, ungraded_run(args.label, args.seed, str(error)), graded=False, details=details)
        return 0
    except KeyboardInterrupt:
        return INTERRUPTED
    if _Stop.requested:
        return INTERRUPTED
    write_record(args.record, run, graded=True, details=details)
    return 0


def _stop_on_signals(parent):
    """SIGTERM/SIGINT stop the run (pytest unwinds, the sandbox workers are closed); so does the batch's death."""
    def stop(signum, frame):
        if not _Stop.requested:
            _Stop.requested = True
            raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if parent is not None and os.getppid() != parent:   # the batch died before prctl took effect
        sys.exit(INTERRUPTED)


if __name__ == "__main__":
    from autograder.cli import exit_without_teardown

    exit_without_teardown(main())
