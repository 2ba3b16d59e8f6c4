"""What a submission held when it was graded: a SHA-256 over its files.

A folder's hash covers every file's relative path and bytes (caches, `.git`
and hidden files left out, so a fresh clone of the same commit hashes the
same); a zip's hash is the hash of the archive's bytes. A rerun of the batch
compares it with the hash in the record and regrades what changed.
"""
import hashlib
from pathlib import Path

SKIPPED_PARTS = ("__pycache__", "__MACOSX", ".git", ".ipynb_checkpoints", ".pytest_cache", ".venv")
SKIPPED_SUFFIXES = (".pyc", ".pyo")
SHOWN_CHARS = 12          # of the hex digest, in the gradebook
CHUNK = 1 << 20


def content_hash(path):
    """"sha256:<hex>" of the submission at `path` (a folder or a file)."""
    path = Path(path)
    digest = hashlib.sha256()
    if path.is_file():
        _add_file(digest, path)
    else:
        for file in sorted(_files(path)):
            digest.update(file.relative_to(path).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            _add_file(digest, file)
            digest.update(b"\0")
    return f"sha256:{digest.hexdigest()}"


def short_hash(full):
    """The gradebook's form: the first SHOWN_CHARS hex digits ("" for None)."""
    return full.split(":", 1)[-1][:SHOWN_CHARS] if full else ""


def _files(folder):
    for file in folder.rglob("*"):
        relative = file.relative_to(folder).parts
        if any(part in SKIPPED_PARTS or part.startswith(".") for part in relative):
            continue
        if file.is_file() and not file.is_symlink() and file.suffix not in SKIPPED_SUFFIXES:
            yield file


def _add_file(digest, file):
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
