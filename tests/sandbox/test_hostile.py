"""Hostile submissions: each must be contained, reported clearly, and leave nothing behind."""
import builtins
import os
import time

import numpy as np
import pytest

from autograder.sandbox import Limits, RemoteError, WorkerDied, client, isolation, wire

from .conftest import namespaces_active

QUICK = Limits(call_timeout=1.0, memory_mb=1024, output_chars=500)
SIGMOID = """
import numpy as np
def sigmoid(x):
    return 1 / (1 + np.exp(-x))
"""


def alive(pid):
    """Is `pid` a live process (not gone, not a zombie)?"""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def worker_tree(worker):
    """pids of the worker and everything it started (below its supervisor), now."""
    found, todo = [], [worker._process.forked.pid]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as listing:
                children = [int(p) for p in listing.read().split()]
        except OSError:
            children = []
        found += children
        todo += children
    return found


def isolated(worker):
    """Can the worker neither signal nor read what belongs to the grader?"""
    return namespaces_active(worker) or any(p.startswith("unprivileged user") for p in worker.protections)


def test_sys_exit_at_import(make_worker):
    w = make_worker({"functions.py": "import sys\nsys.exit(0)\n"})
    with pytest.raises(WorkerDied) as caught:
        w.module("functions")
    assert caught.value.reason == "your code called sys.exit(0)"
    assert not w.alive
    with pytest.raises(WorkerDied, match="restart"):
        w.module("functions")


def test_sys_exit_inside_a_function_then_restart(make_worker):
    w = make_worker({"functions.py": SIGMOID + "def quit():\n    import sys\n    sys.exit('bye')\n"})
    functions = w.module("functions")
    with pytest.raises(WorkerDied, match=r"your code called sys.exit\('bye'\)"):
        functions.quit()
    w.restart()
    assert w.alive and w.module("functions").sigmoid(0.0) == 0.5


@pytest.mark.parametrize("code", [0, 3])
def test_os_exit(make_worker, code):
    w = make_worker({"functions.py": f"import os\ndef leave():\n    os._exit({code})\n"})
    with pytest.raises(WorkerDied) as caught:
        w.module("functions").leave()
    assert caught.value.reason == f"your code exited the worker process (exit code {code})"


def test_a_segfault_is_reported_as_a_signal(make_worker):
    w = make_worker({"functions.py": "import ctypes\ndef crash():\n    ctypes.string_at(0)\n"})
    with pytest.raises(WorkerDied) as caught:
        w.module("functions").crash()
    assert caught.value.reason == "the worker process was killed by signal 11 (SIGSEGV)"


def test_an_infinite_loop_times_out_and_restart_works(make_worker):
    w = make_worker({"functions.py": SIGMOID + "def spin(x):\n    while True:\n        pass\n"}, QUICK)
    functions = w.module("functions")
    started = time.monotonic()
    with pytest.raises(WorkerDied) as caught:
        functions.spin(1)
    assert caught.value.reason == "timed out after 1 s in functions.spin"
    assert time.monotonic() - started < 3
    w.restart()
    assert w.module("functions").sigmoid(0.0) == 0.5


def test_a_longer_timeout_for_one_block(make_worker):
    w = make_worker({"functions.py": "import time\ndef nap(s):\n    time.sleep(s)\n    return s\n"}, QUICK)
    with w.timeout(3.0):
        assert w.module("functions").nap(1.2) == 1.2


def test_a_huge_allocation_hits_the_memory_limit(make_worker):
    w = make_worker({"layers.py": """
        import numpy as np
        class Affine:
            def forward(self, x):
                return np.ones((200_000, 200_000))
    """})
    layer = w.module("layers").Affine()
    with pytest.raises(WorkerDied) as caught:
        layer.forward(np.zeros(2))
    assert caught.value.reason == "ran out of memory (limit 1024 MB) in layers.Affine.forward"


def test_printing_a_fake_protocol_message_changes_nothing(make_worker):
    fake = wire.dumps({"ok": wire.encode(np.ones(3)), "t": 0.0, "out": "", "warn": []})
    w = make_worker({"functions.py": SIGMOID + f"""
import os, sys, json
def sigmoid_noisy(x):
    os.write(1, {fake!r})
    os.write(2, {fake!r})
    print(json.dumps({{"ok": [1, 1, 1]}}))
    sys.stdout.buffer.write({fake!r})
    return sigmoid(x)
"""}, QUICK)
    x = np.array([-2.0, 0.0, 2.0])
    np.testing.assert_allclose(w.module("functions").sigmoid_noisy(x), 1 / (1 + np.exp(-x)))
    assert '{"ok": [1, 1, 1]}' in w.last_output
    assert w.module("functions").sigmoid(0.0) == 0.5        # the channel is still in step


