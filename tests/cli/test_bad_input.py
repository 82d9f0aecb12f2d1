"""Bad input: each gets a one-line message naming the problem, exit status 2, and no change to the project."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import snapshot


def assert_user_error(result, *fragments: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("annotator: error: ")
    assert result.err.count("\n") == 1, f"not one line: {result.err!r}"
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in result.err, f"{fragment!r} not in {result.err!r}"


@pytest.fixture
def added(cli, project_file: Path, media) -> Path:
    """A project that already holds one recording, so that 'unchanged' means something."""
    assert cli("add", project_file, media["wav"], "--participant", "WBS-01").code == 0
    return project_file


def _bad_media(kind: str, tmp_path: Path, media: dict[str, Path]) -> Path:
    if kind == "missing":
        return tmp_path / "hilang.mp3"
    if kind == "zero-byte":
        path = tmp_path / "kosong.wav"
        path.touch()
        return path
    if kind == "text-as-mp3":
        path = tmp_path / "catatan.mp3"
        path.write_text("Ini catatan lapangan, bukan rekaman suara.\n" * 50, encoding="utf-8")
        return path
    if kind == "truncated-mp3":
        path = tmp_path / "terpotong.mp3"
        data = media["mp3"].read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return path
    if kind == "directory":
        path = tmp_path / "folder-rekaman"
        path.mkdir()
        return path
    raise AssertionError(kind)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("missing", "hilang.mp3: no such file"),
        ("zero-byte", "kosong.wav: the file is empty (0 bytes)"),
        ("text-as-mp3", "catatan.mp3: not an audio or video file FFmpeg can read"),
        ("truncated-mp3", "terpotong.mp3: the file is "),
        ("directory", "folder-rekaman: is a folder, not a media file"),
    ],
)
def test_bad_media_is_refused_and_project_unchanged(
    cli, added: Path, media, tmp_path: Path, kind: str, expected: str
) -> None:
    bad = _bad_media(kind, tmp_path, media)
    before = snapshot(added)
    result = cli("add", added, bad, "--participant", "WBS-02", "--role", "resident")
    assert_user_error(result, expected)
    assert snapshot(added) == before


def test_one_bad_file_among_good_ones_adds_nothing(cli, added: Path, media, tmp_path: Path) -> None:
    bad = _bad_media("truncated-mp3", tmp_path, media)
    before = snapshot(added)
    assert_user_error(cli("add", added, media["m4a"], bad, media["stereo"]), "terpotong.mp3")
    assert snapshot(added) == before


def test_same_recording_twice_is_refused(cli, added: Path, media, tmp_path: Path) -> None:
    copy = tmp_path / "salinan.wav"
    shutil.copy(media["wav"], copy)
    before = snapshot(added)
    assert_user_error(cli("add", added, copy), "salinan.wav: is already in the project as recording 1")
    assert snapshot(added) == before


def test_role_without_participant(cli, added: Path, media) -> None:
    before = snapshot(added)
    assert_user_error(cli("add", added, media["m4a"], "--role", "staff"), "--participant")
    assert snapshot(added) == before


def test_conflicting_role(cli, added: Path, media) -> None:
    cli("participants", added, "--add", "STAF-01", "--role", "staff")
    before = snapshot(added)
    assert_user_error(
        cli("add", added, media["m4a"], "--participant", "STAF-01", "--role", "resident"), "STAF-01 is already a staff"
    )
    assert snapshot(added) == before


def test_unknown_recording(cli, added: Path) -> None:
    before = snapshot(added)
    assert_user_error(cli("rename", added, "99", "x"), "no recording '99'")
    assert_user_error(cli("remove", added, "tidak ada"), "no recording 'tidak ada'")
    assert snapshot(added) == before


def test_new_project_in_a_missing_folder(cli, tmp_path: Path) -> None:
    target = tmp_path / "tidak-ada" / "studi.annotator"
    assert_user_error(cli("new", target), f"the folder {target.parent} does not exist")
    assert not target.parent.exists()


def test_new_project_over_an_existing_file(cli, added: Path) -> None:
    before = snapshot(added)
    assert_user_error(cli("new", added), "already exists")
    assert snapshot(added) == before


def test_new_project_with_bad_language_or_codebook(cli, tmp_path: Path) -> None:
    assert_user_error(cli("new", tmp_path / "a", "--language", "Bahasa Indonesia"), "not a language code")
    assert_user_error(cli("new", tmp_path / "b", "--codebook", "tidak-ada"), "no such codebook")
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def readonly_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder this user may not write to.

    Root may write anywhere, so as root the refusal an unprivileged user gets from the kernel is
    injected at os.access (failure injection); as anyone else the folder's mode does it for real.
    """
    folder = tmp_path / "hanya-baca"
    folder.mkdir()
    if os.geteuid() == 0:
        real_access = os.access

        def access(path, mode, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003
            if mode & os.W_OK and Path(path) == folder:
                return False
            return real_access(path, mode, *args, **kwargs)

        monkeypatch.setattr("annotator.core.project.os.access", access)
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


def test_new_project_in_a_folder_that_is_not_writable(cli, readonly_folder: Path) -> None:
    target = readonly_folder / "studi.annotator"
    result = cli("new", target)
    assert_user_error(result, f"{target}: the folder {readonly_folder} is not writable")
    assert not target.exists()


def test_a_project_whose_folder_is_not_writable(cli, media, tmp_path: Path, readonly_folder: Path) -> None:
    """SQLite writes its journal beside the project: say so at once instead of failing later."""
    readonly_folder.chmod(0o755)
    source = tmp_path / "studi.annotator"
    assert cli("new", source).code == 0
    target = readonly_folder / "studi.annotator"
    shutil.copy(source, target)
    readonly_folder.chmod(0o555)
    before = snapshot(target)
    assert_user_error(cli("add", target, media["wav"]), f"the folder {readonly_folder} is not writable")
    assert snapshot(target) == before


def test_a_text_file_is_not_a_project(cli, tmp_path: Path) -> None:
    notes = tmp_path / "catatan.annotator"
    notes.write_text("bukan proyek\n")
    assert_user_error(cli("list", notes), f"{notes}: not an Annotator project (the file is not a database)")
    assert notes.read_text() == "bukan proyek\n"


def test_an_empty_file_is_not_a_project(cli, tmp_path: Path) -> None:
    empty = tmp_path / "kosong.annotator"
    empty.touch()
    assert_user_error(cli("themes", empty), "not an Annotator project")
    assert empty.stat().st_size == 0


def test_another_programs_database_is_not_a_project(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
        connection.execute("INSERT INTO notes (text) VALUES ('hello')")
    before = snapshot(other)
    assert_user_error(cli("list", other), "not an Annotator project (a database without Annotator's tables)")
    assert snapshot(other) == before


def test_a_missing_project(cli, tmp_path: Path) -> None:
    assert_user_error(cli("list", tmp_path / "hilang.annotator"), "hilang.annotator: no such project file")
    # a picture of a project that is not there is refused (without a picture, the window offers to create it)
    out = tmp_path / "gambar.png"
    assert_user_error(cli("open", tmp_path / "hilang.annotator", "--screenshot", out), "no such project file")
    assert not out.exists()


def test_a_folder_given_as_project(cli, tmp_path: Path) -> None:
    assert_user_error(cli("list", tmp_path), "is a folder, not a project file")


def test_a_project_from_a_newer_version(cli, added: Path) -> None:
    with sqlite3.connect(added) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9000_from_the_future'")
    before = snapshot(added)
    result = cli("list", added)
    assert_user_error(
        result, "was saved by a newer version of Annotator (schema 9000_from_the_future)", "Update Annotator"
    )
    assert snapshot(added) == before
    assert not list(added.parent.glob("*.bak-*")), "a refused project must not even be copied"


def test_a_damaged_project_file(cli, added: Path) -> None:
    data = bytearray(added.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # overwrite the schema page
    added.write_bytes(bytes(data))
    result = cli("list", added)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert str(added) in result.err or "damaged" in result.err


def test_json_output_has_no_message_on_error(cli, tmp_path: Path) -> None:
    result = cli("list", tmp_path / "none.annotator", "--json")
    assert result.code == 2 and result.out == ""


def test_file_mode_is_private(cli, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        cli("new", tmp_path / "p.annotator")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "p.annotator").stat().st_mode) == 0o600
