"""`autograder batch SUBMISSIONS --out DIR`: grade a whole class (see grade_class.py).

Exit codes: 0 when every submission has a record (some may say "could not be
graded": see the gradebook's errors column); 130 when interrupted (rerun the
same command to resume); 2 when the batch could not start (bad folder, options
that differ from the earlier run's).
"""
import sys
from pathlib import Path

from autograder.translation import N_, _

NAME = "batch"
HELP = N_("grade a folder of submissions (folders, zips, Gradescope / GitHub Classroom / nbgrader exports) "
          "in parallel: one JSON per submission, gradebook.csv, report.md and report.png; reruns resume")
CANNOT_START = 2
INTERRUPTED = 130


def add_arguments(parser):
    from autograder.late_work.options import add_late_arguments

    from .pool import DEFAULT_WALL_LIMIT

    parser.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                        help=_("folder holding one folder or .zip per submission (or an export)"))
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help=_("output folder (created; results/, gradebook.csv, report.md, report.png)"))
    parser.add_argument("--jobs", type=_at_least_one, default=1, metavar="N",
                        help=_("submissions graded at the same time (default 1; about one per core)"))
    parser.add_argument("--seed", type=int, metavar="N",
                        help=_("grading seed for every submission (default: drawn once and kept in DIR/batch.json)"))
    parser.add_argument("--course-seed", type=int, metavar="N", default=None,
                        help=_("course seed: the missions' splits and training seeds, the same for every student "
                             "(default: the earlier run's, else 0; kept in DIR/batch.json)"))
    parser.add_argument("--only", action="append", metavar="UNIT",
                        help=_("grade only this unit or module (repeatable, or comma-separated)"))
    parser.add_argument("--timeout", type=float, metavar="S", default=None,
                        help=_("seconds per call into a submission (default: the grader's)"))
    parser.add_argument("--wall-limit", type=float, metavar="S", default=DEFAULT_WALL_LIMIT,
                        help=_("seconds per submission before its grading is stopped (default {seconds:g})").format(
                            seconds=DEFAULT_WALL_LIMIT))
    parser.add_argument("--force", action="store_true", help=_("regrade every submission, even those already done"))
    parser.add_argument("--retry-errors", action="store_true",
                        help=_("regrade the submissions recorded as 'could not be graded'"))
    parser.add_argument("--regrade", nargs="+", metavar="NAME", default=None,
                        help=_("grade these submissions again even if unchanged (a changed submission is "
                             "regraded without asking)"))
    parser.add_argument("--roster", type=Path, metavar="CSV",
                        help=_("roster: submission,student_id,name,email (kept for reruns)"))
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help=_("local: --jobs grading processes here (default); dask: one task per submission "
                             "on a Dask cluster (needs the cluster extra)"))
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help=_("with --executor dask: the scheduler's address (tcp://host:8786), or 'local' for a "
                             "LocalCluster of --jobs worker processes on this machine"))
    parser.add_argument("--quiet", action="store_true", help=_("no progress output"))
    add_late_arguments(parser)


def run(args):
    from autograder.grading import SelectionError

    from autograder.late_work import PolicyError
    from autograder.late_work.options import late_policy_from

    from .discovery import DiscoveryError
    from .class_grading import BatchSettingsError, grade_class
    from .roster import RosterError

    only = [unit.strip() for value in (args.only or []) for unit in value.split(",") if unit.strip()]
    pool = None
    if args.executor == "dask":
        if not args.scheduler:
            print(_("autograder batch: error: --executor dask needs --scheduler ADDRESS (or 'local')"), file=sys.stderr)
            return CANNOT_START
        try:
            import distributed  # noqa: F401
        except ImportError:
            print(_("autograder batch: error: --executor dask needs Dask's distributed: "
                    "pip install \"dl-scratch-kit[cluster]\""), file=sys.stderr)
            return CANNOT_START
        from .dask_pool import DaskPool
        pool = DaskPool(args.scheduler, jobs=args.jobs, wall_limit=args.wall_limit)
    try:
        outcome = grade_class(args.submissions, args.out, jobs=args.jobs, seed=args.seed, force=args.force,
                              retry_errors=args.retry_errors, only=only or None, call_timeout=args.timeout,
                              wall_limit=args.wall_limit, progress=not args.quiet, regrade=args.regrade,
                              roster=args.roster, late_policy=late_policy_from(args), pool=pool,
                              course_seed=args.course_seed)
    except (DiscoveryError, BatchSettingsError, SelectionError, RosterError, PolicyError, OSError) as error:
        print(_("autograder batch: error: {error}").format(error=error), file=sys.stderr)
        return CANNOT_START
    if outcome.not_in_roster:
        shown = ", ".join(outcome.not_in_roster[:10]) + (" ..." if len(outcome.not_in_roster) > 10 else "")
        print(_("roster: {count} submission(s) not in the roster (their student columns are empty): {names}").format(
            count=len(outcome.not_in_roster), names=shown), file=sys.stderr)
    print(_("gradebook: {path}").format(path=outcome.gradebook))
    print(_("report:    {path}").format(path=outcome.report))
    if outcome.figure:
        print(_("figure:    {path}").format(path=outcome.figure))
    if outcome.interrupted:
        print(_("interrupted: rerun the same command to grade the rest"), file=sys.stderr)
        return INTERRUPTED
    return 0


def _at_least_one(text):
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: {text!r}").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("must be 1 or more, got {value}").format(value=value))
    return value

