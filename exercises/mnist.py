# Generated from solutions/mnist.py by `python -m autograder.curriculum.make_exercises`: provided code, nothing to edit here.
"""MNIST handwritten digits, downloaded once and cached, as in the book's `dataset/mnist.py`.

MNIST (LeCun, Cortes and Burges) is too large to ship with the kit. The four
official IDX files (gzip-compressed) are downloaded into a cache folder the
first time they are needed, checked against their known SHA-256 digests, and
read from the cache afterwards.

Where things go:
    cache folder: `cache_dir` argument, else $KIT_MNIST_DIR,
                  else ~/.cache/dl-scratch-kit/mnist
    download URL: `base_url` argument, else $KIT_MNIST_URL, else DEFAULT_BASE_URL

日本語: MNIST の手書き数字。本書の `dataset/mnist.py` と同じく、
一度だけダウンロードしてキャッシュします。

MNIST (LeCun、Cortes、Burges) はキットに同梱するには大きすぎます。公式の 4 つの
IDX ファイル (gzip 圧縮) を、最初に必要になったときにキャッシュフォルダへ
ダウンロードし、既知の SHA-256 ダイジェストと照合して、その後はキャッシュから
読み込みます。

保存先など:
    キャッシュフォルダ: 引数 `cache_dir`、なければ $KIT_MNIST_DIR、
                        なければ ~/.cache/dl-scratch-kit/mnist
    ダウンロード元の URL: 引数 `base_url`、なければ $KIT_MNIST_URL、なければ DEFAULT_BASE_URL
"""
import gzip
import hashlib
import http.client
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np

from .data import DatasetError
from .translation import _

CACHE_DIR_ENV = "KIT_MNIST_DIR"
BASE_URL_ENV = "KIT_MNIST_URL"
DEFAULT_BASE_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/"

TRAIN_IMAGES = "train-images-idx3-ubyte.gz"
TRAIN_LABELS = "train-labels-idx1-ubyte.gz"
TEST_IMAGES = "t10k-images-idx3-ubyte.gz"
TEST_LABELS = "t10k-labels-idx1-ubyte.gz"
MNIST_FILES = (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)

# SHA-256 of the official files (the same bytes on every mirror).
MNIST_SHA256 = {
    TRAIN_IMAGES: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    TRAIN_LABELS: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    TEST_IMAGES: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    TEST_LABELS: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}

# IDX format: a big-endian uint32 magic number (0x0000, element type 0x08 for
# unsigned bytes, number of dimensions), then one big-endian uint32 per dimension.
IDX_LABELS_MAGIC = 0x00000801  # 2049: unsigned bytes, 1 dimension
IDX_IMAGES_MAGIC = 0x00000803  # 2051: unsigned bytes, 3 dimensions
IDX_INT = np.dtype(">u4")
IMAGE_SIDE = 28
PIXEL_MAX = 255
N_CLASSES = 10
DOWNLOAD_TIMEOUT_SECONDS = 60
DOWNLOAD_CHUNK_BYTES = 1 << 20
CACHE_FILE_MODE = 0o644  # readable by all, like any downloaded file
# What a failed transfer raises: no route, refused, timed out, HTTP error, cut off.
DOWNLOAD_ERRORS = (urllib.error.URLError, ConnectionError, TimeoutError,
                   http.client.HTTPException)


def mnist_cache_dir(cache_dir=None):
    """Return the folder the MNIST files are cached in, as a `pathlib.Path`.

    日本語: MNIST のファイルをキャッシュするフォルダを `pathlib.Path` で返します。
    """
    if cache_dir is not None:
        return Path(cache_dir)
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    return Path.home() / ".cache" / "dl-scratch-kit" / "mnist"


def mnist_is_available(cache_dir=None):
    """Return True when all four MNIST files are in the cache (no download needed).

    日本語: MNIST の 4 つのファイルがすべてキャッシュにあれば
    (ダウンロード不要なら) True を返します。
    """
    directory = mnist_cache_dir(cache_dir)
    return all((directory / name).is_file() for name in MNIST_FILES)


def _base_url(base_url=None):
    """Return the URL the files are downloaded from, ending with '/'.

    日本語: ファイルのダウンロード元の URL を、'/' で終わる形で返します。
    """
    url = base_url or os.environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL
    return url if url.endswith("/") else url + "/"


def _stream_to(url, out):
    """Copy the body found at `url` into the open binary file `out`; return its SHA-256.

    Raises one of DOWNLOAD_ERRORS when the transfer fails.

    日本語: `url` の内容を、開いているバイナリファイル `out` にコピーし、
    その SHA-256 を返します。

    転送に失敗したときは DOWNLOAD_ERRORS のどれかを送出します。
    """
    digest = hashlib.sha256()
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:
        for chunk in iter(lambda: response.read(DOWNLOAD_CHUNK_BYTES), b""):
            digest.update(chunk)
            out.write(chunk)
        # A dropped connection just ends the stream early; Content-Length tells.
        if response.length:
            raise http.client.IncompleteRead(b"", response.length)
    return digest.hexdigest()


