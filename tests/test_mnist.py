"""load_mnist against tiny IDX files served from a loopback HTTP server (no internet)."""
import functools
import gzip
import hashlib
import http.server
import socket
import struct
import threading
from pathlib import Path

import numpy as np
import pytest

from solutions.data import DatasetError
from solutions.mnist import (
    MNIST_FILES,
    MNIST_SHA256,
    TEST_IMAGES,
    TEST_LABELS,
    TRAIN_IMAGES,
    TRAIN_LABELS,
    load_mnist,
    mnist_is_available,
)

N_TRAIN, N_TEST = 5, 3
SIDE = 28
POLL_SECONDS = 0.05  # lets server.shutdown() return quickly


def idx_gz(array, magic):
    """Write `array` (uint8) as a gzip-compressed IDX file, independently of the loader."""
    header = struct.pack(">I", magic) + struct.pack(f">{array.ndim}I", *array.shape)
    return gzip.compress(header + array.astype(np.uint8).tobytes())


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ("KIT_MNIST_URL", "KIT_MNIST_DIR"):
        monkeypatch.delenv(name, raising=False)
    # A proxy from the environment must not intercept the loopback server.
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def tiny_mnist(tmp_path):
    """Four tiny MNIST-like files in a folder: arrays, folder, and their digests."""
    rng = np.random.default_rng(0)
    arrays = {
        TRAIN_IMAGES: rng.integers(0, 256, size=(N_TRAIN, SIDE, SIDE), dtype=np.uint8),
        TRAIN_LABELS: np.array([3, 0, 9, 1, 3], dtype=np.uint8),
        TEST_IMAGES: rng.integers(0, 256, size=(N_TEST, SIDE, SIDE), dtype=np.uint8),
        TEST_LABELS: np.array([7, 2, 0], dtype=np.uint8),
    }
    served = tmp_path / "served"
    served.mkdir()
    checksums = {}
    for name, array in arrays.items():
        content = idx_gz(array, 2051 if array.ndim == 3 else 2049)
        (served / name).write_bytes(content)
        checksums[name] = hashlib.sha256(content).hexdigest()
    return arrays, served, checksums


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    requests_served = 0
    cut_off = ()  # names of files whose connection drops halfway

    def do_GET(self):
        type(self).requests_served += 1
        name = self.path.rsplit("/", 1)[-1]
        if name not in self.cut_off:
            super().do_GET()
            return
        content = (Path(self.directory) / name).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.wfile.write(content[: len(content) // 2])
        self.close_connection = True

    def log_message(self, format, *args):
        pass


@pytest.fixture
def server(tiny_mnist):
    """Serve the tiny files on 127.0.0.1; yields (base URL, stop function)."""
    _, served, _ = tiny_mnist
    handler = type("Handler", (QuietHandler,), {"requests_served": 0})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(served))
    )
    thread = threading.Thread(target=httpd.serve_forever, args=(POLL_SECONDS,), daemon=True)
    thread.start()
    stopped = []

    def stop():
        if not stopped:
            httpd.shutdown()
            httpd.server_close()
            thread.join()
            stopped.append(True)

    stop.handler = handler
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", stop
    stop()


