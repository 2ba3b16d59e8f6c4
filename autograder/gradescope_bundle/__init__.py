"""The Gradescope autograder bundle: a zip to upload as a Gradescope "Autograder", built in small steps.

    autograder gradescope OUT.zip [--seed N]

Each step does one job on the bundle's tree, which becomes the zip's root and,
on Gradescope, `/autograder/source` (see `STEPS`):

1. `copy_kit.copy_grader`: `autograder/` (grading engine, sandbox, checks,
   hidden suites, report formats), without caches;
2. `copy_kit.copy_reference`: `solutions/` (the reference the checks compare
   with, and the provided helper modules a submission may lack);
3. `copy_kit.copy_datasets`: `datasets/` (the missions' data);
4. `copy_kit.copy_pyproject`: `pyproject.toml` (the kit's version);
5. `requirements.write_requirements`: `requirements.txt`, what the grader imports;
6. `settings.write_settings`: `bundle.json`, the seed policy and the versions built with;
7. `fallback.write_fallback_results`: `fallback_results.json`, the valid
   results.json that `run_autograder` copies when Python itself cannot run;
8. `scripts.write_setup_script` / `scripts.write_run_script`: `setup.sh` and
   `run_autograder`, Gradescope's two entry points;
9. `archive.write_zip`: the zip, executable bits kept;
10. `archive.check_zip`: fails the build if an entry point is missing or not
    valid bash, or if the student stubs slipped in.

Not in the bundle: `exercises/` (the grader never imports the stubs), tests, docs.
At run time `run_submission.py` grades `/autograder/submission` into
`/autograder/results/results.json`; `self_check.py` is what setup.sh runs last.
"""
import importlib

#: Imported on first use (PEP 562), so that `autograder grade` does not load this package's machinery.
_HOMES = {"KIT_ROOT": "bundle_plan", "STEPS": "bundle_plan", "Bundle": "bundle_plan", "build_bundle": "bundle_plan"}


def __getattr__(name):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


__all__ = ["KIT_ROOT", "STEPS", "Bundle", "build_bundle"]
