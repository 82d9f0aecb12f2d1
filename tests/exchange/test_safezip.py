"""SafeZip: archives from outside are checked as a whole (names, counts, sizes, compression ratio) before any entry
is read, and each refusal names the archive and the entry."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from annotator.errors import UserError
from annotator.safezip import Limits, SafeZip, check_archive, check_name


def make_zip(path: Path, entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return path


def test_reads_and_copies_entries(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "ok.zip", {"project.qde": b"<Project/>", "sources/a.txt": b"halo " * 1000})
    with SafeZip(path) as archive:
        assert archive.names() == ["project.qde", "sources/a.txt"]
        assert archive.read("project.qde") == b"<Project/>"
        out, seen = io.BytesIO(), []
        assert archive.extract("sources/a.txt", out, seen.append) == 5000
        assert out.getvalue() == b"halo " * 1000 and b"".join(seen) == out.getvalue()
        with pytest.raises(UserError, match=r"ok\.zip: the entry 'sources/a\.txt' is 4\.9 KB, more than the 100 bytes"):
            archive.read("sources/a.txt", max_bytes=100)
        with pytest.raises(UserError, match="has no entry 'missing'"):
            archive.read("missing")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.sh", "climbs out"),
        ("sources/../../evil.sh", "climbs out"),
        ("/etc/cron.d/evil", "an absolute path"),
        ("C:/Windows/evil.dll", "a drive letter"),
        ("sources\\..\\evil.dll", "a backslash"),
        ("sources/a\x01.txt", "a control character"),
    ],
)
def test_entries_that_climb_out_are_refused(tmp_path: Path, name: str, reason: str) -> None:
    path = make_zip(tmp_path / "slip.zip", {"project.qde": b"<Project/>", name: b"x"})
    with pytest.raises(UserError, match=rf"slip\.zip: the entry .* has .*{reason}.*refused"):
        SafeZip(path)
    with pytest.raises(UserError):
        check_name(path, name)


def test_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "bomb.zip", {"project.qde": b"<Project/>", "sources/big.txt": bytes(64 << 20)})
    assert path.stat().st_size < 200_000
    with pytest.raises(
        UserError, match=r"bomb\.zip: the entry 'sources/big\.txt' unpacks from .* to 64\.0 MB .*zip bomb"
    ):
        SafeZip(path)


def test_small_entries_may_compress_well(tmp_path: Path) -> None:
    """A short part of spaces or of repeated XML (under the floor of 64 KB) may have any ratio."""
    path = make_zip(tmp_path / "spaces.zip", {"a.txt": b" " * 60_000, "b.xml": b"<w:p/>" * 10_000})
    with SafeZip(path) as archive:
        assert len(archive.read("a.txt")) == 60_000


def test_the_ratio_is_checked_for_entries_under_one_megabyte(tmp_path: Path) -> None:
    """Entries under 1 MB used to skip the ratio check: a bomb of many such entries passed."""
    path = make_zip(tmp_path / "half.zip", {"project.qde": b"<Project/>", "sources/a.txt": bytes(512 << 10)})
    with pytest.raises(
        UserError, match=r"half\.zip: the entry 'sources/a\.txt' unpacks from .* to 512\.0 KB .*zip bomb"
    ):
        SafeZip(path)


def test_many_small_entries_that_each_compress_too_well_are_refused(tmp_path: Path) -> None:
    """The tester's 2.5 MB .qdpx of many small entries (each under every per-entry limit) unpacked to 1.5 GB: the
    archive as a whole may unpack to little more than the ratio allows."""
    entries = {"project.qde": b"<Project/>", **{f"sources/{i}.txt": bytes(60_000) for i in range(200)}}
    path = make_zip(tmp_path / "many.qdpx", entries)
    assert path.stat().st_size < 100_000
    with pytest.raises(
        UserError, match=r"many\.qdpx: its 201 entries unpack to 11\.4 MB, .* more than 100 times .*zip bomb"
    ):
        SafeZip(path)
    few = make_zip(tmp_path / "few.qdpx", {f"sources/{i}.txt": bytes(60_000) for i in range(10)})
    with SafeZip(few) as archive:  # a few such parts, as a Word document has, are fine
        assert len(archive.names()) == 10


def test_an_archive_in_memory_and_check_archive(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "doc.docx", {"word/document.xml": b"<w:document/>", "bomb.bin": bytes(8 << 20)})
    with pytest.raises(UserError, match=r"doc\.docx: the entry 'bomb\.bin' unpacks .* zip bomb"):
        check_archive(path, path.read_bytes())
    with pytest.raises(UserError, match=r"doc\.docx: the entry 'bomb\.bin' unpacks .* zip bomb"):
        check_archive(path)
    with pytest.raises(UserError, match=r"doc\.docx: the file is empty"):
        check_archive(path, b"")
    small = make_zip(tmp_path / "ok.docx", {"word/document.xml": b"<w:document/>"})
    check_archive(small, small.read_bytes())


def test_limits_on_count_size_and_total(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "many.zip", {f"sources/{i}.txt": bytes([65 + i]) * 1000 for i in range(5)})
    with pytest.raises(UserError, match=r"many\.zip: holds 5 entries, more than the 4 allowed"):
        SafeZip(path, Limits(max_entries=4))
    with pytest.raises(UserError, match=r"the entry 'sources/0\.txt' unpacks to 1000 bytes, more than the 999 bytes"):
        SafeZip(path, Limits(max_entry_bytes=999))
    with pytest.raises(UserError, match=r"many\.zip: unpacks to more than 4\.0 KB in all"):
        SafeZip(path, Limits(max_total_bytes=4096))
    with SafeZip(path, Limits(max_entries=5, max_total_bytes=5000)) as archive:
        assert len(archive.names()) == 5


def test_the_same_name_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.zip"
    with pytest.warns(UserWarning), zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", b"<Project/>")
        archive.writestr("project.qde", b"<Project name='other'/>")
    with pytest.raises(UserError, match=r"twice\.zip: the entry 'project\.qde' appears twice"):
        SafeZip(path)


def test_an_entry_larger_than_it_declares_is_refused(tmp_path: Path) -> None:
    """The sizes in the headers are lowered after writing: the data that comes out does not match them."""
    path = make_zip(tmp_path / "liar.zip", {"sources/a.txt": b"0123456789"}, zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    local = data.find(b"PK\x03\x04")
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 5)  # uncompressed size in the local header
    struct.pack_into("<I", data, central + 24, 5)  # ... and in the central directory
    path.write_bytes(bytes(data))
    with (
        SafeZip(path) as archive,
        pytest.raises(UserError, match=r"liar\.zip: the entry 'sources/a\.txt' cannot be unpacked"),
    ):
        archive.read("sources/a.txt")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", r"the file is empty \(0 bytes\)"),
        (b"not a zip at all, just words", "not a zip archive, or one cut short"),
    ],
)
def test_files_that_are_not_archives(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.qdpx"
    path.write_bytes(content)
    with pytest.raises(UserError, match=rf"x\.qdpx: {message}"):
        SafeZip(path)


def test_a_truncated_archive_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "cut.zip", {"project.qde": b"<Project/>" * 1000, "sources/a.txt": b"abc" * 1000})
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(UserError, match=r"cut\.zip: not a zip archive, or one cut short"):
        SafeZip(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"nothing\.qdpx: no such file"):
        SafeZip(tmp_path / "nothing.qdpx")
    with pytest.raises(UserError, match="is a folder"):
        SafeZip(tmp_path)
