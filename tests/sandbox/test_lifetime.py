"""Nothing outlives a grading run, and the submission shares nothing with the host.

The grader (`autograder grade`, a process of its own) is killed while the
submission's code runs: SIGTERM, SIGKILL, or SIGKILL of its whole process
group (what `autograder batch --wall-limit` does). Within 2 s no process the
worker started may be left and no scratch folder either.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder.sandbox import Limits, RemoteError

from .conftest import FAST, namespaces_active

REPO = Path(__file__).resolve().parents[2]

STALLING_FUNCTIONS = """
import os, time
for _ in range(3):               # CPU burners
    if os.fork() == 0:
        while True:
            pass
time.sleep(60)                    # the grader is now mid-call, importing this module
"""


def descendants(pid):
    """{pid: start time} of every process below `pid` now (its zygote, supervisors, workers...)."""
    found, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        try:
            with open(f"/proc/{parent}/task/{parent}/children") as listing:
                children = [int(p) for p in listing.read().split()]
        except OSError:
            children = []
        for child in children:
            found[child] = start_time(child)
        todo += children
    return found


def start_time(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except OSError:
        return None


def still_running(processes):
    """Those of {pid: start time} that still run (same pid, same start, not a zombie)."""
    left = []
    for pid, started in processes.items():
        try:
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[19] == started and fields[0] != "Z":
            left.append(pid)
    return left


def pid_namespace(pid):
    try:
        return os.readlink(f"/proc/{pid}/ns/pid")
    except OSError:
        return None


def processes_in(namespace):
    return [int(e) for e in os.listdir("/proc") if e.isdigit() and pid_namespace(e) == namespace]


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL", "process group SIGKILL"])
def test_killing_the_grader_mid_call_leaves_nothing(tmp_path, how):
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "functions.py").write_text(STALLING_FUNCTIONS)
    temp = tmp_path / "tmp"             # the grader's temporary folders, and nobody else's
    temp.mkdir()
    env = dict(os.environ, TMPDIR=str(temp), PYTHONPATH=str(REPO))
    grader = subprocess.Popen([sys.executable, "-m", "autograder", "grade", str(submission), "--only", "functions",
                               "--format", "json", "--out", str(tmp_path / "out.json")],
                              env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        # Below the grader: the zygote, a supervisor, and the worker with its three burners,
        # in a pid namespace of their own, once the import is under way.
        started, namespaces = {}, set()

        def burning():
            started.update(descendants(grader.pid))
            namespaces.update(pid_namespace(p) for p in started)
            namespaces.discard(pid_namespace(os.getpid()))
            namespaces.discard(None)
            return any(len(processes_in(n)) >= 4 for n in namespaces)

        assert wait_for(burning, 60), "the submission's processes never showed up"
        started.update(descendants(grader.pid))
        if how == "SIGTERM":
            grader.send_signal(signal.SIGTERM)
        elif how == "SIGKILL":
            grader.kill()
        else:
            os.killpg(grader.pid, signal.SIGKILL)
        grader.wait(10)

        def all_gone():
            return (not still_running(started) and not any(processes_in(n) for n in namespaces)
                    and not list(temp.iterdir()))

        assert wait_for(all_gone, 2.0), (
            f"left behind: processes {still_running(started)} (of {sorted(started)}), "
            f"in the worker's namespace {[processes_in(n) for n in namespaces]}, files {list(temp.iterdir())}")
    finally:
        if grader.poll() is None:
            os.killpg(grader.pid, signal.SIGKILL)
            grader.wait()


def test_sysv_shared_memory_stays_in_the_worker(make_worker):
    w = make_worker({"functions.py": """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
def make_segments():
    # 2 segments of 1 MB and a message queue, under fixed keys
    ids = [libc.shmget(0x4B1700 + i, 1 << 20, 0o1666) for i in range(2)]
    return ids + [libc.msgget(0x4B1710, 0o1666)]
def segments():
    return [libc.shmget(0x4B1700 + i, 0, 0o666) for i in range(2)] + [libc.msgget(0x4B1710, 0o666)]
