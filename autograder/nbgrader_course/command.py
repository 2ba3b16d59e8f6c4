"""`autograder nbgrader OUT`: write the nbgrader course directory (see autograder/nbgrader_course/__init__.py)."""
import sys
from pathlib import Path

from autograder.translation import N_, _

NAME = "nbgrader"
HELP = N_("write an nbgrader course directory: nbgrader_config.py and one notebook per exercise module, "
          "with solutions and hidden test cells that call the kit's checks")


def add_arguments(parser):
    parser.add_argument("out", type=Path, metavar="OUT", help=_("folder to create (absent or empty)"))
    parser.add_argument("--course-id", default=None, help=_("nbgrader course id (default: dl-scratch)"))
    parser.add_argument("--seed", type=int, default=0,
                        help=_("seed of the hidden checks' inputs, written into the notebooks (default: 0)"))
    parser.add_argument("--course-seed", type=int, default=0,
                        help=_("the missions' splits and training seeds, the same for every student, written "
                             "into the mission cells (default: 0)"))
    parser.add_argument("--cell-timeout", type=int, default=None, metavar="S",
                        help=_("seconds one notebook cell may run when graded (default: 300)"))
    parser.add_argument("--force", action="store_true", help=_("replace OUT if it holds an earlier course"))
    late = parser.add_argument_group(_("late work (nbgrader keeps each assignment's due date: "
                                     "nbgrader db assignment add NAME --duedate ...)"))
    late.add_argument("--late-per-day", type=float, default=None, metavar="PERCENT",
                      help=_("percent of a notebook's score taken off per day late (default: no penalty)"))
    late.add_argument("--late-cap", type=float, default=100.0, metavar="PERCENT",
                      help=_("at most this percent taken off (default 100)"))
    late.add_argument("--grace", default="0", metavar="DURATION", help=_("grace period after the due date: 15m, 2h"))


def run(args):
    try:
        from .course import build_course
    except ImportError as error:  # nbformat comes with the instructor extra
        print(_("autograder nbgrader: {error}; install the kit with its instructor extra: "
                "pip install -e '.[instructor]'").format(error=error), file=sys.stderr)
        return 1
    from autograder.late_work import LatePolicy, parse_duration

    try:
        late_policy = None
        if args.late_per_day is not None:
            late_policy = LatePolicy(grace=parse_duration(args.grace), per_day_percent=args.late_per_day,
                                     cap_percent=args.late_cap)
        options = {"course_id": args.course_id, "cell_timeout": args.cell_timeout}
        course = build_course(args.out, seed=args.seed, force=args.force, late_policy=late_policy,
                              language=getattr(args, "lang", None), course_seed=args.course_seed,
                              **{name: value for name, value in options.items() if value is not None})
    except (FileExistsError, ValueError) as error:
        print(_("autograder nbgrader: {error}").format(error=error), file=sys.stderr)
        return 1
    names = ", ".join(a.name for a in course.assignments)
    print(_("nbgrader course written to {path}: {count} assignments ({names}), {cells} graded cells.\n"
            "Next: cd {path} && nbgrader generate_assignment '*'").format(
                path=course.out, count=len(course.assignments), names=names, cells=len(course.graded_tests)))
    return 0
