"""Issue 12, item 5: bounded work on any input. What an adversarial tester gave the command line, each now one line
naming the problem (exit status 2, no traceback) with the project as it was, or, where it can, simply working."""

from __future__ import annotations

import errno
import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest

from annotator.core.services.themes import ThemeService
from annotator.errors import UserError
from tests.cli.test_bad_input import assert_user_error
from tests.conftest import snapshot
from tests.exchange.refi_files import project_xml, qdpx


def odd(folder: Path, name: bytes) -> Path:
    """A path whose file name is bytes that are not UTF-8, as Python hands it over (with surrogates)."""
    return Path(os.fsdecode(os.fsencode(folder) + b"/" + name))


# -- zip bombs -----------------------------------------------------------------------------------------------------
def test_notes_refuse_a_word_zip_bomb(cli, project_file: Path, tmp_path: Path) -> None:
    """The tester's 3 MB .docx took 6.2 GB of memory before it was refused: the archive is checked first now."""
    path = tmp_path / "bom.docx"
    document = docx.Document()
    document.add_paragraph("Catatan")
    document.save(str(path))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/media/image1.png", bytes(20 << 20))
    before = snapshot(project_file)
    assert_user_error(cli("notes", project_file, "--add", path), f"{path}: the entry 'word/media/image1.png'", "bomb")
    assert snapshot(project_file) == before


def test_import_refuses_a_qdpx_of_many_small_bombs(cli, project_file: Path, tmp_path: Path) -> None:
    """Entries under 1 MB each skipped the ratio check and there was no limit in all: 2.5 MB made 1.5 GB."""
    path = tmp_path / "banyak.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_xml(""))
        for i in range(300):
            archive.writestr(f"sources/{i}.txt", bytes(60_000))
    before = snapshot(project_file)
    assert_user_error(cli("import", project_file, path), f"{path}: its 301 entries unpack to", "zip bomb")
    assert snapshot(project_file) == before
    assert not (tmp_path / "studi-media").exists()


def test_import_refuses_codes_nested_thousands_deep(cli, project_file: Path, tmp_path: Path) -> None:
    codes = "".join(f'<Code guid="{i:08d}-0000-4000-8000-000000000000" name="L{i}">' for i in range(5000))
    path = qdpx(tmp_path / "dalam.qdpx", project_xml(f"<CodeBook><Codes>{codes}{'</Code>' * 5000}</Codes></CodeBook>"))
    before = snapshot(project_file)
    assert_user_error(cli("import", project_file, path), "codes are nested more than 100 levels deep")
    assert snapshot(project_file) == before


# -- names that are not UTF-8 --------------------------------------------------------------------------------------
def test_a_media_file_whose_name_is_not_utf8(cli, project_file: Path, media, tmp_path: Path) -> None:
    path = odd(tmp_path, b"rekaman-\xff.wav")
    shutil.copy(media["wav"], path)
    before = snapshot(project_file)
    assert_user_error(cli("add", project_file, path), "rekaman-\\xff.wav: the file name is not valid text (UTF-8)")
    assert snapshot(project_file) == before
    assert cli("list", project_file).code == 0


def test_a_project_whose_name_is_not_utf8(cli, tmp_path: Path) -> None:
    path = odd(tmp_path, b"studi-\xff.annotator")
    assert_user_error(cli("new", path), "studi-\\xff.annotator: the project's file or folder name is not valid text")
    assert list(tmp_path.iterdir()) == []
    assert_user_error(cli("list", path), "not valid text (UTF-8)")


def test_notes_and_transcripts_whose_names_are_not_utf8_come_in(cli, project_file: Path, media, tmp_path: Path) -> None:
    """Their names are only shown and kept as a note of where the text came from: they come in, the bad byte shown
    as \\xff."""
    notes = odd(tmp_path, b"catatan-\xe9.txt")
    notes.write_text("Suasana terbuka dan hangat.\n", encoding="utf-8")
    result = cli("notes", project_file, "--add", notes)
    assert result.code == 0, result.err
    assert "catatan-\\xe9" in result.out
    assert cli("add", project_file, media["wav"]).code == 0
    transcript = odd(tmp_path, b"transkrip-\xff.srt")
    transcript.write_text("1\n00:00:00,000 --> 00:00:01,000\nhalo\n", encoding="utf-8")
    result = cli("import", project_file, transcript, "--recording", "1")
    assert result.code == 0, result.err
    assert "transkrip-\\xff.srt" in result.out
    result = cli("export", project_file, "--format", "srt", "--out", odd(tmp_path, b"keluar-\xff.srt"))
    assert_user_error(result, "keluar-\\xff.srt: the file name is not valid text (UTF-8)")
    assert not [p for p in os.listdir(os.fsencode(tmp_path)) if p.startswith(b"keluar")]


