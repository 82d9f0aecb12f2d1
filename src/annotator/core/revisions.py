"""The schema revisions of Annotator's migrations, read from the scripts without Alembic or SQLAlchemy.

Opening a project compares its revision with :func:`head_revision`; ``annotator list`` does so with sqlite3 alone
(core/listing.py). tests/cli/test_startup.py checks this reading against Alembic's own.
"""

from __future__ import annotations

import ast
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def revisions() -> dict[str, tuple[str, ...]]:
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
    found = revisions()
    heads = set(found).difference(*found.values())
    assert len(heads) == 1, f"the migrations should have one head, not {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    return set(revisions())
