"""The shipped datasets (Iris, digits), their checksum guard, and stratified_split."""
import hashlib
import shutil
from pathlib import Path

import numpy as np
import pytest

from solutions.data import (
    DatasetError,
    datasets_dir,
    load_digits,
    load_iris,
    stratified_split,
)

REPO_DATASETS = Path(__file__).resolve().parent.parent / "datasets"
IRIS_CLASS_COUNTS = [50, 50, 50]
DIGITS_CLASS_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]


@pytest.fixture(autouse=True)
def default_datasets_dir(monkeypatch):
    """Run every test against the repository's datasets/ unless it says otherwise."""
    monkeypatch.delenv("KIT_DATASETS", raising=False)


@pytest.fixture
def datasets_copy(tmp_path, monkeypatch):
    """A copy of datasets/ in a temporary folder, selected through KIT_DATASETS."""
    copy = tmp_path / "datasets"
    shutil.copytree(REPO_DATASETS, copy)
    monkeypatch.setenv("KIT_DATASETS", str(copy))
    return copy


def test_datasets_dir_is_the_repository_folder_by_default():
    assert datasets_dir() == REPO_DATASETS


def test_sha256sums_lists_the_digests_of_the_shipped_files():
    # An independent check of the checksum list, as `sha256sum -c` would do it.
    lines = (REPO_DATASETS / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split()
        listed[name] = digest
    assert set(listed) == {"iris.csv", "digits.csv.gz"}
    for name, digest in listed.items():
        assert hashlib.sha256((REPO_DATASETS / name).read_bytes()).hexdigest() == digest


def test_iris_shapes_dtypes_and_labels():
    x, t = load_iris()
    assert x.shape == (150, 4) and x.dtype == np.float64
    assert t.shape == (150,) and t.dtype == np.int64
    assert np.bincount(t).tolist() == IRIS_CLASS_COUNTS
    # First flower of Fisher's table, in cm.
    np.testing.assert_array_equal(x[0], [5.1, 3.5, 1.4, 0.2])
    assert 0 < x.min() and x.max() < 10


def test_digits_shapes_dtypes_and_labels():
    x, t = load_digits()
    assert x.shape == (1797, 64) and x.dtype == np.float64
    assert t.shape == (1797,) and t.dtype == np.int64
    assert np.bincount(t).tolist() == DIGITS_CLASS_COUNTS
    assert x.min() == 0 and x.max() == 16
    np.testing.assert_array_equal(x, np.round(x))


def test_corrupted_file_is_rejected_with_path_and_digests(datasets_copy):
    damaged = datasets_copy / "iris.csv"
    content = bytearray(damaged.read_bytes())
    content[-2] ^= 1  # one flipped bit: the last label 2 becomes 3
    damaged.write_bytes(bytes(content))
    with pytest.raises(DatasetError) as info:
        load_iris()
    message = str(info.value)
    assert str(damaged) in message
    assert hashlib.sha256(bytes(content)).hexdigest() in message
    assert "f13ffa8fdd56fd8e6c8d16d4081a3fbd3114bcd0aae4256c43205169cd9d1449" in message
    assert "git checkout -- datasets/" in message


def test_missing_file_names_its_path(datasets_copy):
    missing = datasets_copy / "digits.csv.gz"
    missing.unlink()
    with pytest.raises(DatasetError, match="not found") as info:
        load_digits()
    assert str(missing) in str(info.value)
    assert "KIT_DATASETS" in str(info.value)


def test_missing_checksum_list_is_a_clear_error(datasets_copy):
    (datasets_copy / "SHA256SUMS").unlink()
    with pytest.raises(DatasetError, match="SHA256SUMS"):
        load_iris()


def test_stratified_split_sizes_and_class_proportions():
    x, t = load_digits()
    x_train, t_train, x_test, t_test = stratified_split(x, t, 1200, seed=0)
    assert x_train.shape == (1200, 64) and t_train.shape == (1200,)
    assert x_test.shape == (597, 64) and t_test.shape == (597,)
    quota = 1200 * np.bincount(t) / len(t)
    train_counts = np.bincount(t_train, minlength=10)
    assert np.all(np.abs(train_counts - quota) < 1)
    np.testing.assert_array_equal(train_counts + np.bincount(t_test, minlength=10), np.bincount(t))


def test_stratified_split_of_iris_keeps_the_three_classes_balanced():
    x, t = load_iris()
    _, t_train, _, t_test = stratified_split(x, t, 100, seed=3)
    assert sorted(np.bincount(t_train).tolist()) == [33, 33, 34]
    assert sorted(np.bincount(t_test).tolist()) == [16, 17, 17]


def test_stratified_split_is_disjoint_and_covers_every_sample():
    _, t = load_iris()
    index = np.arange(len(t))  # iris has duplicate rows, so split sample indices instead
    index_train, t_train, index_test, t_test = stratified_split(index, t, 90, seed=1)
    assert len(np.intersect1d(index_train, index_test)) == 0
    np.testing.assert_array_equal(np.sort(np.concatenate([index_train, index_test])), index)
    np.testing.assert_array_equal(t[index_train], t_train)
    np.testing.assert_array_equal(t[index_test], t_test)


def test_stratified_split_is_deterministic_per_seed():
    x, t = load_iris()
    first = stratified_split(x, t, 100, seed=7)
    again = stratified_split(x, t, 100, seed=7)
    other = stratified_split(x, t, 100, seed=8)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(first[0], other[0])


def test_stratified_split_shuffles_across_classes():
    x, t = load_iris()
    _, t_train, _, _ = stratified_split(x, t, 100, seed=0)
    assert not np.all(np.diff(t_train) >= 0)


@pytest.mark.parametrize("n_train", [0, -5, 150, 151, 2.5, "100", True])
def test_stratified_split_rejects_bad_n_train(n_train):
    x, t = load_iris()
    with pytest.raises(ValueError, match="n_train"):
        stratified_split(x, t, n_train, seed=0)


def test_stratified_split_rejects_mismatched_lengths():
    x, t = load_iris()
    with pytest.raises(ValueError, match="one per row"):
        stratified_split(x, t[:-1], 100, seed=0)
