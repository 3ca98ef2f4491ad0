"""Safe writes: atomic replacement, kept permissions, change detection, create-only, locks."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from treaty.files import writes
from treaty.files.writes import (
    BadLock,
    Busy,
    Snapshot,
    lock_path,
    locked,
    read_snapshot,
    write_atomic,
)
from treaty.problems import Code

ORIGINAL = b"# a comment\nid: x\n"


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_a_failure_between_the_temporary_file_and_the_rename_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "4.1.yaml"
    path.write_bytes(ORIGINAL)
    seen: list[bytes] = []

    def broken_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append(Path(src).read_bytes())  # the new text was fully written before the rename
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(path, "id: y\n", expect=read_snapshot(path))
    assert seen == [b"id: y\n"]
    assert path.read_bytes() == ORIGINAL
    assert _leftovers(tmp_path, {"4.1.yaml"}) == []


def test_a_failure_while_writing_the_temporary_file_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "4.1.yaml"
    path.write_bytes(ORIGINAL)

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="Input/output"):
        write_atomic(path, "id: y\n")
    assert path.read_bytes() == ORIGINAL
    assert _leftovers(tmp_path, {"4.1.yaml"}) == []


def test_write_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "4.1.yaml"
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    assert write_atomic(path, "id: y\n", expect=read_snapshot(path)) is None
    assert path.read_bytes() == b"id: y\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert _leftovers(tmp_path, {"4.1.yaml"}) == []


def test_writing_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_bytes(ORIGINAL)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert write_atomic(link, "id: y\n", expect=read_snapshot(link)) is None
    assert link.is_symlink()
    assert target.read_bytes() == b"id: y\n"


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "4.1.yaml"
    path.write_bytes(ORIGINAL)
    snapshot = read_snapshot(path)
    path.write_bytes(ORIGINAL + b"notes: added by another editor\n")
    refused = write_atomic(path, "id: y\n", expect=snapshot, shown="clauses/x/4.1.yaml")
    assert refused is not None
    assert refused.code is Code.EDIT_CONFLICT
    assert refused.path == "clauses/x/4.1.yaml"
    assert "changed since it was read" in refused.message
    assert path.read_bytes() == ORIGINAL + b"notes: added by another editor\n"
    assert _leftovers(tmp_path, {"4.1.yaml"}) == []


def test_a_change_made_just_before_the_rename_is_detected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another editor saves while the temporary file is being flushed: the last look before
    # the rename must see it.
    path = tmp_path / "4.1.yaml"
    path.write_bytes(ORIGINAL)
    snapshot = read_snapshot(path)
    real_fsync = os.fsync

    def fsync_then_edit(fd: int) -> None:
        real_fsync(fd)
        path.write_bytes(b"id: edited meanwhile\n")

    monkeypatch.setattr(os, "fsync", fsync_then_edit)
    refused = write_atomic(path, "id: y\n", expect=snapshot)
    assert refused is not None and refused.code is Code.EDIT_CONFLICT
    assert path.read_bytes() == b"id: edited meanwhile\n"


def test_creating_never_clobbers_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "9.yaml"
    expect_none = Snapshot(path, None)
    path.write_bytes(b"id: someone else's\n")
    refused = write_atomic(path, "id: mine\n", expect=expect_none)
    assert refused is not None and refused.code is Code.EDIT_CONFLICT
    assert path.read_bytes() == b"id: someone else's\n"
    assert _leftovers(tmp_path, {"9.yaml"}) == []


def test_creating_a_new_file_uses_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "9.yaml"
    old = os.umask(0o027)
    try:
        assert write_atomic(path, "id: mine\n", expect=Snapshot(path, None)) is None
    finally:
        os.umask(old)
    assert path.read_bytes() == b"id: mine\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_the_lock_is_exclusive_and_leaves_no_file_behind(tmp_path: Path) -> None:
    path = tmp_path / "4.1.yaml"
    path.write_bytes(ORIGINAL)
    with locked(path):
        assert lock_path(path).exists()
        with pytest.raises(Busy), locked(path, timeout=0.1):
            pass  # pragma: no cover - never entered
    assert not lock_path(path).exists()
    with locked(path, timeout=0.1):  # free again
        pass
    assert _leftovers(tmp_path, {"4.1.yaml"}) == []


def test_a_waiter_gets_the_lock_once_it_is_released(tmp_path: Path) -> None:
    path = tmp_path / "4.1.yaml"
    order: list[str] = []
    holding = threading.Event()

    def first() -> None:
        with locked(path):
            holding.set()
            order.append("first in")
            # The second thread is waiting now or soon; give it a chance to (wrongly) enter.
            threading.Event().wait(0.2)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    holding.wait()
    with locked(path, timeout=5):
        order.append("second in")
    thread.join()
    assert order == ["first in", "first out", "second in"]


def test_busy_when_the_lock_is_never_released(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writes, "_try_lock", lambda fd: False)
    with pytest.raises(Busy), locked(tmp_path / "x.yaml", timeout=0.05):
        pass  # pragma: no cover - never entered


def test_creating_without_hard_links_still_refuses_to_clobber(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: object, dst: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "9.yaml"
    assert write_atomic(path, "id: mine\n", expect=Snapshot(path, None)) is None
    assert path.read_bytes() == b"id: mine\n"
    refused = write_atomic(path, "id: again\n", expect=Snapshot(path, None))
    assert refused is not None and refused.code is Code.EDIT_CONFLICT
    assert path.read_bytes() == b"id: mine\n"
    assert _leftovers(tmp_path, {"9.yaml"}) == []


def test_a_link_in_place_of_the_lock_file_is_refused_not_followed(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n")
    target = tmp_path / "elsewhere" / "created-by-the-link"
    target.parent.mkdir()
    lock_path(path).symlink_to(target)  # e.g. committed to a repository
    with pytest.raises(BadLock, match="is a link"), locked(path, timeout=0.1):
        pass
    assert not target.exists()
    assert lock_path(path).is_symlink()  # left for the user to look at


def test_a_name_of_255_bytes_gets_temporary_and_lock_names_that_fit(tmp_path: Path) -> None:
    long_a, long_b = "a" * 250 + "1.txt", "a" * 250 + "2.txt"
    locks = {lock_path(tmp_path / name).name for name in (long_a, long_b)}
    assert len(locks) == 2  # still one lock per file
    assert all(len(name.encode()) <= 255 for name in locks)
    path = tmp_path / long_a
    assert write_atomic(path, "text\n", expect=Snapshot(path, None)) is None
    with locked(path):
        pass
    assert _leftovers(tmp_path, {long_a}) == []
