"""Submissions for the Gradescope-bundle and batch tests: copies of the reference and of the stubs."""
import shutil
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"


def copy_modules(source, destination):
    """The top-level .py modules of `source` (no conftest.py) copied into `destination`, created."""
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for path in Path(source).glob("*.py"):
        if path.name != "conftest.py":
            shutil.copyfile(path, destination / path.name)
    return destination


def solved(destination):
    return copy_modules(SOLUTIONS, destination)


def stubs(destination):
    return copy_modules(EXERCISES, destination)


def zip_folder(folder, archive):
    """`folder`'s files zipped at the archive's root (as "Compress" does inside the folder)."""
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                zipped.write(path, path.relative_to(folder).as_posix())
    return Path(archive)
