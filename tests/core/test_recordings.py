"""The recordings service: add, look up, change, speakers, moved media, delete."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from annotator.core.models import Coding, Note, Segment, Speaker
from annotator.core.project import Project
from annotator.errors import MediaError, NotFound, UserError
from annotator.media.probe import sha256_file
from tests.conftest import snapshot


def test_add_records_everything_about_the_media(project: Project, media) -> None:
    recording = project.recordings.add(
        media["stereo"],
        title="Wawancara WBS-03",
        participant="WBS-03",
        role="resident",
        language="id",
        interview_date=dt.date(2024, 3, 15),
        notes="di ruang tamu",
    )
    assert recording.title == "Wawancara WBS-03"
    assert recording.sha256 == sha256_file(media["stereo"])
    assert recording.channels == 2 and recording.sample_rate == 22050
    assert recording.media_abspath == str(media["stereo"])
    assert recording.media_relpath is not None
    assert (project.folder / recording.media_relpath).resolve() == media["stereo"].resolve()
    assert recording.interview_date == dt.date(2024, 3, 15)
    assert project.participants.get("wbs-03").role == "resident"


def test_find_by_id_or_title(project: Project, media) -> None:
    first = project.recordings.add(media["wav"], title="Sesi 1")
    assert project.recordings.get(first.id).title == "Sesi 1"
    assert project.recordings.get("sesi 1").id == first.id
    assert project.recordings.get(str(first.id)).id == first.id
    with pytest.raises(NotFound, match="no recording 'Sesi 9'"):
        project.recordings.get("Sesi 9")


def test_ambiguous_titles_ask_for_the_id(project: Project, media) -> None:
    a = project.recordings.add(media["wav"], title="Wawancara")
    b = project.recordings.add(media["m4a"], title="Wawancara")
    with pytest.raises(UserError, match=f"ids {a.id}, {b.id}"):
        project.recordings.get("Wawancara")


def test_update_and_rename(project: Project, media) -> None:
    recording = project.recordings.add(media["wav"])
    project.recordings.update(
        recording.id,
        language="en",
        interview_date=dt.date(2024, 5, 1),
        notes="ulang",
        participant="STAF-01",
        role="staff",
    )
    project.recordings.rename(recording.id, "  Staf 01  ")
    changed = project.recordings.get(recording.id)
    assert (changed.title, changed.language, changed.notes) == ("Staf 01", "en", "ulang")
    assert project.recordings.summaries()[0].participant == "STAF-01"
    with pytest.raises(UserError, match="needs a title"):
        project.recordings.rename(recording.id, "  ")
    with pytest.raises(UserError, match="not a language code"):
        project.recordings.update(recording.id, language="Indonesian")


def test_speakers_map_voices_to_participants(project: Project, media) -> None:
    recording = project.recordings.add(media["stereo"], participant="WBS-05", role="resident")
    project.recordings.set_speaker(recording.id, "kiri", participant="WBS-05", channel=0)
    project.recordings.set_speaker(recording.id, "kanan", participant="Peneliti", channel=1)
    again = project.recordings.set_speaker(recording.id, "kiri", channel=0)  # same row, not a new one
    with project.transaction() as session:
        speakers = session.query(Speaker).order_by(Speaker.channel).all()
        assert [(s.label, s.channel, s.participant.code) for s in speakers] == [
            ("kiri", 0, "WBS-05"),
            ("kanan", 1, "Peneliti"),
        ]
    assert again.id == speakers[0].id


def test_delete_removes_transcript_codings_and_notes_not_the_file(project: Project, media) -> None:
    keep = project.recordings.add(media["m4a"])
    recording = project.recordings.add(media["wav"])
    theme = project.themes.get("Keakraban")
    with project.transaction() as session:
        segment = Segment(recording_id=recording.id, start_ms=0, end_ms=1000, text="akrab")
        session.add(segment)
        session.flush()
        session.add(
            Coding(
                theme_id=theme.id,
                recording_id=recording.id,
                start_segment_id=segment.id,
                start_offset=0,
                end_segment_id=segment.id,
                end_offset=5,
                quote="akrab",
            )
        )
        session.add(Note(recording_id=recording.id, text="catatan"))
    project.recordings.delete(recording.id)
    assert [s.id for s in project.recordings.summaries()] == [keep.id]
    assert project.themes.get("Keakraban").id == theme.id
    assert project.themes.tree()[0].total_passages == 0
    with project.transaction() as session:
        assert session.query(Note).count() == 0
    assert media["wav"].exists()


def test_relink_accepts_only_the_same_content(project: Project, media, tmp_path: Path) -> None:
    recording = project.recordings.add(media["wav"])
    copy = tmp_path / "pindah" / "wbs.wav"
    copy.parent.mkdir()
    shutil.copy(media["wav"], copy)
    assert project.recordings.relink(recording.id, copy).media_abspath == str(copy)
    before = snapshot(project.path)
    with pytest.raises(UserError, match="is not the media of recording"):
        project.recordings.relink(recording.id, media["m4a"])
    with pytest.raises(MediaError, match="no such file"):
        project.recordings.relink(recording.id, tmp_path / "hilang.wav")
    assert snapshot(project.path) == before


def test_relocate_ignores_files_of_the_same_size_with_other_content(project: Project, media, tmp_path: Path) -> None:
    source = tmp_path / "asli.wav"
    shutil.copy(media["wav"], source)
    recording = project.recordings.add(source)
    source.unlink()
    decoy = tmp_path / "cari" / "a-decoy.wav"
    decoy.parent.mkdir()
    data = bytearray(media["wav"].read_bytes())
    data[-1] ^= 0xFF  # same size, other content
    decoy.write_bytes(bytes(data))
    real = tmp_path / "cari" / "z" / "real.wav"
    real.parent.mkdir()
    shutil.copy(media["wav"], real)
    found = project.recordings.relocate(tmp_path / "cari")
    assert [(f.recording_id, f.path) for f in found] == [(recording.id, real)]
    with pytest.raises(UserError, match="is not a folder"):
        project.recordings.relocate(tmp_path / "tidak-ada")


def test_add_many_refuses_the_same_file_twice_in_one_call(project: Project, media, tmp_path: Path) -> None:
    copy = tmp_path / "copy.wav"
    shutil.copy(media["wav"], copy)
    with pytest.raises(UserError, match="is the same recording as"):
        project.recordings.add_many([media["wav"], copy])
    assert project.recordings.summaries() == []
    with pytest.raises(UserError, match="--title names one recording"):
        project.recordings.add_many([media["wav"], media["m4a"]], title="Satu")
