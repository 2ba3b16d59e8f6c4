"""Steps 1-4: copy the parts of the kit the grader runs on, as they are in the kit."""
import shutil

#: Never copied: caches and what running anything leaves behind.
IGNORED = ("__pycache__", "*.pyc", ".pytest_cache", "*.egg-info", ".ipynb_checkpoints", "*.png")


def copy_grader(bundle):
    """autograder/: the grading engine with the sandbox, the checks and the hidden suites; with it the
    students' compiled catalogue (the TODO texts quoted in the feedback, translated), since exercises/
    stays out of the bundle."""
    _copy_folder(bundle, "autograder")
    for compiled in sorted((bundle.kit_root / "exercises" / "locale").glob("*/LC_MESSAGES/exercises.mo")):
        relative = compiled.relative_to(bundle.kit_root / "exercises")
        shutil.copyfile(compiled, bundle.tree / "autograder" / relative)


def copy_reference(bundle):
    """solutions/: the reference the checks compare with, and the provided helper modules."""
    _copy_folder(bundle, "solutions")


def copy_datasets(bundle):
    """datasets/: Iris and digits for the missions, with their README and checksums."""
    _copy_folder(bundle, "datasets")


def copy_pyproject(bundle):
    """pyproject.toml: where the grader reads the kit's version when it is not pip-installed."""
    shutil.copyfile(bundle.kit_root / "pyproject.toml", bundle.path("pyproject.toml"))
    bundle.written.append("pyproject.toml")


def _copy_folder(bundle, name):
    source = bundle.kit_root / name
    if not source.is_dir():
        raise FileNotFoundError(f"the kit has no {name}/ folder at {source}")
    shutil.copytree(source, bundle.tree / name, ignore=shutil.ignore_patterns(*IGNORED))
    bundle.written.append(name + "/")
