"""`autograder release OUT`: build the student repository (see autograder/release/__init__.py)."""
import sys
from pathlib import Path

from autograder.translation import N_, _

NAME = "release"
HELP = N_("build the student repository: stubs, visible tests, datasets, README, pyproject.toml and "
          "the GitHub Classroom workflow; fails if any solution code or hidden test would ship")


def add_arguments(parser):
    parser.add_argument("out", type=Path, metavar="OUT", help=_("folder to create (absent or empty)"))
    parser.add_argument("--force", action="store_true", help=_("replace OUT if it holds an earlier release"))
    parser.add_argument(
        "--hidden-grader", metavar="REQUIREMENT", default=None,
        help=_("grade in GitHub Classroom with the hidden tests instead of the visible ones: the pip "
             "requirement of the kit in a private repository, e.g. "
             "'dl-scratch-kit @ git+https://x-access-token:${{ secrets.KIT_TOKEN }}@github.com/ORG/KIT.git' "
             "(see docs/INSTRUCTORS.md in the kit, 'A GitHub repository per student (GitHub Classroom)')"))
    parser.add_argument("--course-seed", type=int, metavar="N", default=0,
                        help=_("with --hidden-grader: the missions' splits and training seeds, the same for "
                             "every student (default 0; written into the workflow)"))


def run(args):
    from .leak_check import ReleaseLeak
    from .release_plan import build_release

    try:
        release = build_release(args.out, force=args.force, hidden_grader=args.hidden_grader,
                                language=getattr(args, "lang", None), course_seed=args.course_seed)
    except (FileExistsError, ReleaseLeak, ValueError, RuntimeError) as error:
        print(_("autograder release: {error}").format(error=error), file=sys.stderr)
        return 1
    units = release.unit_points
    grader = _("the hidden tests") if args.hidden_grader else _("the visible tests, one step per unit")
    print(_("Student release written to {path}: {units} graded units, {points:g} points; "
            ".github/workflows/classroom.yml grades with {grader}. No solution code, no hidden test in it.").format(
                path=release.out, units=len(units), points=sum(units.values()), grader=grader))
    return 0
