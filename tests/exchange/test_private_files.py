"""What an export or import writes is private to the user (files 0600, folders 0700, whatever the umask), and a
killed export leaves nothing visible for long: its temporary is removed by the next export into that folder."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator import fileio
from annotator.core.project import Project
from annotator.exchange.export import export
from annotator.exchange.files import atomic_output
from annotator.exchange.options import ExportOptions
from annotator.exchange.refi_import import import_qdpx
from tests.exchange.coded_study import CodedStudy

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The usual umask, under which a file is made readable by everyone unless the app says otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> CodedStudy:
    return CodedStudy(project, media)


# -- modes ---------------------------------------------------------------------------------------------------------
FILES = {"csv": "a.csv", "xlsx": "a.xlsx", "docx": "a.docx", "qdpx": "a.qdpx", "qdc": "a.qdc", "srt": "a.srt"}


@pytest.mark.parametrize("fmt", list(FILES))
def test_exports_are_private(project: Project, study: CodedStudy, tmp_path: Path, open_umask: None, fmt: str) -> None:
    out = tmp_path / FILES[fmt]
    options = ExportOptions(recordings=(study.r1,)) if fmt == "srt" else ExportOptions()
    export(project, fmt, out, options)
    assert mode(out) == 0o600
    out.write_bytes(b"last week's file, readable by all")
    out.chmod(0o644)
    export(project, fmt, out, options)  # over a file that was readable by all
    assert mode(out) == 0o600


def test_export_folders_are_private(project: Project, study: CodedStudy, tmp_path: Path, open_umask: None) -> None:
    out = tmp_path / "baru" / "transkrip"
    result = export(project, "srt", out, ExportOptions())
    assert len(result.paths) == 2
    assert mode(tmp_path / "baru") == 0o700 and mode(out) == 0o700
    assert {mode(p) for p in result.paths} == {0o600}
    clips = export(project, "clips", tmp_path / "klip", ExportOptions())
    assert mode(tmp_path / "klip") == 0o700 and {mode(p) for p in clips.paths} == {0o600}


def test_imported_media_are_private(
    project: Project, study: CodedStudy, tmp_path: Path, open_umask: None, media: dict[str, Path]
) -> None:
    archive = tmp_path / "kirim" / "studi.qdpx"
    archive.parent.mkdir()
    export(project, "qdpx", archive, ExportOptions(media="internal"))
    (tmp_path / "rekan").mkdir()
    with Project.create(tmp_path / "rekan" / "salinan.annotator") as colleague:
        import_qdpx(colleague, archive)
    folder = tmp_path / "rekan" / "salinan-media"
    assert mode(folder) == 0o700
    assert {mode(p) for p in folder.iterdir()} == {0o600}


# -- temporaries ---------------------------------------------------------------------------------------------------
SLOW_EXPORT = textwrap.dedent(
    """
    import csv, sys, time
    from pathlib import Path

    from annotator.core.project import Project
    from annotator.exchange import passages_out
    from annotator.exchange.export import export
    from annotator.exchange.options import ExportOptions

    real = csv.writer

    class Slow:
        def __init__(self, handle):
            self.handle, self.writer = handle, real(handle)

        def writerow(self, row):
            self.writer.writerow(row)
            self.handle.flush()
            print("writing", flush=True)
            time.sleep(60)

    passages_out.csv.writer = Slow
    with Project.open(sys.argv[1]) as project:
        export(project, "csv", Path(sys.argv[2]), ExportOptions())
    """
)


def test_an_export_killed_while_writing_leaves_nothing_after_the_next(project: Project, tmp_path: Path) -> None:
    """A kill -9 half-way leaves the export's hidden temporary; the next export into that folder removes it, and the
    file the killed export was writing never appears."""
    folder = tmp_path / "keluar"
    folder.mkdir()
    script = tmp_path / "slow_export.py"
    script.write_text(SLOW_EXPORT, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(project.path), str(folder / "hasil.csv")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        [part] = list(folder.iterdir())
        assert part.name.startswith(".hasil.csv.") and part.name.endswith(".part") and part.stat().st_size > 0
        assert mode(part) == 0o600
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    assert list(folder.iterdir()) == [part]  # what the kill left
    export(project, "csv", folder / "lain.csv", ExportOptions())
    assert sorted(p.name for p in folder.iterdir()) == ["lain.csv"]


def test_only_temporaries_of_processes_that_are_gone_are_removed(tmp_path: Path) -> None:
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    host = fileio._HOST
    stale = tmp_path / f".a.csv.{host}-{int(gone.stdout)}-x1y2z3.part"
    running = tmp_path / f".b.csv.{host}-{os.getpid()}-x1y2z3.part"  # this process: still writing it
    elsewhere = tmp_path / f".c.csv.anotherhost-{int(gone.stdout)}-x1y2z3.part"  # a share used by another computer
    users = tmp_path / f"d.{host}-{int(gone.stdout)}-x1y2z3.part"  # not hidden: the user's own file
    for path in (stale, running, elsewhere, users):
        path.write_bytes(b"half")
    with atomic_output(tmp_path / "e.csv") as temporary:
        temporary.write_text("x")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([running.name, elsewhere.name, users.name, "e.csv"])
