"""From what a student handed in to the directory the grader grades.

A submission arrives as a directory or a .zip of one, sometimes with the
modules one folder down (Gradescope and GitHub Classroom exports, "Compress
folder" on a desktop). `open_submission(path)` yields the directory holding
the contract modules:

- a .zip is extracted into a temporary directory, refusing absolute paths,
  `..` components, links, and archives too large or too many files;
- the folder holding the modules is the given one or, if it holds none, its
  only sub-folder that does (`__MACOSX` and hidden folders ignored);
- provided helper modules the kit ships (data.py, training_log.py, ...) that
  the student did not hand in are added from the kit, so that a submission of
  only the edited files still imports. The student's own copies always win.

Anything that cannot be graded raises `SubmissionError` with a one-line reason.
"""
import contextlib
import os
import shutil
import stat
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

from autograder.results import MODULE_ORDER as CONTRACT_MODULES

PROVIDED_MODULES = ("__init__", "data", "training_log", "mnist")
MAX_ZIP_FILES = 2000
MAX_ZIP_BYTES = 200 * 2**20      # uncompressed
IGNORED_FOLDERS = ("__MACOSX", "__pycache__")


class SubmissionError(ValueError):
    """The path cannot be graded: missing, unreadable, unsafe, or holding no contract module."""


@contextlib.contextmanager
def open_submission(path):
    """Yield the directory (a Path) to grade for `path`; temporary files are removed afterwards."""
    source = Path(path)
    if not source.exists():
        raise SubmissionError(f"{path}: no such file or directory")
    with tempfile.TemporaryDirectory(prefix="kit-submission-") as scratch:
        scratch = Path(scratch)
        if source.is_dir():
            found = find_module_folder(source)
        elif source.suffix.lower() == ".zip" or zipfile.is_zipfile(source):
            extracted = scratch / "extracted"
            extract_zip(source, extracted)
            found = find_module_folder(extracted, shown_as=str(path))
        elif source.suffix.lower() == ".ipynb":
            raise SubmissionError(f"{path}: grading a notebook is not supported yet; hand in the .py modules")
        else:
            raise SubmissionError(f"{path}: not a submission (expected a directory or a .zip of one)")
        yield with_provided_modules(found, scratch / "graded")


def find_module_folder(directory, shown_as=None):
    """`directory` if it holds a contract module, else its only sub-folder that does."""
    directory = Path(directory)
    if _holds_modules(directory):
        return directory
    candidates = [child for child in sorted(directory.iterdir())
                  if child.is_dir() and not child.is_symlink() and not child.name.startswith(".")
                  and child.name not in IGNORED_FOLDERS and _holds_modules(child)]
    shown = shown_as or str(directory)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        names = ", ".join(child.name for child in candidates)
        raise SubmissionError(f"{shown}: several folders hold submission modules ({names}); hand in one")
    raise SubmissionError(f"{shown}: not a submission: no {', '.join(m + '.py' for m in CONTRACT_MODULES[:3])}, "
                          "... in it or in a folder inside it")


def _holds_modules(directory):
    return any((directory / f"{name}.py").is_file() for name in CONTRACT_MODULES)


def extract_zip(archive, destination):
    """Extract `archive` into `destination` safely (see the module docstring)."""
    destination = Path(destination)
    destination.mkdir(parents=True)
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            if len(members) > MAX_ZIP_FILES:
                raise SubmissionError(f"{archive}: the archive holds {len(members)} files, "
                                      f"more than {MAX_ZIP_FILES}")
            if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
                raise SubmissionError(f"{archive}: the archive unpacks to more than {MAX_ZIP_BYTES // 2**20} MB")
            for member in members:
                target = _safe_target(destination, member, archive)
                if member.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zipped.open(member) as source, open(target, "wb") as copy:
                    shutil.copyfileobj(source, copy)
    except zipfile.BadZipFile as err:
        raise SubmissionError(f"{archive}: not a readable zip archive ({err})") from None


def _safe_target(destination, member, archive):
    name = member.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (parts and parts[0].endswith(":")) or ".." in parts:
        raise SubmissionError(f"{archive}: refusing the unsafe path {member.filename!r} in the archive")
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise SubmissionError(f"{archive}: refusing the link {member.filename!r} in the archive")
    target = (destination / Path(*parts)).resolve() if parts else destination
    if destination.resolve() not in (target, *target.parents):
        raise SubmissionError(f"{archive}: refusing the unsafe path {member.filename!r} in the archive")
    return target


def with_provided_modules(folder, graded):
    """`folder`, or a copy of it in `graded` completed with the kit's provided modules it lacks."""
    kit = provided_modules_folder()
    missing = [name for name in PROVIDED_MODULES
               if not (folder / f"{name}.py").exists() and kit is not None and (kit / f"{name}.py").is_file()]
    if not missing:
        return folder
    shutil.copytree(folder, graded, symlinks=True, ignore=shutil.ignore_patterns(*IGNORED_FOLDERS))
    for name in missing:
        shutil.copyfile(kit / f"{name}.py", graded / f"{name}.py")
    return graded


def copy_modules(source, destination):
    """The top-level .py modules of `source` (no conftest.py) copied into `destination`, created.

    How tests, benchmarks and class builders make a submission from `solutions/` or `exercises/`.
    """
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for path in Path(source).glob("*.py"):
        if path.name != "conftest.py":
            shutil.copyfile(path, destination / path.name)
    return destination


def provided_modules_folder():
    """The kit's copy of the provided helper modules (the reference package), or None."""
    try:
        import solutions
    except ImportError:
        return None
    return Path(os.path.dirname(os.path.abspath(solutions.__file__)))
