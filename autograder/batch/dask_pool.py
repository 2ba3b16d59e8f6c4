"""Step 3 on a Dask cluster: one task per submission, results streamed back into the batch's store.

    autograder batch SUBMISSIONS --out DIR --executor dask --scheduler tcp://scheduler:8786
    autograder batch SUBMISSIONS --out DIR --executor dask --scheduler local --jobs 4

Each task runs the same grading process as the local pool (grade_one.py, its
sandbox and wall limit) on a Dask worker, and sends back the record it wrote
and its output; the batch writes them into DIR/results/ and DIR/logs/ as they
arrive, so the store, the resume and the reports are those of a local batch.

What the workers need: the kit and its Python packages (same versions), and
the submissions at the same path as on the machine running the batch (a
shared file system); DIR stays on the batch's machine. `--scheduler local`
starts a `distributed.LocalCluster` of `--jobs` worker processes here (one
thread each). dask-jobqueue (SLURM, PBS, ...) and dask-kubernetes clusters
are used through their scheduler's address. Needs `pip install ".[cluster]"`.
"""
import os
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from autograder.reports import write_atomically

from .pool import DEFAULT_WALL_LIMIT, Finished, StopRequested

LOG_LIMIT = 200_000        # characters of a grading process's output sent back


class DaskPool:
    """Runs the batch's tasks on a Dask cluster; `run(tasks, on_finished, on_tick)` as GradingPool's."""

    def __init__(self, scheduler, jobs=1, wall_limit=DEFAULT_WALL_LIMIT):
        self.scheduler, self.jobs, self.wall_limit = scheduler, max(1, int(jobs)), wall_limit

    def run(self, tasks, on_finished, on_tick=lambda running: None):
        from distributed import Client, LocalCluster, as_completed

        cluster = None
        if self.scheduler == "local":
            cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(self.scheduler, timeout=30)
        previous = signal.signal(signal.SIGTERM, _interrupt)
        futures = {}
        try:
            for key, argv, env, log_path in tasks:
                record = _option(argv, "--record")
                future = client.submit(grade_on_worker, argv, env, self.wall_limit, pure=False,
                                       key=f"grade-{key}-{os.urandom(4).hex()}")
                futures[future] = (key, record, log_path)
            running = {key for key, _, _ in futures.values()}
            for future in as_completed(list(futures)):
                key, record, log_path = futures[future]
                try:
                    outcome = future.result()
                except Exception as error:  # noqa: BLE001 - a lost worker costs one submission, not the batch
                    outcome = {"returncode": 1, "record": None, "log": f"the Dask task failed: {error!r}",
                               "seconds": 0.0, "timed_out": False}
                if outcome["record"] is not None and outcome["returncode"] == 0:
                    write_atomically(record, outcome["record"])
                write_atomically(log_path, outcome["log"])
                running.discard(key)
                on_finished(Finished(key, outcome["returncode"], outcome["seconds"], log_path, outcome["timed_out"]))
                on_tick(sorted(running))
        except KeyboardInterrupt:
            client.cancel(list(futures))
            raise StopRequested("SIGINT") from None
        finally:
            signal.signal(signal.SIGTERM, previous)
            client.close()
            if cluster is not None:
                cluster.close()


def grade_on_worker(argv, env, wall_limit):
    """On a Dask worker: run one grading process, return its record's text, output and exit status."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kit-dask-") as scratch:
        record = Path(scratch) / "record.json"
        argv = _with_option(_with_option(argv, "--record", str(record)), "--parent", str(os.getpid()))
        process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        timed_out = False
        try:
            output, _ = process.communicate(timeout=wall_limit)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            output, _ = process.communicate()
        text = record.read_text(encoding="utf-8") if record.is_file() else None
    return {"returncode": None if timed_out else process.returncode, "record": text,
            "log": output.decode("utf-8", "replace")[-LOG_LIMIT:], "seconds": time.monotonic() - started,
            "timed_out": timed_out}


def _option(argv, name):
    return argv[argv.index(name) + 1]


def _with_option(argv, name, value):
    argv = list(argv)
    argv[argv.index(name) + 1] = value
    return argv


def _interrupt(signum, frame):
    raise KeyboardInterrupt
