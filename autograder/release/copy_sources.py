"""Steps 1 and 2: copy what students work with, `exercises/` and `datasets/`, as they are in the kit."""
import shutil

#: Never copied: caches and what running the exercises leaves behind (plots, pytest's cache).
IGNORED = ("__pycache__", "*.pyc", ".pytest_cache", "*.png", "*.egg-info", ".ipynb_checkpoints")


def copy_exercises(release):
    """exercises/: the stubs, the visible tests and their plugin, the experiments."""
    _copy_folder(release, "exercises")


def copy_datasets(release):
    """datasets/: the data files, their README (provenance, licence), SHA256SUMS and .gitattributes."""
    _copy_folder(release, "datasets")


def _copy_folder(release, name):
    source = release.kit_root / name
    if not source.is_dir():
        raise FileNotFoundError(f"the kit has no {name}/ folder at {source}")
    shutil.copytree(source, release.out / name, ignore=shutil.ignore_patterns(*IGNORED))
    release.written.append(name + "/")
