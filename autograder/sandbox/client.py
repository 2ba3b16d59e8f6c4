"""SubmissionWorker: the grader's end of the sandbox.

    with SubmissionWorker("/path/to/submission", Limits(call_timeout=10)) as w:
        functions = w.module("functions")
        y = functions.sigmoid(x)          # runs in the worker, y comes back as an ndarray

The worker is a separate process started from a fresh scratch copy of the
submission (isolation.py decides how it is confined); requests and replies
are plain-data messages (wire.py). Each call has a wall-clock timeout enforced
here: on expiry the worker's whole process tree is killed and reaped.
"""
import atexit
import contextlib
import os
import re
import secrets
import select
import shutil
import signal
import socket
import threading
import tempfile
import time
import weakref
from dataclasses import dataclass

import numpy as np

from . import isolation, wire, zygote
from autograder.translation import N_, _, translated

from .remote import Handle, RemoteError, RemoteRef, WorkerDied

SCRATCH_IN_NAMESPACE = "/submission"  # where the copy sits in the worker's private root

# Why a call stopped, as the student reads it (in the chosen language); batch/class_report.py recognises
# them (MessagePattern) to count timeouts and crashes in the class report.
TIMED_OUT = N_("timed out after {seconds:g} s in {label}")
BUDGET_RAN_OUT_BEFORE = N_("the grading run's time budget ran out before {label}")
BUDGET_RAN_OUT_DURING = N_("the grading run's time budget ran out during {label}")
OUT_OF_MEMORY = N_("ran out of memory (limit {megabytes} MB) in {label}")
CALLED_EXIT = N_("your code called {call}")
EXITED = N_("your code exited the worker process (exit code {number})")
USED_CPU = N_("your code used more than {seconds} s of CPU time")
KILLED = N_("the worker process was killed by signal {number}")
KILLED_NAMED = N_("the worker process was killed by signal {number} ({name})")
BROKE_CONNECTION = N_("the worker process broke its connection to the grader ({error})")
DIED_EARLIER = N_("the worker died earlier: {reason}; call restart() for a fresh one")
#: The messages of a worker that died (not a timeout), for the class report.
CRASHES = (OUT_OF_MEMORY, CALLED_EXIT, EXITED, USED_CPU, KILLED, KILLED_NAMED, BROKE_CONNECTION, DIED_EARLIER)


@dataclass(frozen=True)
class Limits:
    """Resource limits for one worker. Sizes in MB, times in seconds."""
    call_timeout: float = 10.0        # wall clock per request, enforced by the grader
    memory_mb: int = 1024             # RLIMIT_AS of the worker (address space, NumPy included)
    output_chars: int = 2000          # captured stdout/stderr kept per call
    cpu_seconds: int = 600            # RLIMIT_CPU over the worker's life
    max_processes: int = 64           # RLIMIT_NPROC, on top of what the user already runs
    file_size_mb: int = 64            # RLIMIT_FSIZE (also bounds the captured output file)
    scratch_mb: int = 64              # what the submission may write (/tmp and its folder together)
    start_timeout: float = 60.0       # for the worker to start and import NumPy
    message_mb: int = 32              # largest message either side accepts (checked before reading it)
    submission_mb: int = 100          # largest submission copied into the scratch dir
    submission_files: int = 2000      # most files copied into the scratch dir


@dataclass
class WorkerStats:
    """Cumulative figures, so benchmarks can split grader time from submission time."""
    calls: int = 0
    time_in_worker: float = 0.0       # seconds spent executing requests in the worker
    time_total: float = 0.0           # seconds from sending requests to decoding replies


STACK_DUMP_WAIT = 0.5                 # seconds a timed-out worker has to dump its stack before it is killed
STACK_DUMP_BYTES = 64 << 10           # read at most this much of it
_DUMP_THREAD = re.compile(r"^(Current thread|Thread) ")
_DUMP_FRAME = re.compile(r'^\s+File "(?P<file>.*)", line (?P<line>\d+) in (?P<function>\S+)')


class BudgetExhausted(WorkerDied):
    """The grading run's time budget is spent: no more calls into the submission."""


