"""Migrations: applied on open after a backup copy; models and migrations agree; newer schemas refused."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from annotator import fileio
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


# -- foreign keys off while a table is rebuilt -------------------------------------------------------------------
TEST_ENV = (migrate.MIGRATIONS_DIR / "env.py").read_text(encoding="utf-8")
PARENT_CHILD = """
import sqlalchemy as sa
from alembic import op

revision = "t1"
down_revision = None


def upgrade() -> None:
    op.create_table("parent", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.Text))
    op.create_table(
        "child",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("parent.id", ondelete="CASCADE"), nullable=False),
    )
"""
REBUILD = """
import sqlalchemy as sa
from alembic import op

revision = "t2"
down_revision = "t1"


def upgrade() -> None:  # what a future change to `segments` would do: copy the table, drop it, rename the copy
    with op.batch_alter_table("parent", recreate="always") as batch:
        batch.add_column(sa.Column("note", sa.Text, server_default=""))
"""
DANGLING = """
from alembic import op

revision = "t3"
down_revision = "t2"


def upgrade() -> None:
    op.execute("CREATE TABLE extra (id INTEGER PRIMARY KEY)")
    op.execute("INSERT INTO child (id, parent_id) VALUES (99, 12345)")
"""


def _scripts(folder: Path, *versions: str) -> Path:
    (folder / "versions").mkdir(parents=True)
    (folder / "env.py").write_text(TEST_ENV, encoding="utf-8")
    for n, text in enumerate(versions, 1):
        (folder / "versions" / f"t{n}.py").write_text(text, encoding="utf-8")
    return folder


def _parent_with_children(path: Path, scripts: Path) -> None:
    db.create_file(path)
    engine = db.make_engine(path)
    migrate.upgrade(engine, "t1", script_location=scripts)
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO parent (id, name) VALUES (1, 'rekaman')")
        connection.exec_driver_sql("INSERT INTO child (id, parent_id) VALUES (1, 1), (2, 1)")
    engine.dispose()


def _children(path: Path) -> list[tuple[int, int]]:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT id, parent_id FROM child ORDER BY id").fetchall()


def test_a_table_rebuilt_by_a_migration_keeps_the_rows_that_point_at_it(tmp_path: Path) -> None:
    """SQLite rebuilds a table to alter it (batch mode); with foreign keys on, dropping the old table would delete
    every row that points at it (as the control below shows). Migrations run with them off, then on again."""
    scripts = _scripts(tmp_path / "migrations", PARENT_CHILD, REBUILD)
    control = tmp_path / "control.annotator"
    _parent_with_children(control, scripts)
    engine = db.make_engine(control)
    with engine.begin() as connection:  # the old way: inside a transaction, foreign keys on
        from alembic import command

        config = migrate.alembic_config(connection)
        config.set_main_option("script_location", str(scripts))
        command.upgrade(config, "t2")
    engine.dispose()
    assert _children(control) == []  # the cascade took them

    path = tmp_path / "x.annotator"
    _parent_with_children(path, scripts)
    engine = db.make_engine(path)
    migrate.upgrade(engine, "head", script_location=scripts)
    assert _children(path) == [(1, 1), (2, 1)]
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again for the next user
        assert [c["name"] for c in inspect(connection).get_columns("parent")] == ["id", "name", "note"]
    engine.dispose()


def test_a_migration_that_leaves_broken_references_is_undone(tmp_path: Path) -> None:
    scripts = _scripts(tmp_path / "migrations", PARENT_CHILD, REBUILD, DANGLING)
    path = tmp_path / "x.annotator"
    _parent_with_children(path, scripts)
    engine = db.make_engine(path)
    migrate.upgrade(engine, "t2", script_location=scripts)
    before = snapshot(path)
    with pytest.raises(ProjectError, match=r"would leave 1 row\(s\) of child pointing at rows that are not there"):
        migrate.upgrade(engine, "head", script_location=scripts)
    assert migrate.current_revision(engine) == "t2"
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()
    assert snapshot(path) == before


# -- the backup before an upgrade --------------------------------------------------------------------------------
class _BackupFails:
    """sqlite3 for migrate.py, whose backup stops half-way (a kill, a full disk)."""

    Error = sqlite3.Error

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def connect(self, *args: object, **kwargs: object) -> object:
        error = self.error

        class Half:
            def __init__(self, raw: sqlite3.Connection) -> None:
                self.raw = raw

            def backup(self, target: Half) -> None:
                target.raw.execute("CREATE TABLE half_copied (x)")  # something was written before it stopped
                target.raw.commit()
                raise error

            def close(self) -> None:
                self.raw.close()

        return Half(sqlite3.connect(*args, **kwargs))


@pytest.mark.parametrize("error", [sqlite3.OperationalError("disk I/O error"), KeyboardInterrupt()])
def test_an_interrupted_backup_leaves_no_backup_and_the_project_untouched(
    tmp_path: Path, media, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    """The copy used to be made in place: an interrupted one left an empty or half .bak that looked like the copy
    from before the upgrade. Now it is written under a temporary name, renamed only when whole."""
    path = tmp_path / "lama.annotator"
    _project_at_first_revision(path, media["wav"])
    before = snapshot(path)
    monkeypatch.setattr(migrate, "sqlite3", _BackupFails(error))
    if isinstance(error, KeyboardInterrupt):
        with pytest.raises(KeyboardInterrupt):
            Project.open(path)
    else:
        with pytest.raises(ProjectError, match=rf"^{path}: the backup copy before the upgrade failed \(disk I/O error"):
            Project.open(path)
    assert [p.name for p in tmp_path.iterdir() if ".bak" in p.name or p.name.startswith(".")] == []
    assert snapshot(path) == before
    assert migrate.current_revision(db.make_engine(path)) == migrate.first_revision()


def test_the_backup_is_private_and_a_killed_one_is_cleared_away(tmp_path: Path, media) -> None:
    """A backup killed mid-way leaves only its temporary; the next backup into that folder removes it."""
    path = tmp_path / "lama.annotator"
    _project_at_first_revision(path, media["wav"])
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".lama.annotator.bak-0001-x.{fileio._HOST}-{int(dead.stdout)}-abc123.part"
    stale.write_bytes(b"half a copy")
    with Project.open(path):
        pass
    [backup] = [p for p in tmp_path.iterdir() if p.name != "lama.annotator"]
    assert backup.name.startswith("lama.annotator.bak-")
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
