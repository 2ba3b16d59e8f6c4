"""`autograder batch --executor dask`: a real distributed.LocalCluster of worker processes, the same store.

The cluster is started here (worker processes, no network beyond localhost)
and the batch connects to its scheduler's address, as it would to a
dask-jobqueue or Kubernetes cluster.
"""
import csv
import subprocess
import sys

import pytest

from .conftest import REPO, solved, stubs

distributed = pytest.importorskip("distributed", reason="the cluster extra (dask[distributed]) is not installed")
ONLY = "functions.sigmoid,functions.relu"


def gradebook(out):
    with open(out / "gradebook.csv", newline="") as file:
        return {row["submission"]: row for row in csv.DictReader(file)}


def batch(*args):
    done = subprocess.run([sys.executable, "-m", "autograder", "batch", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def test_a_class_graded_on_dask_workers_matches_the_local_batch_and_resumes(cluster, tmp_path):
    folder = tmp_path / "class"
    solved(folder / "alice")
    stubs(folder / "bob")
    (solved(folder / "carol") / "functions.py").write_text("def sigmoid(x:\n")
    local, remote = tmp_path / "local", tmp_path / "dask"
    code, _, stderr = batch(folder, "--out", local, "--only", ONLY, "--seed", 4)
    assert code == 0, stderr
    code, stdout, stderr = batch(folder, "--out", remote, "--only", ONLY, "--seed", 4, "--executor", "dask",
                                 "--scheduler", cluster.scheduler_address)
    assert code == 0, stdout + stderr
    assert "done: 3 recorded" in stderr
    columns = ("total", "max_total", "percent", "errors", "functions.sigmoid", "functions.relu")
    expected, got = gradebook(local), gradebook(remote)
    assert {n: [r[c] for c in columns] for n, r in got.items()} == {n: [r[c] for c in columns]
                                                                    for n, r in expected.items()}
    assert got["alice"]["total"] == got["alice"]["max_total"] != "0" and got["bob"]["total"] == "0"
    assert sorted(p.name for p in (remote / "results").iterdir()) == ["alice.json", "bob.json", "carol.json"]
    assert not list((remote / "logs").iterdir())           # fine submissions leave no log
    solved(folder / "bob")                                  # a resubmission, graded on the cluster
    code, _, stderr = batch(folder, "--out", remote, "--only", ONLY, "--executor", "dask",
                            "--scheduler", cluster.scheduler_address)
    assert code == 0 and "1 changed since graded, regraded" in stderr and "2 already graded, skipped" in stderr
    assert gradebook(remote)["bob"]["total"] == got["alice"]["total"]


def test_dask_without_a_scheduler_says_what_to_give(tmp_path):
    solved(tmp_path / "class" / "alice")
    code, _, stderr = batch(tmp_path / "class", "--out", tmp_path / "out", "--executor", "dask")
    assert code == 2 and "--scheduler ADDRESS" in stderr
