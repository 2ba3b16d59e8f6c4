"""The five training experiments at small sizes on the reference solutions, run in a child process.

    python -m tests.experiments.small_runs OUT.pickle

The child starts with one BLAS thread (as `python -m exercises.experiments.<name>`
does): on a busy 2-core machine, NumPy's default threads made these runs
five times slower. The conftest's `small_runs` fixture runs this once per session.
"""
import os
import sys

# Before NumPy is imported, as exercises/experiments/__init__.py does for the commands.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import pickle  # noqa: E402

from exercises.experiments import (batch_norm, gradient_vanishing, optimizers, overfitting,  # noqa: E402
                                   weight_init)
from exercises.experiments.datasets import load_dataset  # noqa: E402
from exercises.experiments.submission import load_submission  # noqa: E402

SEED = 0
# Sizes at which the book's effects already show, with margins measured on SEED.
SMALL_SIZES = {
    "weight_init": (weight_init.compare_weight_inits, {"iterations": 300}),
    "batch_norm": (batch_norm.compare_batch_norm, {"epochs": 5}),
    "optimizers": (optimizers.compare_optimizers, {"iterations": 100}),
    "overfitting": (overfitting.compare_regularisation, {"epochs": 250}),
    "gradient_vanishing": (gradient_vanishing.compare_gradient_sizes, {"iterations": 200}),
}


def run_all():
    """{experiment name: the dict its run function returns}."""
    reference = load_submission(use_solutions=True)
    digits = load_dataset(reference, "digits", seed=SEED)
    return {name: run(reference, digits, seed=SEED, **size)
            for name, (run, size) in SMALL_SIZES.items()}


if __name__ == "__main__":
    with open(sys.argv[1], "wb") as out:
        pickle.dump(run_all(), out)