# -- a full disk ---------------------------------------------------------------------------------------------------
class FullDisk:
    def __init__(self, handle: Any) -> None:
        self._handle = handle

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_export_on_a_full_disk(cli, project_file: Path, tmp_path: Path, monkeypatch, fmt: str) -> None:
    out = tmp_path / "keluar" / f"hasil.{fmt}"
    out.parent.mkdir()
    opened = zipfile.ZipFile.__init__

    def full_disk(self: zipfile.ZipFile, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> None:
        opened(self, file, mode, *args, **kwargs)
        if mode == "w":
            self.fp = FullDisk(self.fp)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", full_disk)
    result = cli("export", project_file, "--format", fmt, "--out", out)
    assert_user_error(result, f"{out}: could not be written (no space left on the disk)")
    assert list(out.parent.iterdir()) == []


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Any:
    """A real file system of 64 KB (tmpfs; root only)."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tmpfs needs root; the monkeypatched full disk above covers this in CI")
    folder = tmp_path / "kecil"
    folder.mkdir()
    if os.system(f"mount -t tmpfs -o size=64k tmpfs {folder} 2>/dev/null") != 0:
        pytest.skip("no tmpfs here")
    yield folder
    os.system(f"umount {folder}")


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_an_export_on_a_really_full_disk(cli, project_file: Path, tiny_disk: Path, fmt: str) -> None:
    (tiny_disk / "isi").write_bytes(os.urandom(60 << 10))  # 4 KB left: less than any workbook or report
    out = tiny_disk / f"hasil.{fmt}"
    result = cli("export", project_file, "--format", fmt, "--out", out)
    assert_user_error(result, f"{out}: could not be written (no space left on the disk)")
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["isi"]


# -- nothing half-made ---------------------------------------------------------------------------------------------
def _codebook(path: Path, themes: list[Any]) -> Path:
    path.write_text(json.dumps({"format": "annotator-codebook", "name": "Uji", "themes": themes}), encoding="utf-8")
    return path


def _deep(levels: int) -> list[Any]:
    node: dict[str, Any] = {"name": f"L{levels}"}
    for i in range(levels - 1, 0, -1):
        node = {"name": f"L{i}", "children": [node]}
    return [node]


BROKEN = {
    "two themes of one name": ([{"name": "Aman"}, {"name": "aman"}], "themes[0] and themes[1] have the same name"),
    "a slash in a name": ([{"name": "Aman/Nyaman"}], "themes[0].name 'Aman/Nyaman' contains '/'"),
    "a name too long": ([{"name": "x" * 200}], "is 200 characters long (at most 150)"),
    "children of one name": (
        [{"name": "A", "children": [{"name": {"en": "Safe", "id": "Aman"}}, {"name": {"en": "Secure", "id": "Aman"}}]}],
        "themes[0].children[0] and themes[0].children[1] have the same name 'Aman'",
    ),
    "nested too deep": (_deep(150), "themes are nested more than 100 levels deep"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_new_project_with_a_broken_codebook_leaves_nothing(cli, tmp_path: Path, case: str) -> None:
    themes, message = BROKEN[case]
    codebook = _codebook(tmp_path / "rusak.json", themes)
    assert_user_error(cli("new", tmp_path / "studi", "--codebook", codebook), message)
    assert [p.name for p in tmp_path.iterdir()] == ["rusak.json"]


def test_a_codebook_nested_too_deep_for_json(cli, tmp_path: Path) -> None:
    codebook = tmp_path / "dalam.json"
    codebook.write_text('{"format": "annotator-codebook", "themes": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert_user_error(cli("new", tmp_path / "studi", "--codebook", codebook), "nested too deeply")
    assert [p.name for p in tmp_path.iterdir()] == ["dalam.json"]


def test_a_new_project_whose_codebook_fails_half_way_leaves_nothing(cli, tmp_path: Path, monkeypatch) -> None:
    real = ThemeService.import_codebook

    def half(self: ThemeService, *args: Any, **kwargs: Any) -> int:
        real(self, *args, **kwargs)
        raise UserError("the disk filled up after the themes")

    monkeypatch.setattr(ThemeService, "import_codebook", half)
    assert_user_error(cli("new", tmp_path / "studi", "--codebook", "relationships"), "the disk filled up")
    assert list(tmp_path.iterdir()) == []


def test_new_beside_a_folder_of_the_same_name(cli, tmp_path: Path) -> None:
    (tmp_path / "studi").mkdir()
    result = cli("new", tmp_path / "studi")
    assert result.code == 0, result.err
    assert (tmp_path / "studi.annotator").is_file()
    assert cli("list", tmp_path / "studi").code == 0  # and it opens by the same name
