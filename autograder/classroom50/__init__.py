"""Classroom 50 (foundation50/classroom50): the kit as an assignment's autograder.

    autograder classroom50 OUT           # then copy OUT/ to CLASSROOM/autograders/ASSIGNMENT/

Classroom 50 runs `CLASSROOM/autograders/ASSIGNMENT/autograder.py` once per
submission, on GitHub Actions, with the student's checkout as the working
directory and the identity of the submission in environment variables; the
files beside autograder.py come with it, so the hidden suites stay in the
teacher's `classroom50` repository. The autograder writes `./result.json`
(the `classroom50/result/v1` contract) and `./release-body.md` (the feedback
shown on the submission's Release), and exits 0 when it ran.

- `result_v1.py`: result.json from a GradingRun, and its validator;
- `run_checkout.py`: what the generated autograder.py runs;
- `folder.py`: writes OUT (autograder.py, the kit, settings);
- `command.py`: the `autograder classroom50` subcommand.
"""
import importlib

#: Imported on first use (PEP 562), so that `autograder grade` does not load this package's machinery.
_HOMES = {"SCHEMA": "result_v1", "IdentityError": "result_v1", "result_v1": "result_v1", "validate_result_v1": "result_v1"}


def __getattr__(name):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


__all__ = ["SCHEMA", "IdentityError", "result_v1", "validate_result_v1"]
