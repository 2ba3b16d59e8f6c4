import os

import pytest

from autograder.reports import atomic
from autograder.reports.gradescope import write_atomically


def test_new_file_is_written_whole_without_temp_files(tmp_path):
    path = tmp_path / "results.json"
    write_atomically(path, "{\"score\": 1}\n")
    assert path.read_text() == "{\"score\": 1}\n"
    assert os.listdir(tmp_path) == ["results.json"]


def test_existing_file_is_replaced_whole(tmp_path):
    path = tmp_path / "results.json"
    path.write_text("x" * 10_000)
    write_atomically(path, "short")
    assert path.read_text() == "short"
    assert os.listdir(tmp_path) == ["results.json"]


def test_line_ends_and_unicode_are_kept(tmp_path):
    path = tmp_path / "gradebook.csv"
    write_atomically(path, "a,b\r\nµ,≈\r\n")
    assert path.read_bytes() == "a,b\r\nµ,≈\r\n".encode("utf-8")


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path, monkeypatch):
    path = tmp_path / "results.json"
    path.write_text("old")

    def refuse(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomically(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["results.json"]
