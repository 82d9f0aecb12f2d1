"""Clips: every coded passage of the chosen themes cut from its recording's real speech, opened again with PyAV.

The study is ``tests.core.test_coding.Study`` (recording 1: 5.75 s of Indonesian speech in a WAV file; recording
2: 4.39 s of English in an M4A file; field notes). Its segments run past the end of the speech, so some passages
lie beyond their media: those are skipped and reported.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import av
import numpy as np
import pytest

from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.errors import UserError
from annotator.exchange.clips import PADDING_MS, ClipsResult, cut_audio, export_clips
from annotator.exchange.options import ExportOptions, unchanged
from tests.core.test_coding import A1, A2, B1, B2, FACTORS, NOTES, OPEN, SAFE, Study
from tests.speech import sox


class Coded(Study):
    """Passages of "Komunikasi Terbuka" (under "Faktor-Faktor ...") and "Rasa Aman" in both interviews and the
    field notes; one of them beyond the end of the English speech."""

    def __init__(self, project: Project, media: dict[str, Path]) -> None:
        super().__init__(project, media)
        self.open1 = self.code(self.a1, A1, "merasa nyaman di panti", [OPEN])[0]
        self.safe1 = self.code(self.b1, B1, "Saya merasa nyaman", [SAFE])[0]
        self.open2 = self.code(self.a2, A2, "How do you talk", [OPEN])[0]
        self.late = self.code(self.b2, B2, "every day", [OPEN])[0]  # at 7.9 s of 4.39 s of speech
        start = NOTES.index("Suasana")
        project.coding.code_document(self.doc, start, start + len("Suasana terbuka"), [OPEN])


@pytest.fixture
def coded(project: Project, media: dict[str, Path]) -> Coded:
    return Coded(project, media)


def duration_ms(path: Path) -> tuple[float, int]:
    """How long an audio file plays, and its sample rate."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        return float(stream.duration * stream.time_base * 1000), stream.rate


def expected_ms(project: Project, passage: PassageView) -> int:
    length = project.recordings.get(passage.recording_id).duration_ms
    return min(passage.end_ms + PADDING_MS, length) - max(passage.start_ms - PADDING_MS, 0)


def samples(path: Path, rate: int) -> np.ndarray:
    """The sound of a file, mono, at ``rate``."""
    resampler = av.AudioResampler(format="flt", layout="mono", rate=rate)
    with av.open(str(path)) as container:
        frames = [f.to_ndarray()[0] for frame in container.decode(audio=0) for f in resampler.resample(frame)]
    return np.concatenate(frames)


# -- the clips -----------------------------------------------------------------------------------------
def test_a_clip_per_passage_named_by_theme_recording_and_time(coded: Coded, tmp_path: Path) -> None:
    out = tmp_path / "klip" / "semua"
    result = export_clips(coded.project, out, ExportOptions(), unchanged)
    assert isinstance(result, ClipsResult)
    names = {path.name for path in result.paths}
    assert names == {
        "Komunikasi Terbuka_wawancara-wbs_00-00-01.m4a",
        "Komunikasi Terbuka_interview-staff_00-00-00.m4a",
        "Rasa Aman_wawancara-wbs_00-00-03.m4a",
    }
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert result.counts == {"clips": 3, "skipped": 2}  # the field notes, and the passage after the speech ends
    for path, passage in zip(
        sorted(result.paths), sorted([coded.open2, coded.open1, coded.safe1], key=_name_key), strict=True
    ):
        played, rate = duration_ms(path)
        frame_ms = 1024 / rate * 1000  # AAC fills its last frame of 1,024 samples
        assert expected_ms(coded.project, passage) <= played <= expected_ms(coded.project, passage) + frame_ms + 2
    assert "1 passage in field notes (no sound)" in result.notes
    assert any(
        f"passage {coded.late.id} of recording {coded.r2} (interview-staff) at 0:00:07" in n for n in result.notes
    )
    assert (
        "Wrote 3 files (3 clips, 2 skipped)" in result.summary()
        and "  skipped: 1 passage in field notes" in result.summary()
    )


def _name_key(passage: PassageView) -> str:
    return f"{passage.theme}_{passage.recording}"


def test_a_clip_holds_the_passage_s_own_sound(coded: Coded, media: dict[str, Path], tmp_path: Path) -> None:
    passage = coded.safe1
    result = export_clips(
        coded.project, tmp_path, ExportOptions(themes=(coded.project.themes.get(SAFE).id,)), unchanged
    )
    [clip] = result.paths
    rate = 22_050
    source = samples(media["wav"], rate)
    start = max(passage.start_ms - PADDING_MS, 0) * rate // 1000
    want = source[start : start + int(0.8 * rate)]
    got = samples(clip, rate)
    best = max(
        np.corrcoef(want, got[lag : lag + len(want)])[0, 1] for lag in range(0, 2048, 8) if lag + len(want) <= len(got)
    )
    assert best > 0.9  # the same speech (AAC changes the samples a little, and may shift them by its delay)