def closed_port_url():
    """A loopback URL where nothing listens: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_default_checksums_cover_the_four_official_files():
    assert set(MNIST_SHA256) == set(MNIST_FILES)
    assert all(len(digest) == 64 for digest in MNIST_SHA256.values())


def test_download_verifies_and_parses(tiny_mnist, server, tmp_path):
    arrays, served, checksums = tiny_mnist
    url, _ = server
    cache = tmp_path / "cache"
    assert not mnist_is_available(cache)

    (x_train, t_train), (x_test, t_test) = load_mnist(
        cache_dir=cache, base_url=url, checksums=checksums
    )

    assert x_train.shape == (N_TRAIN, SIDE * SIDE) and x_train.dtype == np.float32
    assert x_test.shape == (N_TEST, SIDE * SIDE)
    np.testing.assert_allclose(x_train, arrays[TRAIN_IMAGES].reshape(N_TRAIN, -1) / 255, rtol=1e-6)
    np.testing.assert_allclose(x_test, arrays[TEST_IMAGES].reshape(N_TEST, -1) / 255, rtol=1e-6)
    assert 0 <= x_train.min() and x_train.max() <= 1
    assert t_train.dtype == np.int64
    np.testing.assert_array_equal(t_train, arrays[TRAIN_LABELS])
    np.testing.assert_array_equal(t_test, arrays[TEST_LABELS])
    for name in MNIST_FILES:
        assert (cache / name).read_bytes() == (served / name).read_bytes()
    assert sorted(p.name for p in cache.iterdir()) == sorted(MNIST_FILES)  # no temp files left
    assert mnist_is_available(cache)


def test_unflattened_raw_pixels_and_one_hot_labels(tiny_mnist, server, tmp_path):
    arrays, _, checksums = tiny_mnist
    url, _ = server
    (x_train, t_train), (x_test, t_test) = load_mnist(
        normalize=False, flatten=False, one_hot_label=True,
        cache_dir=tmp_path, base_url=url.rstrip("/"), checksums=checksums,
    )
    assert x_train.shape == (N_TRAIN, 1, SIDE, SIDE) and x_train.dtype == np.uint8
    np.testing.assert_array_equal(x_train[:, 0], arrays[TRAIN_IMAGES])
    assert x_test.shape == (N_TEST, 1, SIDE, SIDE)
    assert t_train.shape == (N_TRAIN, 10) and t_test.shape == (N_TEST, 10)
    np.testing.assert_array_equal(t_train, np.eye(10)[arrays[TRAIN_LABELS]])
    np.testing.assert_array_equal(t_test, np.eye(10)[arrays[TEST_LABELS]])


def test_second_call_reads_the_cache(tiny_mnist, server, tmp_path):
    _, _, checksums = tiny_mnist
    url, stop = server
    first = load_mnist(cache_dir=tmp_path, base_url=url, checksums=checksums)
    assert stop.handler.requests_served == len(MNIST_FILES)
    stop()
    again = load_mnist(cache_dir=tmp_path, base_url=url, checksums=checksums)
    for a, b in zip(first, again):
        np.testing.assert_array_equal(a[0], b[0])
        np.testing.assert_array_equal(a[1], b[1])


def test_wrong_checksum_is_rejected_and_not_kept(tiny_mnist, server, tmp_path):
    _, _, checksums = tiny_mnist
    url, _ = server
    wrong = "0" * 64
    with pytest.raises(DatasetError) as info:
        load_mnist(cache_dir=tmp_path, base_url=url, checksums={**checksums, TRAIN_LABELS: wrong})
    message = str(info.value)
    assert wrong in message and checksums[TRAIN_LABELS] in message
    assert url + TRAIN_LABELS in message
    assert not (tmp_path / TRAIN_LABELS).exists()
    assert not list(tmp_path.glob("*.part"))
    assert not mnist_is_available(tmp_path)


def test_interrupted_download_leaves_nothing(tiny_mnist, server, tmp_path):
    _, _, checksums = tiny_mnist
    url, stop = server
    stop.handler.cut_off = (TEST_IMAGES,)
    with pytest.raises(DatasetError, match="IncompleteRead"):
        load_mnist(cache_dir=tmp_path, base_url=url, checksums=checksums)
    assert not (tmp_path / TEST_IMAGES).exists()
    assert not list(tmp_path.glob("*.part"))


def test_damaged_cached_file_is_reported(tiny_mnist, server, tmp_path):
    _, _, checksums = tiny_mnist
    url, _ = server
    (tmp_path / TEST_LABELS).write_bytes(b"not mnist")
    with pytest.raises(DatasetError, match="Delete it") as info:
        load_mnist(cache_dir=tmp_path, base_url=url, checksums=checksums)
    assert str(tmp_path / TEST_LABELS) in str(info.value)


def test_offline_gives_a_clear_error(tmp_path):
    url = closed_port_url()
    cache = tmp_path / "cache"
    with pytest.raises(DatasetError) as info:
        load_mnist(cache_dir=cache, base_url=url)
    message = str(info.value)
    assert "Downloading MNIST failed" in message
    assert url + TRAIN_IMAGES in message
    assert str(cache) in message
    assert all(name in message for name in MNIST_FILES)
    assert not list(cache.iterdir())


def test_wrong_magic_number_is_a_clear_error(tiny_mnist, server, tmp_path):
    _, served, checksums = tiny_mnist
    url, _ = server
    # Swap the test images and labels: both are valid IDX files, of the wrong kind.
    images, labels = (served / TEST_IMAGES).read_bytes(), (served / TEST_LABELS).read_bytes()
    (served / TEST_IMAGES).write_bytes(labels)
    (served / TEST_LABELS).write_bytes(images)
    swapped = {**checksums, TEST_IMAGES: checksums[TEST_LABELS],
               TEST_LABELS: checksums[TEST_IMAGES]}
    with pytest.raises(DatasetError, match="magic number 0x00000801, expected 0x00000803"):
        load_mnist(cache_dir=tmp_path, base_url=url, checksums=swapped)


def test_environment_variables_choose_url_and_cache(tiny_mnist, server, tmp_path, monkeypatch):
    _, _, checksums = tiny_mnist
    url, _ = server
    monkeypatch.setenv("KIT_MNIST_URL", url)
    monkeypatch.setenv("KIT_MNIST_DIR", str(tmp_path))
    assert not mnist_is_available()
    (x_train, _), _ = load_mnist(checksums=checksums)
    assert x_train.shape == (N_TRAIN, SIDE * SIDE)
    assert mnist_is_available()
