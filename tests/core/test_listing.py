"""The quick listing of recordings (core/listing.py, what ``annotator list`` reads with sqlite3 alone) says exactly
what the project's RecordingService says, and leaves to it every project it cannot read alone."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.core.listing import quick_summaries
from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, NewWord
from tests.core.test_migrations import _project_at_first_revision


@pytest.fixture
def study(tmp_path: Path, media: dict[str, Path]) -> Path:
    """Three recordings: one whose file is in place (transcribed in part, verified and coded), one whose file is
    gone, one whose file is now another size; a participant with a role."""
    folder = tmp_path / "studi"
    folder.mkdir()
    files = [folder / f"wawancara-{n}.wav" for n in (1, 2, 3)]
    for path, source in zip(files, ("wav", "wav_en", "stereo"), strict=True):
        shutil.copy(media[source], path)
    path = folder / "studi.annotator"
    with Project.create(path, language="id") as project:
        project.recordings.add(files[0], participant="WBS-01", role="resident")
        project.recordings.add(files[1], title="Staf pagi", participant="STAF-01", role="staff")
        project.recordings.add(files[2])
        for start in (0, 2_000):
            words = [NewWord(start, start + 900, "Saya", 0.9), NewWord(start + 1000, start + 1900, "senang", 0.8)]
            project.transcripts.add_segment(1, NewSegment(start, start + 1_900, "Saya senang", words))
        project.editing.set_status(1, "verified")
        theme = project.themes.create("Rasa aman")
        project.coding.code_span(1, 1, 0, 1, 4, [theme.id])
        project.transcripts.begin(1, {"model": "tiny.en", "language": "id"}, restart=False)
    files[1].unlink()
    with files[2].open("ab") as handle:
        handle.write(b"\0" * 100)
    return path


def full(path: Path) -> list:
    with Project.open(path) as project:
        return project.recordings.summaries()


def test_the_quick_listing_says_what_the_project_says(study: Path) -> None:
    quick = quick_summaries(study)
    assert quick is not None
    assert quick == full(study)
    assert [(s.media_status, s.segments, s.verified_pct, s.codings, s.transcription) for s in quick] == [
        ("ok", 2, 50.0, 1, "running"),
        ("missing", 0, 0.0, 0, "none"),
        ("changed", 0, 0.0, 0, "none"),
    ]
    assert (quick[1].participant, quick[1].role, quick[1].title) == ("STAF-01", "staff", "Staf pagi")


def test_a_file_touched_since_is_left_to_the_project_which_checks_it_whole(study: Path) -> None:
    os.utime(study.parent / "wawancara-1.wav", (1_000_000_000, 1_000_000_000))
    assert quick_summaries(study) is None  # its sha256 must decide, and the result be stored
    assert full(study)[0].media_status == "ok"
    assert quick_summaries(study) == full(study)  # quick again once the project knows the file


def test_typing_to_recover_is_left_to_the_project(study: Path) -> None:
    with sqlite3.connect(study) as connection:
        connection.execute(
            "INSERT INTO typing_journal (segment_id, text, host, pid, process, written_at)"
            " VALUES (1, 'Saya senang sekali', 'laptop-lain', 1, '', '2024-01-01')"
        )
    assert quick_summaries(study) is None


def test_an_older_schema_is_left_to_the_project(tmp_path: Path, media: dict[str, Path]) -> None:
    old = tmp_path / "lama.annotator"
    _project_at_first_revision(old, media["wav"])
    assert quick_summaries(old) is None


@pytest.mark.parametrize("kind", ["missing", "folder", "not-a-database", "empty-database"])
def test_anything_but_a_project_file_is_left_to_the_project(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.annotator"
    if kind == "folder":
        path.mkdir()
    elif kind == "not-a-database":
        path.write_text("catatan")
    elif kind == "empty-database":
        sqlite3.connect(path).close()
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE notes (id INTEGER)")
    assert quick_summaries(path) is None
