"""Shared fixtures: real speech media, fresh projects, the command line, and database snapshots."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annotator.cli import main  # noqa: E402
from annotator.core.project import Project  # noqa: E402
from tests.speech import media_set  # noqa: E402


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Speech recordings made once per test run (see tests/speech.py)."""
    return media_set(tmp_path_factory.mktemp("media"))


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """A new project with the relationships codebook, closed again."""
    path = tmp_path / "studi.annotator"
    assert main(["new", str(path), "--codebook", "relationships"]) == 0
    return path


@pytest.fixture
def project(project_file: Path):  # noqa: ANN201
    with Project.open(project_file) as opened:
        yield opened


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``annotator ARGS`` in-process; returns exit code, stdout and stderr."""

    def run(*args: str | Path) -> Result:
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's --help and usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, after checking the file's integrity."""
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(connection.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
