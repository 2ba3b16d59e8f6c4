"""Fixtures for the sandbox tests: small submissions written into temp dirs."""
import textwrap

import pytest

from autograder.sandbox import Limits, SubmissionWorker

# Short timeouts keep the hostile tests fast; nothing legitimate here takes long.
FAST = Limits(call_timeout=3.0, memory_mb=1024, output_chars=200)


def write_submission(folder, files):
    """Write {"name.py": source} into `folder` (dedented); return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, source in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))
    return folder


@pytest.fixture
def make_worker(tmp_path):
    """make_worker({"functions.py": "..."}, limits=..., **options) -> a started SubmissionWorker."""
    workers = []

    def make(files, limits=FAST, **options):
        folder = write_submission(tmp_path / f"submission{len(workers)}", files)
        workers.append(SubmissionWorker(str(folder), limits, **options))
        return workers[-1]

    yield make
    for worker in workers:
        worker.close()


def namespaces_active(worker):
    return any(p.startswith("private mount namespace") for p in worker.protections)
