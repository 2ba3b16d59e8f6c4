"""`autograder grade PATH`: grade one submission and print or write the report.

Exit code 0 whenever grading worked, whatever the score; 2 with a one-line
message when it could not (PATH missing or not a submission, bad arguments).
A submission the intake refuses still gets the report asked for (--out or a
--format other than text): every test at 0, with the reason.
"""
import os
import sys
from pathlib import Path

from autograder.translation import N_, _

NAME = "grade"
HELP = N_("grade a submission (a directory or a .zip of one) with the hidden tests")
FORMATS = ("text", "json", "junit", "classroom", "classroom50", "markdown", "html")
CANNOT_GRADE = 2


def add_arguments(parser):
    from .settings import DEFAULT_BUDGET, DEFAULT_CALL_TIMEOUT, DEFAULT_COURSE_SEED, DEFAULT_MEMORY_MB

    parser.add_argument("path", metavar="PATH", help=_("submission directory, or a .zip of one"))
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help=_("text (default); json (Gradescope results.json); junit; classroom; classroom50; markdown; html"))
    parser.add_argument("--out", metavar="FILE", help=_("write the report to FILE (atomically) instead of stdout"))
    parser.add_argument("--seed", type=int, metavar="N",
                        help=_("grading seed (default: random, recorded in the report)"))
    parser.add_argument("--course-seed", type=int, default=DEFAULT_COURSE_SEED, metavar="N",
                        help=_("course seed: the missions' splits and training seeds, the same for every "
                               "student (default {seed})").format(seed=DEFAULT_COURSE_SEED))
    parser.add_argument("--only", action="append", metavar="UNIT",
                        help=_("grade only this unit (layers.BatchNormalization) or module (layers); repeatable"))
    parser.add_argument("--timeout", type=_positive, default=DEFAULT_CALL_TIMEOUT, metavar="S",
                        help=_("seconds per call into the submission (default {seconds:g})").format(
                            seconds=DEFAULT_CALL_TIMEOUT))
    parser.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                        help=_("memory of the process running the submission (default {megabytes})").format(
                            megabytes=DEFAULT_MEMORY_MB))
    parser.add_argument("--budget", type=_positive, default=DEFAULT_BUDGET, metavar="S",
                        help=_("seconds for the whole run; checks left when it runs out score 0, not run "
                               "(default {seconds:g})").format(seconds=DEFAULT_BUDGET))
    parser.add_argument("--lanes", type=int, choices=(1, 2), default=None, metavar="N",
                        help=_("2: the missions train on a second core while the units are graded (default "
                               "where two cores are free); 1: one check at a time"))


def run(args):
    from . import SelectionError, SubmissionError, grade_submission

    only = [unit.strip() for value in (args.only or []) for unit in value.split(",") if unit.strip()]
    hide = []
    if args.out:
        out_dir = Path(args.out).resolve().parent
        if not out_dir.is_dir():
            return _cannot_grade(_("--out {path}: the folder {folder} does not exist").format(
                path=args.out, folder=out_dir))
        hide.append(str(out_dir))
    if args.format == "classroom50":
        from autograder.classroom50 import IdentityError
        from autograder.classroom50.result_v1 import identity_from_environment
        try:
            identity_from_environment()
        except IdentityError as err:
            return _cannot_grade(str(err))
    try:
        run_record = grade_submission(args.path, seed=args.seed, only=only or None, call_timeout=args.timeout,
                                      memory_mb=args.memory, hide=hide, budget=args.budget,
                                      course_seed=args.course_seed, lanes=args.lanes)
    except SelectionError as err:
        return _cannot_grade(str(err))
    except SubmissionError as err:
        if args.out or args.format != "text":     # a report was asked for: every test at 0, and why
            from . import ungraded_run

            _write_report(args, ungraded_run(args.path, str(err), seed=args.seed or 0, only=only or None))
        return _cannot_grade(str(err))
    _write_report(args, run_record)
    if getattr(run_record, "budget_note", None):
        print(_("autograder grade: {note}.").format(note=run_record.budget_note), file=sys.stderr)
    if run_record.error:
        print(_("autograder grade: the grader hit a problem; see the report's grading error."), file=sys.stderr)
    return 0


def _write_report(args, run_record):
    from autograder.reports import REPORTS

    report = REPORTS[args.format]() if args.format != "text" else REPORTS["text"](
        color=args.out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    if args.format == "classroom50":                 # the submission instant: the commit's time
        from autograder.late_work.submission_time import git_commit_time
        report.submitted_at = git_commit_time(Path(args.path))
    if args.out:
        report.write(run_record, args.out)
    else:
        sys.stdout.write(report.render(run_record))
        sys.stdout.flush()


def _positive(text):
    import argparse

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a number: {text!r}").format(text=text)) from None
    if not value > 0:
        raise argparse.ArgumentTypeError(_("must be more than 0, got {text}").format(text=text))
    return value


def _cannot_grade(message):
    print(_("autograder grade: error: {message}").format(message=message), file=sys.stderr)
    return CANNOT_GRADE
