"""`autograder export DIR --format canvas|moodle|csv`: a batch's gradebook in a form an LMS imports."""
import sys
from pathlib import Path

from autograder.translation import N_, _

NAME = "export"
HELP = N_("write a batch's final scores (late penalties applied) as a Canvas, Moodle or plain CSV import file")
CANNOT_EXPORT = 2


def add_arguments(parser):
    parser.add_argument("graded", type=Path, metavar="DIR", help=_("the folder `autograder batch --out DIR` wrote"))
    parser.add_argument("--format", choices=("canvas", "moodle", "csv"), required=True,
                        help=_("canvas (Grades > Import), moodle (Import grades from CSV file), csv (plain)"))
    parser.add_argument("--assignment", default="Autograder", metavar="NAME",
                        help=_("the assignment's column title, as named in the LMS (default: Autograder)"))
    parser.add_argument("--points", type=float, metavar="N",
                        help=_("rescale scores to N points (default: the kit's points)"))
    parser.add_argument("--out", type=Path, metavar="FILE", help=_("file to write (default: DIR/export_FORMAT.csv)"))


def run(args):
    from autograder.reports import write_atomically

    from . import FORMATS
    from .graded_rows import ExportError, read_graded_rows

    try:
        rows = read_graded_rows(args.graded)
    except ExportError as error:
        print(_("autograder export: error: {error}").format(error=error), file=sys.stderr)
        return CANNOT_EXPORT
    text, left_out = FORMATS[args.format](rows, args.assignment, args.points)
    out = args.out or args.graded / f"export_{args.format}.csv"
    write_atomically(out, text)
    print(_("{path}: {count} student(s)").format(path=out, count=len(rows) - len(left_out)))
    if left_out:
        names = ", ".join(row.submission for row in left_out[:10]) + (" ..." if len(left_out) > 10 else "")
        print(_("left out {count} submission(s) the roster does not identify (add them to the roster and rerun "
                "the batch): {names}").format(count=len(left_out), names=names), file=sys.stderr)
    return 0