def test_writing_into_the_grader_output_dir_has_no_effect(make_worker, tmp_path):
    out = tmp_path / "results"
    out.mkdir()
    w = make_worker({"functions.py": f"""
def forge():
    try:
        with open({str(out / "results.json")!r}, "w") as f:
            f.write('{{"score": 100}}')
        return "written"
    except OSError as error:
        return type(error).__name__
"""}, output_dir=str(out))
    if not isolated(w):
        pytest.skip("no mount namespace and no privilege drop here: the output dir is writable")
    assert w.module("functions").forge() in ("FileNotFoundError", "PermissionError")
    assert not (out / "results.json").exists()


def test_the_kits_files_cannot_be_read(make_worker, tmp_path):
    kit = tmp_path / "kit" / "solutions"
    kit.mkdir(parents=True)
    (kit / "functions.py").write_text("def sigmoid(x): return 'the reference'\n")
    secret_files = [str(kit / "functions.py"), client.__file__]
    solutions = isolation.default_hidden_paths()[1:]
    secret_files += [os.path.join(p, "functions.py") for p in solutions]
    w = make_worker({"functions.py": """
import sys
def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError as error:
        return type(error).__name__
def import_reference():
    sys.path.append("/work/main")
    try:
        import solutions.functions
        return "imported"
    except ImportError as error:
        return type(error).__name__
"""}, hide=[str(tmp_path / "kit")])
    if not namespaces_active(w):
        pytest.skip("no mount namespace on this machine: the kit is only as hidden as its file permissions")
    functions = w.module("functions")
    for path in secret_files:
        assert functions.read(path) == "FileNotFoundError", path
    assert functions.import_reference() == "ModuleNotFoundError"


def test_a_detached_child_is_dead_after_close(make_worker):
    w = make_worker({"functions.py": """
import os, time
def detach():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            time.sleep(30)
            open("late-results.json", "w").write("{}")
        os._exit(0)
    time.sleep(0.2)
    return True
"""})
    assert w.module("functions").detach()
    started = worker_tree(w)
    assert len(started) >= 2                                # the worker and the sleeper
    w.close()
    assert not [pid for pid in started if alive(pid)]


def test_a_numpy_file_in_the_submission_does_not_shadow_numpy(make_worker):
    w = make_worker({"numpy.py": "raise ImportError('the fake numpy')\nexp = None\n",
                     "functions.py": SIGMOID})
    assert w.module("functions").sigmoid(0.0) == 0.5
    assert any("numpy.py" in note for note in w.notes)


def test_patching_builtins_and_numpy_only_affects_the_worker(make_worker):
    w = make_worker({"functions.py": """
import builtins
import numpy as np
np.testing.assert_allclose = lambda *args, **kwargs: None
np.exp = lambda x: 0 * x
builtins.len = lambda obj: 42
def probe():
    return len([1, 2]), float(np.exp(np.float64(1.0)))
"""})
    assert w.module("functions").probe() == (42, 0.0)
    assert builtins.len([1, 2]) == 2 and np.exp(0.0) == 1.0
    with pytest.raises(AssertionError):
        np.testing.assert_allclose(1.0, 2.0)


def test_killing_the_parent_does_not_reach_the_grader(make_worker):
    w = make_worker({"functions.py": """
import os, signal
def kill_parent():
    try:
        os.kill(os.getppid(), signal.SIGKILL)
    except OSError as error:
        return type(error).__name__
    return "sent"
"""})
    if not isolated(w):
        pytest.skip("no pid namespace and no privilege drop here: the worker could kill the grader")
    w.module("functions").kill_parent()
    assert os.getpid() > 0                                  # still here


def test_the_original_submission_is_never_written(make_worker, tmp_path):
    w = make_worker({"functions.py": """
def vandalise():
    with open("functions.py", "w") as f:
        f.write("broken")
    return open("functions.py").read()
"""})
    assert w.module("functions").vandalise() == "broken"
    original = tmp_path / "submission0" / "functions.py"
    assert "vandalise" in original.read_text()


def test_student_exceptions_with_broken_str_are_still_reported(make_worker):
    w = make_worker({"functions.py": """
class Weird(Exception):
    def __str__(self):
        raise RuntimeError("no")
def f():
    raise Weird()
"""})
    with pytest.raises(RemoteError) as caught:
        w.module("functions").f()
    assert caught.value.type_name == "Weird"