"""})
    if not any(p.startswith("private IPC namespace") for p in w.protections):
        pytest.skip("no IPC namespace here: " + "; ".join(w.notes))
    functions = w.module("functions")
    assert all(i >= 0 for i in functions.make_segments())
    assert all(i >= 0 for i in functions.segments())         # they exist for the worker
    with open("/proc/sysvipc/shm") as shm, open("/proc/sysvipc/msg") as msg:
        keys = {int(line.split()[0]) for line in [*shm.readlines()[1:], *msg.readlines()[1:]]}
    assert not keys & {0x4B1700, 0x4B1701, 0x4B1710}          # and not for the host
    w.restart()
    assert all(i < 0 for i in w.module("functions").segments())   # nor for the next worker


def test_writing_past_the_scratch_cap_fails_cleanly(make_worker):
    w = make_worker({"functions.py": """
def fill(where, mb):
    with open(where, "wb") as f:
        for _ in range(mb):
            f.write(b"x" * (1 << 20))
    return mb
"""}, limits=Limits(call_timeout=10.0, scratch_mb=4, file_size_mb=64))
    if not namespaces_active(w):
        pytest.skip("no mount namespace here: " + "; ".join(w.notes))
    functions = w.module("functions")
    assert functions.fill("small.bin", 2) == 2
    for where in ("big.bin", "/tmp/big.bin"):
        with pytest.raises(RemoteError) as caught:
            functions.fill(where, 8)
        assert caught.value.type_name == "OSError"
        assert "No space left on device" in caught.value.message and "at most 4 MB" in caught.value.message
    assert w.alive and functions.fill("small.bin", 1) == 1     # the worker lives on


def test_a_file_over_the_size_limit_is_an_error_not_a_kill(make_worker):
    w = make_worker({"functions.py": """
def big():
    with open("/tmp/big.bin", "wb") as f:
        f.write(b"x" * (3 << 20))
"""}, limits=Limits(call_timeout=10.0, scratch_mb=16, file_size_mb=2))
    with pytest.raises(RemoteError) as caught:
        w.module("functions").big()
    assert "File too large" in caught.value.message and "at most 2 MB" in caught.value.message
    assert w.alive


def test_the_hostname_is_the_sandboxs(make_worker):
    w = make_worker({"functions.py": "import socket\ndef name():\n    return socket.gethostname()\n"})
    if not any(p.startswith("private UTS namespace") for p in w.protections):
        pytest.skip("no UTS namespace here")
    assert w.module("functions").name() == "sandbox"


def test_no_scratch_folder_on_the_host_while_the_worker_runs(make_worker, tmp_path):
    import tempfile

    before = set(Path(tempfile.gettempdir()).glob("kit-sandbox-*"))
    w = make_worker({"functions.py": "def f():\n    return 1\n"}, limits=FAST)
    if not namespaces_active(w):
        pytest.skip("no mount namespace here")
    assert w._process.temp_root not in {str(p) for p in before}
    assert not os.path.exists(w._process.temp_root)           # its root is a tmpfs of its own
    assert w.module("functions").f() == 1


def test_a_worker_started_from_a_thread_outlives_the_thread(tmp_path):
    """The parent-death signals follow the thread that forked; the end of a thread is not the grader's."""
    import threading

    from autograder.sandbox import SubmissionWorker, zygote

    for key in [k for k in zygote._zygotes if k[0] == os.getpid()]:
        zygote._zygotes.pop(key).close()       # so the zygote is started from the thread below
    submission = tmp_path / "submission"
    submission.mkdir()
    (submission / "functions.py").write_text("def f():\n    return 1\n")
    started = {}
    thread = threading.Thread(target=lambda: started.update(w=SubmissionWorker(str(submission), FAST)))
    thread.start()
    thread.join()
    time.sleep(0.3)
    worker = started["w"]
    try:
        assert worker.module("functions").f() == 1
    finally:
        worker.close()
