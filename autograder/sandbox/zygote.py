"""The grader's end of the zygote: one process per grader that imports NumPy once and forks every worker.

Starting a worker from scratch costs a Python start and a NumPy import (~0.1 s,
nine times per submission). The zygote (worker_main.zygote) pays that once;
each worker is then a fork of it that confines itself as before (fresh
namespaces, a private root, its own copy of the submission), so modules stay
as isolated from one another as with a fresh interpreter each.

    process = zygote_for(extra_sys_path).fork(config, rpc_fd)   # a ForkedWorker
    process.exit_status(1.0)       # ("exit", code) / ("signal", number) / None while it runs

The zygote dies with the grader (parent-death signal) and ends when the grader
closes its socket. It never runs student code.
"""
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from .remote import WorkerDied

WORKER_MAIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker_main.py")
START_TIMEOUT = 60.0
FORK_TIMEOUT = 10.0

_lock = threading.Lock()
_zygotes = {}                     # (grader pid, extra_sys_path) -> Zygote


class ForkedWorker:
    """One worker's supervisor process (a child of the zygote): its pid and how it ended.

    The supervisor writes the worker's exit status on a pipe whose read end we hold.
    """

    def __init__(self, pid, status_fd, stack_fd=None):
        self.pid, self.status_fd, self.status = pid, status_fd, None
        self.stack_fd = stack_fd      # read end of the pipe the worker dumps its stack into (SIGUSR1)

    def exit_status(self, seconds=0.0):
        """("exit", code) or ("signal", number) once the worker has ended; None while it runs."""
        if self.status is None and self.status_fd is not None:
            readable, _, _ = select.select([self.status_fd], [], [], max(seconds, 0))
            if readable:
                data = os.read(self.status_fd, 64).decode("ascii", "replace").split()
                os.close(self.status_fd)
                self.status_fd = None
                if len(data) == 2 and data[0] in ("exit", "signal") and data[1].isdigit():
                    self.status = (data[0], int(data[1]))
                else:                  # the supervisor itself was killed
                    self.status = ("signal", signal.SIGKILL)
        return self.status

    def close(self):
        if self.status_fd is not None:
            os.close(self.status_fd)
            self.status_fd = None
        if self.stack_fd is not None:
            os.close(self.stack_fd)
            self.stack_fd = None


class Zygote:
    """A running zygote and the socket to ask it for workers."""

    def __init__(self, extra_sys_path, env):
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        base = {"control_fd": child.fileno(), "grader_pid": os.getpid(), "extra_sys_path": list(extra_sys_path)}
        self.log = tempfile.TemporaryFile()        # unlinked: nothing stays behind
        self.process = subprocess.Popen(
            [sys.executable, "-I", WORKER_MAIN, json.dumps(base)], pass_fds=(child.fileno(),),
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log, env=env, cwd="/",
            start_new_session=True)
        child.close()
        self.control, self.lock, self.ready = parent, threading.Lock(), False

    def _wait_ready(self):
        """The zygote's first message says it has imported everything (waited for once)."""
        if self.ready:
            return
        try:
            reply = self._reply(START_TIMEOUT)
        except (OSError, ValueError, EOFError) as error:
            reply = {"error": str(error)}
        if not reply.get("ready"):
            raise WorkerDied("the sandbox's zygote process did not start: " + (self.log_tail() or str(reply)))
        self.ready = True

    def fork(self, config, rpc_fd):
        """A new worker (ForkedWorker) started from `config`, talking on `rpc_fd` (passed to it)."""
        status_read, status_write = os.pipe()
        stack_read, stack_write = os.pipe()
        os.set_blocking(stack_read, False)
        try:
            with self.lock:
                self._wait_ready()
                socket.send_fds(self.control, [json.dumps(config).encode()], [rpc_fd, status_write, stack_write])
                pid = self._reply(FORK_TIMEOUT).get("pid")
        except WorkerDied:
            os.close(status_read)
            os.close(stack_read)
            raise
        except (OSError, ValueError, EOFError) as error:      # TimeoutError is an OSError
            os.close(status_read)
            os.close(stack_read)
            raise WorkerDied(f"the sandbox's zygote process stopped answering ({error}): "
                             + self.log_tail()) from None
        finally:
            os.close(status_write)
            os.close(stack_write)
        if type(pid) is not int:
            os.close(status_read)
            os.close(stack_read)
            raise WorkerDied("the sandbox's zygote process could not fork a worker")
        return ForkedWorker(pid, status_read, stack_read)

    def _reply(self, seconds):
        deadline = time.monotonic() + seconds
        self.control.settimeout(seconds)
        data = self.control.recv(4096)
        if not data:
            raise EOFError("the zygote closed its socket")
        if time.monotonic() > deadline:
            raise TimeoutError
        return json.loads(data)

    def alive(self):
        return self.process.poll() is None

    def log_tail(self):
        try:
            self.log.seek(0)
            return self.log.read()[-2000:].decode("utf-8", "replace").strip()
        except OSError:
            return ""

    def close(self):
        """Let the zygote go (its workers, if any, are killed by their supervisors)."""
        self.control.close()
        try:
            self.process.wait(2.0)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def warm_up(extra_sys_path, env):
    """Start the zygote now, without waiting: it imports NumPy while the grader does other work."""
    zygote_for(extra_sys_path, env)


def zygote_for(extra_sys_path, env):
    """The zygote of this grader process, started on first use (again after a fork or a crash);
    it may still be importing (fork() waits for it)."""
    key = (os.getpid(), tuple(extra_sys_path))
    with _lock:
        zygote = _zygotes.get(key)
        if zygote is None or not zygote.alive():
            if zygote is not None:
                zygote.close()
            zygote = _zygotes[key] = Zygote(extra_sys_path, env)
        return zygote


def fork_worker(extra_sys_path, env, config, rpc_fd):
    """zygote_for(...).fork(config, rpc_fd), with one retry on a fresh zygote if it died meanwhile."""
    try:
        return zygote_for(extra_sys_path, env).fork(config, rpc_fd)
    except WorkerDied:
        with _lock:
            stale = _zygotes.pop((os.getpid(), tuple(extra_sys_path)), None)
        if stale is not None:
            stale.close()
        return zygote_for(extra_sys_path, env).fork(config, rpc_fd)
