"""How well and how fast a submission's missions train, over many seeded stratified splits.

    python bench/missions.py                     # the reference solutions, 20 splits
    python bench/missions.py --splits 5 --submission exercises

For each mission, split i (i = 0 .. N-1) is `stratified_split(..., seed=i)` drawn by the
kit's own `solutions.data` (whatever the submission ships), and `train(x_train, t_train,
seed=i)` and `model.predict(x_test)` are timed together, wall clock, as the grader times
them. Printed: the mean, min and max test accuracy, how many splits reach the per-split
bar, the time of train() and predict() (mean, max), and the machine the figures come from.
How the grader judges honest and gaming designs: bench/mission_designs.py.
"""
import argparse
import datetime
import importlib
import importlib.machinery
import importlib.util
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # `python bench/missions.py` puts bench/ first, not the root
    sys.path.insert(0, str(REPO_ROOT))

from solutions.data import load_digit_images, load_digits, load_iris, stratified_split  # noqa: E402

DEFAULT_SPLITS = 20
SUBMISSION_PACKAGE = "submission"
BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass(frozen=True)
class Mission:
    """One mission: its module, its data, its split sizes and the per-split accuracy bar."""

    module: str
    load: Callable  # () -> (x, t)
    train_size: int
    split_bar: float


MISSIONS = (
    Mission("iris_mission", load_iris, train_size=100, split_bar=0.93),      # 100/50 flowers
    Mission("digits_mission", load_digits, train_size=1200, split_bar=0.95),  # 1200/597 images
    Mission("cnn_mission", load_digit_images, train_size=1200, split_bar=0.96),  # the same, as (N, 1, 8, 8)
)


def load_submission(folder):
    """Import `folder` as the package `submission`, with the folder on sys.path too.

    So both relative (`from .layers import Affine`) and plain (`from layers import
    Affine`) imports work inside it, as DESIGN.md says. Returns the package.
    """
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise SystemExit(f"submission folder not found: {folder}")
    spec = importlib.machinery.ModuleSpec(SUBMISSION_PACKAGE, None, is_package=True)
    spec.submodule_search_locations = [str(folder)]
    package = importlib.util.module_from_spec(spec)
    sys.modules[SUBMISSION_PACKAGE] = package
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    return package


def blas_description():
    """The BLAS NumPy uses and its thread count, as far as can be told without extra packages."""
    name = "unknown BLAS"
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        name = f"{blas.get('name', 'unknown')} {blas.get('version', '')}".strip()
    except Exception:  # NumPy < 1.25 has no mode="dicts"; the name is only a nicety
        pass
    try:
        from threadpoolctl import threadpool_info

        threads = ", ".join(str(pool["num_threads"]) for pool in threadpool_info() if pool["user_api"] == "blas")
        return f"{name}, {threads or '?'} threads"
    except ImportError:
        pass
    for variable in BLAS_THREAD_VARIABLES:
        if os.environ.get(variable):
            return f"{name}, {variable}={os.environ[variable]}"
    return f"{name}, threads: library default (usually one per CPU)"


def machine_description():
    return (f"{os.cpu_count()} CPUs ({platform.machine()}, {platform.system()}), "
            f"Python {platform.python_version()}, NumPy {np.__version__}, {blas_description()}")


def run_mission(mission, split_count):
    """Train on split_count seeded splits; return (test accuracies, train+predict seconds, test size)."""
    train = importlib.import_module(f"{SUBMISSION_PACKAGE}.{mission.module}").train
    x, t = mission.load()
    accuracies, seconds = [], []
    for seed in range(split_count):
        x_train, t_train, x_test, t_test = stratified_split(x, t, mission.train_size, seed=seed)
        started = time.perf_counter()
        model = train(x_train, t_train, seed=seed)
        scores = model.predict(x_test)
        seconds.append(time.perf_counter() - started)
        accuracies.append(float(np.mean(np.argmax(scores, axis=1) == t_test)))
    return np.array(accuracies), np.array(seconds), len(t_test)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", type=int, default=DEFAULT_SPLITS,
                        help=f"seeded stratified splits per mission (default {DEFAULT_SPLITS})")
    parser.add_argument("--submission", default=str(REPO_ROOT / "solutions"),
                        help="folder of the code to benchmark (default: the reference solutions/)")
    args = parser.parse_args(argv)
    if args.splits < 1:
        parser.error("--splits must be at least 1")

    load_submission(args.submission)
    shown = os.path.relpath(args.submission) if Path(args.submission).resolve().is_relative_to(Path.cwd()) \
        else args.submission
    print(f"Missions benchmark, {datetime.date.today().isoformat()}: "
          f"{shown}, {args.splits} seeded stratified splits per mission")
    print(f"machine: {machine_description()}")
    header = (f"{'mission':<15} {'train/test':>10} {'mean acc':>8} {'min':>6} {'max':>6} "
              f"{'splits >= bar':>14} {'t+p s mean':>12} {'max':>6}")
    print(header)
    failed = False
    for mission in MISSIONS:
        try:
            accuracies, seconds, test_size = run_mission(mission, args.splits)
        except Exception as err:  # a stub or a broken submission: say so in one line, go on
            print(f"{mission.module:<15} failed: {type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}")
            failed = True
            continue
        sizes = f"{mission.train_size}/{test_size}"
        reached = f"{int(np.sum(accuracies >= mission.split_bar))}/{len(accuracies)} >= {mission.split_bar:.2f}"
        print(f"{mission.module:<15} {sizes:>10} {accuracies.mean():>8.3f} {accuracies.min():>6.3f} "
              f"{accuracies.max():>6.3f} {reached:>14} {seconds.mean():>12.2f} {seconds.max():>6.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
