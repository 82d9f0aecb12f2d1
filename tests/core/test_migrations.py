"""Migrations: applied on open after a backup copy; models and migrations agree; newer schemas refused."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from annotator.core import db, migrate
from annotator.core.models import Base
from annotator.core.project import Project
from annotator.errors import ProjectError
from tests.conftest import snapshot


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    """A schema made by the migrations is the schema the models describe (nothing left to autogenerate)."""
    path = tmp_path / "head.annotator"
    with Project.create(path) as project:
        with project.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []


def test_revisions_form_one_line() -> None:
    script = migrate.script_directory()
    assert len(script.get_heads()) == 1
    assert migrate.first_revision() in migrate.known_revisions()


def _project_at_first_revision(path: Path, media_path: Path) -> None:
    """A project as the first version of the app left it, with data in every main table."""
    db.create_file(path)
    engine = db.make_engine(path)
    migrate.upgrade(engine, migrate.first_revision())
    engine.dispose()
    with sqlite3.connect(path) as c:
        c.execute(
            "INSERT INTO project (id, guid, name, language, vocabulary, description, settings, created_at,"
            " updated_at) VALUES (1, 'g-project', 'Studi lama', 'id', '[\"WBS\"]', '', '{}', '2024-01-01',"
            " '2024-01-01')"
        )
        c.execute(
            "INSERT INTO coders (id, guid, name, created_at, updated_at) VALUES (1, 'g-coder', 'ani',"
            " '2024-01-01', '2024-01-01')"
        )
        c.execute(
            "INSERT INTO participants (id, guid, code, role, attributes, notes, created_at, updated_at)"
            " VALUES (1, 'g-p', 'WBS-01', 'resident', '{\"age\": 14}', '', '2024-01-01', '2024-01-01')"
        )
        c.execute(
            "INSERT INTO recordings (id, guid, title, media_relpath, media_abspath, sha256, size_bytes,"
            " duration_ms, channels, sample_rate, media_format, audio_codec, has_video, language, notes,"
            " participant_id, created_at, updated_at) VALUES (1, 'g-r', 'Wawancara 1', NULL, ?, 'abc', ?,"
            " 4000, 1, 22050, 'wav', 'pcm_s16le', 0, NULL, '', 1, '2024-01-01', '2024-01-01')",
            (str(media_path), media_path.stat().st_size),
        )
        c.execute(
            "INSERT INTO segments (id, guid, recording_id, start_ms, end_ms, text, status, flags,"
            " updated_at) VALUES (1, 'g-s', 1, 0, 2000, 'Saya merasa nyaman', 'verified', '[]', '2024-01-01')"
        )
        c.execute(
            "INSERT INTO words (segment_id, position, start_ms, end_ms, text, probability) VALUES"
            " (1, 0, 0, 400, 'Saya', 0.93)"
        )
        c.execute(
            "INSERT INTO themes (id, guid, parent_id, position, name, definition, color, labels,"
            " created_at, updated_at) VALUES (1, 'g-t', NULL, 0, 'Keakraban', '', '#4cbae6', '{}',"
            " '2024-01-01', '2024-01-01')"
        )
        c.execute(
            "INSERT INTO codings (guid, theme_id, coder_id, recording_id, start_segment_id, start_offset,"
            " end_segment_id, end_offset, start_ms, end_ms, quote, memo, created_at, updated_at) VALUES"
            " ('g-c', 1, 1, 1, 1, 0, 1, 18, 0, 2000, 'Saya merasa nyaman', '', '2024-01-01', '2024-01-01')"
        )


def test_upgrade_from_the_first_revision_keeps_the_data(tmp_path: Path, media) -> None:
    path = tmp_path / "lama.annotator"
    _project_at_first_revision(path, media["wav"])
    before = snapshot(path)
    with Project.open(path) as project:
        assert migrate.current_revision(project.engine) == migrate.head_revision()
        summary = project.recordings.summaries()[0]
        assert (summary.title, summary.segments, summary.verified_pct, summary.codings) == ("Wawancara 1", 1, 100.0, 1)
        assert project.themes.tree()[0].passages == 1
        assert project.settings.get().vocabulary == ["WBS"]
    after = snapshot(path)
    for table, rows in before.items():
        if table != "alembic_version":
            assert len(after[table]) == len(rows), table
    if migrate.first_revision() != migrate.head_revision():
        backups = list(tmp_path.glob("lama.annotator.bak-*"))
        assert len(backups) == 1
        assert snapshot(backups[0]) == before
        assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600


def test_backup_is_made_before_upgrading(tmp_path: Path, media, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even when the upgrade itself fails, the copy is there and the project is as it was."""
    path = tmp_path / "lama.annotator"
    _project_at_first_revision(path, media["wav"])
    with sqlite3.connect(path) as c:  # pretend the file is one step older than the app
        c.execute("UPDATE alembic_version SET version_num = 'base_for_test'")
    before = snapshot(path)
    monkeypatch.setattr(migrate, "known_revisions", lambda: {"base_for_test", migrate.head_revision()})

    def failing_upgrade(engine, revision="head"):  # noqa: ANN001, ANN202
        raise RuntimeError("disk full while migrating")

    monkeypatch.setattr(migrate, "upgrade", failing_upgrade)
    with pytest.raises(RuntimeError):
        Project.open(path)
    backups = list(tmp_path.glob("lama.annotator.bak-base_for_test-*"))
    assert len(backups) == 1 and snapshot(backups[0]) == before
    assert snapshot(path) == before


def test_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "baru.annotator"
    Project.create(path).close()
    with sqlite3.connect(path) as c:
        c.execute("UPDATE alembic_version SET version_num = '0999_future'")
    before = snapshot(path)
    with pytest.raises(ProjectError, match=r"newer version of Annotator \(schema 0999_future\)"):
        Project.open(path)
    assert snapshot(path) == before


def test_migrations_run_in_one_transaction(tmp_path: Path) -> None:
    """SQLite has transactional DDL: an interrupted migration leaves no half-made schema."""
    path = tmp_path / "x.annotator"
    db.create_file(path)
    engine = db.make_engine(path)
    with pytest.raises(RuntimeError), engine.begin() as connection:
        from alembic import command

        command.upgrade(migrate.alembic_config(connection), "head")
        raise RuntimeError("power cut")
    engine.dispose()
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone() == (0,)
