"""The student release: the repository students clone, built from the kit in small steps.

    autograder release OUT

Each step does one job on the release folder (see `STEPS`):

1. `copy_sources.copy_exercises`: `exercises/` (stubs, visible tests, their
   pytest plugin, experiments), without caches;
2. `copy_sources.copy_datasets`: `datasets/` with its README and checksums;
3. `student_readme.write_readme`: README.md (set-up, tests, progress table,
   missions, experiments, submitting);
4. `student_pyproject.write_pyproject`: pyproject.toml (numpy, pytest,
   matplotlib; the pytest configuration);
5. `classroom_workflow.write_workflow`: `.github/workflows/classroom.yml`,
   one GitHub Classroom test per unit, weighted by the hidden suites' points;
6. `student_files.write_gitignore`: what git should not track;
7. `leak_check.verify_no_leaks`: fails the build if any solution line or
   hidden test name made it into the release.

Nothing of `solutions/` or `autograder/` is copied: the release holds what a
student may see, and the last step proves it.
"""
import importlib

#: Imported on first use (PEP 562), so that `autograder grade` does not load this package's machinery.
_HOMES = {"KIT_ROOT": "release_plan", "Release": "release_plan", "build_release": "release_plan", "STEPS": "release_plan"}


def __getattr__(name):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


__all__ = ["KIT_ROOT", "Release", "build_release", "STEPS"]
