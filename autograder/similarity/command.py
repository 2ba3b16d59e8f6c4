"""`autograder similarity SUBMISSIONS --out DIR`: rank pairs of submissions by shared written code."""
import sys
from pathlib import Path

from autograder.translation import N_, _

NAME = "similarity"
HELP = N_("compare what students wrote (provided code, TODO text and hints removed) pair by pair with "
          "winnowed fingerprints (copydetect); writes pairs.csv, pairs.md and pairs.html")
CANNOT_START = 2
SHOWN_IN_TERMINAL = 5


def add_arguments(parser):
    parser.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                        help=_("the class folder, as for `autograder batch` (folders, zips, exports)"))
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help=_("folder for the report"))
    parser.add_argument("--stubs", type=Path, default=None, metavar="DIR",
                        help=_("the stubs students started from (default: the kit's exercises/)"))


def run(args):
    try:
        import copydetect  # noqa: F401
    except ImportError:
        print(_("autograder similarity: needs copydetect: pip install \"dl-scratch-kit[instructor]\" "
                "(or pip install copydetect)"), file=sys.stderr)
        return CANNOT_START
    from autograder.batch.discovery import DiscoveryError, discover
    from autograder.submission_intake import SubmissionError

    from .pairs import ranked_pairs, written_by
    from .report import write_report

    stubs = args.stubs or Path(__file__).resolve().parents[2] / "exercises"
    if not stubs.is_dir():
        print(_("autograder similarity: error: {path}: no such folder of stubs").format(path=stubs), file=sys.stderr)
        return CANNOT_START
    try:
        submissions = [s for s in discover(args.submissions, exclude=[args.out]) if not s.problem]
    except DiscoveryError as error:
        print(_("autograder similarity: error: {error}").format(error=error), file=sys.stderr)
        return CANNOT_START
    codes = []
    for submission in submissions:
        try:
            codes.append(written_by(submission.path, stubs, submission.name))
        except SubmissionError as error:
            print(_("skipped {name}: {error}").format(name=submission.name, error=error), file=sys.stderr)
    pairs = ranked_pairs(codes)
    written = write_report(args.out, pairs, codes)
    empty = [code.name for code in codes if not code.text.strip()]
    print(_("{submissions} submission(s), {pairs} pair(s) compared on what students wrote.").format(
        submissions=len(codes) - len(empty), pairs=len(pairs)))
    if empty:
        print(_("{count} with nothing written left out: {names}").format(count=len(empty), names=", ".join(empty[:10])))
    for rank, pair in enumerate(pairs[:SHOWN_IN_TERMINAL], start=1):
        print(_("{rank:>3}. {first} / {second}: {percent:.0f} % ({tokens} tokens)").format(
            rank=rank, first=pair.first, second=pair.second, percent=100 * pair.score, tokens=pair.shared_tokens))
    print(_("table: {table} (all pairs: {csv}); side by side: {html}").format(
        table=written["md"], csv=written["csv"], html=written["html"]))
    return 0
