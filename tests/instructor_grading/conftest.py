"""Submissions for the Gradescope-bundle and batch tests: copies of the reference and of the stubs."""
import zipfile
from pathlib import Path

from autograder.submission_intake import copy_modules

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"


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
