"""`autograder classroom50 OUT`: the folder to drop into a Classroom 50 classroom as an assignment's autograder."""
import sys
from pathlib import Path

from autograder.translation import N_, _

NAME = "classroom50"
HELP = N_("write a Classroom 50 autograder folder (autograder.py, the hidden suites, the reference) to copy to "
          "CLASSROOM/autograders/ASSIGNMENT/ in your classroom50 repository")


def add_arguments(parser):
    parser.add_argument("out", type=Path, metavar="OUT", help=_("folder to write (absent or empty)"))
    parser.add_argument("--seed", type=int, metavar="N", default=None,
                        help=_("grade every submission with this seed (default: one per commit, so a regrade "
                             "reproduces it)"))
    parser.add_argument("--force", action="store_true", help=_("replace an earlier autograder folder at OUT"))


def run(args):
    from .folder import write_folder

    try:
        out = write_folder(args.out, seed=args.seed, force=args.force)
    except (FileExistsError, FileNotFoundError, ValueError) as error:
        print(_("autograder classroom50: {error}").format(error=error), file=sys.stderr)
        return 1
    print(_("Classroom 50 autograder written to {path}: copy it to CLASSROOM/autograders/ASSIGNMENT/ in your "
            "classroom50 repository (it writes result.json and release-body.md for each submission).").format(
                path=out))
    return 0
