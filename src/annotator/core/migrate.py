"""Schema migrations, applied when a project is opened.

The Alembic scripts live in ``core/migrations/versions``. Before a project is upgraded a copy of the
file is made beside it; a project written by a newer version of the app is refused, never touched.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

# The revisions are read from the scripts without Alembic (core/revisions.py, which `annotator list` uses too).
from annotator.core.revisions import MIGRATIONS_DIR, head_revision, known_revisions  # noqa: F401
from annotator.errors import ProjectError
from annotator.fileio import make_private, make_temporary, reason

if TYPE_CHECKING:  # Alembic is imported only when a schema must change: opening a current project needs none of it
    from alembic.config import Config
    from alembic.script import ScriptDirectory


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@functools.cache
def first_revision() -> str:
    return list(script_directory().walk_revisions())[-1].revision


def current_revision(engine: Engine) -> str | None:
    """The schema revision a database is at (None before the first migration), read without Alembic."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert len(versions) <= 1, f"the database is at several schema revisions: {versions}"
    return versions[0] if versions else None


def has_table(engine: Engine, name: str) -> bool:
    with engine.connect() as connection:
        return inspect(connection).has_table(name)


def upgrade(engine: Engine, revision: str = "head", script_location: Path | None = None) -> None:
    """Bring the schema to ``revision`` in one transaction (SQLite has transactional DDL).

    On SQLite the migration runs with foreign keys off, as SQLite requires when a table is rebuilt (Alembic's
    batch mode copies a table, drops the old one and renames the copy: with foreign keys on, dropping
    ``segments`` would delete every word and coding that points at it, ON DELETE CASCADE). The pragma has no
    effect inside a transaction, so it is set before the transaction begins. Before the transaction commits,
    ``PRAGMA foreign_key_check`` must find no row pointing at nothing; otherwise the upgrade is rolled back. Foreign
    keys are on again afterwards, whatever happened. ``script_location`` is for tests (another migrations folder).
    """
    from alembic import command

    config = alembic_config()
    if script_location is not None:
        config.set_main_option("script_location", str(script_location))
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.dbapi_connection if sqlite else None
        if raw is not None:
            _pragma(raw, "PRAGMA foreign_keys = OFF")  # the driver runs no BEGIN of its own (db.py)
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
                if sqlite:
                    _check_references(connection)
        finally:
            if raw is not None:
                _pragma(raw, "PRAGMA foreign_keys = ON")


def _pragma(raw: object, statement: str) -> None:
    cursor = raw.cursor()  # type: ignore[attr-defined]
    try:
        cursor.execute(statement)
    finally:
        cursor.close()


def _check_references(connection: Connection) -> None:
    """Refuse an upgrade that left rows pointing at rows that are not there (rolled back by the caller)."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise ProjectError(
            f"the schema upgrade would leave {len(broken)} row(s) of {', '.join(tables)} pointing at rows that are "
            "not there; it was undone and the project is as it was"
        )


def backup_copy(path: Path, revision: str | None) -> Path:
    """A consistent copy of a SQLite project file (WAL included) beside it, readable by the owner only.

    The copy is written under a temporary name (see :mod:`annotator.fileio`) and renamed into place only when
    whole: a backup interrupted (a kill, a full disk) never leaves a file that looks like the copy from before
    the upgrade. An error becomes a ProjectError naming the project, and the project is not upgraded."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{revision or 'none'}-{stamp}")
    try:
        temporary = make_temporary(path.parent, target.name)
    except OSError as exc:
        raise ProjectError(f"{path}: no backup copy can be made beside it ({reason(exc)}); not upgraded") from exc
    try:
        source = sqlite3.connect(path)
        try:
            copy = sqlite3.connect(temporary)
            try:
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        make_private(temporary)
        os.replace(temporary, target)
    except (OSError, sqlite3.Error) as exc:
        _remove(temporary)
        why = reason(exc) if isinstance(exc, OSError) else str(exc)
        raise ProjectError(f"{path}: the backup copy before the upgrade failed ({why}); it was not upgraded") from exc
    except BaseException:
        _remove(temporary)
        raise
    return target


def _remove(temporary: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{temporary}{suffix}").unlink(missing_ok=True)
