"""Step 8: Gradescope's two entry points, `setup.sh` and `run_autograder`.

Gradescope (see RESULTS.md, "Gradescope run-time layout") unzips the bundle
into /autograder/source, runs setup.sh there once, as root, when the
autograder image is built, then runs /autograder/run_autograder, as root,
once per submission.

- setup.sh installs the grader's requirements with pip (no apt-get unless the
  image has no pip at all) and checks the kit by grading the reference.
  The kit is not pip-installed: it runs in place from /autograder/source, so
  one chmod keeps all of it (reference, hidden suites) from student code.
- run_autograder grades /autograder/submission (run_submission.py) and, if
  Python or the kit cannot run, copies fallback_results.json: Gradescope
  always finds a valid results.json.

Switches for tests and local dry runs: AUTOGRADER_ROOT (default /autograder),
KIT_PYTHON (default python3), KIT_SKIP_SETUP=1 (setup.sh installs nothing).
"""
import re

from autograder.release.student_pyproject import read_kit_pyproject

from .fallback import FALLBACK_FILE

SETUP_SH = r"""#!/usr/bin/env bash
# Gradescope runs this once, as root, in /autograder/source, when it builds the autograder.
# It installs what the grader imports with pip, then grades the reference as a check.
# Dry run elsewhere: KIT_PYTHON=python3.11 KIT_SKIP_SETUP=1 bash setup.sh
set -euo pipefail
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${KIT_PYTHON:-python3}"

"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (@MIN_PYTHON_TUPLE@) else
    "the kit needs Python >= @MIN_PYTHON@; this image has " + sys.version.split()[0])'

if [ "${KIT_SKIP_SETUP:-0}" != 1 ]; then
    if ! "$PYTHON" -m pip --version >/dev/null 2>&1; then
        # Gradescope's Ubuntu images ship pip; this is for images that do not.
        "$PYTHON" -m ensurepip --upgrade || { apt-get update && apt-get install -y python3-pip; }
    fi
    # Ubuntu 24.04's Python refuses system-wide pip installs unless told (PEP 668).
    PIP_BREAK_SYSTEM_PACKAGES=1 "$PYTHON" -m pip install --no-cache-dir --disable-pip-version-check \
        -r "$SOURCE/requirements.txt"
fi

# Grade the reference with this image's Python and sandbox: a broken build fails here, at upload,
# and the log shows which protections the sandbox can put in place on Gradescope's machines.
cd "$SOURCE"
PYTHONPATH="$SOURCE" "$PYTHON" -m autograder.gradescope_bundle.self_check
"""

RUN_AUTOGRADER = r"""#!/usr/bin/env bash
# Gradescope runs this as root once per submission. It must always leave a valid
# results.json: without one Gradescope fails the run and the student sees no feedback.
set -u
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
RESULTS="$ROOT/results/results.json"
PYTHON="${KIT_PYTHON:-python3}"
mkdir -p "$ROOT/results"
rm -f "$RESULTS"

if [ "$(id -u)" = 0 ]; then
    # Student code runs as user nobody (the sandbox drops to it). Where the sandbox can build a
    # private mount namespace the kit is not even visible; where it cannot, these modes keep the
    # reference, the hidden suites and the students' names unreadable all the same.
    chmod -R go-rwx "$SOURCE"
    [ -e "$ROOT/submission_metadata.json" ] && chmod go-rwx "$ROOT/submission_metadata.json"
fi

cd "$SOURCE" && PYTHONPATH="$SOURCE" "$PYTHON" -m autograder.gradescope_bundle.run_submission --root "$ROOT"
status=$?

if ! "$PYTHON" -c 'import json, sys; json.load(open(sys.argv[1]))' "$RESULTS" 2>/dev/null; then
    echo "run_autograder: the grader exited with $status and left no valid results.json; writing @FALLBACK@"
    cp "$SOURCE/@FALLBACK@" "$RESULTS"
fi
exit 0
"""


def write_setup_script(bundle):
    project = read_kit_pyproject(bundle.kit_root / "pyproject.toml")["project"]
    bundle.write_text("setup.sh", setup_script(project["requires-python"]), executable=True)


def write_run_script(bundle):
    bundle.write_text("run_autograder", RUN_AUTOGRADER.replace("@FALLBACK@", FALLBACK_FILE), executable=True)


def setup_script(requires_python):
    """setup.sh for the kit's `requires-python` (">=3.10")."""
    match = re.fullmatch(r"\s*>=\s*(\d+)\.(\d+)\s*", requires_python)
    if not match:
        raise ValueError(f"requires-python {requires_python!r}: expected a lower bound like '>=3.10'")
    major, minor = match.groups()
    return (SETUP_SH.replace("@MIN_PYTHON_TUPLE@", f"{major}, {minor}")
            .replace("@MIN_PYTHON@", f"{major}.{minor}"))
