"""What killed edits leave behind: found when over a minute old, swept only when no edit holds
it, and a lock still held is never removed."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from treaty.files.strays import is_stray, sweep


def _aged(path: Path, seconds: float = 120) -> Path:
    path.write_text("", "utf-8")
    old = time.time() - seconds
    os.utime(path, (old, old))
    return path


def test_only_old_files_with_a_stray_s_name_are_strays(tmp_path: Path) -> None:
    assert is_stray(str(_aged(tmp_path / ".4.1.yaml.lock")))
    assert is_stray(str(_aged(tmp_path / ".4.1.yaml.ab_cd123.tmp")))
    assert not is_stray(str(_aged(tmp_path / ".4.1.yaml.lock.bak")))
    assert not is_stray(str(_aged(tmp_path / "4.1.yaml")))
    assert not is_stray(str(_aged(tmp_path / ".young.lock", seconds=5)))
    (tmp_path / ".folder.lock").mkdir()
    assert not is_stray(str(tmp_path / ".folder.lock"))
    assert not is_stray(str(tmp_path / ".gone.lock"))


def test_sweep_removes_old_strays_but_never_a_held_lock(tmp_path: Path) -> None:
    old_tmp = _aged(tmp_path / ".a.yaml.12345678.tmp")
    old_lock = _aged(tmp_path / ".a.yaml.lock")
    held = _aged(tmp_path / ".b.yaml.lock")
    young = _aged(tmp_path / ".c.yaml.lock", seconds=1)
    fd = os.open(held, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        assert sorted(p.name for p in sweep(tmp_path)) == sorted([old_lock.name, old_tmp.name])
    finally:
        os.close(fd)
    assert held.exists() and young.exists()
    assert not old_tmp.exists() and not old_lock.exists()
    assert sweep(tmp_path / "no-such-folder") == []


def test_a_lock_that_is_a_link_is_never_swept(tmp_path: Path) -> None:
    target = _aged(tmp_path / "elsewhere")
    link = tmp_path / ".a.yaml.lock"
    link.symlink_to(target)
    assert sweep(tmp_path) == []
    assert link.is_symlink() and target.exists()
