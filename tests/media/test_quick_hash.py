"""The quick hash: a few samples of a file's content, enough to notice another file of the same size."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from annotator.media import probe
from annotator.media.probe import QUICK_HASH_BLOCKS, quick_hash


def _file(path: Path, size: int, seed: int = 1) -> Path:
    path.write_bytes(random.Random(seed).randbytes(size))
    return path


def test_the_same_content_gives_the_same_hash(tmp_path: Path) -> None:
    a = _file(tmp_path / "a.bin", 3_000_000)
    b = tmp_path / "b.bin"
    b.write_bytes(a.read_bytes())
    assert quick_hash(a) == quick_hash(b)
    assert len(quick_hash(a)) == 64


@pytest.mark.parametrize("where", [0, 0.5, 1.0])
def test_a_change_in_a_sampled_block_changes_it(tmp_path: Path, where: float) -> None:
    path = _file(tmp_path / "a.bin", 3_000_000)
    before = quick_hash(path)
    data = bytearray(path.read_bytes())
    at = min(int(len(data) * where), len(data) - 1)
    data[at] ^= 0xFF  # the head, the middle block and the last byte are all read
    path.write_bytes(bytes(data))
    assert quick_hash(path) != before


def test_the_size_counts(tmp_path: Path) -> None:
    small = tmp_path / "small.bin"
    small.write_bytes(b"\0" * 10)
    longer = tmp_path / "longer.bin"
    longer.write_bytes(b"\0" * 11)
    assert quick_hash(small) != quick_hash(longer)


def test_a_small_file_is_read_whole(tmp_path: Path) -> None:
    path = _file(tmp_path / "a.bin", 40_000)
    before = quick_hash(path)
    data = bytearray(path.read_bytes())
    for at in range(0, len(data), 997):  # any byte at all
        changed = bytearray(data)
        changed[at] ^= 1
        path.write_bytes(bytes(changed))
        assert quick_hash(path) != before


def test_a_large_file_costs_a_few_blocks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """However large the file (here 8 GiB, sparse), at most 17 blocks of 64 KiB are read."""
    path = tmp_path / "big.bin"
    with path.open("wb") as handle:
        handle.truncate(8 << 30)
    read: list[int] = []
    opened = Path.open

    class Counting:
        def __init__(self, handle) -> None:  # noqa: ANN001
            self.handle = handle

        def __enter__(self) -> Counting:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def seek(self, offset: int) -> int:
            return self.handle.seek(offset)

        def read(self, size: int = -1) -> bytes:
            chunk = self.handle.read(size)
            read.append(len(chunk))
            return chunk

    monkeypatch.setattr(probe.Path, "open", lambda self, *a, **k: Counting(opened(self, *a, **k)))
    quick_hash(path)
    assert len(read) == QUICK_HASH_BLOCKS + 2
    assert sum(read) <= (QUICK_HASH_BLOCKS + 2) * (64 << 10)
