# Generated from solutions/data.py by `python -m autograder.curriculum.make_exercises`: provided code, nothing to edit here.
"""The kit's small datasets, Iris and 8x8 handwritten digits, and a stratified split.

The files live in the kit's `datasets/` folder (see `datasets/README.md` for
what they are and where they come from). Every file is checked against
`datasets/SHA256SUMS` before it is parsed, so a damaged copy stops you with a
clear message instead of silently training on wrong numbers.

日本語: このキットの小さなデータセット (Iris と 8x8 の手書き数字) と、層化分割。

ファイルはキットの `datasets/` フォルダにあります (何のデータで、どこから来たかは
`datasets/README.md` を参照)。どのファイルも読み込む前に `datasets/SHA256SUMS` と
照合するので、壊れたコピーで気づかないまま間違った数値を学習することはなく、
分かりやすいメッセージで止まります。
"""
import gzip
import hashlib
import io
import numbers
import os
from pathlib import Path

import numpy as np

from .translation import N_, _, translated

DATASETS_ENV = "KIT_DATASETS"  # set it to load the data files from another folder
CHECKSUMS_FILE = "SHA256SUMS"
IRIS_FILE = "iris.csv"
DIGITS_FILE = "digits.csv.gz"
DIGITS_PIXELS = 64  # one 8x8 image per row
DIGITS_IMAGE_SHAPE = (1, 8, 8)  # (channels, height, width) of one digit image
RESTORE_ADVICE = N_(
    "Restore the kit's data files with `git checkout -- datasets/` in the kit's "
    "repository, or download the kit's release again."
)


class DatasetError(Exception):
    """A data file is missing, damaged or malformed.

    The message names the file and says how to get a good copy back.

    日本語: データファイルがない、壊れている、または形式が正しくない。

    メッセージはそのファイルの名前と、正しいコピーを取り戻す方法を伝えます。
    """


