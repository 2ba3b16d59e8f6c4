"""Step 7: fallback_results.json, the results.json for when the grader cannot even start.

Gradescope fails a run that leaves no results.json, and the student then sees
only "The autograder failed to execute correctly". `run_autograder` copies this
file, rendered now by the kit's own Gradescope writer (so it is valid), when
Python or the kit cannot run at all; every other failure is reported by
run_submission.py with the real seed and the error.
"""
from autograder.grading import kit_version
from autograder.reports import GradescopeReport
from autograder.results import GradingRun

FALLBACK_FILE = "fallback_results.json"
FALLBACK_MESSAGE = ("The autograder could not start, so your submission was not graded. "
                    "This is not a verdict on your code: please tell your instructor, whose view of "
                    "this submission shows the autograder's log.")


def write_fallback_results(bundle):
    bundle.write_text(FALLBACK_FILE, GradescopeReport().render(empty_run("submission", 0, FALLBACK_MESSAGE)))


def empty_run(label, seed, error):
    """A GradingRun with no test and `error` shown: when not even the list of tests can be had."""
    return GradingRun(submission=label, seed=int(seed), kit_version=kit_version(), tests=[], error=error)