class _StartFailed(Exception):
    """This isolation mode did not come up; the next weaker one is tried."""


class _Channel:
    """Framed messages over the grader's end of the socket pair, with deadlines."""

    def __init__(self, sock):
        self.sock = sock

    def send(self, message, deadline):
        self.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        self.sock.sendall(wire.dumps(message))

    def recv(self, deadline, max_bytes):
        """One message; its size is checked against `max_bytes` before a byte of it is read."""
        (size,) = wire.HEADER.unpack(self._read(wire.HEADER.size, deadline))
        if size > max_bytes:
            raise wire.ResultTooLarge(worker_message(wire.too_large_message(size, max_bytes)))
        return wire.loads(self._read(size, deadline))

    def _read(self, size, deadline):
        buffer = bytearray(size)          # one buffer, filled in place: no chunks to join
        view, done = memoryview(buffer), 0
        while done < size:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            self.sock.settimeout(left)
            received = self.sock.recv_into(view[done:], min(size - done, 1 << 20))
            if not received:
                raise EOFError("the worker closed the channel")
            done += received
        return buffer

    def close(self):
        self.sock.close()


class _WorkerProcess:
    """One started worker (its supervisor, a zygote.ForkedWorker) and its temp dir;
    kill() and release() are idempotent."""

    def __init__(self, forked, token, pid_namespace, temp_root, scratch=None):
        self.forked, self.token, self.pid_namespace = forked, token, pid_namespace
        self.temp_root, self.inner_pid, self.reaped = temp_root, None, False
        self.scratch = scratch            # where the submission's copy sits, as the worker sees it

    def stack_dump(self, wait=STACK_DUMP_WAIT):
        """The worker's stack dump (faulthandler's text, every thread), asked for with SIGUSR1: '' if none came.

        Only the worker itself is signalled: the supervisor's child that said hello with its pid.
        """
        fd = self.forked.stack_fd
        if self.reaped or fd is None:
            return ""
        _read_pipe(fd, 0)               # whatever the submission had it write before: not this dump
        children = isolation.children_of(self.forked.pid)
        if children is None:
            targets = [self.inner_pid] if self.inner_pid else []
        else:
            targets = [self.inner_pid] if self.inner_pid in children else children[:1]
        for pid in targets:
            try:
                os.kill(pid, signal.SIGUSR1)
            except OSError:
                return ""
        return _read_pipe(fd, wait) if targets else ""

    def kill(self):
        if not self.reaped:
            self.reaped = True
            isolation.kill_tree(self.forked, self.pid_namespace, self.inner_pid)

    def release(self):
        self.kill()
        shutil.rmtree(self.temp_root, ignore_errors=True)


