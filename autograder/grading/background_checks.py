"""Long checks (the missions' training) on a second core while the other checks run.

A hidden test marked `@pytest.mark.background(cost=C)` starts as soon as
collection ends, in a thread of the grading process, with a sandboxed worker of
its own. The thread takes the marked tests cheapest first (C: a weight, e.g. a
mission's time limit times its splits); the main lane grades the units, then
takes them from the other end, costliest first: when it reaches one it runs it
itself if the thread has not started it yet, or waits for it. So on two cores
the thread trains the smaller missions while the units are graded and the main
lane trains the largest after them.

The outcome is the one the test would have had in the main lane: the same test
function, the same draws (the generators come from the seeds and the test's
name only, `generator_for_test`), a fresh worker as every test module gets, its
feedback, its CheckFailed and its advice. Only the order in which the checks
run changes; the report keeps the collection order.

Tests taking fixtures other than sub, rng, course_rng and record_property are
never run in the background. With one lane (one core, or `--lanes 1` as
`autograder batch --jobs N` asks of each grading process) nothing changes.
"""
import hashlib
import inspect
import threading
import time

import numpy as np
import pytest

BACKGROUND_MARKER = "background"
#: The fixtures a background test may take (built here for it, as the hidden suites build them).
BACKGROUND_FIXTURES = frozenset({"sub", "rng", "course_rng", "record_property"})
#: Fixtures those need in turn (an autouse fixture, or any other, keeps a test in the main lane).
SUPPORTING_FIXTURES = frozenset({"request", "_worker_submission"})
#: Where the grading plugin leaves the run's BackgroundChecks for the `sub` fixture.
BACKGROUND_KEY = pytest.StashKey["BackgroundChecks"]()
STOP_WAIT_SECONDS = 10.0   # at the end of a cut-short run, how long to wait for the thread


def generator_for_test(seed, item):
    """The Generator of one test: from `seed` and the test's own name only (module::function).

    Neither --only, nor the order of the tests, nor the lane changes what a test draws.
    """
    name = f"{item.module.__name__.rsplit('.', 1)[-1]}::{item.name}"
    digest = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "little")
    return np.random.default_rng([seed, digest])


def cost_of(item):
    """The background marker's cost (0 when not given)."""
    marker = item.get_closest_marker(BACKGROUND_MARKER)
    return float(marker.kwargs.get("cost", 0)) if marker is not None else 0.0


def runs_in_background(item):
    """Whether `item` is marked background and takes only fixtures this module can build."""
    if item.get_closest_marker(BACKGROUND_MARKER) is None:
        return False
    try:
        wanted = set(inspect.signature(item.function).parameters)
    except (TypeError, ValueError):
        return False
    closure = set(getattr(item, "fixturenames", ()) or ())
    return wanted <= BACKGROUND_FIXTURES and closure <= BACKGROUND_FIXTURES | SUPPORTING_FIXTURES


class BackgroundJob:
    """One background test: its state, then its outcome.

    properties: what the test recorded with record_property; error: what it raised (None: passed);
    sub: the RemoteSubmission it ran on (closed, its advice kept); seconds: how long it ran.
    """

    def __init__(self, item):
        self.item = item
        self.state = "waiting"           # waiting, running, done
        self.done = threading.Event()
        self.properties, self.error, self.sub, self.seconds = [], None, None, None
        self.skipped = False             # not run: the run's time budget was spent when its turn came

    @property
    def advice(self):
        return list(getattr(self.sub, "advice", None) or [])


class BackgroundChecks:
    """The background lane of one grading run (settings: its GradingSettings)."""

    def __init__(self, settings):
        self.settings = settings
        self.jobs = {}                   # nodeid -> BackgroundJob, in the order the thread takes them
        self._lock = threading.Lock()
        self._thread = None
        self._stopping = False

    def main_lane_order(self, items):
        """`items` with the background tests moved to the end, costliest first (the thread takes them
        cheapest first, the main lane from the other end)."""
        background = sorted((item for item in items if runs_in_background(item)), key=cost_of)
        self.jobs = {item.nodeid: BackgroundJob(item) for item in background}
        return [item for item in items if not runs_in_background(item)] + background[::-1]

    def start(self, items):
        """Start the thread on the background tests among the `items` that will run (after main_lane_order:
        the thread takes them cheapest first)."""
        running = {item.nodeid for item in items}
        self.jobs = {nodeid: job for nodeid, job in self.jobs.items() if nodeid in running}
        if self.jobs:
            self._thread = threading.Thread(target=self._work, name="kit-background-checks", daemon=True)
            self._thread.start()

    def handles(self, item):
        return item.nodeid in self.jobs

    def outcome(self, item):
        """The finished BackgroundJob of `item`: run here if the thread has not started it, else waited for."""
        job = self.jobs[item.nodeid]
        if self._claim(job, main_lane=True):
            self._run(job)
        job.done.wait()
        return job

    def finished(self, item):
        """Whether `item` is a background test that ran to its end (its outcome stands, budget or not)."""
        job = self.jobs.get(item.nodeid)
        return job is not None and job.done.is_set() and not job.skipped

    def stop(self):
        """End of the run: start no more jobs; a job still running (the run was cut short) is stopped."""
        with self._lock:
            self._stopping = True
            running = [job for job in self.jobs.values() if job.state == "running"]
        for job in running:
            worker = getattr(job.sub, "worker", None)
            if worker is not None:
                worker.abort()
        if self._thread is not None:
            self._thread.join(STOP_WAIT_SECONDS)

    # ------------------------------------------------------------ the thread

    def _work(self):
        for job in list(self.jobs.values()):
            if self._claim(job):
                self._run(job)

    def _claim(self, job, main_lane=False):
        with self._lock:
            if job.state != "waiting" or (self._stopping and not main_lane):
                return False
            job.state = "running"
            return True

    def _run(self, job):
        started = time.perf_counter()
        try:
            if self.settings.budget_spent():
                job.skipped = True       # the main lane records it as not run, for the budget
                job.error = RuntimeError("not run: the time budget was spent")
                return
            job.sub = self.settings.start_submission()
            job.sub.begin_check()
            arguments = {"sub": job.sub, "rng": generator_for_test(self.settings.seed, job.item),
                         "course_rng": generator_for_test(self.settings.course_seed, job.item),
                         "record_property": lambda name, value: job.properties.append((name, value))}
            wanted = inspect.signature(job.item.function).parameters
            job.item.function(**{name: arguments[name] for name in wanted})
        except BaseException as error:   # noqa: BLE001 - handed to the main lane, raised there
            job.error = error
        finally:
            if job.sub is not None:
                try:
                    job.sub.close()
                except Exception:  # noqa: BLE001 - the outcome is known; a worker that will not close is killed
                    pass
            job.seconds = time.perf_counter() - started
            job.state = "done"
            job.done.set()
