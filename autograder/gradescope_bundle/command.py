"""`autograder gradescope OUT.zip`: build the Gradescope autograder bundle (see __init__.py)."""
import sys
from pathlib import Path

from autograder.translation import N_, _

NAME = "gradescope"
HELP = N_("build the Gradescope autograder bundle (setup.sh, run_autograder, the grader, reference, "
          "hidden suites and datasets) to upload as a programming assignment's autograder")


def add_arguments(parser):
    parser.add_argument("out", type=Path, metavar="OUT.zip", help=_("the zip to write"))
    parser.add_argument("--seed", type=int, metavar="N", default=None,
                        help=_("grade every submission with this seed (default: each submission's "
                             "Gradescope id, so a regrade reproduces it)"))
    parser.add_argument("--course-seed", type=int, metavar="N", default=0,
                        help=_("course seed: the missions' splits and training seeds, the same for every "
                             "submission (default 0; stored in the bundle)"))
    parser.add_argument("--force", action="store_true", help=_("replace OUT.zip if it exists"))
    parser.add_argument("--visibility", choices=("visible", "after_due_date", "after_published", "hidden"),
                        default="visible", help=_("when students see the results and every test's feedback "
                                                "(Gradescope's visibility; default visible)"))
    from autograder.late_work.options import add_late_arguments
    add_late_arguments(parser, kept=N_("the submission time is Gradescope's; the penalty shows in the score"))


def run(args):
    from autograder.late_work.options import late_policy_from

    from .archive import BundleError
    from .bundle_plan import build_bundle

    try:
        bundle = build_bundle(args.out, seed=args.seed, force=args.force, visibility=args.visibility,
                              late_policy=late_policy_from(args), language=getattr(args, "lang", None),
                              course_seed=args.course_seed)
    except (FileExistsError, FileNotFoundError, ValueError, BundleError) as error:
        print(_("autograder gradescope: {error}").format(error=error), file=sys.stderr)
        return 1
    seed = (_("seed {seed} for every submission").format(seed=bundle.seed) if bundle.seed is not None else
            _("each submission's seed from its Gradescope id"))
    seed += _("; course seed {seed} for the missions").format(seed=bundle.course_seed)
    size = bundle.out.stat().st_size / 2**20
    late = f"; {bundle.late_policy.describe()}" if bundle.late_policy else ""
    print(_("Gradescope bundle written to {path} ({megabytes:.1f} MB; {seed}; results {visibility}{late}). Upload "
            "it as the assignment's autograder (Configure Autograder > Zip file upload).").format(
                path=bundle.out, megabytes=size, seed=seed, visibility=args.visibility, late=late))
    return 0
