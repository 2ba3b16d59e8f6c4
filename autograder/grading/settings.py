"""What one grading run grades and how: shared by the runner and the hidden suites' fixtures."""
from dataclasses import dataclass, field

import pytest

DEFAULT_CALL_TIMEOUT = 10.0   # seconds per call into the submission (missions set their own)
# Address space of the worker: the reference grades whole within 384 MB, and Gradescope's
# default machine has 768 MB for the grader and the worker together.
DEFAULT_MEMORY_MB = 512
DEFAULT_OUTPUT_CHARS = 2000   # of the student's printed output kept per call
# Seconds for a whole run: the reference grades in ~4 s, a loaded machine in ~20 s; past it the
# remaining checks are recorded as not run (a submission stalling every call cannot take hours).
DEFAULT_BUDGET = 300.0
# The missions' splits, class renamings and training seeds come from the course seed, not the
# grading seed, so the same honest mission code scores the same for every student of a course.
# Instructors set their own (`--course-seed N`); this default is public, like the kit.
DEFAULT_COURSE_SEED = 0


def default_lanes():
    """Checks run at once: 2 (the missions on a second core) where this process may use two CPUs."""
    import os

    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):        # macOS, Windows
        cpus = os.cpu_count() or 1
    return 2 if cpus >= 2 else 1


@dataclass
class GradingSettings:
    """The submission directory, the seeds and the worker's limits.

    seed: the grading seed (the unit checks' fresh inputs); course_seed: the
    missions' splits and training seeds, one per course. lanes: 1 runs the tests
    one after the other; 2 also runs the tests marked background (the missions) in
    a second thread, each with its own worker (autograder/grading/background_checks.py).

    Also collects what the workers report while the run goes: the sandbox's
    protections, the workers' statistics, and the modules whose import stopped a
    worker (so later checks of that module fail at once instead of waiting for
    another timeout).
    """

    submission_dir: str
    seed: int
    course_seed: int = DEFAULT_COURSE_SEED
    call_timeout: float = DEFAULT_CALL_TIMEOUT
    memory_mb: int = DEFAULT_MEMORY_MB
    output_chars: int = DEFAULT_OUTPUT_CHARS
    hidden_paths: list = field(default_factory=list)   # more paths the worker must not see (--out dirs)
    budget: float | None = DEFAULT_BUDGET              # seconds for the whole run (None: no budget)
    lanes: int = field(default_factory=default_lanes)  # 2: the background tests on a second core
    deadline: float | None = None                      # time.monotonic() when the budget runs out
    protections: list = field(default_factory=list)
    worker_stats: list = field(default_factory=list)
    import_failures: dict = field(default_factory=dict)
    _notebook_lines: object = field(default=None, repr=False)

    def start_clock(self):
        """The budget starts now."""
        import time

        self.deadline = None if self.budget is None else time.monotonic() + self.budget

    def budget_spent(self):
        import time

        return self.deadline is not None and time.monotonic() >= self.deadline

    def worker_limits(self):
        from autograder.sandbox import Limits

        return Limits(call_timeout=self.call_timeout, memory_mb=self.memory_mb, output_chars=self.output_chars)

    def prepare_workers(self):
        """Fork the first worker in a thread while pytest collects the suites; returns the thread
        (join it before discarding the spares)."""
        import threading

        from autograder.sandbox import SubmissionWorker

        thread = threading.Thread(target=SubmissionWorker.prepare_spare, name="kit-prepare-worker", daemon=True,
                                  args=(self.submission_dir, self.worker_limits()),
                                  kwargs={"hide": tuple(self.hidden_paths)})
        thread.start()
        return thread

    def start_submission(self):
        """A RemoteSubmission over a fresh SubmissionWorker for this submission."""
        from autograder.checks.submission import RemoteSubmission
        from autograder.sandbox import SubmissionWorker

        worker = SubmissionWorker(self.submission_dir, self.worker_limits(), hide=tuple(self.hidden_paths),
                                  run_deadline=self.deadline, spare=True)
        for protection in getattr(worker, "protections", None) or ():
            if protection not in self.protections:
                self.protections.append(protection)
        return RemoteSubmission(worker, import_failures=self.import_failures, on_close=self.worker_stats.append,
                                lines=self.notebook_lines())

    def notebook_lines(self):
        """The NotebookLines of the submission's modules (empty unless they were made from notebooks)."""
        if self._notebook_lines is None:
            from autograder.notebook_intake import NotebookLines

            self._notebook_lines = NotebookLines.of_folder(self.submission_dir) if self.submission_dir \
                else NotebookLines()
        return self._notebook_lines


#: Where the grading plugin leaves the run's GradingSettings for the hidden suites' fixtures.
SETTINGS_KEY = pytest.StashKey[GradingSettings]()
