"""The recordings service: add, look up, change, speakers, moved media, delete."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
from pathlib import Path

import pytest
from sqlalchemy import update

from annotator.core.models import Coding, Note, Recording, Segment, Speaker
from annotator.core.project import Project
from annotator.core.services import recordings as recordings_module
from annotator.errors import MediaError, NotFound, UserError
from annotator.media.probe import quick_hash, sha256_file
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


# -- media are who they claim to be ------------------------------------------------------------------
def _data_chunk(path: Path) -> tuple[int, int]:
    """Where a WAV file's sample data begin, and how many bytes they are."""
    data = path.read_bytes()
    at = 12
    while at + 8 <= len(data):
        size = int.from_bytes(data[at + 4 : at + 8], "little")
        if data[at : at + 4] == b"data":
            return at + 8, min(size, len(data) - at - 8)
        at += 8 + size + (size & 1)
    raise AssertionError(f"{path}: no data chunk")


def _replace(path: Path, how: str, keep_mtime: bool) -> None:
    """Put another file of the same size in ``path``'s place: its speech reversed, noise, or a corrupted middle."""
    stat = path.stat()
    data = bytearray(path.read_bytes())
    start, size = _data_chunk(path)
    if how == "reversed":
        frames = [data[i : i + 2] for i in range(start, start + size - size % 2, 2)]
        data[start : start + len(frames) * 2] = b"".join(reversed(frames))
    elif how == "noise":
        data[start : start + size] = random.Random(7).randbytes(size)
    else:  # 24 KiB in the middle of the speech overwritten
        middle = start + size // 2
        data[middle - 12_288 : middle + 12_288] = random.Random(8).randbytes(24_576)
    assert len(data) == stat.st_size and bytes(data) != path.read_bytes()
    path.write_bytes(bytes(data))
    if keep_mtime:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size


