"""DIR/results/<name>.json: one record per submission, written whole as soon as it is known.

A record is the kit's JSON, that is a valid Gradescope results.json (what
`autograder grade --format json` writes), with two more keys in `extra_data`:

- `graded`: true when the hidden suites ran (whatever the score), false when the
  submission could not be graded (not a submission, notebooks, the grader
  crashed or ran out of time): such a record has no test, and the gradebook
  leaves its cells empty rather than inventing zeros;
- `error`: the run's grading problem or why it was not graded, in full
  (the top-level `output` shows it shortened);
- `graded_at` (when the record was written, UTC), `content_hash` (what the
  submission held: batch/content_hash.py), `submitted_at` and
  `submitted_from` (when it was made and where that time came from:
  autograder/late_work/submission_time.py).

A record on disk means "done": a rerun skips it. `read` turns a record back
into a GradingRun for the gradebook and the class report.
"""
import json
from datetime import datetime, timezone
from pathlib import Path

from autograder.grading import kit_version
from autograder.reports import GradescopeReport, write_atomically
from autograder.results import GradingRun, TestResult

RESULTS_FOLDER = "results"
DETAIL_KEYS = ("graded_at", "content_hash", "submitted_at", "submitted_from")


class ResultsStore:
    """The records of one batch, in `out_dir/results/`."""

    def __init__(self, out_dir):
        self.folder = Path(out_dir) / RESULTS_FOLDER

    def path(self, name):
        return self.folder / f"{name}.json"

    def state(self, name):
        """"graded", "ungraded", or None when there is no readable record."""
        record = self._load(name)
        if record is None:
            return None
        return "graded" if record["extra_data"].get("graded", True) else "ungraded"

    def write_graded(self, name, run, details=None):
        write_record(self.path(name), run, graded=True, details=details)

    def write_ungraded(self, name, label, seed, error, details=None):
        write_record(self.path(name), ungraded_run(label, seed, error), graded=False, details=details)

    def details(self, name):
        """{graded_at, content_hash, submitted_at, submitted_from} of the record (missing keys: None)."""
        record = self._load(name) or {"extra_data": {}}
        return {key: record["extra_data"].get(key) for key in DETAIL_KEYS}

    def read(self, name):
        """(run, error) of the record: (GradingRun, None) graded; (None, error) not graded; (None, None) absent."""
        record = self._load(name)
        if record is None:
            return None, None
        extra = record["extra_data"]
        if not extra.get("graded", True):
            return None, extra.get("error") or "not graded"
        return run_from_record(record), None

    def _load(self, name):
        try:
            with open(self.path(name), encoding="utf-8") as file:
                record = json.load(file)
        except (OSError, ValueError):
            return None
        if not isinstance(record, dict) or not isinstance(record.get("extra_data"), dict):
            return None
        return record


def write_record(path, run, graded, details=None):
    """Write `run` to `path` as the kit's JSON with extra_data.graded, .error and the details, atomically.

    details: content_hash, submitted_at, submitted_from (graded_at is now).
    """
    record = GradescopeReport().to_dict(run)
    record["extra_data"]["graded"] = bool(graded)
    record["extra_data"]["error"] = run.error
    record["extra_data"]["graded_at"] = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for key, value in (details or {}).items():
        if key in DETAIL_KEYS and key != "graded_at" and value:
            record["extra_data"][key] = value
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps(record, indent=2, ensure_ascii=False) + "\n")


def ungraded_run(label, seed, error):
    """The run recorded for a submission that could not be graded: no test, the reason as its error."""
    return GradingRun(submission=label, seed=int(seed), kit_version=kit_version(), tests=[], error=error)


def run_from_record(record):
    """The GradingRun a record (the kit's JSON) was written from, as far as the report and gradebook need."""
    extra = record["extra_data"]
    tests = [TestResult(name=test["name"], unit=test["extra_data"]["unit"], max_score=float(test["max_score"]),
                        score=float(test["score"]), passed=test["status"] == "passed",
                        output=test.get("output", ""), diagnosis=test["extra_data"].get("diagnosis"),
                        duration=float(test["extra_data"].get("duration", 0.0)), number=test.get("number", ""))
             for test in record.get("tests", [])]
    return GradingRun(submission=extra.get("submission", ""), seed=int(extra.get("seed", 0)),
                      kit_version=extra.get("kit_version", ""), tests=tests,
                      execution_time=float(record.get("execution_time", 0.0)), error=extra.get("error"),
                      protections=list(extra.get("protections", [])))