def _download(base_url, destination, expected_sha256):
    """Download base_url + the file's name to `destination`, kept only if its SHA-256 matches.

    The bytes go to a temporary file beside `destination` that is renamed only
    once complete and checked, so an interrupted or bad download leaves nothing.

    日本語: base_url + ファイル名 を `destination` にダウンロードし、
    SHA-256 が一致したときだけ残します。

    データはまず `destination` の隣の一時ファイルに書き、完了して照合できてから名前を
    変えるので、中断したダウンロードや不正なダウンロードは何も残しません。
    """
    url = base_url + destination.name
    destination.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        dir=destination.parent, prefix=destination.name + ".", suffix=".part"
    )
    temp_path = Path(temp_name)
    try:
        try:
            with os.fdopen(handle, "wb") as out:
                actual = _stream_to(url, out)
        except DOWNLOAD_ERRORS as err:
            raise DatasetError(
                _("Downloading MNIST failed: could not fetch {url} ({reason}). If this machine is "
                  "offline, download the four files {files} elsewhere (from {base_url}) and put them "
                  "in {folder}; or set {variable} to a mirror you can reach.").format(
                    url=url, reason=getattr(err, "reason", err), files=", ".join(MNIST_FILES),
                    base_url=base_url, folder=destination.parent, variable=BASE_URL_ENV)
            ) from err
        if actual != expected_sha256:
            raise DatasetError(
                _("The download of {url} is not the official MNIST file: its SHA-256 is {actual}, "
                  "expected {expected_sha256}. It was not kept. Try again later or set "
                  "{variable} to another mirror.").format(
                    url=url, actual=actual, expected_sha256=expected_sha256, variable=BASE_URL_ENV)
            )
        os.chmod(temp_path, CACHE_FILE_MODE)  # mkstemp makes it private to its owner
        os.replace(temp_path, destination)
    finally:
        temp_path.unlink(missing_ok=True)  # gone already when the rename succeeded


def _cached_bytes(name, directory, base_url, expected_sha256):
    """Return the checked bytes of MNIST file `name`, downloading it if missing.

    日本語: MNIST のファイル `name` の照合済みの内容 (bytes) を返します。
    なければダウンロードします。
    """
    path = directory / name
    if not path.is_file():
        _download(base_url, path, expected_sha256)
    data = path.read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected_sha256:
        raise DatasetError(
            _("Cached MNIST file {path} is damaged: its SHA-256 is {actual}, expected "
              "{expected_sha256}. Delete it and run again to download a fresh copy.").format(
                path=path, actual=actual, expected_sha256=expected_sha256)
        )
    return data


def _parse_idx(data, name, magic):
    """Parse a gzip-compressed IDX file of unsigned bytes.

    Returns a uint8 array whose shape is read from the header: (N,) for
    labels, (N, rows, columns) for images.

    日本語: gzip 圧縮された、符号なしバイトの IDX ファイルを読み込みます。

    形状をヘッダーから読んだ uint8 の配列を返します: ラベルは (N,)、
    画像は (N, rows, columns)。
    """
    advice = _("Delete it and run again to download it afresh.")
    try:
        raw = gzip.decompress(data)
    except (OSError, EOFError) as err:
        raise DatasetError(_("{name} is not a complete gzip file ({err}). {advice}").format(
                               name=name, err=err, advice=advice)) from err
    if len(raw) < IDX_INT.itemsize:
        raise DatasetError(_("{name} is empty: it has no IDX header. {advice}").format(
                               name=name, advice=advice))
    found = int(np.frombuffer(raw, dtype=IDX_INT, count=1)[0])
    if found != magic:
        raise DatasetError(
            _("{name} is not the expected IDX file: magic number {found:#010x}, expected "
              "{magic:#010x}. Check that the file names were not mixed up. {advice}").format(
                name=name, found=found, magic=magic, advice=advice)
        )
    n_dims = magic & 0xFF
    header_bytes = IDX_INT.itemsize * (1 + n_dims)
    if len(raw) < header_bytes:
        raise DatasetError(_("{name} is too short to hold its IDX header. {advice}").format(
                               name=name, advice=advice))
    dims = np.frombuffer(raw, dtype=IDX_INT, count=n_dims, offset=IDX_INT.itemsize)
    shape = [int(n) for n in dims]
    if len(raw) - header_bytes != int(np.prod(shape)):
        raise DatasetError(
            _("{name} does not match its header: the header announces shape {shape}, but the file "
              "holds {value} values. {advice}").format(
                name=name, shape=tuple(shape), value=len(raw) - header_bytes, advice=advice)
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header_bytes).reshape(shape)