class SubmissionWorker:
    """Runs one submission's code in a separate, confined worker process.

    protections: what is in force, e.g. ["separate process", "private mount
    namespace ...", "unprivileged user nobody", "rlimit memory 1024 MB", ...];
    notes: anything the grader may want to report (fallbacks, ignored files).
    last_output / last_warnings: captured output and warnings of the last request.
    stats: WorkerStats. alive: whether the worker process is running.
    run_deadline: time.monotonic() past which no call may run (the grading run's budget):
    a call ends there (WorkerDied), and none starts after it (BudgetExhausted).
    spare: keep one more worker of the same kind starting in the background, so the next
    start (another module's worker, a restart) only takes it (discard_spares() ends it).
    """
    _mode_cache = {}                  # euid -> index of the strongest mode that started

    def __init__(self, submission_dir, limits=None, *, hide=(), output_dir=None, user="nobody", run_deadline=None,
                 spare=False, start=True):
        self.submission_dir = os.path.abspath(submission_dir)
        if not os.path.isdir(self.submission_dir):
            raise FileNotFoundError(f"no submission directory {self.submission_dir}")
        self.limits = limits or Limits()
        self.hidden = sorted({os.path.abspath(p) for p in [*isolation.default_hidden_paths(), *hide,
                                                             *([output_dir] if output_dir else [])]})
        self.user = user
        self.stats = WorkerStats()
        self.protections, self.notes = [], []
        self.last_output, self.last_warnings = "", []
        self.alive = False
        self._generation = 0
        self._release_queue = []
        self._process = self._channel = self._finalizer = None
        self._dead_reason = "the worker has not been started"
        self._call_timeout = self.limits.call_timeout
        self.run_deadline = run_deadline
        self.spare = spare
        if start:
            self.start()

    @classmethod
    def prepare_spare(cls, submission_dir, limits=None, *, hide=(), user="nobody"):
        """Fork the spare worker the first SubmissionWorker(submission_dir, limits, hide=hide, spare=True)
        will take (no-op when there is one): a grading run calls it while pytest collects. A spare
        that cannot start is the first start()'s to report."""
        worker = cls(submission_dir, limits, hide=hide, user=user, spare=True, start=False)
        key = worker._spare_key()
        with _spares_lock:
            if key in _spares:
                return
        modes = isolation.candidate_modes()
        index = min(cls._mode_cache.get(os.geteuid(), 0), len(modes) - 1)
        with contextlib.suppress(Exception):
            _put_spare(key, worker._launch(modes[index], index))

    # ------------------------------------------------------------ life cycle

    def start(self):
        """Start a worker on a fresh scratch copy (no-op when one is running)."""
        if self.alive:
            return
        self._shutdown()              # the files of a worker that died
        self._generation += 1
        modes = isolation.candidate_modes()
        hello, failures, index = None, [], None
        spare = _take_spare(self._spare_key()) if self.spare else None
        if spare is not None:
            try:
                hello, index = self._await_hello(spare), spare.index
            except (_StartFailed, WorkerDied):
                spare.discard()
        if hello is None:
            first = min(self._mode_cache.get(os.geteuid(), 0), len(modes) - 1)
            for index in range(first, len(modes)):
                launched = self._launch(modes[index], index)
                try:
                    hello = self._await_hello(launched)
                except _StartFailed as failure:
                    failures.append(f"{modes[index].name}: {failure}")
                    continue
                self._mode_cache[os.geteuid()] = index
                break
            else:
                raise WorkerDied(_("the worker process could not start: {failures}").format(failures="; ".join(failures)))
        self.alive = True
        self.protections = _strings(hello.get("protections")) + [f"per-call timeout {self._call_timeout:g} s"]
        self.notes = [f"isolation mode {f}" for f in failures] + _strings(hello.get("notes"))
        if self.spare:                # the next worker of this kind starts while this one works
            with contextlib.suppress(Exception):
                _put_spare(self._spare_key(), self._launch(modes[index], index))

    def restart(self):
        """Kill the current worker (if any) and start a fresh one; old RemoteRefs die."""
        self._shutdown()
        self.start()

    def close(self):
        """Ask the worker to exit, then kill whatever is left of it and remove its files."""
        self._shutdown()

    def abort(self):
        """Kill the worker now, from any thread: a call it is running ends with WorkerDied (close() still
        removes its files)."""
        process = self._process
        if process is not None:
            process.kill()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextlib.contextmanager
    def timeout(self, seconds):
        """Use another per-call timeout inside the with block (missions train for longer)."""
        previous, self._call_timeout = self._call_timeout, seconds
        try:
            yield self
        finally:
            self._call_timeout = previous

    # ------------------------------------------------------------ the API

    def module(self, name):
        """RemoteRef to the module `submission.<name>`, imported now (RemoteError if it fails)."""
        return self._decode(self._request({"op": "import", "name": name}, f"import of {name}")["ok"])

    def put(self, value):
        """Store plain data in the worker; a RemoteRef to that very object."""
        return self._decode(self._request({"op": "put", "value": self._encode(value)}, "put")["ok"])

    def function(self, name, **kwargs):
        """RemoteRef to a function built in the worker from catalogue.py."""
        message = {"op": "function", "name": name, "kwargs": self._encode(kwargs)}
        return self._decode(self._request(message, f"catalogue.{name}")["ok"])

    def type_name(self, ref):
        return self._inspect(ref, "type_name")

    def isinstance_name(self, ref, class_name):
        """Is the object an instance of a class called `class_name` (anywhere in its MRO)?"""
        return self._inspect(ref, "isinstance_name", class_name)

    def hasattr(self, ref, name):
        return self._inspect(ref, "hasattr", name)

    def len(self, ref):
        return self._inspect(ref, "len")

    def callable(self, ref):
        return self._inspect(ref, "callable")

    def is_same(self, ref, other):
        """`a is b` in the worker."""
        return self._inspect(ref, "is_same", self._spec(other))

    # ------------------------------------------------------------ used by RemoteRef

    def _call(self, ref, args, kwargs):
        message = {"op": "call", "target": self._spec(ref),
                   "args": self._encode(list(args)), "kwargs": self._encode(kwargs)}
        reply = self._request(message, ref._label())
        result = self._decode(reply["ok"])
        for key, change in reply.get("mirror", ()):
            target = args[key] if type(key) is int and 0 <= key < len(args) else kwargs.get(key)
            self._mirror(target, change)
        return result

    def _fetch(self, ref):
        return self._decode(self._request({"op": "fetch", "target": self._spec(ref)}, ref._label())["ok"])

    def _pin(self, ref):
        return self._decode(self._request({"op": "pin", "target": self._spec(ref)}, ref._label())["ok"])

    def _set(self, ref, kind, key, value):
        message = {"op": "set", "target": self._spec(ref), "kind": kind, "value": self._encode(value)}
        message.update({"name": key} if kind == "attr" else {"key": wire.encode(key)})
        self._request(message, ref._label())

    def _inspect(self, ref, what, arg=None):
        message = {"op": "inspect", "target": self._spec(ref), "what": what, "arg": arg}
        return self._decode(self._request(message, ref._label())["ok"])

    # ------------------------------------------------------------ plumbing

    def _launch(self, mode, index):
        """Fork a worker in `mode` (the index-th candidate mode); a _Launched, its hello still to come."""
        # In namespace modes an empty mount point for the worker's root tmpfs, removed
        # once the worker stands on it; else the home of the scratch copy.
        temp_root = tempfile.mkdtemp(prefix="kit-sandbox-")
        os.chmod(temp_root, 0o711)    # an unprivileged worker must reach its scratch dir
        in_namespace = "mount" in mode.namespaces
        scratch = SCRATCH_IN_NAMESPACE if in_namespace else os.path.join(temp_root, "scratch")
        uid, gid, user = isolation.unprivileged_user(self.user)
        parent, child = socket.socketpair()
        limits = self.limits
        config = {"rpc_fd": child.fileno(), "source": self.submission_dir, "scratch": scratch,
                  "temp_root": temp_root, "grader_pid": os.getpid(),
                  "grader_scratch": isolation.grader_scratch(),
                  "namespaces": list(mode.namespaces),
                  "visible": isolation.visible_paths(), "hidden": self.hidden,
                  "drop_to": [uid, gid] if os.geteuid() == 0 else None, "drop_name": user,
                  "needed_paths": isolation.needed_paths(), "extra_sys_path": isolation.extra_sys_path(),
                  "limits": {"memory_mb": limits.memory_mb, "cpu_seconds": limits.cpu_seconds,
                             "max_processes": limits.max_processes, "file_size_mb": limits.file_size_mb,
                             "scratch_mb": limits.scratch_mb, "submission_mb": limits.submission_mb,
                             "max_files": limits.submission_files},
                  "output_chars": limits.output_chars, "max_message_bytes": limits.message_mb << 20}
        token = secrets.token_hex(12)
        config["env"] = isolation.scrubbed_env(scratch, token)
        try:
            forked = zygote.fork_worker(config["extra_sys_path"], isolation.scrubbed_env("/", token), config,
                                        child.fileno())
        except BaseException:
            parent.close()
            shutil.rmtree(temp_root, ignore_errors=True)
            raise
        finally:
            child.close()
        return _Launched(_WorkerProcess(forked, token, "pid" in mode.namespaces, temp_root, scratch),
                         _Channel(parent), mode, index)

    def _await_hello(self, launched):
        """The launched worker's hello (it becomes this object's worker), or _StartFailed / WorkerDied."""
        process, channel, limits = launched.process, launched.channel, self.limits
        try:
            message = channel.recv(time.monotonic() + limits.start_timeout, 1 << 20)
            if isinstance(message.get("refused"), str):
                raise WorkerDied(_("the submission cannot be graded: {reason}").format(reason=message["refused"][:300]))
            if isinstance(message.get("failed"), str):
                raise _StartFailed(message["failed"][:2000])
            hello = message.get("hello")
            if not isinstance(hello, dict):
                raise wire.WireError("no hello")
        except TimeoutError:
            launched.discard()
            raise WorkerDied(_("the worker process did not start within {seconds:g} s").format(
                seconds=limits.start_timeout)) from None
        except (EOFError, OSError, wire.WireError) as error:
            launched.discard()
            raise _StartFailed(str(error)) from None
        except BaseException:
            launched.discard()
            raise
        if "mount" in launched.mode.namespaces:
            with contextlib.suppress(OSError):
                os.rmdir(process.temp_root)   # the worker's root is a tmpfs of its own mount namespace
        if isinstance(hello.get("pid"), int):
            process.inner_pid = hello["pid"]
        self._process, self._channel = process, channel
        self._finalizer = weakref.finalize(self, _release, process, channel)
        return hello

    def _shutdown(self):
        if self._process is None:
            return
        if self.alive:
            with contextlib.suppress(Exception):
                deadline = time.monotonic() + 2.0
                self._channel.send({"op": "exit"}, deadline)
                self._channel.recv(deadline, 1 << 20)
                self._process.forked.exit_status(1.0)
        self._finalizer()
        self._process = self._channel = None
        self.alive = False
        self._dead_reason = "the worker was closed"

    def _request(self, message, label):
        """Send one request, wait for its reply within the call timeout, account for it."""
        # Output and warnings belong to this request only: a request that dies (a timeout) has none,
        # rather than the previous request's (a sigmoid's overflow warning shown under relu's timeout).
        self.last_output, self.last_warnings = "", []
        if not self.alive:
            raise WorkerDied(self._dead_reason)
        queue, self._release_queue[:] = list(self._release_queue), []
        released = [i for generation, i in queue if generation == self._generation]
        if released:
            message["release"] = released
        started = time.perf_counter()
        deadline = time.monotonic() + self._call_timeout
        budget_cut = self.run_deadline is not None and self.run_deadline < deadline
        if budget_cut:
            deadline = self.run_deadline
            if deadline <= time.monotonic():
                raise BudgetExhausted(translated(BUDGET_RAN_OUT_BEFORE).format(label=label))
        try:
            self._channel.send(message, deadline)
            reply = self._channel.recv(deadline, self.limits.message_mb << 20)
        except TimeoutError:
            stuck_at = self._stuck_at()
            if budget_cut:
                self._die(translated(BUDGET_RAN_OUT_DURING).format(label=label), stuck_at)
            self._die(translated(TIMED_OUT).format(seconds=self._call_timeout, label=label), stuck_at)
        except wire.ResultTooLarge as error:
            self._die(_("{error} in {label}").format(error=error, label=label))
        except wire.WireError as error:
            self._die(_("the worker sent a reply the grader cannot read ({error}) in {label}").format(error=error, label=label))
        except (EOFError, OSError) as error:
            self._die(self._exit_reason(error))
        self.stats.calls += 1
        self.stats.time_total += time.perf_counter() - started
        if type(reply.get("t")) is float:
            self.stats.time_in_worker += reply["t"]
        self.last_output = reply.get("out") if isinstance(reply.get("out"), str) else ""
        self.last_warnings = _strings(reply.get("warn"))
        if "died" in reply:
            died = reply["died"] if isinstance(reply["died"], dict) else {}
            if died.get("kind") == "memory":
                self._die(translated(OUT_OF_MEMORY).format(megabytes=self.limits.memory_mb, label=label))
            self._die(translated(CALLED_EXIT).format(call=str(died.get('call', 'sys.exit()'))[:100]))
        if "err" in reply:
            raise _remote_error(reply["err"])
        if "ok" not in reply:
            self._die(_("the worker sent a malformed reply"))
        return reply

    def _die(self, reason, stuck_at=None):
        self.alive = False
        self._dead_reason = translated(DIED_EARLIER).format(reason=reason)
        self._process.kill()
        raise WorkerDied(reason, stuck_at)

    def _stuck_at(self):
        """Where the timed-out worker is in the submission's own files, from its stack dump; None if unknown."""
        try:
            return stuck_at(self._process.stack_dump(), self._process.scratch, self.submission_dir)
        except Exception:             # a best effort: the timeout is reported either way
            return None

    def _exit_reason(self, error):
        status = self._process.forked.exit_status(2.0)
        if status is None:
            return translated(BROKE_CONNECTION).format(error=error)
        kind, number = status
        if kind == "exit":
            return translated(EXITED).format(number=number)
        if number == signal.SIGXCPU:
            return translated(USED_CPU).format(seconds=self.limits.cpu_seconds)
        try:
            name = signal.Signals(number).name
        except ValueError:
            return translated(KILLED).format(number=number)
        return translated(KILLED_NAMED).format(number=number, name=name)

    def _spec(self, ref):
        """A RemoteRef as [root id, path] for the wire, if it belongs to this worker's incarnation."""
        if not isinstance(ref, RemoteRef) or ref._worker is not self:
            raise TypeError(f"{ref!r} is not a RemoteRef of this worker")
        if not self.alive:
            raise WorkerDied(self._dead_reason)
        if ref._handle.generation != self._generation:
            raise WorkerDied(_("{handle} belongs to a worker that died or was restarted; get a new handle from the "
                               "current worker").format(handle=repr(ref)))
        path = [[kind, key] if kind == "a" else [kind, wire.encode(key)] for kind, key in ref._path]
        return [ref._handle.id, path]

    def _encode(self, value):
        def leaf(obj):
            if isinstance(obj, RemoteRef):
                return {"$ref": self._spec(obj)}
            raise wire.NotPlainData(f"a {type(obj).__name__} cannot be sent to the worker "
                                    "(only plain data and RemoteRefs)")
        return wire.encode(value, leaf)

    def _decode(self, data):
        def ref(tag, payload):
            if not (tag == "$handle" and type(payload) is list and len(payload) == 2
                    and type(payload[0]) is int and isinstance(payload[1], str)):
                raise wire.WireError("bad handle")
            return RemoteRef(self, Handle(self, payload[0], payload[1][:200], self._generation))
        try:
            return wire.decode(data, ref, self.limits.message_mb << 20)
        except wire.WireError as error:
            self._die(_("the worker sent undecodable data ({error})").format(error=error))

    def _mirror(self, target, change):
        """Apply an argument change reported by the worker to the caller's own object."""
        if not (type(change) is list and change):
            return
        kind = change[0]
        try:
            if kind == "copy" and isinstance(target, np.ndarray):
                new = self._decode(change[1])
                if isinstance(new, np.ndarray) and new.shape == target.shape:
                    np.copyto(target, new, casting="unsafe")
            elif kind == "items" and isinstance(target, (dict, list, tuple)):
                for step in change[1]:
                    op, key = step[0], step[1]
                    if op == "extend" and isinstance(target, list):
                        target.extend(self._decode(step[2]))
                    elif op == "truncate" and isinstance(target, list):
                        del target[key:]
                    elif op == "set" and not isinstance(target, tuple):
                        target[key] = self._decode(step[2])
                    elif op == "del" and isinstance(target, dict):
                        target.pop(key, None)
                    elif op == "in":
                        self._mirror(target[key], step[2])
        except (KeyError, IndexError, TypeError, ValueError):
            pass     # the caller's object no longer has that shape; nothing sensible to mirror

    def _spare_key(self):
        return (os.getpid(), self.submission_dir, self.limits, tuple(self.hidden), self.user)

    def __repr__(self):
        state = "alive" if self.alive else "dead"
        return f"<SubmissionWorker {self.submission_dir} ({state})>"


