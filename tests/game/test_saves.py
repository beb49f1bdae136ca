"""Saved progress: atomic writes, broken saves moved aside, best scores kept."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from stackvsheap.game import saves
from stackvsheap.game.saves import SAVE_NAME, Progress


def test_round_trip_and_best_kept(tmp_path: Path) -> None:
    p = Progress.load(tmp_path)
    assert p.records == {} and p.notice is None
    assert p.record_result("a", 700, 2, "code v1")
    assert not p.record_result("a", 650, 1)  # worse: best and solution stay
    q = Progress.load(tmp_path)
    assert q.records["a"].best_score == 700 and q.records["a"].stars == 2
    assert q.records["a"].solution == "code v1"
    assert q.record_result("a", 720, 3, "code v2")
    assert Progress.load(tmp_path).records["a"].solution == "code v2"
    assert [f.name for f in tmp_path.iterdir()] == [SAVE_NAME]  # no temp file left behind


def test_unlocking_in_order(tmp_path: Path) -> None:
    p = Progress.load(tmp_path)
    ids = ["one", "two", "three"]
    assert [p.unlocked(ids, i) for i in ids] == [True, False, False]
    p.record_result("one", 1, 1)
    assert [p.unlocked(ids, i) for i in ids] == [True, True, False]


@pytest.mark.parametrize("content", [b"{not json", b'{"format": 99}', b"\xff\xfe", b'{"format": 1, "levels": {"a": {"best_score": "x", "stars": 1}}}'])
def test_corrupt_save_is_backed_up_and_the_game_starts_fresh(tmp_path: Path, content: bytes) -> None:
    (tmp_path / SAVE_NAME).write_bytes(content)
    p = Progress.load(tmp_path)
    assert p.records == {}
    assert p.notice is not None and "moved to" in p.notice
    backups = [f for f in tmp_path.iterdir() if f.name.startswith(SAVE_NAME + ".broken-")]
    assert len(backups) == 1 and backups[0].read_bytes() == content
    assert not (tmp_path / SAVE_NAME).exists()
    p.record_result("a", 1, 1)
    again = Progress.load(tmp_path)
    assert again.notice is None  # told once
    assert again.records["a"].best_score == 1
    assert backups[0].read_bytes() == content  # the backup is never overwritten


def test_second_corrupt_save_gets_its_own_backup(tmp_path: Path) -> None:
    for content in (b"first", b"second"):
        (tmp_path / SAVE_NAME).write_bytes(content)
        Progress.load(tmp_path)
    kept = sorted(f.read_bytes() for f in tmp_path.iterdir())
    assert kept == [b"first", b"second"]


def test_write_killed_half_way_leaves_the_old_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = Progress.load(tmp_path)
    p.record_result("a", 500, 1)
    before = (tmp_path / SAVE_NAME).read_bytes()
    written: list[str] = []

    def dies(src: str, dst: str) -> None:  # the temp file is complete and fsynced by now
        written.append(Path(src).read_text())
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(saves.os, "replace", dies)
    with pytest.raises(KeyboardInterrupt):
        p.record_result("b", 600, 2)
    monkeypatch.undo()
    assert '"b"' in written[0]
    assert (tmp_path / SAVE_NAME).read_bytes() == before
    assert [f.name for f in tmp_path.iterdir()] == [SAVE_NAME]
    assert set(Progress.load(tmp_path).records) == {"a"}


def test_unmovable_broken_save_is_never_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / SAVE_NAME).write_bytes(b"junk")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(saves.os, "replace", refuse)
    p = Progress.load(tmp_path)
    monkeypatch.undo()
    assert not p.writable and "not saved" in (p.notice or "")
    p.record_result("a", 1, 1)
    assert (tmp_path / SAVE_NAME).read_bytes() == b"junk"


def test_save_format_is_plain_json(tmp_path: Path) -> None:
    Progress.load(tmp_path).record_result("a", 5, 1)
    data = json.loads((tmp_path / SAVE_NAME).read_text())
    assert data == {"format": 1, "levels": {"a": {"best_score": 5, "stars": 1, "solution": None}}}
    assert os.stat(tmp_path / SAVE_NAME).st_size > 0
