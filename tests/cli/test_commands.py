"""The command line on real media: new, add, list, themes, participants, rename, remove, locate."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.models import Coding, Segment, SegmentStatus, TextDocument, Word
from annotator.core.project import Project


def test_new_with_template_codebook(cli, tmp_path: Path) -> None:
    path = tmp_path / "studi"
    result = cli("new", path, "--codebook", "relationships", "--language", "id", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data == {"project": str(path.with_suffix(".annotator")), "language": "id", "themes": 37}
    assert (path.with_suffix(".annotator").stat().st_mode & 0o777) == 0o600


def test_new_empty_project_in_english(cli, tmp_path: Path) -> None:
    result = cli("new", tmp_path / "p.annotator", "--language", "en")
    assert result.code == 0
    assert "language en, 0 themes" in result.out
    assert json.loads(cli("themes", tmp_path / "p.annotator", "--json").out) == {"themes": []}


def test_add_wav_mp3_m4a_and_list(cli, project_file: Path, media: dict[str, Path]) -> None:
    result = cli(
        "add",
        project_file,
        media["wav"],
        "--participant",
        "WBS-01",
        "--role",
        "resident",
        "--title",
        "Wawancara WBS 01",
        "--date",
        "2024-03-15",
    )
    assert result.code == 0, result.err
    assert "Added recording 1: Wawancara WBS 01 (0:00:0" in result.out
    result = cli(
        "add", project_file, media["m4a"], media["stereo"], "--participant", "STAF-02", "--role", "staf", "--json"
    )
    assert result.code == 0, result.err
    added = json.loads(result.out)["recordings"]
    assert [r["title"] for r in added] == ["interview-staff", "two-voices"]
    assert added[1]["channels"] == 2

    listing = json.loads(cli("list", project_file, "--json").out)["recordings"]
    assert [r["id"] for r in listing] == [1, 2, 3]
    first = listing[0]
    for key in ("id", "title", "duration_ms", "segments", "verified_pct", "codings", "media_ok"):
        assert key in first
    assert first["title"] == "Wawancara WBS 01"
    assert first["segments"] == 0 and first["verified_pct"] == 0 and first["codings"] == 0
    assert first["media_ok"] is True
    assert first["participant"] == "WBS-01" and first["role"] == "resident"
    assert listing[1]["role"] == "staff"
    assert 3_000 < first["duration_ms"] < 9_000

    table = cli("list", project_file).out.splitlines()
    assert table[0].split() == ["id", "title", "length", "segments", "verified", "codings", "participant", "media"]
    assert "Wawancara WBS 01" in table[1] and table[1].rstrip().endswith("ok")


def test_list_counts_segments_verified_share_and_codings(cli, project_file: Path, media) -> None:
    assert cli("add", project_file, media["wav"]).code == 0
    with Project.open(project_file) as project:
        theme = project.themes.get("Komunikasi Terbuka")
        with project.transaction() as session:
            segments = [
                Segment(
                    recording_id=1,
                    start_ms=0,
                    end_ms=1000,
                    text="Saya merasa nyaman",
                    status=SegmentStatus.VERIFIED.value,
                ),
                Segment(recording_id=1, start_ms=1000, end_ms=4000, text="tinggal di panti"),
            ]
            session.add_all(segments)
            session.flush()
            session.add(
                Word(segment_id=segments[0].id, position=0, start_ms=0, end_ms=400, text="Saya", probability=0.9)
            )
            session.add(
                Coding(
                    theme_id=theme.id,
                    recording_id=1,
                    start_segment_id=segments[0].id,
                    start_offset=0,
                    end_segment_id=segments[1].id,
                    end_offset=7,
                    start_ms=0,
                    end_ms=1800,
                    quote="Saya merasa nyaman tinggal",
                )
            )
    row = json.loads(cli("list", project_file, "--json").out)["recordings"][0]
    assert row["segments"] == 2
    assert row["verified_pct"] == 25.0  # one second of four
    assert row["codings"] == 1
    themes = json.loads(cli("themes", project_file, "--json").out)["themes"]
    factors = next(t for t in themes if t["name"].startswith("Faktor"))
    assert factors["total_passages"] == 1 and factors["passages"] == 0
    assert next(c for c in factors["children"] if c["name"] == "Komunikasi Terbuka")["passages"] == 1


def test_themes_text_output_is_an_indented_tree(cli, project_file: Path) -> None:
    lines = cli("themes", project_file).out.splitlines()
    assert len(lines) == 37
    assert lines[0].startswith("Hubungan Sosial Positif")
    assert lines[1].startswith("  Keakraban  [0]  #")


def test_participants_add_and_list(cli, project_file: Path) -> None:
    result = cli(
        "participants",
        project_file,
        "--add",
        "WBS-07",
        "--role",
        "wbs",
        "--attribute",
        "age=14",
        "--attribute",
        "years_in_care=3",
        "--json",
    )
    assert result.code == 0, result.err
    people = json.loads(result.out)["participants"]
    assert people[0]["code"] == "WBS-07"
    assert people[0]["role"] == "resident"
    assert people[0]["attributes"] == {"age": 14, "years_in_care": 3}


def test_rename_and_remove_a_recording(cli, project_file: Path, media) -> None:
    cli("add", project_file, media["wav"])
    assert cli("rename", project_file, "1", "WBS 01, sesi 1").code == 0
    assert json.loads(cli("list", project_file, "--json").out)["recordings"][0]["title"] == "WBS 01, sesi 1"
    result = cli("remove", project_file, "WBS 01, sesi 1")
    assert result.code == 0 and "was not touched" in result.out
    assert media["wav"].exists()
    assert json.loads(cli("list", project_file, "--json").out)["recordings"] == []


def test_locate_finds_moved_media_by_content(cli, tmp_path: Path, media) -> None:
    project = tmp_path / "p.annotator"
    cli("new", project)
    original = tmp_path / "rekaman" / "wbs.mp3"
    original.parent.mkdir()
    shutil.copy(media["mp3"], original)
    cli("add", project, original)
    moved = tmp_path / "arsip" / "2024" / "renamed.mp3"
    moved.parent.mkdir(parents=True)
    original.rename(moved)
    assert json.loads(cli("list", project, "--json").out)["recordings"][0]["media_ok"] is False
    assert "MISSING" in cli("list", project).out
    result = cli("locate", project, tmp_path / "arsip", "--json")
    assert result.code == 0
    assert json.loads(result.out)["found"][0]["media"] == str(moved)
    row = json.loads(cli("list", project, "--json").out)["recordings"][0]
    assert row["media_ok"] is True and row["media_path"] == str(moved)


def test_media_paths_are_relative_to_the_project(cli, tmp_path: Path, media) -> None:
    """Copy the whole study folder elsewhere: the recordings are still found."""
    study = tmp_path / "studi"
    (study / "audio").mkdir(parents=True)
    shutil.copy(media["wav"], study / "audio" / "wbs.wav")
    cli("new", study / "studi.annotator")
    cli("add", study / "studi.annotator", study / "audio" / "wbs.wav")
    copy = tmp_path / "usb" / "studi"
    shutil.copytree(study, copy)
    shutil.rmtree(study)
    row = json.loads(cli("list", copy / "studi.annotator", "--json").out)["recordings"][0]
    assert row["media_ok"] is True
    assert row["media_path"] == str(copy / "audio" / "wbs.wav")


def test_vocabulary(cli, project_file: Path) -> None:
    result = cli("vocabulary", project_file, "--add", "WBS, panti, piket", "--json")
    assert json.loads(result.out) == {"vocabulary": ["WBS", "panti", "piket"]}
    result = cli("vocabulary", project_file, "--remove", "panti")
    assert result.out.strip() == "WBS, piket"


@pytest.mark.parametrize(
    "command", ["new", "add", "list", "themes", "open", "participants", "rename", "remove", "locate", "vocabulary"]
)
def test_every_command_has_help(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0
    assert result.out.startswith(f"usage: annotator {command}")


def test_no_command_prints_help(cli) -> None:
    result = cli()
    assert result.code == 2
    assert "new" in result.out and "add" in result.out


def test_usage_error_is_one_line(cli) -> None:
    result = cli("add")
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert result.err.startswith("annotator add: error: the following arguments are required")


def test_entry_points_run_as_programs(tmp_path: Path, media) -> None:
    """``annotator`` on the PATH of the environment, and ``python -m annotator``."""
    exe = Path(sys.executable).with_name("annotator")
    project = tmp_path / "p.annotator"
    done = subprocess.run([str(exe), "new", str(project)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "add", str(project), str(media["wav"])], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "list", str(project), "--json"], capture_output=True, text=True
    )
    assert json.loads(done.stdout)["recordings"][0]["title"] == "wawancara-wbs"


def test_command_line_does_not_load_qt(tmp_path: Path, media) -> None:
    code = (
        "import sys; from annotator.cli import main; "
        f"main(['new', {str(tmp_path / 'p.annotator')!r}, '--codebook', 'relationships']); "
        f"main(['add', {str(tmp_path / 'p.annotator')!r}, {str(media['mp3'])!r}]); "
        f"main(['list', {str(tmp_path / 'p.annotator')!r}]); "
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))], 'Qt was imported'"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""}
    )
    assert done.returncode == 0, done.stderr


def test_open_screenshot_renders_the_window(cli, project_file: Path, media, tmp_path: Path) -> None:
    cli("add", project_file, media["wav"], "--participant", "WBS-01", "--role", "resident")
    out = tmp_path / "window.png"
    done = subprocess.run(
        [sys.executable, "-m", "annotator", "open", str(project_file), "--screenshot", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() >= 1000 and image.height() >= 600
    # not a blank window: many different colours (theme swatches, text)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20


def test_open_passages_names_an_unknown_theme_before_any_window(cli, project_file: Path) -> None:
    result = cli("open", project_file, "--passages", "Tidak Ada", "--screenshot", "unused.png")
    assert (result.code, result.err.strip()) == (2, "annotator: error: no theme 'Tidak Ada' in this project")
    result = cli("open", "--passages", "Piket")
    assert (result.code, result.err.strip()) == (2, "annotator: error: --passages needs a project")
    assert not Path("unused.png").exists()


def test_documents_are_counted_separately(cli, project_file: Path) -> None:
    """Codings in field notes do not count as codings of any recording."""
    with Project.open(project_file) as project:
        theme = project.themes.get("Piket")
        with project.transaction() as session:
            doc = TextDocument(title="Catatan lapangan", text="Anak-anak piket bersama staf.")
            session.add(doc)
            session.flush()
            session.add(
                Coding(theme_id=theme.id, document_id=doc.id, start_offset=0, end_offset=10, quote="Anak-anak ")
            )
    assert json.loads(cli("list", project_file, "--json").out)["recordings"] == []
    assert "Piket  [1]" in cli("themes", project_file).out
