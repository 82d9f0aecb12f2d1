"""Importing an existing transcript for a recording: round trips through our own exports, files written by other
tools, and every malformed file refused with its message and the project left as it was."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from annotator.core.models import Segment
from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment
from annotator.errors import NotFound, UserError
from annotator.exchange import transcript_import
from annotator.exchange.options import ExportOptions, unchanged
from annotator.exchange.transcript_import import import_transcript
from annotator.exchange.transcripts import export_transcripts
from annotator.safezip import Limits
from tests.conftest import snapshot

# Within the 5.75 s of the Indonesian speech file; a segment nobody is named for, characters a cue must escape.
SEGMENTS = [
    (0, 1400, "Pewawancara", "Apakah kamu merasa nyaman di panti?"),
    (1400, 2650, "Anak", "Saya merasa nyaman tinggal di panti"),
    (2650, 3900, "Anak", "karena pegawai mau mendengarkan & <peduli>"),
    (3900, 4700, None, "Kami bermain bola: bersama"),
    (4700, 5600, "Ibu Guru", "kadang sedih juga"),
]


@pytest.fixture
def source(project: Project, media: dict[str, Path]) -> int:
    """A recording of the ``project`` fixture with the transcript above."""
    rid = project.recordings.add(media["wav"], title="wawancara").id
    for start, end, speaker, text in SEGMENTS:
        project.transcripts.add_segment(rid, NewSegment(start, end, text, speaker=speaker))
    return rid


@pytest.fixture
def fresh(tmp_path: Path, media: dict[str, Path]):  # noqa: ANN201
    """A new project with one recording of the same speech and no transcript."""
    with Project.create(tmp_path / "baru.annotator") as project:
        project.recordings.add(media["wav"], title="wawancara ulang")
        yield project


def segments(project: Project, rid: int = 1) -> list[tuple[int, int, str | None, str]]:
    return [(s["start_ms"], s["end_ms"], s["speaker"], s["text"]) for s in project.transcripts.as_dict(rid)["segments"]]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# -- round trips -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_subtitles_come_back_to_the_millisecond(project: Project, source: int, fresh: Project, tmp_path, fmt) -> None:  # noqa: ANN001
    out = tmp_path / f"out.{fmt}"
    export_transcripts(project, fmt, out, ExportOptions(recordings=(source,)), unchanged)
    summary = import_transcript(fresh, "wawancara ulang", out)
    assert segments(fresh) == segments(project, source) == SEGMENTS
    assert summary.source == out.name and summary.skipped == []
    assert summary.added == {"segments": 5, "words": 25, "speakers": 3}
    assert summary.lines() == [f"{out.name}: added 5 segments, 25 words, 3 speakers"]


@pytest.mark.parametrize("fmt", ["qda-txt", "transcript-docx"])
def test_timestamped_text_comes_back_to_the_second(
    project: Project, source: int, fresh: Project, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / ("out.docx" if fmt == "transcript-docx" else "out.txt")
    export_transcripts(project, fmt, out, ExportOptions(recordings=(source,)), unchanged)
    import_transcript(fresh, 1, out)
    got = segments(fresh)
    assert [(s // 1000 * 1000, who, text) for s, _e, who, text in SEGMENTS] == [(s, w, t) for s, _e, w, t in got]
    # Each segment runs until the next begins; the last for as long as its words take, within the recording.
    assert [e for _s, e, _w, _t in got] == [1000, 2000, 3000, 4000, 5753]


def test_imported_words_share_their_segment_evenly_and_have_no_probability(
    project: Project, source: int, fresh: Project, tmp_path: Path
) -> None:
    out = tmp_path / "out.srt"
    export_transcripts(project, "srt", out, ExportOptions(recordings=(source,)), unchanged)
    import_transcript(fresh, 1, out)
    data = fresh.transcripts.as_dict(1)
    for segment in data["segments"]:
        words = segment["words"]
        assert [w["text"] for w in words] == segment["text"].split()
        assert all(w["probability"] is None for w in words)
        assert words[0]["start_ms"] == segment["start_ms"] and words[-1]["end_ms"] == segment["end_ms"]
        lengths = [w["end_ms"] - w["start_ms"] for w in words]
        assert max(lengths) - min(lengths) <= 1
        assert all(a["end_ms"] == b["start_ms"] for a, b in zip(words, words[1:], strict=False))
    assert {s["status"] for s in data["segments"]} == {"edited"}
    assert data["recording"]["transcription"]["status"] == "done"
    assert data["recording"]["transcription"]["imported_from"] == "out.srt"
    view = fresh.editing.load(1)
    assert all(w.char_start is not None for s in view.segments for w in s.words)
    assert sorted(s.label for s in view.speakers) == ["Anak", "Ibu Guru", "Pewawancara"]


# -- files from other tools ------------------------------------------------------------------------------
def test_srt_from_another_tool(fresh: Project, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "youtube.srt",
        "\ufeff1\r\n00:00:00,500 --> 00:00:01,250\r\n<i>Selamat</i> pagi,\r\n{\\an8}semuanya\r\n\r\n"
        "2\r\n00:00:01,250 --> 00:00:02,000 X1:10 X2:20\r\nAnak: Pagi, Bu!\r\n\r\n"
        "3\r\n00:00:02.100 --> 00:00:09,000\r\nAda tiga hal: satu\r\n",
    )
    summary = import_transcript(fresh, 1, path)
    assert segments(fresh) == [
        (500, 1250, None, "Selamat pagi, semuanya"),
        (1250, 2000, "Anak", "Pagi, Bu!"),
        (2100, 5753, None, "Ada tiga hal: satu"),
    ]
    assert summary.skipped == ["line 11: ends at 0:00:09.000, after the end of the recording (0:00:05.753): cut there"]


def test_webvtt_from_teams_and_zoom(fresh: Project, tmp_path: Path, media: dict[str, Path]) -> None:
    path = write(
        tmp_path,
        "teams.vtt",
        "WEBVTT - rapat\nKind: captions\n\nNOTE dibuat oleh Teams\n\nSTYLE\n::cue { color: red }\n\n"
        "a1b2-0\n00:00.000 --> 00:01.500 align:start\n<v Siti Rahma>Selamat <b>pagi</b> &amp; salam</v>\n\n"
        "00:00:01.500 --> 00:00:03.000\n<v.loud Budi>Pagi &lt;semua&gt;</v>\n",
    )
    import_transcript(fresh, 1, path)
    assert segments(fresh) == [(0, 1500, "Siti Rahma", "Selamat pagi & salam"), (1500, 3000, "Budi", "Pagi <semua>")]
    second = fresh.recordings.add(media["mp3"], title="zoom").id
    zoom = write(tmp_path, "zoom.vtt", "WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nRina Wulandari: Halo semua\n")
    import_transcript(fresh, "zoom", zoom)
    assert segments(fresh, second) == [(0, 2000, "Rina Wulandari", "Halo semua")]


def test_timestamped_text_in_the_forms_people_write(fresh: Project, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "catatan.txt",
        "Transkrip wawancara 3\n\n"
        "[00:00:00] Pewawancara: Apa kabar?\n"
        "[00:00:01.5] Anak: Baik, Bu.\n"
        "Saya senang.\n"  # a line without a time: the segment above goes on
        "(00:02) jawaban tanpa nama\n"
        "SPEAKER_00\n"
        "[00:00:03] - satu [00:00:04] - dua \n",  # aTrain's MAXQDA form: a speaker line, several times in a line
        "cp1252",
    )
    summary = import_transcript(fresh, 1, path)
    assert segments(fresh) == [
        (0, 1500, "Pewawancara", "Apa kabar?"),
        (1500, 2000, "Anak", "Baik, Bu. Saya senang."),
        (2000, 3000, None, "jawaban tanpa nama"),
        (3000, 4000, "SPEAKER_00", "satu"),
        (4000, 5753, "SPEAKER_00", "dua"),
    ]
    assert summary.skipped == ["line 1: no time stamp before it ('Transkrip wawancara 3'): left out"]


def test_a_speaker_before_the_time_stamp(fresh: Project, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "Pewawancara: [00:00:01] Apa kabar?\nAnak: [00:00:02] Baik.\n")
    import_transcript(fresh, 1, path)
    assert segments(fresh) == [(1000, 2000, "Pewawancara", "Apa kabar?"), (2000, 4000, "Anak", "Baik.")]


def test_maxqda_and_f4_time_stamps_at_the_end_of_a_paragraph(fresh: Project, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "f4.txt",
        "I: Wie geht es dir? #00:00:02-5#\r\n\r\nB: Gut, danke. #00:00:04-0#\r\n\r\n#00:00:04-5# I: Und dann?\r\n",
    )
    import_transcript(fresh, 1, path)
    assert segments(fresh) == [
        (0, 2500, "I", "Wie geht es dir?"),
        (2500, 4000, "B", "Gut, danke."),
        (4500, 5753, "I", "Und dann?"),
    ]


def test_word_document_with_timestamped_paragraphs(fresh: Project, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Transkrip: wawancara", level=1)
    document.add_paragraph("[00:00:00] Pewawancara: Apa kabar?")
    document.add_paragraph("0:00:01.0 - 0:00:02.5 Anak: Baik.")  # an NVivo time span gives the end
    document.add_paragraph("[00:00:03] tanpa nama")
    document.save(str(tmp_path / "transkrip.docx"))
    import_transcript(fresh, 1, tmp_path / "transkrip.docx")
    assert segments(fresh) == [
        (0, 1000, "Pewawancara", "Apa kabar?"),
        (1000, 2500, "Anak", "Baik."),
        (3000, 5000, None, "tanpa nama"),
    ]


def test_speakers_may_talk_over_each_other(fresh: Project, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "kanal.vtt",
        "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Kiri>satu dua\n\n00:01.000 --> 00:03.000\n<v Kanan>tiga empat\n",
    )
    import_transcript(fresh, 1, path)
    assert [s[:3] for s in segments(fresh)] == [(0, 2000, "Kiri"), (1000, 3000, "Kanan")]


# -- refused ---------------------------------------------------------------------------------------------
MALFORMED = {
    "empty.srt": ("", "empty.srt: the file is empty"),
    "blank.txt": ("  \n\n", "blank.txt: the file is empty"),
    "no-times.txt": ("Pewawancara: Apa kabar?\nAnak: Baik.\n", "no-times.txt: no time stamps found"),
    "not-subtitles.srt": ("halo\napa kabar\n", r"not-subtitles.srt: line 1: 'halo' is not a subtitle"),
    "bad-time.srt": (
        "1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:03,000 -> 00:00:04,000\nb\n",
        "bad-time.srt: line 5: .* is not a subtitle",
    ),
    "minutes.srt": ("1\n00:75:00,000 --> 00:76:00,000\na\n", "minutes.srt: line 2: .* is not a time"),
    "backwards.srt": (
        "1\n00:00:03,000 --> 00:00:04,000\na\n\n2\n00:00:01,000 --> 00:00:02,000\nb\n",
        r"backwards.srt: line 6: begins at 0:00:01.000, before the cue above it \(0:00:03.000\): the times go back",
    ),
    "overlap.srt": (
        "1\n00:00:01,000 --> 00:00:03,000\na\n\n2\n00:00:02,000 --> 00:00:04,000\nb\n",
        r"overlap.srt: line 6: begins at 0:00:02.000, while the cue of line 2 runs until 0:00:03.000: .* overlap",
    ),
    "overlap-speaker.vtt": (
        "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Anak>a\n\n00:02.000 --> 00:04.000\n<v Anak>b\n",
        "overlap-speaker.vtt: line 6: .* while Anak's cue of line 3 runs until 0:00:03.000",
    ),
    "reversed.srt": (
        "1\n00:00:03,000 --> 00:00:01,000\na\n",
        r"reversed.srt: line 2: ends at 0:00:01.000, before it beg",
    ),
    "too-late.txt": (
        "[00:00:01] a\n[00:10:00] b\n",
        r"too-late.txt: line 2: begins at 0:10:00.000, after the end of the recording \(0:00:05 long\)",
    ),
    "no-header.vtt": ("00:00.000 --> 00:01.000\nhalo\n", "no-header.vtt: line 1: not a WebVTT file"),
    "no-text.srt": ("1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n", "no-text.srt: the cues hold no text"),
    "binary.txt": ("[00:00:01] a\x00b", "binary.txt: not plain text"),
    "truncated.docx": ("PK\x03\x04 cut short", "truncated.docx: not a Word document"),
    "old.doc": ("x", r"old.doc: old Word documents \(.doc\) cannot be imported"),
    "notes.pdf": ("x", r"notes.pdf: cannot import a .pdf file as a transcript; use .srt, .vtt, .txt, .docx"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_malformed_files_are_refused_and_change_nothing(fresh: Project, tmp_path: Path, name: str) -> None:
    text, message = MALFORMED[name]
    path = write(tmp_path, name, text)
    before = snapshot(fresh.path)
    with pytest.raises(UserError, match=message):
        import_transcript(fresh, 1, path)
    assert snapshot(fresh.path) == before


def test_a_damaged_word_document_is_refused(fresh: Project, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("[00:00:00] Anak: halo")
    document.save(str(tmp_path / "full.docx"))
    data = (tmp_path / "full.docx").read_bytes()
    (tmp_path / "half.docx").write_bytes(data[: len(data) // 2])
    before = snapshot(fresh.path)
    with pytest.raises(UserError, match="half.docx: (not a Word document|the Word document cannot be read)"):
        import_transcript(fresh, 1, tmp_path / "half.docx")
    assert snapshot(fresh.path) == before


def test_a_word_document_that_unpacks_to_too_much_is_refused(
    fresh: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = docx.Document()
    document.add_paragraph("[00:00:00] Anak: " + " ".join(f"kata{i}" for i in range(20_000)))
    document.save(str(tmp_path / "besar.docx"))
    monkeypatch.setattr(transcript_import, "DOCX_LIMITS", Limits(max_total_bytes=100_000))  # not a real bomb
    before = snapshot(fresh.path)
    with pytest.raises(UserError, match=r"besar.docx: unpacks to more than 97.7 KB in all; the archive is refused"):
        import_transcript(fresh, 1, tmp_path / "besar.docx")
    assert snapshot(fresh.path) == before


def test_a_transcript_file_far_too_large_is_not_read(
    fresh: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "besar.srt", "1\n00:00:00,000 --> 00:00:01,000\nhalo\n\n" * 200)
    monkeypatch.setattr(transcript_import, "MAX_FILE_BYTES", 1000)
    before = snapshot(fresh.path)
    with pytest.raises(UserError, match=r"besar\.srt: is \d+ KB, far larger than a transcript; it is not read"):
        import_transcript(fresh, 1, path)
    assert snapshot(fresh.path) == before


def test_a_word_document_that_is_a_zip_bomb_is_refused(fresh: Project, tmp_path: Path) -> None:
    """A real Word document with a part of 20 MB of zeros (20 KB packed): refused before python-docx reads it."""
    document = docx.Document()
    document.add_paragraph("[00:00:00] Anak: halo")
    document.save(str(tmp_path / "bom.docx"))
    with zipfile.ZipFile(tmp_path / "bom.docx", "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/media/image1.png", bytes(20 << 20))
    assert (tmp_path / "bom.docx").stat().st_size < 200_000
    before = snapshot(fresh.path)
    with pytest.raises(UserError, match=r"bom.docx: the entry 'word/media/image1.png' unpacks from .* zip bomb"):
        import_transcript(fresh, 1, tmp_path / "bom.docx")
    assert snapshot(fresh.path) == before


def test_a_recording_with_a_transcript_is_refused(fresh: Project, tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", "[00:00:01] Anak: halo\n")
    with pytest.raises(UserError, match="hilang.srt: no such file"):
        import_transcript(fresh, 1, tmp_path / "hilang.srt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(UserError, match="folder.txt: is a folder"):
        import_transcript(fresh, 1, tmp_path / "folder.txt")
    import_transcript(fresh, 1, path)
    before = snapshot(fresh.path)
    with pytest.raises(UserError, match=r"a.txt: recording 1 \(wawancara ulang\) already has a transcript \(1 segm"):
        import_transcript(fresh, 1, path)
    with pytest.raises(NotFound, match="no recording 'lain'"):
        import_transcript(fresh, "lain", path)
    assert snapshot(fresh.path) == before


def test_a_file_that_fails_half_way_leaves_the_project_unchanged(
    fresh: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "a.txt", "".join(f"[00:00:0{k}] Anak: kata ke-{k}\n" for k in range(5)))
    calls = []
    real = transcript_import.add_written_segment

    def failing(*args: object) -> object:  # failure injection: the disk gives out at the fourth segment
        calls.append(args)
        if len(calls) == 4:
            raise OSError("disk I/O error")
        return real(*args)

    monkeypatch.setattr(transcript_import, "add_written_segment", failing)
    before = snapshot(fresh.path)
    with pytest.raises(OSError, match="disk I/O error"):
        import_transcript(fresh, 1, path)
    assert snapshot(fresh.path) == before
    with fresh.transaction() as session:
        assert session.query(Segment).count() == 0
