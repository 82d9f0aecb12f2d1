"""Schema migrations, applied when a project is opened.

The Alembic scripts live in ``core/migrations/versions``. Before a project is upgraded a copy of the
file is made beside it; a project written by a newer version of the app is refused, never touched.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:  # Alembic is imported only when a schema must change: opening a current project needs none of it
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


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
def _revisions() -> dict[str, tuple[str, ...]]:
    """Each revision in ``migrations/versions`` with those it follows, read from the scripts' assignments
    without loading Alembic (tests/cli/test_startup.py checks this against Alembic's own reading)."""
    found: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        names: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            else:
                continue
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                names[target.id] = ast.literal_eval(value)
        revision, down = names.get("revision"), names.get("down_revision")
        if isinstance(revision, str):
            found[revision] = (down,) if isinstance(down, str) else tuple(down or ())  # type: ignore[arg-type]
    return found


def head_revision() -> str:
    revisions = _revisions()
    heads = set(revisions).difference(*revisions.values())
    assert len(heads) == 1, f"the migrations should have one head, not {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revisions())


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


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction (SQLite has transactional DDL)."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def backup_copy(path: Path, revision: str | None) -> Path:
    """A consistent copy of a SQLite project file (WAL included) beside it, readable by the owner only."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bak-{revision or 'none'}-{stamp}")
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(fd)
    source = sqlite3.connect(path)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target