def datasets_dir():
    """Return the folder holding the data files, as a `pathlib.Path`.

    The environment variable KIT_DATASETS wins when it is set; otherwise it is
    the `datasets/` folder beside the package this module sits in (which works
    from `solutions/`, `exercises/` and a student release alike).

    日本語: データファイルのあるフォルダを `pathlib.Path` で返します。

    環境変数 KIT_DATASETS が設定されていればそれを使います。なければ、このモジュールの
    あるパッケージの隣の `datasets/` フォルダです (`solutions/`、`exercises/`、
    学生向けリリースのどれからでも使えます)。
    """
    override = os.environ.get(DATASETS_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "datasets"


def _where_advice():
    """Say where the data folder came from, so a wrong KIT_DATASETS is easy to spot.

    日本語: データフォルダがどこから決まったかを伝えます
    (KIT_DATASETS の間違いにすぐ気づけるように)。
    """
    if os.environ.get(DATASETS_ENV):
        return _("(the folder is set by the environment variable {variable}: check it) ").format(
            variable=DATASETS_ENV)
    return ""


def _read_checksums(directory):
    """Read `SHA256SUMS` (sha256sum format) into a dict: file name -> hex digest.

    日本語: `SHA256SUMS` (sha256sum 形式) を読み込み、
    dict (ファイル名 -> 16 進のダイジェスト) にします。
    """
    path = directory / CHECKSUMS_FILE
    if not path.is_file():
        raise DatasetError(
            _("Checksum list not found: {path}. It is needed to check the data files. ").format(path=path)
            + _where_advice() + translated(RESTORE_ADVICE)
        )
    checksums = {}
    for line in path.read_text(encoding="ascii").splitlines():
        if not line.strip():
            continue
        fields = line.split(maxsplit=1)
        if len(fields) != 2:
            raise DatasetError(_("{path} has a malformed line: {line!r}. ").format(path=path, line=line)
                               + translated(RESTORE_ADVICE))
        digest, name = fields
        checksums[name.lstrip("*")] = digest.lower()  # '*' marks binary mode in sha256sum
    return checksums


def _verified_bytes(name):
    """Return the bytes of data file `name` after checking its SHA-256 digest.

    日本語: データファイル `name` の SHA-256 ダイジェストを確かめてから、
    その内容 (bytes) を返します。
    """
    directory = datasets_dir()
    path = directory / name
    if not path.is_file():
        raise DatasetError(_("Data file not found: {path}. ").format(path=path) + _where_advice()
                           + translated(RESTORE_ADVICE))
    expected = _read_checksums(directory).get(name)
    if expected is None:
        raise DatasetError(
            _("{value} has no line for {name}, so {path} cannot be checked. ").format(
                value=directory / CHECKSUMS_FILE, name=name, path=path)
            + translated(RESTORE_ADVICE)
        )
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise DatasetError(
            _("Data file {path} is damaged: its SHA-256 is {actual}, expected {expected}. (A git "
              "setting such as core.autocrlf that rewrites line endings also changes it.) ").format(
                path=path, actual=actual, expected=expected)
            + translated(RESTORE_ADVICE)
        )
    return data


def _parse_csv(text, name):
    """Parse comma-separated numbers into a float64 array of shape (rows, columns).

    日本語: カンマ区切りの数値を、形状 (rows, columns) の float64 の配列に変換します。
    """
    try:
        return np.loadtxt(io.StringIO(text), delimiter=",", dtype=np.float64, ndmin=2)
    except ValueError as err:
        raise DatasetError(_("Cannot parse {name}: {err}. ").format(name=name, err=err)
                           + translated(RESTORE_ADVICE)) from err


def load_iris():
    """Load Fisher's Iris flowers: 150 flowers, 4 measurements, 3 species.

    Returns:
        x: float64 array of shape (150, 4): sepal length, sepal width,
           petal length, petal width, in cm.
        t: int64 array of shape (150,): species label, 0 setosa,
           1 versicolor, 2 virginica (50 flowers each).

    日本語: Fisher の Iris (アヤメ) データを読み込みます: 150 本の花、4 つの計測値、3 つの品種。

    戻り値:
        x: 形状 (150, 4) の float64 の配列: がくの長さ、がくの幅、
           花びらの長さ、花びらの幅 (cm)。
        t: 形状 (150,) の int64 の配列: 品種のラベル。0 setosa、
           1 versicolor、2 virginica (各 50 本)。
    """
    text = _verified_bytes(IRIS_FILE).decode("ascii")
    # The header line reads "n_samples,n_features,name_of_class_0,..."
    header, body = text.split("\n", 1)
    n_samples, n_features = (int(field) for field in header.split(",")[:2])
    table = _parse_csv(body, IRIS_FILE)
    if table.shape != (n_samples, n_features + 1):
        raise DatasetError(
            _("{file} holds a table of shape {shape}, its header says ({rows}, {columns}). ").format(
                file=IRIS_FILE, shape=table.shape, rows=n_samples, columns=n_features + 1)
            + translated(RESTORE_ADVICE)
        )
    return table[:, :-1], table[:, -1].astype(np.int64)


def load_digits():
    """Load the 8x8 handwritten digits (UCI optical digits, test set): 1797 images.

    Returns:
        x: float64 array of shape (1797, 64): each row an 8x8 image read row by
           row, integer pixel values 0..16 (ink counts in 4x4 blocks).
        t: int64 array of shape (1797,): the digit shown, 0..9.

    日本語: 8x8 の手書き数字 (UCI optical digits のテストセット) 1797 枚を読み込みます。

    戻り値:
        x: 形状 (1797, 64) の float64 の配列: 各行が 1 枚の 8x8 画像を行ごとに並べたもの。
           画素値は整数 0..16 (4x4 のブロックごとのインクの数)。
        t: 形状 (1797,) の int64 の配列: 画像の数字 0..9。
    """
    text = gzip.decompress(_verified_bytes(DIGITS_FILE)).decode("ascii")
    table = _parse_csv(text, DIGITS_FILE)
    if table.shape[1] != DIGITS_PIXELS + 1:
        raise DatasetError(
            _("{file} has {columns} columns, expected {pixels} pixels and a label. ").format(
                file=DIGITS_FILE, columns=table.shape[1], pixels=DIGITS_PIXELS)
            + translated(RESTORE_ADVICE)
        )
    return table[:, :-1], table[:, -1].astype(np.int64)


def load_digit_images():
    """The 8x8 digits of ``load_digits`` as images for a convolutional network.

    Returns:
        x: float64 array of shape (1797, 1, 8, 8): (image, channel, row, column),
           pixel values 0..16.
        t: int64 array of shape (1797,): the digit shown, 0..9.

    日本語: ``load_digits`` の 8x8 の数字を、
    畳み込みニューラルネットワーク用の画像の形で返します。

    戻り値:
        x: 形状 (1797, 1, 8, 8) の float64 の配列: (画像, チャンネル, 行, 列)、
           画素値 0..16。
        t: 形状 (1797,) の int64 の配列: 画像の数字 0..9。
    """
    x, t = load_digits()
    return x.reshape(-1, *DIGITS_IMAGE_SHAPE), t


def _train_counts_per_class(class_counts, n_train):
    """Share n_train among classes in proportion to their sizes.

    Each class gets n_train * count / N rounded down, and the places left over
    go to the classes with the largest fractional parts (ties: lower label
    first), so the counts add up to exactly n_train.

    日本語: n_train 個を、各クラスの大きさに比例して割り振ります。

    各クラスはまず n_train * count / N の切り捨てを受け取り、余りは小数部分の大きい
    クラスから順に 1 つずつ配ります (同じならラベルの小さいほうが先)。こうして
    合計がちょうど n_train になります。
    """
    quotas = n_train * class_counts / class_counts.sum()
    counts = np.floor(quotas).astype(np.int64)
    left_over = n_train - counts.sum()
    by_fraction = np.argsort(-(quotas - counts), kind="stable")
    counts[by_fraction[:left_over]] += 1
    return counts


def stratified_split(x, t, n_train, seed):
    """Split (x, t) at random into a training and a test set with the same class mix.

    Each class keeps its share: about n_train * count / N of its samples go to
    training (rounded so the training set holds exactly n_train samples), the
    rest to test. Both sets are shuffled. The same seed gives the same split.

    Args:
        x: array of shape (N, ...): the samples.
        t: integer array of shape (N,): the class labels.
        n_train: number of training samples, 1 <= n_train <= N - 1.
        seed: seed for `numpy.random.default_rng`.

    Returns:
        x_train: shape (n_train, ...), t_train: shape (n_train,),
        x_test: shape (N - n_train, ...), t_test: shape (N - n_train,).

    日本語: (x, t) をランダムに訓練データとテストデータに分けます。
    クラスの割合はどちらも同じです。

    各クラスは自分の割合を保ちます: そのサンプルのおよそ n_train * count / N 個が訓練
    データに (訓練データがちょうど n_train 個になるように丸めて)、残りがテストデータに
    入ります。どちらもシャッフルされます。同じ seed なら同じ分割になります。

    引数:
        x: 形状 (N, ...) の配列: サンプル。
        t: 形状 (N,) の整数の配列: クラスのラベル。
        n_train: 訓練データの数。1 <= n_train <= N - 1。
        seed: `numpy.random.default_rng` のシード。

    戻り値:
        x_train: 形状 (n_train, ...)、t_train: 形状 (n_train,)、
        x_test: 形状 (N - n_train, ...)、t_test: 形状 (N - n_train,)。
    """
    x = np.asarray(x)
    t = np.asarray(t)
    if t.ndim != 1 or len(x) != len(t):
        raise ValueError(
            _("t must be a 1-D array of labels, one per row of x; got x of shape {shape} and t of "
              "shape {shape2}.").format(shape=x.shape, shape2=t.shape)
        )
    n_samples = len(t)
    if isinstance(n_train, bool) or not isinstance(n_train, numbers.Integral):
        raise ValueError(_("n_train must be an integer number of samples, got {n_train!r}.").format(
                             n_train=n_train))
    if not 1 <= n_train <= n_samples - 1:
        raise ValueError(
            _("n_train must be between 1 and {value} so that both sets are non-empty (there are "
              "{n_samples} samples), got {n_train}.").format(
                value=n_samples - 1, n_samples=n_samples, n_train=n_train)
        )

    rng = np.random.default_rng(seed)
    classes, class_counts = np.unique(t, return_counts=True)
    train_counts = _train_counts_per_class(class_counts, int(n_train))
    train_index, test_index = [], []
    for label, n_class_train in zip(classes, train_counts):
        members = rng.permutation(np.flatnonzero(t == label))
        train_index.append(members[:n_class_train])
        test_index.append(members[n_class_train:])
    # Shuffle across classes too, so the sets are not sorted by label.
    train_index = rng.permutation(np.concatenate(train_index))
    test_index = rng.permutation(np.concatenate(test_index))
    return x[train_index], t[train_index], x[test_index], t[test_index]
