"""Engine and sessions for a project database.

A project is one SQLite file (WAL, foreign keys on, a busy timeout so that the window and a
transcription child process can share it). The same code accepts a database URL, so that a server
such as PostgreSQL can hold a team's project later.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


def is_database_url(target: str | os.PathLike[str]) -> bool:
    text = os.fspath(target)
    return "://" in text and not Path(text).exists()


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions begin (pysqlite's legacy behaviour
    # defers BEGIN, which breaks SAVEPOINTs and transactional DDL); see the "begin" listener.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def create_file(path: Path) -> None:
    """Create an empty database file readable by its owner only (the data concern minors)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)  # whatever the umask was


def make_engine(target: str | os.PathLike[str]) -> Engine:
    """An engine for a project file path or a database URL."""
    if is_database_url(target):
        url = make_url(os.fspath(target))
        engine = create_engine(url)
    else:
        path = Path(target)
        engine = create_engine(
            f"sqlite+pysqlite:///{path}",
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
    return engine


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One short transaction: commit on success, roll back on any error."""
    with factory() as session, session.begin():
        yield session
