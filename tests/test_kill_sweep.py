"""kill -9 at many moments of an import and of a schema upgrade: the project is always whole, and holds either all
of the work or none of it, never half.

(Transcription and typing have their own sweeps: tests/transcription/test_person_work_routes.py and
tests/ui/test_durable_typing.py; exports: tests/exchange/test_private_files.py.)
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from annotator.core import migrate
from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, NewWord
from tests.conftest import snapshot
from tests.core.test_migrations import _project_at_first_revision

TABLES = ("segments", "words", "codings", "themes", "recordings", "participants", "speakers")


def counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def kill_when(args: list[str], moment: Callable[[float], bool], limit_s: float = 120) -> subprocess.Popen:
    """Run ``annotator ARGS`` and kill -9 it as soon as ``moment(seconds since start)`` says so (or let it end)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    started = time.monotonic()
    while process.poll() is None and time.monotonic() - started < limit_s:
        if moment(time.monotonic() - started):
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.001)
    process.communicate(timeout=limit_s)
    return process


# -- import -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, media: dict[str, Path]) -> Path:
    """A REFI-QDA project with a long transcript and many coded passages."""
    folder = tmp_path_factory.mktemp("kill-import")
    with Project.create(folder / "sumber.annotator", language="id") as project:
        project.recordings.add(media["wav"], title="Wawancara panjang", participant="WBS-01", role="resident")
        themes = [project.themes.create(f"Tema {n}").id for n in range(8)]
        for n in range(600):
            text = f"kalimat nomor {n} tentang kehidupan di panti asuhan"
            words = [NewWord(n * 9 + k, n * 9 + k + 1, w, 0.9) for k, w in enumerate(text.split())]
            sid = project.transcripts.add_segment(1, NewSegment(n * 9, n * 9 + 8, text, words))
            if n % 3 == 0:
                project.coding.code_span(1, sid, 0, sid, 7, [themes[n % 8]], memo=f"catatan {n}")
    out = folder / "studi.qdpx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator",
            "export",
            str(folder / "sumber.annotator"),
            "--format",
            "qdpx",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def whole_import(tmp_path_factory: pytest.TempPathFactory, exported: Path) -> dict[str, int]:
    """What the project holds after the import has run to its end."""
    target = tmp_path_factory.mktemp("whole") / "target.annotator"
    Project.create(target, language="id").close()
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(target), str(exported)], capture_output=True
    )
    assert done.returncode == 0, done.stderr
    return counts(target)


@pytest.mark.parametrize("after_s", [0.4, 0.8, 1.2, 1.6, 2.2, 3.0])
def test_an_import_killed_at_any_moment_came_in_whole_or_not_at_all(
    tmp_path: Path, exported: Path, whole_import: dict[str, int], after_s: float
) -> None:
    target = tmp_path / "target.annotator"
    Project.create(target, language="id").close()
    before = counts(target)
    kill_when(["import", str(target), str(exported)], lambda s: s >= after_s)
    now = counts(target)
    assert now in (before, whole_import), now
    # and the project goes on: the import runs again to its end (or adds nothing the second time)
    again = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(target), str(exported)], capture_output=True
    )
    assert again.returncode == 0, again.stderr
    assert counts(target) == whole_import


# -- schema upgrade -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def old_project(tmp_path_factory: pytest.TempPathFactory, media: dict[str, Path]) -> Path:
    """A project of the first schema with a long transcript (so that its backup and upgrade take a while)."""
    path = tmp_path_factory.mktemp("old") / "lama.annotator"
    _project_at_first_revision(path, media["wav"])
    with sqlite3.connect(path) as connection:
        connection.executemany(
            "INSERT INTO segments (id, guid, recording_id, start_ms, end_ms, text, status, flags, updated_at)"
            " VALUES (?, ?, 1, ?, ?, ?, 'asr', '[]', '2024-01-01')",
            [(n, f"g-s{n}", n * 10, n * 10 + 9, f"kalimat {n} " * 8) for n in range(2, 20_000)],
        )
        connection.executemany(
            "INSERT INTO words (segment_id, position, start_ms, end_ms, text, probability) VALUES (?, ?, ?, ?, ?, 0.9)",
            [(n, k, n * 10 + k, n * 10 + k + 1, "kalimat") for n in range(2, 20_000) for k in range(8)],
        )
    return path


def _backups(folder: Path, project: Path) -> list[Path]:
    return [p for p in folder.glob(f"{project.name}.bak-*") if not p.name.endswith(("-wal", "-shm"))]


def _others(folder: Path, project: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} - {project.name, f"{project.name}-wal", f"{project.name}-shm"}


MOMENTS: dict[str, Callable[[Path, Path], Callable[[float], bool]]] = {
    # as soon as anything appears beside the project: the backup has begun
    "backup-begun": lambda folder, project: lambda _s: bool(_others(folder, project)),
    # as soon as the backup has its name: the upgrade itself is under way
    "backup-done": lambda folder, project: (
        lambda _s: any(".bak-" in n and not n.startswith(".") for n in _others(folder, project))
    ),
    "at-0.6s": lambda _f, _p: lambda s: s >= 0.6,
    "at-1.2s": lambda _f, _p: lambda s: s >= 1.2,
}


@pytest.mark.parametrize("moment", list(MOMENTS))
def test_an_upgrade_killed_at_any_moment_leaves_a_whole_project_and_whole_backups(
    tmp_path: Path, old_project: Path, moment: str
) -> None:
    path = tmp_path / old_project.name
    shutil.copy(old_project, path)
    os.chmod(path, 0o600)
    before = counts(path)
    before_rows = snapshot(path)
    kill_when(["list", str(path)], MOMENTS[moment](tmp_path, path))
    assert counts(path) == before
    with sqlite3.connect(path) as connection:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert revision in (migrate.first_revision(), migrate.head_revision())
    for backup in _backups(tmp_path, path):  # a visible backup is the whole project as it was
        assert snapshot(backup) == before_rows
    # and it opens: upgraded now if it was not yet, with the data
    done = subprocess.run([sys.executable, "-m", "annotator", "list", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert counts(path) == before
    backups = _backups(tmp_path, path)
    assert backups and all(snapshot(b) == before_rows for b in backups)
