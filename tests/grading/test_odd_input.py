"""Every odd input ends with exit 2, one line saying why, and the report asked for.

`autograder grade ODD --format json --out report.json` must write a report with
every test at 0 and the reason, whatever the archive or folder holds.
"""
import json
import os
import shutil
import stat
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from autograder import cli, submission_intake

FUNCTIONS = "def sigmoid(x):\n    return x\n"


def build_zip(path, members, method=zipfile.ZIP_DEFLATED):
    """members: name -> text, or (text, unix mode) for a link or special file."""
    with zipfile.ZipFile(path, "w", method) as zipped:
        for name, content in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = method
            if isinstance(content, tuple):
                content, mode = content
                info.external_attr = mode << 16
            zipped.writestr(info, content)
    return path


def patched(path, change):
    data = bytearray(path.read_bytes())
    change(data)
    path.write_bytes(bytes(data))
    return path


def set_method(data, method):
    """Every member's compression method (local headers and the central directory) set to `method`."""
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = data.find(signature)
        while start >= 0:
            data[start + offset:start + offset + 2] = method.to_bytes(2, "little")
            start = data.find(signature, start + 4)


def set_encrypted(data):
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start >= 0:
            data[start + offset] |= 1
            start = data.find(signature, start + 4)


def corrupt_deflate(data):
    start = data.find(b"PK\x03\x04")
    name_length = int.from_bytes(data[start + 26:start + 28], "little")
    extra_length = int.from_bytes(data[start + 28:start + 30], "little")
    payload = start + 30 + name_length + extra_length
    data[payload:payload + 8] = b"\xff" * 8


def odd_zip(tmp_path, kind):
    archive = tmp_path / "handed-in.zip"
    big = "x" * 1000
    if kind == "file and folder of one name":
        return build_zip(archive, {"functions.py": FUNCTIONS, "functions.py/inner.py": "x = 1\n"})
    if kind == "encrypted":
        return patched(build_zip(archive, {"functions.py": FUNCTIONS}), set_encrypted)
    if kind == "compression method 99":
        return patched(build_zip(archive, {"functions.py": FUNCTIONS}, zipfile.ZIP_STORED),
                       lambda data: set_method(data, 99))
    if kind == "300-character name":
        return build_zip(archive, {"functions.py": FUNCTIONS, "a" * 300 + ".py": "x = 1\n"})
    if kind == "deep path":
        return build_zip(archive, {"/".join(["d"] * 40) + "/functions.py": FUNCTIONS})
    if kind == "corrupt deflate":
        return patched(build_zip(archive, {"functions.py": FUNCTIONS + "#" * 400}), corrupt_deflate)
    if kind == "too many files":
        return build_zip(archive, {"functions.py": FUNCTIONS, **{f"extra/{i}.txt": "" for i in range(30)}})
    if kind == "too big":
        return build_zip(archive, {"functions.py": FUNCTIONS, "data.bin": big * 3000})
    if kind == "symlink":
        return build_zip(archive, {"functions.py": ("/etc/passwd", stat.S_IFLNK | 0o777)})
    raise AssertionError(kind)


REASONS = {"file and folder of one name": "share the name", "encrypted": "encrypted",
           "compression method 99": "compression", "300-character name": "too long",
           "deep path": "folders deep", "corrupt deflate": "damaged", "too many files": "more than 20",
           "too big": "more than 1 MB", "symlink": "link"}


def grade_expecting_refusal(capsys, path, out):
    code = cli.main(["grade", str(path), "--format", "json", "--out", str(out), "--only", "functions"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("autograder grade: error: "), err
    report = json.loads(out.read_text())
    assert report["score"] == 0 and report["tests"] and all(t["score"] == 0 for t in report["tests"])
    return err[0], report


@pytest.mark.parametrize("kind", list(REASONS))
def test_an_odd_zip_gets_exit_2_a_line_and_a_report(tmp_path, capsys, monkeypatch, kind):
    monkeypatch.setattr(submission_intake, "MAX_FILES", 20)
    monkeypatch.setattr(submission_intake, "MAX_BYTES", 1 << 20)
    line, report = grade_expecting_refusal(capsys, odd_zip(tmp_path, kind), tmp_path / "report.json")
    assert REASONS[kind] in line
    assert REASONS[kind] in report["tests"][0]["output"]


@pytest.fixture
def fast_folder(tmp_path):
    """An empty folder in memory when the machine has /dev/shm (30,000 files on disk take 15 s here)."""
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        folder = Path(tempfile.mkdtemp(prefix="kit-test-", dir=shm))
        yield folder
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield tmp_path


def test_thirty_thousand_files_are_refused_quickly(fast_folder, tmp_path, capsys):
    folder = fast_folder / "handed-in"
    folder.mkdir()
    (folder / "functions.py").write_text(FUNCTIONS)
    for i in range(30_000):
        os.close(os.open(folder / f"f{i}.txt", os.O_CREAT | os.O_WRONLY, 0o644))
    started = time.perf_counter()
    line, report = grade_expecting_refusal(capsys, folder, tmp_path / "report.json")
    assert f"more than {submission_intake.MAX_FILES} files" in line
    assert time.perf_counter() - started < 30


def test_links_in_a_folder_are_not_followed(tmp_path):
    folder = tmp_path / "handed-in"
    folder.mkdir()
    (folder / "functions.py").write_text(FUNCTIONS)
    (folder / "layers.py").symlink_to("/etc/passwd")
    (folder / "elsewhere").symlink_to("/etc", target_is_directory=True)
    with submission_intake.open_submission(folder) as graded:
        assert (graded / "functions.py").is_file()
        assert not (graded / "layers.py").exists() and not (graded / "elsewhere").exists()


def test_a_text_report_is_not_forced_on_stdout(tmp_path, capsys):
    code = cli.main(["grade", str(tmp_path / "missing")])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "" and "no such file" in captured.err


def test_a_256_mb_reply_and_a_huge_int_cost_only_their_checks(reference_copy, tmp_path, capsys):
    functions = reference_copy / "functions.py"
    functions.write_text(functions.read_text() + """

def sigmoid(x):                       # 256 MB back, whatever x is
    import numpy
    return numpy.ones(32 << 20)


def step_function(x):                 # an int of 5,000 digits
    return 10 ** 5000
""")
    out = tmp_path / "report.json"
    code = cli.main(["grade", str(reference_copy), "--only", "functions", "--format", "json", "--out", str(out)])
    capsys.readouterr()
    report = json.loads(out.read_text())
    assert code == 0
    by_name = {t["name"]: t for t in report["tests"]}
    sigmoid = [t for name, t in by_name.items() if "sigmoid" in name.lower()]
    step = [t for name, t in by_name.items() if "step" in name.lower()]
    assert sigmoid and all(t["score"] == 0 for t in sigmoid)
    assert any("an array (33554432,) of 256.0 MB" in t["output"] for t in sigmoid), sigmoid
    assert step and all(t["score"] == 0 for t in step)
    assert any(t["score"] > 0 for t in report["tests"])          # the other functions still count
