"""From what a student handed in to the directory the grader grades.

A submission arrives as a directory or a .zip of one, sometimes with the
modules one folder down (Gradescope and GitHub Classroom exports, "Compress
folder" on a desktop). `open_submission(path)` yields the directory holding
the contract modules:

- a .zip is extracted into a temporary directory, refusing absolute paths,
  `..` components, links, encrypted or unknown compression, names or paths
  too long or too deep, a file and a folder of one name, corrupt data, and
  archives too large or holding too many files;
- the folder holding the modules is the given one or, if it holds none, its
  only sub-folder that does (`__MACOSX` and hidden folders ignored);
- a notebook, or a folder (or .zip) of notebooks and no modules, becomes a
  folder of the modules its code cells define (`autograder.notebook_intake`);
- that folder is copied once (regular files only, links never followed, no
  `__pycache__` or `.git`, at most MAX_FILES files and MAX_BYTES bytes) into
  the temporary directory: the workers start from this copy;
- provided helper modules the kit ships (data.py, training_log.py, ...) that
  the student did not hand in are added from the kit, so that a submission of
  only the edited files still imports. The student's own copies always win.

The temporary directory goes when grading ends, and with the workers'
supervisors if the grader is killed. Anything that cannot be graded raises
`SubmissionError` with a one-line reason.
"""
import contextlib
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from autograder.notebook_intake import NOTEBOOK_SUFFIX, NotebookError, notebook_modules, notebooks_in
from autograder.results import MODULE_ORDER as CONTRACT_MODULES
from autograder.translation import _

PROVIDED_MODULES = ("__init__", "data", "training_log", "mnist", "translation", "figure_font")
MAX_FILES = int(os.environ.get("KIT_MAX_SUBMISSION_FILES", 2000))      # in a zip or a folder
MAX_BYTES = int(os.environ.get("KIT_MAX_SUBMISSION_MB", 50)) * 2**20   # uncompressed
MAX_NAME = 255                   # characters of one file or folder name
MAX_PATH = 1024                  # characters of a path inside the submission
MAX_DEPTH = 32                   # folders deep
IGNORED_FOLDERS = ("__MACOSX", "__pycache__")
SKIPPED_WHEN_COPYING = {"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints"}
ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


class SubmissionError(ValueError):
    """The path cannot be graded: missing, unreadable, unsafe, or holding no contract module."""


@contextlib.contextmanager
def open_submission(path):
    """Yield the directory (a Path) to grade for `path`; temporary files are removed afterwards."""
    from autograder.sandbox.isolation import removed_with_grader   # NumPy comes with it: not at import

    source = Path(path)
    if not source.exists():
        raise SubmissionError(_("{path}: no such file or directory").format(path=path))
    with tempfile.TemporaryDirectory(prefix="kit-submission-") as scratch, removed_with_grader(scratch):
        scratch = Path(scratch)
        if source.is_dir():
            found = find_module_folder(source, notebooks_into=scratch / "from-notebooks")
        elif source.suffix.lower() == ".zip" or zipfile.is_zipfile(source):
            extracted = scratch / "extracted"
            extract_zip(source, extracted)
            found = find_module_folder(extracted, shown_as=str(path), notebooks_into=scratch / "from-notebooks")
        elif source.suffix.lower() == NOTEBOOK_SUFFIX:
            found = modules_from_notebooks(source, scratch / "from-notebooks", str(path))
        else:
            raise SubmissionError(_("{path}: not a submission (expected a folder, a .zip of one or a notebook)").format(
                path=path))
        graded = copy_submission(found, scratch / "graded", shown_as=str(path))
        shutil.rmtree(scratch / "extracted", ignore_errors=True)
        yield with_provided_modules(graded)


def modules_from_notebooks(path, destination, shown_as):
    """The folder of modules made from the notebooks at `path` (see autograder.notebook_intake)."""
    try:
        return notebook_modules(path, destination, shown_as=shown_as)
    except NotebookError as err:
        raise SubmissionError(str(err)) from None


