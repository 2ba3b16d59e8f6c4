"""Steps 1 and 2: copy what students work with, `exercises/` and `datasets/`, as they are in the kit.

The one change: each stub's first line, which in the kit says which file of
`solutions/` it is generated from, says in the release only what the student
may edit (the release has no `solutions/`).
"""
import re
import shutil

#: Never copied: caches and what running the exercises leaves behind (plots, pytest's cache), and the
#: translators' .po catalogues (students need only the compiled .mo beside them).
IGNORED = ("__pycache__", "*.pyc", ".pytest_cache", "*.png", "*.egg-info", ".ipynb_checkpoints", "*.po")


# make_exercises writes "# Generated from solutions/<file> by `python -m ...`: <what to do>."
_GENERATED_HEADER = re.compile(r"^# Generated from solutions/\S+ by `[^`]*`: (?P<what>.+)$")


def copy_exercises(release):
    """exercises/: the stubs, the visible tests and their plugin, the experiments."""
    _copy_folder(release, "exercises")
    for path in sorted((release.out / "exercises").rglob("*.py")):
        student_header(path)


def student_header(path):
    """Replace the kit's "Generated from solutions/..." first line of `path` by what the student may do."""
    text = path.read_text(encoding="utf-8")
    first, _, rest = text.partition("\n")
    match = _GENERATED_HEADER.match(first)
    if match:
        what = match.group("what")
        path.write_text(f"# {what[:1].upper()}{what[1:]}\n{rest}", encoding="utf-8")


def copy_datasets(release):
    """datasets/: the data files, their README (provenance, licence), SHA256SUMS and .gitattributes."""
    _copy_folder(release, "datasets")


def _copy_folder(release, name):
    source = release.kit_root / name
    if not source.is_dir():
        raise FileNotFoundError(f"the kit has no {name}/ folder at {source}")
    shutil.copytree(source, release.out / name, ignore=shutil.ignore_patterns(*IGNORED))
    release.written.append(name + "/")
