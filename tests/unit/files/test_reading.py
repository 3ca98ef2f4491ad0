"""The one checked reader: only regular files, inside the root, bounded, never blocking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from treaty.files import reading
from treaty.files.fingerprint import of_bytes
from treaty.files.reading import NotRegular, read_input, read_regular, unchanged


def test_read_regular_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotRegular):
        read_regular(fifo, 100)  # opened without blocking, refused by what was opened
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "pipe")
    with pytest.raises(OSError):
        read_regular(link, 100)  # a link as the last step is never followed


def test_read_input_takes_only_a_bounded_regular_file(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 11)
    assert read_input(big, 10) == (None, "is larger than 10 bytes")
    assert read_input(big, 11) == (b"x" * 11, None)
    assert read_input(tmp_path, 10)[1] == "is not a regular file (a folder, pipe, socket or device)"
    missing = read_input(tmp_path / "none", 10)[1]
    assert missing is not None and missing.startswith("cannot be read")


def test_unchanged_vouches_only_for_what_reading_would_read(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    path = root / "a.yaml"
    path.write_bytes(b"id: a\n")
    raw, st = read_regular(path, 100)
    seen = of_bytes(raw, st)
    assert unchanged(str(path), root, seen, 100) is not None
    outside = tmp_path / "a.yaml"
    outside.write_bytes(b"id: a\n")
    path.unlink()
    path.symlink_to(outside)  # the same bytes, now out of the project
    assert unchanged(str(path), root, seen, 100) is None
    path.unlink()
    path.mkdir()
    assert unchanged(str(path), root, seen, 100) is None
    assert unchanged(str(root / "gone"), root, seen, 100) is None


def test_a_file_swapped_for_a_pipe_after_the_look_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: a\n")

    def swapped(where: Path | str, limit: int) -> tuple[bytes, os.stat_result]:
        raise NotRegular(0, "not a regular file", str(where))

    monkeypatch.setattr(reading, "read_regular", swapped)
    raw, problems, _ = reading.read_fingerprinted(path, "a.yaml", tmp_path, 100)
    assert raw is None
    assert problems[0].message == "is not a regular file (a pipe, socket or device)"