def _one_hot(labels):
    """Turn labels of shape (N,) into one-hot rows of shape (N, 10), float32.

    日本語: 形状 (N,) のラベルを、形状 (N, 10) の one-hot の行 (float32) に変換します。
    """
    one_hot = np.zeros((labels.size, N_CLASSES), dtype=np.float32)
    one_hot[np.arange(labels.size), labels] = 1
    return one_hot


def _images_and_labels(images_data, labels_data, images_name, labels_name,
                       normalize, flatten, one_hot_label):
    """Parse one images/labels pair and shape it as `load_mnist` describes.

    日本語: 画像とラベルのファイルの組を 1 つ読み込み、`load_mnist` の説明どおりの形にします。
    """
    images = _parse_idx(images_data, images_name, IDX_IMAGES_MAGIC)
    labels = _parse_idx(labels_data, labels_name, IDX_LABELS_MAGIC)
    if len(images) != len(labels):
        raise DatasetError(
            _("{images_name} holds {count} images but {labels_name} holds {count2} labels; one of "
              "them is not the right file.").format(
                images_name=images_name, count=len(images), labels_name=labels_name, count2=len(labels))
        )
    if normalize:
        images = images.astype(np.float32) / PIXEL_MAX
    else:
        images = images.copy()  # a writable array, not a view of the file's bytes
    images = images.reshape(len(images), -1) if flatten else images[:, np.newaxis]
    labels = _one_hot(labels) if one_hot_label else labels.astype(np.int64)
    return images, labels


def load_mnist(normalize=True, flatten=True, one_hot_label=False, cache_dir=None,
               base_url=None, checksums=None):
    """Load MNIST, downloading the four files into the cache on first use.

    Args:
        normalize: pixels as float32 in [0, 1] when True, else uint8 in 0..255.
        flatten: images as rows of 784 values when True, else as (1, 28, 28).
        one_hot_label: labels as one-hot float32 rows of 10 when True, else
            int64 digits 0..9.
        cache_dir: folder for the files (default: $KIT_MNIST_DIR, else
            ~/.cache/dl-scratch-kit/mnist).
        base_url: where to download from (default: $KIT_MNIST_URL, else
            DEFAULT_BASE_URL).
        checksums: dict file name -> SHA-256 hex digest; default MNIST_SHA256.

    Returns:
        (x_train, t_train), (x_test, t_test) with
        x_train: (60000, 784) or (60000, 1, 28, 28); t_train: (60000,) or (60000, 10);
        x_test: (10000, 784) or (10000, 1, 28, 28); t_test: (10000,) or (10000, 10).

    Raises:
        DatasetError: a download failed, or a file is damaged or malformed.

    日本語: MNIST を読み込みます。
    初めて使うときに 4 つのファイルをキャッシュへダウンロードします。

    引数:
        normalize: True なら画素を [0, 1] の float32 に、そうでなければ 0..255 の uint8 のまま。
        flatten: True なら画像を 784 個の値の行に、そうでなければ (1, 28, 28) に。
        one_hot_label: True ならラベルを長さ 10 の one-hot の float32 の行に、そうでなければ
            int64 の数字 0..9 に。
        cache_dir: ファイルを置くフォルダ (既定: $KIT_MNIST_DIR、なければ
            ~/.cache/dl-scratch-kit/mnist)。
        base_url: ダウンロード元 (既定: $KIT_MNIST_URL、なければ
            DEFAULT_BASE_URL)。
        checksums: dict (ファイル名 -> 16 進の SHA-256 ダイジェスト)。既定は MNIST_SHA256。

    戻り値:
        (x_train, t_train), (x_test, t_test)。それぞれ
        x_train: (60000, 784) または (60000, 1, 28, 28)。t_train: (60000,) または (60000, 10)。
        x_test: (10000, 784) または (10000, 1, 28, 28)。t_test: (10000,) または (10000, 10)。

    例外:
        DatasetError: ダウンロードに失敗したか、ファイルが壊れているか形式が正しくない。
    """
    directory = mnist_cache_dir(cache_dir)
    url = _base_url(base_url)
    checksums = MNIST_SHA256 if checksums is None else checksums
    data = {name: _cached_bytes(name, directory, url, checksums[name]) for name in MNIST_FILES}
    options = (normalize, flatten, one_hot_label)
    train = _images_and_labels(data[TRAIN_IMAGES], data[TRAIN_LABELS],
                               TRAIN_IMAGES, TRAIN_LABELS, *options)
    test = _images_and_labels(data[TEST_IMAGES], data[TEST_LABELS],
                              TEST_IMAGES, TEST_LABELS, *options)
    return train, test
