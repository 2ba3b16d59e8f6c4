"""The data an experiment trains on: the kit's 8x8 digits, or MNIST as in the book.

Both come as float pixels in [0, 1] and integer labels 0..9, split into a
training and a test set, through the loaders of the package the experiment
runs on (`data.py`, `mnist.py`).
"""
import sys
from dataclasses import dataclass

import numpy as np

from ..translation import _

DATASETS = ("digits", "mnist")
DIGITS_PIXEL_MAX = 16.0  # the 8x8 digits count ink in 4x4 blocks: 0..16
DIGITS_TRAIN_SIZE = 1200  # the digits mission's split: 1200 to train, 597 to test


class DataUnavailable(Exception):
    """The data set cannot be loaded (MNIST offline, a damaged file): the message says why."""


@dataclass
class Dataset:
    """x_*: float arrays (N, D) with pixels in [0, 1]; t_*: int labels (N,)."""
    name: str
    x_train: np.ndarray
    t_train: np.ndarray
    x_test: np.ndarray
    t_test: np.ndarray

    @property
    def input_size(self):
        return self.x_train.shape[1]


def load_digits(submission, seed=0):
    """The kit's 1797 digits (8x8, D = 64), split 1200 / 597 with the class mix kept."""
    data = submission.data
    try:
        x, t = data.load_digits()
    except data.DatasetError as err:
        raise DataUnavailable(str(err)) from err
    x_train, t_train, x_test, t_test = data.stratified_split(
        x / DIGITS_PIXEL_MAX, t, DIGITS_TRAIN_SIZE, seed)
    return Dataset("digits", x_train, t_train, x_test, t_test)


def load_mnist(submission, status=sys.stderr):
    """MNIST (28x28, D = 784): 60000 to train, 10000 to test; downloaded once if not cached."""
    mnist = submission.mnist
    if not mnist.mnist_is_available():
        status.write(_("MNIST is not in {folder} yet: downloading it (about 11 MB)...").format(
            folder=mnist.mnist_cache_dir()) + "\n")
    try:
        (x_train, t_train), (x_test, t_test) = mnist.load_mnist(normalize=True, flatten=True)
    except submission.data.DatasetError as err:
        raise DataUnavailable(
            f"{err}\n" + _("MNIST is not available, so the experiment stops here. Without it, run "
                            "with --dataset digits (the 8x8 digits shipped with the kit, the default).")
        ) from err
    # float32 as loaded (as in the book): float64 copies of the 60000 images would take 376 MB.
    return Dataset("mnist", x_train, t_train, x_test, t_test)


def load_dataset(submission, name, seed=0):
    """The data set called `name` ('digits' or 'mnist'), loaded with the submission's loaders."""
    if name == "digits":
        return load_digits(submission, seed)
    if name == "mnist":
        return load_mnist(submission)
    raise ValueError(f"dataset must be one of {DATASETS}, not {name!r}")
