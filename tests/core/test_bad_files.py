"""Files from outside that must not make the app work without bound or fail with a traceback: Word documents that
are zip bombs, names that are not text. Each gives one line naming the file, and the project stays as it was."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import docx
import pytest

from annotator import fileio
from annotator.core import codebook
from annotator.core.project import Project
from annotator.core.services import documents, themes
from annotator.errors import MediaError, ProjectError, UserError
from annotator.media.probe import probe
from annotator.safezip import Limits
from tests.conftest import snapshot


def word(path: Path, text: str) -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


# -- Word documents as field notes -------------------------------------------------------------------------------
def test_a_word_zip_bomb_is_refused_before_python_docx_reads_it(project: Project, tmp_path: Path) -> None:
    """A 3 MB .docx that unpacks to gigabytes took 6.2 GB of memory before it was refused; this one holds a part of
    20 MB of zeros in 20 KB, and is refused from its directory alone."""
    path = word(tmp_path / "bom.docx", "Catatan lapangan")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document2.xml", bytes(20 << 20))
    assert path.stat().st_size < 200_000
    before = snapshot(project.path)
    with pytest.raises(
        UserError, match=r"bom\.docx: the entry 'word/document2\.xml' unpacks from .* zip bomb, refused"
    ):
        project.documents.import_files([path])
    assert snapshot(project.path) == before


def test_a_word_document_larger_than_the_limit_is_refused(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = word(tmp_path / "besar.docx", " ".join(f"kata{i}" for i in range(20_000)))
    assert project.documents.import_files([path])[0].title == "besar"
    monkeypatch.setattr(documents, "DOCX_LIMITS", Limits(max_total_bytes=100_000))
    before = snapshot(project.path)
    with pytest.raises(UserError, match=r"besar\.docx: unpacks to more than 97\.7 KB in all; the archive is refused"):
        project.documents.import_files([path])
    assert snapshot(project.path) == before


# -- codebooks -----------------------------------------------------------------------------------------------------
def test_a_codebook_allows_the_theme_names_the_project_allows() -> None:
    assert codebook.NAME_LIMIT == themes.NAME_LIMIT


# -- names that are not UTF-8 --------------------------------------------------------------------------------------
def test_names_that_are_not_utf8_are_shown_with_escapes(project: Project, tmp_path: Path) -> None:
    path = Path(os.fsdecode(os.fsencode(tmp_path) + b"/catatan-\xff.txt"))
    path.write_text("Suasana terbuka", encoding="utf-8")
    [view] = project.documents.import_files([path])
    assert view.title == "catatan-\\xff" and view.source_path == f"{tmp_path}/catatan-\\xff.txt"
    assert fileio.shown(path) == f"{tmp_path}/catatan-\\xff.txt"
    assert str(UserError(f"{path}: bad")) == f"{tmp_path}/catatan-\\xff.txt: bad"
    with pytest.raises(MediaError, match=r"catatan-\\xff\.txt: the file name is not valid text \(UTF-8\)"):
        probe(path)
    with pytest.raises(ProjectError, match=r"catatan-\\xff\.txt: the project's file or folder name is not valid"):
        Project.open(path)


def test_a_notes_file_far_too_large_is_not_read(project: Project, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "besar.txt"
    path.write_text("kata " * 1000, encoding="utf-8")
    monkeypatch.setattr(documents, "MAX_FILE_BYTES", 4000)  # a small limit instead of a file of 256 MB
    before = snapshot(project.path)
    with pytest.raises(UserError, match=r"besar\.txt: is \d+ KB, far larger than field notes; it is not read"):
        project.documents.import_files([path])
    assert snapshot(project.path) == before