def test_cut_audio_from_each_kind_of_media(media: dict[str, Path], tmp_path: Path) -> None:
    for kind in ("wav", "mp3", "m4a", "stereo"):
        target = tmp_path / f"{kind}.m4a"
        written = cut_audio(media[kind], 1850, 3150, target)
        played, rate = duration_ms(target)
        with av.open(str(media[kind])) as source:
            channels = source.streams.audio[0].channels
            assert written == 1300 * source.streams.audio[0].rate // 1000
        with av.open(str(target)) as clip:
            assert clip.streams.audio[0].codec_context.name == "aac"
            assert clip.streams.audio[0].channels == channels
        assert 1300 <= played <= 1300 + 1024 / rate * 1000 + 2


def test_a_rate_aac_does_not_take_is_resampled(media: dict[str, Path], tmp_path: Path) -> None:
    sox(media["wav"], "-r", "37800", tmp_path / "odd.wav")
    assert cut_audio(tmp_path / "odd.wav", 1000, 2000, tmp_path / "odd.m4a") == 37_800
    played, rate = duration_ms(tmp_path / "odd.m4a")
    assert rate == 48_000 and 1000 <= played <= 1000 + 1024 / rate * 1000 + 2


def test_themes_stand_for_their_sub_themes_and_recordings_choose(coded: Coded, tmp_path: Path) -> None:
    factors = coded.project.themes.get(FACTORS).id
    result = export_clips(coded.project, tmp_path / "a", ExportOptions(themes=(factors,)), unchanged)
    assert {p.name.split("_")[0] for p in result.paths} == {"Komunikasi Terbuka"}
    assert result.counts == {"clips": 2, "skipped": 2}
    result = export_clips(coded.project, tmp_path / "b", ExportOptions(recordings=(coded.r1,)), unchanged)
    assert result.counts == {"clips": 2, "skipped": 0} and result.notes == []


def test_names_are_pseudonymised_safe_and_unique(coded: Coded, tmp_path: Path) -> None:
    coded.project.recordings.rename(coded.r1, "Wawancara Siti: panti/1")
    coded.code(coded.a1, A1, "Apakah", [OPEN])  # two passages of one theme in the same second of a recording
    coded.code(coded.a1, A1, "kamu", [OPEN])

    def redact(text: str) -> str:
        return re.sub(r"(?i)\bsiti\b", "WBS-01", text)

    result = export_clips(coded.project, tmp_path, ExportOptions(recordings=(coded.r1,)), redact)
    assert sorted(p.name for p in result.paths) == [
        "Komunikasi Terbuka_Wawancara WBS-01- panti-1_00-00-00 (2).m4a",
        "Komunikasi Terbuka_Wawancara WBS-01- panti-1_00-00-00.m4a",
        "Komunikasi Terbuka_Wawancara WBS-01- panti-1_00-00-01.m4a",
        "Rasa Aman_Wawancara WBS-01- panti-1_00-00-03.m4a",
    ]


def test_a_recording_whose_media_is_missing_is_skipped_and_named(
    coded: Coded, media: dict[str, Path], tmp_path: Path
) -> None:
    copy = shutil.copy(media["mp3"], tmp_path / "pindah.mp3")
    moved = coded.project.recordings.add(copy, title="pindah").id
    coded.project.transcripts.add_segment(moved, _segment("Saya pindah ke panti"))
    coded.project.coding.code_text(moved, OPEN, "pindah ke panti")
    Path(copy).unlink()
    result = export_clips(coded.project, tmp_path / "klip", ExportOptions(), unchanged)
    assert result.counts == {"clips": 3, "skipped": 3}
    [note] = [n for n in result.notes if "pindah" in n]
    assert f"recording {moved} (pindah): its media file was not found" in note and "annotator locate" in note


def _segment(text: str):  # noqa: ANN202
    from annotator.core.services.transcript import NewSegment, NewWord

    words = [NewWord(k * 500, k * 500 + 400, w, 0.9) for k, w in enumerate(text.split())]
    return NewSegment(0, 2000, text, words, speaker="Anak")


def test_nothing_to_cut_is_refused(project: Project, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no coded passages of the chosen themes"):
        export_clips(project, tmp_path / "klip", ExportOptions(), unchanged)
    assert not (tmp_path / "klip").exists()


def test_out_must_be_a_folder(coded: Coded, tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("")
    with pytest.raises(UserError, match="berkas: is a file; give a folder"):
        export_clips(coded.project, tmp_path / "berkas", ExportOptions(), unchanged)