def test_fallback_to_a_plain_process_still_works(make_worker, monkeypatch):
    monkeypatch.setattr(isolation, "candidate_modes", lambda: [isolation.Mode("plain process", ())])
    monkeypatch.setattr(client.SubmissionWorker, "_mode_cache", {})
    w = make_worker({"functions.py": SIGMOID + """
import os, time
def detach():
    pid = os.fork()
    if pid == 0:
        os.setsid()
        time.sleep(30)
        os._exit(0)
    return pid
"""})
    assert not namespaces_active(w)
    assert "separate process" in w.protections and "rlimit memory 1024 MB" in w.protections
    assert w.module("functions").sigmoid(0.0) == 0.5
    sleeper = w.module("functions").detach()
    assert alive(sleeper)
    w.close()
    assert not alive(sleeper)


def test_user_namespace_mode_as_an_ordinary_user_would_get_it(make_worker, monkeypatch):
    modes = [m for m in isolation.candidate_modes(as_root=False) if "user" in m.namespaces]
    if not modes:
        pytest.skip("unshare is not available")
    monkeypatch.setattr(isolation, "candidate_modes", lambda: modes[:1])
    monkeypatch.setattr(client.SubmissionWorker, "_mode_cache", {})
    w = make_worker({"functions.py": SIGMOID + """
import subprocess
def remount():
    return subprocess.run(["umount", "/tmp"], capture_output=True).returncode
"""})
    if not namespaces_active(w):
        pytest.skip("user namespaces are not available here: " + "; ".join(w.notes))
    assert "user namespace without capabilities" in w.protections
    functions = w.module("functions")
    assert functions.sigmoid(0.0) == 0.5
    assert functions.remount() != 0                         # no capabilities left to undo the view


SLOW_HELPER = """
import numpy as np

def helper(x):
    total = 0.0
    while True:
        total += float(np.sum(np.ones(100_000) * x))

def relu(x):
    y = helper(x)
    return np.maximum(0, y)

def long_numpy(x):
    a = np.ones((4000, 4000))
    return relu(a @ a @ a @ a)
"""


def test_a_timeout_names_where_the_submission_was_stuck(make_worker):
    w = make_worker({"functions.py": SLOW_HELPER}, QUICK)
    with pytest.raises(WorkerDied) as caught:
        w.module("functions").relu(1.0)
    assert caught.value.reason == "timed out after 1 s in functions.relu"
    assert caught.value.stuck_at == {"file": "functions.py", "line": 7, "function": "helper",
                                     "code": "total += float(np.sum(np.ones(100_000) * x))"}
    w.restart()
    with pytest.raises(WorkerDied) as caught:   # stopped inside one long NumPy call: still the line calling it
        w.module("functions").long_numpy(1.0)
    assert caught.value.stuck_at == {"file": "functions.py", "line": 15, "function": "long_numpy",
                                     "code": "return relu(a @ a @ a @ a)"}


def test_a_timeout_at_import_and_a_forged_file_name_show_no_host_path(make_worker):
    w = make_worker({"functions.py": "import os\nx = 0\nwhile True:\n    x += 1\n"}, QUICK)
    with pytest.raises(WorkerDied) as caught:
        w.module("functions")
    assert caught.value.stuck_at == {"file": "functions.py", "line": 4, "function": "<module>", "code": "x += 1"}
    forged = ("code = compile('while True:\\n    pass\\n', '/submission/../etc/passwd', 'exec')\n"
              "def spin():\n    exec(code)\n")
    w = make_worker({"functions.py": forged}, QUICK)
    with pytest.raises(WorkerDied) as caught:
        w.module("functions").spin()
    assert caught.value.stuck_at == {"file": "functions.py", "line": 3, "function": "spin", "code": "exec(code)"}


@pytest.mark.parametrize("mode", ["plain process", "user namespace"])
def test_the_stuck_line_is_found_in_the_weaker_modes_too(make_worker, monkeypatch, mode):
    if mode == "plain process":
        modes = [isolation.Mode("plain process", ())]
    else:
        modes = [m for m in isolation.candidate_modes(as_root=False) if "user" in m.namespaces][:1]
        if not modes:
            pytest.skip("unshare is not available")
    monkeypatch.setattr(isolation, "candidate_modes", lambda: modes)
    monkeypatch.setattr(client.SubmissionWorker, "_mode_cache", {})
    w = make_worker({"functions.py": SLOW_HELPER}, QUICK)
    if mode == "user namespace" and "user namespace without capabilities" not in w.protections:
        pytest.skip("user namespaces are not available here: " + "; ".join(w.notes))
    with pytest.raises(WorkerDied) as caught:
        w.module("functions").relu(1.0)
    assert caught.value.stuck_at and caught.value.stuck_at["file"] == "functions.py"
    assert (caught.value.stuck_at["function"], caught.value.stuck_at["line"]) == ("helper", 7)
