"""`autograder similarity SUBMISSIONS --out DIR`: rank pairs of submissions by shared written code."""
import sys
from pathlib import Path

from autograder.translation import N_

NAME = "similarity"
HELP = N_("compare what students wrote (provided code, TODO text and hints removed) pair by pair with "
          "winnowed fingerprints (copydetect); writes pairs.csv, pairs.md and pairs.html")
CANNOT_START = 2
SHOWN_IN_TERMINAL = 5


def add_arguments(parser):
    parser.add_argument("submissions", type=Path, metavar="SUBMISSIONS",
                        help="the class folder, as for `autograder batch` (folders, zips, exports)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder for the report")
    parser.add_argument("--stubs", type=Path, default=None, metavar="DIR",
                        help="the stubs students started from (default: the kit's exercises/)")


def run(args):
    try:
        import copydetect  # noqa: F401
    except ImportError:
        print("autograder similarity: needs copydetect: pip install \"dl-scratch-kit[instructor]\" "
              "(or pip install copydetect)", file=sys.stderr)
        return CANNOT_START
    from autograder.batch.discovery import DiscoveryError, discover
    from autograder.submission_intake import SubmissionError

    from .pairs import ranked_pairs, written_by
    from .report import write_report

    stubs = args.stubs or Path(__file__).resolve().parents[2] / "exercises"
    if not stubs.is_dir():
        print(f"autograder similarity: error: {stubs}: no such folder of stubs", file=sys.stderr)
        return CANNOT_START
    try:
        submissions = [s for s in discover(args.submissions, exclude=[args.out]) if not s.problem]
    except DiscoveryError as error:
        print(f"autograder similarity: error: {error}", file=sys.stderr)
        return CANNOT_START
    codes = []
    for submission in submissions:
        try:
            codes.append(written_by(submission.path, stubs, submission.name))
        except SubmissionError as error:
            print(f"skipped {submission.name}: {error}", file=sys.stderr)
    pairs = ranked_pairs(codes)
    written = write_report(args.out, pairs, codes)
    empty = [code.name for code in codes if not code.text.strip()]
    print(f"{len(codes) - len(empty)} submission(s), {len(pairs)} pair(s) compared on what students wrote"
          + (f" ({len(empty)} with nothing written left out: {', '.join(empty[:10])})" if empty else "") + ".")
    for rank, pair in enumerate(pairs[:SHOWN_IN_TERMINAL], start=1):
        print(f"{rank:>3}. {pair.first} / {pair.second}: {100 * pair.score:.0f} % ({pair.shared_tokens} tokens)")
    print(f"table: {written['md']} (all pairs: {written['csv']}); side by side: {written['html']}")
    return 0