def find_module_folder(directory, shown_as=None, notebooks_into=None):
    """`directory` if it holds a contract module, else its only sub-folder that does; else, given
    `notebooks_into`, a folder of the modules its notebooks define."""
    directory = Path(directory)
    if _holds_modules(directory):
        return directory
    if notebooks_into is not None and not _modules_below(directory) and notebooks_in(directory):
        return modules_from_notebooks(directory, notebooks_into, shown_as or str(directory))
    candidates = [child for child in sorted(directory.iterdir())
                  if child.is_dir() and not child.is_symlink() and not child.name.startswith(".")
                  and child.name not in IGNORED_FOLDERS and _holds_modules(child)]
    shown = shown_as or str(directory)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        names = ", ".join(child.name for child in candidates)
        raise SubmissionError(_("{path}: several folders hold submission modules ({names}); hand in one").format(
            path=shown, names=names))
    raise SubmissionError(_("{path}: not a submission: no {modules}, ... in it or in a folder inside it").format(
        path=shown, modules=", ".join(m + ".py" for m in CONTRACT_MODULES[:3])))


def _modules_below(directory):
    return any(child.is_dir() and not child.is_symlink() and not child.name.startswith(".")
               and child.name not in IGNORED_FOLDERS and _holds_modules(child) for child in directory.iterdir())


def _holds_modules(directory):
    return any((directory / f"{name}.py").is_file() for name in CONTRACT_MODULES)


def extract_zip(archive, destination):
    """Extract `archive` into `destination` safely (see the module docstring)."""
    destination = Path(destination)
    destination.mkdir(parents=True)
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = zipped.infolist()
            check_members(archive, members)
            for member in members:
                target = _safe_target(destination, member, archive)
                if member.is_dir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                with zipped.open(member) as source, open(target, "xb") as copy:
                    _copy_at_most(source, copy, member.file_size, archive, member.filename)
    except zipfile.BadZipFile as err:
        raise SubmissionError(_("{archive}: not a readable zip archive ({error})").format(archive=archive, error=err)) from None
    except (zlib.error, EOFError, NotImplementedError, RuntimeError) as err:
        raise SubmissionError(_("{archive}: the archive's data is damaged or uses an unsupported format ({error}); "
                                "zip the folder again and hand that in").format(archive=archive,
                                                                                error=_one_line(err))) from None
    except (FileExistsError, NotADirectoryError, IsADirectoryError) as err:
        raise SubmissionError(_("{archive}: a file and a folder share the name {name!r} in the archive").format(
            archive=archive, name=os.path.basename(err.filename or ""))) from None
    except OSError as err:
        raise SubmissionError(_("{archive}: the archive cannot be unpacked ({error})").format(
            archive=archive, error=err.strerror or err)) from None