@pytest.fixture
def full_hashes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every whole-file sha256 the recordings service takes."""
    calls: list[Path] = []

    def counting(path: Path, *args, **kwargs) -> str:  # noqa: ANN002, ANN003
        calls.append(path)
        return sha256_file(path, *args, **kwargs)

    monkeypatch.setattr(recordings_module, "sha256_file", counting)
    return calls


@pytest.fixture
def own_copy(media, tmp_path: Path) -> Path:
    """A copy of the Indonesian speech that a test may change (the shared media stay as they are)."""
    copy = tmp_path / "rekaman" / "wbs-01.wav"
    copy.parent.mkdir()
    shutil.copy2(media["wav"], copy)
    return copy


def test_a_recording_remembers_its_file_s_time_and_quick_hash(project: Project, own_copy: Path) -> None:
    recording = project.recordings.add(own_copy)
    assert recording.media_mtime_ns == own_copy.stat().st_mtime_ns
    assert recording.media_quick_hash == quick_hash(own_copy)


def test_an_unchanged_file_costs_no_full_hash(project: Project, own_copy: Path, full_hashes: list[Path]) -> None:
    recording = project.recordings.add(own_copy)
    full_hashes.clear()
    state = project.recordings.media_state(project.recordings.get(recording.id))
    assert (state.status, state.path, state.message) == ("ok", own_copy.resolve(), "")
    assert project.recordings.checked_media(recording) == own_copy.resolve()
    [summary] = project.recordings.summaries()
    assert (summary.media_status, summary.media_ok) == ("ok", True)
    assert full_hashes == []


@pytest.mark.parametrize("keep_mtime", [True, False], ids=["same-mtime", "new-mtime"])
@pytest.mark.parametrize("how", ["reversed", "noise", "corrupted-middle"])
def test_a_file_of_the_same_size_with_other_content_is_found_out(
    project: Project, own_copy: Path, full_hashes: list[Path], how: str, keep_mtime: bool
) -> None:
    recording = project.recordings.add(own_copy, title="wbs-01")
    _replace(own_copy, how, keep_mtime)
    full_hashes.clear()
    [summary] = project.recordings.summaries()
    assert (summary.media_status, summary.media_ok, summary.media_path) == ("changed", False, str(own_copy))
    state = project.recordings.media_state(project.recordings.get(recording.id))
    assert state.status == "changed" and state.path == own_copy
    assert project.recordings.media_path(recording) is None
    message = (
        f"recording {recording.id} (wbs-01): the media file {own_copy} has changed since it was added "
        "(its content differs); find the original with: annotator locate PROJECT FOLDER"
    )
    with pytest.raises(MediaError) as raised:
        project.recordings.checked_media(project.recordings.get(recording.id))
    assert str(raised.value) == message
    assert len(full_hashes) <= 1  # checked once while the project is open, not on every look
    stored = project.recordings.get(recording.id)  # the marks of the file that was added stay
    assert (stored.media_mtime_ns, stored.media_quick_hash) == (recording.media_mtime_ns, recording.media_quick_hash)


def test_a_file_of_another_size_has_changed(project: Project, own_copy: Path, full_hashes: list[Path]) -> None:
    recording = project.recordings.add(own_copy, title="wbs-01")
    full_hashes.clear()
    with own_copy.open("ab") as handle:
        handle.write(b"\0" * 100)
    state = project.recordings.media_state(recording)
    assert state.status == "changed" and "its size is now" in state.message
    assert full_hashes == []


def test_a_touched_or_copied_file_is_checked_whole_once(
    project: Project, own_copy: Path, full_hashes: list[Path]
) -> None:
    recording = project.recordings.add(own_copy)
    full_hashes.clear()
    os.utime(own_copy, ns=(own_copy.stat().st_atime_ns, own_copy.stat().st_mtime_ns + 5_000_000_000))
    assert project.recordings.media_state(project.recordings.get(recording.id)).status == "ok"
    assert full_hashes == [own_copy]
    assert project.recordings.get(recording.id).media_mtime_ns == own_copy.stat().st_mtime_ns
    assert project.recordings.media_state(project.recordings.get(recording.id)).status == "ok"
    assert full_hashes == [own_copy]  # the new time was stored


def test_a_project_from_before_the_quick_hash_gets_it_on_the_first_check(
    project: Project, own_copy: Path, full_hashes: list[Path]
) -> None:
    recording = project.recordings.add(own_copy)
    with project.transaction() as session:
        session.execute(update(Recording).values(media_mtime_ns=None, media_quick_hash=None))
    before = project.recordings.get(recording.id).updated_at
    full_hashes.clear()
    [summary] = project.recordings.summaries()
    assert summary.media_status == "ok" and full_hashes == [own_copy]
    stored = project.recordings.get(recording.id)
    assert (stored.media_mtime_ns, stored.media_quick_hash) == (own_copy.stat().st_mtime_ns, quick_hash(own_copy))
    assert stored.updated_at == before  # a check is not a change of the recording
    project.recordings.summaries()
    assert full_hashes == [own_copy]


def test_an_old_project_s_changed_file_is_not_given_its_marks(
    project: Project, own_copy: Path, full_hashes: list[Path]
) -> None:
    recording = project.recordings.add(own_copy)
    with project.transaction() as session:
        session.execute(update(Recording).values(media_mtime_ns=None, media_quick_hash=None))
    _replace(own_copy, "reversed", keep_mtime=True)
    assert project.recordings.media_state(project.recordings.get(recording.id)).status == "changed"
    stored = project.recordings.get(recording.id)
    assert (stored.media_mtime_ns, stored.media_quick_hash) == (None, None)


def test_a_missing_file_says_so(project: Project, own_copy: Path) -> None:
    recording = project.recordings.add(own_copy, title="wbs-01")
    own_copy.unlink()
    state = project.recordings.media_state(recording)
    assert (state.status, state.path) == ("missing", None)
    with pytest.raises(MediaError, match=r"recording \d+ \(wbs-01\): media file not found at .*annotator locate"):
        project.recordings.checked_media(recording)
    assert project.recordings.summaries()[0].media_status == "missing"


def test_locate_finds_the_original_of_a_changed_file(project: Project, own_copy: Path, media, tmp_path: Path) -> None:
    recording = project.recordings.add(own_copy)
    _replace(own_copy, "noise", keep_mtime=True)
    decoy = tmp_path / "arsip" / "a-decoy.wav"
    decoy.parent.mkdir()
    shutil.copy(own_copy, decoy)  # the same size, the changed content
    original = tmp_path / "arsip" / "b" / "wbs-01.wav"
    original.parent.mkdir()
    shutil.copy(media["wav"], original)
    found = project.recordings.relocate(tmp_path / "arsip")
    assert [(f.recording_id, f.path) for f in found] == [(recording.id, original)]
    fixed = project.recordings.get(recording.id)
    assert fixed.media_abspath == str(original)
    assert (fixed.media_mtime_ns, fixed.media_quick_hash) == (original.stat().st_mtime_ns, quick_hash(original))
    assert project.recordings.media_state(fixed).status == "ok"
    assert project.recordings.summaries()[0].media_status == "ok"
    assert project.recordings.relocate(tmp_path / "arsip") == []  # nothing left to find


def test_relink_points_a_changed_recording_at_its_original(
    project: Project, own_copy: Path, media, tmp_path: Path
) -> None:
    recording = project.recordings.add(own_copy)
    _replace(own_copy, "reversed", keep_mtime=False)
    with pytest.raises(UserError, match="is not the media of recording"):
        project.recordings.relink(recording.id, own_copy)
    relinked = project.recordings.relink(recording.id, media["wav"])
    assert relinked.media_quick_hash == quick_hash(media["wav"])
    assert project.recordings.media_state(relinked).status == "ok"


def test_the_copy_beside_the_project_wins_over_a_changed_file_at_the_old_place(
    project: Project, own_copy: Path, media, tmp_path: Path
) -> None:
    """The relative place is tried first; a changed file there does not hide the original at the absolute one."""
    recording = project.recordings.add(own_copy)
    with project.transaction() as session:
        session.execute(update(Recording).values(media_abspath=str(tmp_path / "elsewhere.wav")))
    shutil.copy(media["wav"], tmp_path / "elsewhere.wav")
    _replace(own_copy, "noise", keep_mtime=True)
    state = project.recordings.media_state(project.recordings.get(recording.id))
    assert (state.status, state.path) == ("ok", (tmp_path / "elsewhere.wav").resolve())