@dataclass
class _Launched:
    """A forked worker whose hello has not been read yet."""
    process: _WorkerProcess
    channel: _Channel
    mode: isolation.Mode
    index: int

    def discard(self):
        self.channel.close()
        self.process.release()


_spares = {}                          # SubmissionWorker._spare_key() -> _Launched
_spares_lock = threading.Lock()


def _take_spare(key):
    with _spares_lock:
        return _spares.pop(key, None)


def _put_spare(key, launched):
    with _spares_lock:
        old, _spares[key] = _spares.get(key), launched
    if old is not None:
        old.discard()


from .warm_up import warm_up  # noqa: E402 - the sandbox's zygote started in the background (grading runs call it)


def discard_spares():
    """End every spare worker (a grading run calls this when it is done)."""
    with _spares_lock:
        spares = list(_spares.values())
        _spares.clear()
    for spare in spares:
        spare.discard()


atexit.register(discard_spares)


def _release(process, channel):
    channel.close()
    process.release()


def _strings(items):
    return [str(s)[:500] for s in items] if isinstance(items, list) else []


def worker_message(text):
    """`text` from the worker with each of its own messages (wire.WORKER_MESSAGES) in the chosen language."""
    from autograder.translation import MessagePattern

    for template in wire.WORKER_MESSAGES:
        found = MessagePattern(template, error=".*", megabytes=r"[\d.]+", limit=r"[\d.]+", shape=r"\(.*?\)").search(text)
        if found:
            text = text[:found.start()] + translated(template).format(**found.groupdict()) + text[found.end():]
    return text


