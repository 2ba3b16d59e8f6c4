"""Pairs of submissions ranked by how much of what they wrote they share (copydetect's winnowing).

Each submission's written code (student_code.py, over its modules in course
order) is fingerprinted: tokens with names normalised (so renamed variables
still match), k-grams of NOISE_TOKENS tokens hashed and winnowed. Two
submissions' shares are the parts of each one's tokens covered by common
fingerprints; the order of functions does not matter. Pairs are ranked by
the larger share.
"""
import io
import itertools
from dataclasses import dataclass
from pathlib import Path

from autograder.results import MODULE_ORDER
from autograder.submission_intake import open_submission

from .student_code import written_code

NOISE_TOKENS = 25        # k: shorter runs of shared tokens are ignored (copydetect's default)
GUARANTEE_TOKENS = 25    # runs this long are always found (window = GUARANTEE - NOISE + 1)
MODULE_SEPARATOR = "# ---- {module}.py ----"


@dataclass(frozen=True)
class WrittenCode:
    name: str
    text: str          # the student's lines of every module, each module after a separator line


@dataclass(frozen=True)
class Pair:
    first: str
    second: str
    share_first: float     # part of `first`'s written tokens found in `second` (0-1)
    share_second: float
    shared_tokens: int
    slices: tuple = ()     # copydetect's copied slices of each text (for the HTML view)

    @property
    def score(self):
        return max(self.share_first, self.share_second)


def written_by(submission_path, stubs_folder, name):
    """WrittenCode of the submission at `submission_path` (folder or zip) against the stubs."""
    parts = []
    with open_submission(submission_path) as folder:
        for module in MODULE_ORDER:
            mine, stub = Path(folder) / f"{module}.py", Path(stubs_folder) / f"{module}.py"
            if not mine.is_file() or mine.is_symlink():
                continue
            student_text = mine.read_text(encoding="utf-8", errors="replace")
            stub_text = stub.read_text(encoding="utf-8") if stub.is_file() else ""
            code = written_code(stub_text, student_text)
            if code:
                parts.append(MODULE_SEPARATOR.format(module=module) + "\n" + code)
    return WrittenCode(name, "\n".join(parts))


def ranked_pairs(codes):
    """Every pair of WrittenCode compared; a list of Pair, most similar first."""
    from copydetect import CodeFingerprint, compare_files

    window = GUARANTEE_TOKENS - NOISE_TOKENS + 1
    prints = {code.name: CodeFingerprint(f"{code.name}.py", NOISE_TOKENS, window, fp=io.StringIO(code.text))
              for code in codes if code.text.strip()}
    pairs = []
    for first, second in itertools.combinations(sorted(prints), 2):
        shared, (share_first, share_second), slices = compare_files(prints[first], prints[second])
        pairs.append(Pair(first, second, float(share_first), float(share_second), int(shared), slices))
    return sorted(pairs, key=lambda p: (-p.score, -p.shared_tokens, p.first, p.second))
