"""Step 3: run the grading processes, at most `jobs` at a time, one per submission.

The pool is a plain polling loop over subprocesses in the main thread: the
processes do the work (each starts its own sandboxed workers), so there is
nothing for threads to do, and signals reach the one place that handles them.

SIGINT (Ctrl-C) and SIGTERM stop the batch cleanly: no new process starts,
the running ones get SIGTERM (they exit without writing, see grade_one.py),
and whatever is not recorded is graded by the next run. A process that runs
longer than `wall_limit` is killed and reported as timed out.
"""
import os
import signal
import subprocess
import time
from dataclasses import dataclass

INTERRUPTED = 130            # exit code of a grading process that was stopped (it wrote nothing)
POLL_SECONDS = 0.1
STOP_GRACE_SECONDS = 15.0    # for a stopped grading process to close its workers and exit
DEFAULT_WALL_LIMIT = 900.0   # seconds per submission; the per-call timeouts usually end things first


@dataclass
class Finished:
    """How one grading process ended: returncode (None when killed at the wall limit), seconds, log."""
    key: object
    returncode: int | None
    seconds: float
    log_path: str
    timed_out: bool = False


class StopRequested(Exception):
    """The batch got SIGINT or SIGTERM."""


class GradingPool:
    """Runs commands, `jobs` at a time; `run(tasks, on_finished, on_tick)`.

    tasks: (key, argv, env, log_path) tuples; on_finished(Finished) is called as
    each process ends; on_tick(running_keys) about ten times a second.
    """

    def __init__(self, jobs=1, wall_limit=DEFAULT_WALL_LIMIT):
        self.jobs = max(1, int(jobs))
        self.wall_limit = wall_limit
        self.stop_signal = None

    def run(self, tasks, on_finished, on_tick=lambda running: None):
        """Run every task; raises StopRequested (after the running ones are stopped) on SIGINT/SIGTERM."""
        pending = list(tasks)
        pending.reverse()
        running = {}                                  # key -> (Popen, started, log_path, log file)
        previous = {sig: signal.signal(sig, self._request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            while pending or running:
                while pending and len(running) < self.jobs and self.stop_signal is None:
                    key, argv, env, log_path = pending.pop()
                    log = open(log_path, "wb")
                    process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                               stderr=subprocess.STDOUT, start_new_session=True)
                    running[key] = (process, time.monotonic(), log_path, log)
                if self.stop_signal is not None:
                    self._stop_all(running)
                    raise StopRequested(signal.Signals(self.stop_signal).name)
                for key, (process, started, log_path, log) in list(running.items()):
                    elapsed = time.monotonic() - started
                    timed_out = process.poll() is None and elapsed > self.wall_limit
                    if timed_out:
                        _kill(process)
                    if process.poll() is None:
                        continue
                    log.close()
                    del running[key]
                    on_finished(Finished(key, None if timed_out else process.returncode, elapsed, log_path,
                                         timed_out))
                on_tick(list(running))
                time.sleep(POLL_SECONDS)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            for process, _, _, log in running.values():   # only when on_finished itself raised
                _kill(process)
                log.close()

    def _request_stop(self, signum, frame):
        if self.stop_signal is None:
            self.stop_signal = signum

    @staticmethod
    def _stop_all(running):
        """SIGTERM every grading process, give them STOP_GRACE_SECONDS, SIGKILL what is left."""
        for process, _, _, _ in running.values():
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process, _, _, log in running.values():
            try:
                process.wait(max(deadline - time.monotonic(), 0.01))
            except subprocess.TimeoutExpired:
                _kill(process)
            log.close()
        running.clear()


def _signal_group(process, signum):
    try:
        os.killpg(process.pid, signum)    # start_new_session: the group id is the process's pid
    except (ProcessLookupError, PermissionError):
        pass


def _kill(process):
    _signal_group(process, signal.SIGKILL)
    process.wait()