def _remote_error(err):
    err = err if isinstance(err, dict) else {}
    type_name, message = str(err.get("type", "Exception"))[:100], worker_message(str(err.get("message", "")))
    if type_name == "NotPlainData":
        return wire.NotPlainData(message)
    return RemoteError(type_name, message, worker_message(str(err.get("traceback", ""))))


def _read_pipe(fd, wait):
    """What the (non-blocking) pipe holds: the first bytes waited for up to `wait` s, then until it is quiet."""
    chunks, size, quiet = [], 0, wait
    while size < STACK_DUMP_BYTES:
        readable, _, _ = select.select([fd], [], [], quiet)
        if not readable:
            break
        try:
            data = os.read(fd, STACK_DUMP_BYTES - size)
        except BlockingIOError:
            continue
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
        size += len(data)
        quiet = 0.05 if wait else 0
    return b"".join(chunks).decode("utf-8", "replace")


def stuck_at(dump, scratch, submission_dir):
    """The innermost frame of the serving thread that lies in one of the submission's files:
    {"file": path relative to the submission, "line": N, "function": name, "code": that line} or None.

    dump: faulthandler's text. The serving thread is the one running the worker's session
    (worker_session.py); without it, the first thread that shows a submission frame. Paths
    outside the submission (the grader's, NumPy's, a forged co_filename) are never returned,
    and the line's text is read from the grader's own copy of the submission.
    """
    if not dump or not scratch:
        return None
    threads, current = [], None
    for line in dump.splitlines():
        if _DUMP_THREAD.match(line):
            current = []
            threads.append(current)
        elif current is not None and (frame := _DUMP_FRAME.match(line)):
            current.append((frame["file"], int(frame["line"]), frame["function"]))
    threads.sort(key=lambda frames: not any(f.endswith("/worker_session.py") for f, _, _ in frames))
    prefix = scratch.rstrip("/") + "/"
    root = os.path.realpath(submission_dir)
    for frames in threads:
        for path, number, function in frames:
            if not path.startswith(prefix):
                continue
            relative = os.path.normpath(path[len(prefix):])
            local = os.path.realpath(os.path.join(root, relative))
            if (relative.startswith("..") or os.path.isabs(relative) or not relative.endswith(".py")
                    or not local.startswith(root + os.sep) or not os.path.isfile(local)):
                continue
            return {"file": relative.replace(os.sep, "/"), "line": number, "function": function[:100],
                    "code": _line_of(local, number)}
    return None


def _line_of(path, number):
    try:
        with open(path, encoding="utf-8", errors="replace") as source:
            for index, text in enumerate(source, 1):
                if index == number:
                    return text.strip()[:200]
                if index > number:
                    break
    except OSError:
        pass
    return ""
