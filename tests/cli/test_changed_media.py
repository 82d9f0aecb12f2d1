"""A media file replaced by another of the same size is found out before it is used, and locate fixes it."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.core.test_recordings import _replace


@pytest.fixture
def study(cli, tmp_path: Path, media) -> tuple[Path, Path]:
    """A project with one coded recording (a copy of the Indonesian speech), and that copy."""
    project = tmp_path / "studi.annotator"
    wav = tmp_path / "rekaman" / "wbs-01.wav"
    wav.parent.mkdir()
    shutil.copy2(media["wav"], wav)
    assert cli("new", project, "--codebook", "relationships").code == 0
    assert cli("add", project, wav, "--title", "wbs-01").code == 0
    from annotator.core.project import Project
    from annotator.core.services.transcript import NewSegment, NewWord

    with Project.open(project) as opened:
        words = [NewWord(k * 500, k * 500 + 400, w, 0.9) for k, w in enumerate("Saya merasa nyaman di panti".split())]
        opened.transcripts.add_segment(1, NewSegment(0, 2500, "Saya merasa nyaman di panti", words))
    assert cli("code", project, "--recording", "1", "--theme", "Rasa Aman", "--text", "merasa nyaman").code == 0
    return project, wav


def _row(cli, project: Path) -> dict:
    return json.loads(cli("list", project, "--json").out)["recordings"][0]


@pytest.mark.parametrize("how", ["reversed", "noise", "corrupted-middle"])
def test_list_says_changed(cli, study: tuple[Path, Path], how: str) -> None:
    project, wav = study
    assert _row(cli, project)["media_status"] == "ok"
    _replace(wav, how, keep_mtime=True)
    row = _row(cli, project)
    assert (row["media_status"], row["media_ok"], row["media_path"]) == ("changed", False, str(wav))


def test_clips_are_not_cut_from_a_changed_file(cli, study: tuple[Path, Path], tmp_path: Path) -> None:
    project, wav = study
    _replace(wav, "reversed", keep_mtime=False)
    done = cli("export", project, "--format", "clips", "--out", tmp_path / "klip", "--json")
    assert done.code == 0, done.err
    assert json.loads(done.out)["counts"] == {"clips": 0, "skipped": 1}
    assert not list((tmp_path / "klip").glob("*.m4a"))
    text = cli("export", project, "--format", "clips", "--out", tmp_path / "klip2")
    assert "recording 1 (wbs-01): the media file" in text.out and "has changed since it was added" in text.out


def test_a_changed_file_is_not_packed_into_a_refi_archive(cli, study: tuple[Path, Path], tmp_path: Path) -> None:
    project, wav = study
    _replace(wav, "noise", keep_mtime=True)
    done = cli("export", project, "--format", "qdpx", "--out", tmp_path / "studi.qdpx")
    assert done.code == 2
    assert "has changed since it was added (its content differs)" in done.err
    assert "annotator locate PROJECT FOLDER" in done.err and len(done.err.strip().splitlines()) == 1
    assert not (tmp_path / "studi.qdpx").exists()


def test_transcription_refuses_a_changed_file(cli, tmp_path: Path, media) -> None:
    project, wav = tmp_path / "baru.annotator", tmp_path / "wbs-01.wav"
    shutil.copy2(media["wav"], wav)
    cli("new", project)
    cli("add", project, wav, "--title", "wbs-01")
    _replace(wav, "reversed", keep_mtime=True)
    done = cli("transcribe", project, "--model", "tiny.en", "--language", "en")
    assert done.code == 2
    assert done.err.splitlines()[-1] == (
        f"annotator: error: recording 1 (wbs-01): the media file {wav} has changed since it was added (its content "
        "differs); find the original with: annotator locate PROJECT FOLDER"
    )
    assert json.loads(cli("transcript", project, "1", "--json").out)["segments"] == []


def test_locate_with_a_folder_holding_the_original_fixes_it(
    cli, study: tuple[Path, Path], tmp_path: Path, media
) -> None:
    project, wav = study
    backup = tmp_path / "cadangan" / "2024" / "wbs-01-asli.wav"
    backup.parent.mkdir(parents=True)
    shutil.copy(wav, backup)
    _replace(wav, "corrupted-middle", keep_mtime=True)
    assert _row(cli, project)["media_status"] == "changed"
    done = cli("locate", project, tmp_path / "cadangan", "--json")
    assert done.code == 0
    assert json.loads(done.out)["found"] == [{"id": 1, "title": "wbs-01", "media": str(backup)}]
    row = _row(cli, project)
    assert (row["media_status"], row["media_ok"], row["media_path"]) == ("ok", True, str(backup))


def test_a_copy_with_a_new_time_is_still_the_recording(cli, study: tuple[Path, Path]) -> None:
    project, wav = study
    os.utime(wav, ns=(wav.stat().st_atime_ns, wav.stat().st_mtime_ns + 60_000_000_000))
    assert _row(cli, project)["media_status"] == "ok"
