"""One project = one SQLite file: pragmas, file mode, transactions, and the URL door left open."""

from __future__ import annotations

import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from annotator.core import db
from annotator.core.codebook import load_codebook
from annotator.core.models import Participant, Recording, Segment, Word
from annotator.core.project import Project, project_path
from annotator.core.services.themes import ThemeService


def test_pragmas_on_every_connection(project: Project) -> None:
    with project.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == db.BUSY_TIMEOUT_MS


def test_file_is_private_and_suffix_added(tmp_path: Path) -> None:
    with Project.create(tmp_path / "studi") as project:
        assert project.path == tmp_path / "studi.annotator"
        assert stat.S_IMODE(project.path.stat().st_mode) == 0o600
        with project.transaction() as session:  # the WAL file appears on the first write
            session.add(Participant(code="WBS-01"))
        wal = Path(f"{project.path}-wal")
        assert wal.exists() and stat.S_IMODE(wal.stat().st_mode) == 0o600


def test_project_path_keeps_other_names(tmp_path: Path) -> None:
    assert project_path(tmp_path / "a.db") == tmp_path / "a.db"
    assert project_path(tmp_path / "a") == tmp_path / "a.annotator"


def test_a_new_project_beside_a_folder_of_its_name(tmp_path: Path) -> None:
    """``annotator new studi`` when a folder ``studi/`` exists makes ``studi.annotator`` (it used to refuse)."""
    (tmp_path / "studi").mkdir()
    assert project_path(tmp_path / "studi", new=True) == tmp_path / "studi.annotator"
    assert project_path(tmp_path / "studi") == tmp_path / "studi"  # to open: the folder, so the message says so
    Project.create(tmp_path / "studi").close()
    assert project_path(tmp_path / "studi") == tmp_path / "studi.annotator"
    (tmp_path / "plain").write_bytes(b"")
    assert project_path(tmp_path / "plain", new=True) == tmp_path / "plain"  # a file of that name is meant


def test_a_new_project_is_removed_when_what_made_it_fails(tmp_path: Path) -> None:
    """Nothing half-made: the first ``with`` block around a new project ending in an error removes it (``annotator
    new --codebook`` imports the codebook there); an opened project is never removed."""
    with pytest.raises(RuntimeError), Project.create(tmp_path / "a"):
        raise RuntimeError("the codebook import failed")
    assert list(tmp_path.iterdir()) == []
    with Project.create(tmp_path / "b", codebook=load_codebook("relationships")) as project:
        assert len(project.themes.tree()) > 0
    with pytest.raises(RuntimeError), Project.open(tmp_path / "b"):
        raise RuntimeError("a later command failed")
    assert (tmp_path / "b.annotator").is_file()


def test_a_new_project_with_a_codebook_that_fails_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    def failing(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ThemeService, "import_codebook", failing)
    with pytest.raises(OSError):
        Project.create(tmp_path / "c", codebook=load_codebook("relationships"))
    assert list(tmp_path.iterdir()) == []


def test_a_failed_operation_leaves_nothing_behind(project: Project) -> None:
    """Every operation is one transaction: an error half-way rolls back the first half too."""
    with pytest.raises(IntegrityError), project.transaction() as session:
        session.add(Participant(code="WBS-09"))
        session.flush()
        session.add(Participant(code="WBS-09"))  # unique code
        session.flush()
    assert [p.code for p in project.participants.list()] == []


def test_foreign_keys_cascade_from_recording_to_words(project: Project, media) -> None:
    recording = project.recordings.add(media["wav"])
    with project.transaction() as session:
        segment = Segment(recording_id=recording.id, start_ms=0, end_ms=900, text="Saya")
        session.add(segment)
        session.flush()
        session.add(Word(segment_id=segment.id, position=0, start_ms=0, end_ms=400, text="Saya", probability=0.8))
    project.recordings.delete(recording.id)
    with project.engine.connect() as connection:
        for table in ("recordings", "segments", "words"):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0


def test_check_constraints_guard_the_data(project: Project, media) -> None:
    recording = project.recordings.add(media["wav"])
    with pytest.raises(IntegrityError), project.transaction() as session:
        session.add(Segment(recording_id=recording.id, start_ms=500, end_ms=100, text="mundur"))
    with pytest.raises(IntegrityError), project.transaction() as session:
        session.add(Segment(recording_id=recording.id, start_ms=0, end_ms=100, text="x", status="done"))
    with pytest.raises(IntegrityError), project.transaction() as session:
        session.add(Participant(code="X", role="teacher"))


def test_every_exchangeable_entity_has_a_unique_guid(project: Project, media) -> None:
    project.recordings.add(media["wav"], participant="WBS-01")
    with sqlite3.connect(project.path) as connection:
        for table in ("project", "coders", "participants", "recordings", "themes"):
            guids = [row[0] for row in connection.execute(f"SELECT guid FROM {table}")]
            assert guids and all(len(g) == 36 for g in guids), table
            assert len(set(guids)) == len(guids)
        # and the schema demands them where rows can leave the project
        for table in ("segments", "speakers", "codings", "notes", "documents"):
            columns = {row[1]: row for row in connection.execute(f"PRAGMA table_info({table})")}
            assert columns["guid"][3] == 1, f"{table}.guid must be NOT NULL"


def test_window_and_child_process_share_the_file(project: Project, media) -> None:
    """WAL: a reader sees committed rows while another connection writes (the transcription child)."""
    recording = project.recordings.add(media["wav"])
    other = Project.open(project.path)
    try:
        stop = threading.Event()
        errors: list[BaseException] = []

        def write() -> None:
            try:
                for i in range(50):
                    with other.transaction() as session:
                        session.add(
                            Segment(recording_id=recording.id, start_ms=i * 100, end_ms=i * 100 + 90, text=f"kata {i}")
                        )
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                stop.set()

        thread = threading.Thread(target=write)
        thread.start()
        seen = 0
        while not stop.is_set():
            seen = max(seen, project.recordings.summaries()[0].segments)
        thread.join()
        assert not errors
        assert project.recordings.summaries()[0].segments == 50
    finally:
        other.close()


def test_database_url_is_accepted(tmp_path: Path) -> None:
    """A URL (here SQLite's own) goes through the same code; a server can stand behind one later."""
    url = f"sqlite:///{tmp_path / 'team.db'}"
    with Project.create(url, name="Tim") as project:
        assert project.path is None and project.folder is None
        assert project.info().name == "Tim"
    with Project.open(url) as project:
        assert project.settings.get().name == "Tim"
        assert project.recordings.summaries() == []


def test_detached_objects_keep_their_values(project: Project, media) -> None:
    recording: Recording = project.recordings.add(media["wav"], title="WBS 01")
    assert recording.title == "WBS 01" and recording.duration_ms > 0
