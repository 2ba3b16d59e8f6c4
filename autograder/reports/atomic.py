"""Writing a report file whole or not at all."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` (UTF-8) to `path` so readers see the old file or the new one, never a part.

    The text goes to a temporary file in the same directory, is flushed to
    disk, then renamed over `path` with `os.replace` (atomic on POSIX and
    Windows). On any failure the temporary file is removed and `path` is left
    as it was. Line ends are written as given (no newline translation).
    Returns the path written.
    """
    target = Path(path)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_name, 0o644)  # mkstemp makes 0600; reports are meant to be read
        os.replace(temp_name, target)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return target
