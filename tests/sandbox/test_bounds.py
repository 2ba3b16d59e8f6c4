"""Replies are bounded before the grader decodes them: arrays, strings, ints, raw headers."""
import json
import resource

import numpy as np
import pytest

from autograder.sandbox import Limits, RemoteError, RemoteRef, WorkerDied, wire


def grader_peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_a_256_mb_reply_is_refused_before_it_reaches_the_grader(make_worker):
    w = make_worker({"functions.py": """
import numpy as np
def huge():
    return np.ones(32 << 20)                 # 256 MB of float64
def fine():
    return np.ones(3)
"""}, limits=Limits(call_timeout=20.0, memory_mb=1024))
    functions = w.module("functions")
    before = grader_peak_mb()
    with pytest.raises(RemoteError) as caught:
        functions.huge()
    assert caught.value.type_name == "ResultTooLarge"
    assert "an array (33554432,) of 256.0 MB" in caught.value.message and "at most 32 MB" in caught.value.message
    assert grader_peak_mb() - before < 64              # the grader never held it
    assert functions.fine().tolist() == [1.0, 1.0, 1.0]     # and the worker goes on


def test_a_long_string_reply_is_refused(make_worker):
    w = make_worker({"functions.py": "def text():\n    return 'x' * (40 << 20)\n"},
                    limits=Limits(call_timeout=20.0, memory_mb=1024))
    with pytest.raises(RemoteError, match="at most 32 MB"):
        w.module("functions").text()


def test_a_huge_int_stays_in_the_worker(make_worker):
    w = make_worker({"functions.py": "def big():\n    return 10 ** 5000\n"})
    result = w.module("functions").big()
    assert isinstance(result, RemoteRef)          # too large to travel: a handle, never decoded here
    with pytest.raises(TypeError, match="int this large"):
        result.fetch()


def _framed(json_text):
    return wire.HEADER.pack(len(json_text)) + json_text


def test_a_huge_int_in_raw_json_is_a_wire_error():
    body = b'{"ok": ' + b"7" * 5000 + b"}"
    with pytest.raises(wire.WireError, match="5000 digits"):
        wire.loads(_framed(body))
    assert wire.loads(_framed(b'{"ok": ' + b"7" * 1000 + b"}"))["ok"] == int("7" * 1000)


@pytest.mark.parametrize("body", [b"\xff\xfe", b'{"ok": [' * 100000, b'{"ok": 1e999999}', b"[]"])
def test_garbage_is_only_ever_a_wire_error(body):
    try:
        message = wire.loads(_framed(body))
    except wire.WireError:
        return
    assert json.dumps(message, allow_nan=True)      # 1e999999 is inf: decoded, and harmless


def test_a_forged_header_of_a_terabyte_kills_the_worker_not_the_grader(make_worker):
    w = make_worker({"functions.py": """
import os, socket, stat, struct
def forge():
    for fd in range(3, 64):
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                socket.socket(fileno=os.dup(fd)).sendall(struct.pack(">Q", 1 << 40))
        except OSError:
            pass
    import time
    time.sleep(5)
"""})
    before = grader_peak_mb()
    with pytest.raises(WorkerDied) as caught:
        w.module("functions").forge()
    assert "1048576.0 MB" in caught.value.reason and "forge" in caught.value.reason
    assert grader_peak_mb() - before < 64
    w.restart()
    assert w.alive


def test_arrays_sent_back_as_argument_changes_are_bounded_too(make_worker):
    w = make_worker({"functions.py": "def fill(a):\n    a[...] = 1\n"},
                    limits=Limits(call_timeout=20.0, memory_mb=1024, message_mb=1))
    small = np.zeros(10)
    w.module("functions").fill(small)
    assert small.sum() == 10
    with pytest.raises(WorkerDied):          # 2 MB going in is over the 1 MB cap of the worker's side
        w.module("functions").fill(np.zeros(1 << 18))