def check_members(archive, members):
    """Refuse, before extracting anything, an archive the intake cannot unpack as it is."""
    if len(members) > MAX_FILES:
        raise SubmissionError(_("{archive}: the archive holds {count} files, more than {limit}; hand in only your "
                                ".py modules").format(archive=archive, count=len(members), limit=MAX_FILES))
    if sum(m.file_size for m in members) > MAX_BYTES:
        raise SubmissionError(_("{archive}: the archive unpacks to more than {megabytes} MB; hand in only your .py "
                                "modules").format(archive=archive, megabytes=MAX_BYTES // 2**20))
    seen_files, seen_dirs = set(), set()
    for member in members:
        name = member.filename
        if member.flag_bits & 0x1:
            raise SubmissionError(_("{archive}: {name!r} is encrypted; zip the folder again without a password").format(
                archive=archive, name=name))
        if member.compress_type not in ZIP_METHODS:
            raise SubmissionError(_("{archive}: {name!r} uses a compression the grader cannot read (method {method}); "
                                    "zip the folder again with plain zip").format(
                                        archive=archive, name=name, method=member.compress_type))
        parts = [p for p in name.replace("\\", "/").split("/") if p]
        if len(name) > MAX_PATH or any(len(p) > MAX_NAME for p in parts):
            raise SubmissionError(_("{archive}: a name in the archive is too long ({name!r}...)").format(
                archive=archive, name=name[:60]))
        if len(parts) > MAX_DEPTH:
            raise SubmissionError(_("{path}: {name!r}... is more than {depth} folders deep").format(
                path=archive, name=name[:60], depth=MAX_DEPTH))
        key = "/".join(parts)
        if member.is_dir():
            seen_dirs.add(key)
        elif key in seen_files:
            raise SubmissionError(_("{archive}: the archive holds {name!r} twice").format(archive=archive, name=key))
        else:
            seen_files.add(key)
        seen_dirs.update("/".join(parts[:i]) for i in range(1, len(parts)))
    clash = sorted(seen_files & seen_dirs)
    if clash:
        raise SubmissionError(_("{archive}: a file and a folder share the name {name!r} in the archive").format(
            archive=archive, name=clash[0]))


def _copy_at_most(source, copy, size, archive, name):
    """Copy a member, refusing more data than its header announced (a lying zip bomb)."""
    written = 0
    while chunk := source.read(1 << 20):
        written += len(chunk)
        if written > size:
            raise SubmissionError(_("{archive}: {name!r} holds more data than the archive says").format(
                archive=archive, name=name))
        copy.write(chunk)


def _one_line(err):
    text = str(err).strip().splitlines()
    return text[0][:120] if text else type(err).__name__


def _safe_target(destination, member, archive):
    name = member.filename.replace("\\", "/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or (parts and parts[0].endswith(":")) or ".." in parts:
        raise SubmissionError(_("{archive}: refusing the unsafe path {name!r} in the archive").format(
            archive=archive, name=member.filename))
    mode = member.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise SubmissionError(_("{archive}: refusing the link {name!r} in the archive").format(
            archive=archive, name=member.filename))
    target = (destination / Path(*parts)).resolve() if parts else destination
    if destination.resolve() not in (target, *target.parents):
        raise SubmissionError(_("{archive}: refusing the unsafe path {name!r} in the archive").format(
            archive=archive, name=member.filename))
    return target


def copy_submission(folder, graded, shown_as=None):
    """Copy the regular files of `folder` into `graded` (created), links neither followed nor
    copied, within MAX_FILES and MAX_BYTES; return `graded`. SubmissionError over a cap."""
    shown, graded = shown_as or str(folder), Path(graded)
    files = size = 0
    plan = []
    for current, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_WHEN_COPYING
                         and not os.path.islink(os.path.join(current, d)))
        relative = os.path.relpath(current, folder)
        if relative != "." and relative.count(os.sep) + 1 > MAX_DEPTH:
            raise SubmissionError(_("{path}: {name!r}... is more than {depth} folders deep").format(
                path=shown, name=relative[:60], depth=MAX_DEPTH))
        plan.append((relative, None))
        for name in sorted(names):
            path = os.path.join(current, name)
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode) or name.endswith(".pyc"):
                continue                 # links, FIFOs, devices, bytecode: never graded
            files += 1
            size += info.st_size
            if files > MAX_FILES:
                raise SubmissionError(_("{path}: more than {limit} files; hand in only your .py modules").format(
                    path=shown, limit=MAX_FILES))
            if size > MAX_BYTES:
                raise SubmissionError(_("{path}: more than {megabytes} MB; hand in only your .py modules").format(
                    path=shown, megabytes=MAX_BYTES // 2**20))
            plan.append((relative, name))
    for relative, name in plan:
        target = graded / relative
        if name is None:
            target.mkdir(parents=True, exist_ok=True)
            continue
        try:
            source_fd = os.open(os.path.join(folder, relative, name), os.O_RDONLY | os.O_NOFOLLOW)
        except OSError as err:
            raise SubmissionError(_("{path}: cannot read {name!r} ({error})").format(
                path=shown, name=os.path.join(relative, name), error=err.strerror)) from None
        with os.fdopen(source_fd, "rb") as reader, open(target / name, "xb") as writer:
            shutil.copyfileobj(reader, writer, 1 << 20)
    return graded


def with_provided_modules(graded):
    """`graded` (the grader's own copy) completed with the kit's provided modules it lacks."""
    kit = provided_modules_folder()
    for name in PROVIDED_MODULES:
        if not (graded / f"{name}.py").exists() and kit is not None and (kit / f"{name}.py").is_file():
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
