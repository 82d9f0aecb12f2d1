"""Engine and sessions for a project database.

A project is one SQLite file (WAL, foreign keys on, a busy timeout so that the window, the command line
and a transcription child process can share it). The same code accepts a database URL, so that a server
such as PostgreSQL can hold a team's project later.

Writers never fail on a lock: every transaction begins with ``BEGIN IMMEDIATE``, which takes the write
lock at once and so waits (up to the busy timeout) for another writer to finish. A deferred ``BEGIN``
takes it only at the first write, and when two writers meet there SQLite answers "database is locked"
at once, whatever the busy timeout. Transactions that only read can ask for a deferred begin
(:func:`reader`), so that a long export never holds the write lock.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

# How long a writer waits for another one (an import of a long transcript is the longest writer).
BUSY_TIMEOUT_MS = 30_000
BEGIN_OPTION = "annotator_sqlite_begin"
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
        event.listen(engine, "begin", _begin)
    return engine


def _begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(BEGIN_OPTION, "IMMEDIATE")
    connection.exec_driver_sql("BEGIN" if mode == "DEFERRED" else "BEGIN IMMEDIATE")


def reader(engine: Engine) -> Engine:
    """The same engine for transactions that only read: on SQLite they begin deferred and never wait for
    (or hold up) a writer. Anything written through it may fail on a lock: write through ``engine``."""
    return engine.execution_options(**{BEGIN_OPTION: "DEFERRED"})


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One short transaction: commit on success, roll back on any error."""
    with factory() as session, session.begin():
        yield session
