"""Transcripts out (txt, Word, SRT, WebVTT, qda-txt, JSON), each read back with a parser of its own.

The study is ``tests.core.test_coding.Study``: two interviews with speakers, a segment nobody is named for and one
whose text has runs of spaces. SRT is read with the ``srt`` library, WebVTT with ``webvtt-py``, Word with
python-docx, and JSON is compared with what ``annotator transcript --json`` prints.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
import srt
import webvtt

from annotator.core.project import Project
from annotator.errors import NotFound, UserError
from annotator.exchange.options import ExportOptions, unchanged
from annotator.exchange.transcripts import FORMATS, export_transcripts, file_name
from tests.core.test_coding import A1, B1, C1, D1, Study

NAMES = {"Anak": "R-01", "Pewawancara": "P-01", "panti": "[LEMBAGA]", "wbs": "KODE", "Staf": "S-01"}


def redact(text: str) -> str:
    """A pseudonymiser for the tests: whole words, any case."""
    for real, code in NAMES.items():
        text = re.sub(rf"(?<!\w){re.escape(real)}(?!\w)", code, text, flags=re.IGNORECASE)
    return text


def leaks(text: str) -> list[str]:
    return [real for real in NAMES if re.search(rf"(?<!\w){re.escape(real)}(?!\w)", text, re.IGNORECASE)]


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> Study:
    return Study(project, media)


def export(study: Study, fmt: str, out: Path, redact_with: Callable[[str], str] = unchanged, **options: object):  # noqa: ANN201
    return export_transcripts(study.project, fmt, out, ExportOptions(**options), redact_with)


def expected(project: Project, rid: int) -> list[tuple[int, int, str | None, str]]:
    return [(s["start_ms"], s["end_ms"], s["speaker"], s["text"]) for s in project.transcripts.as_dict(rid)["segments"]]


def ms(clock: str) -> int:
    h, m, s = clock.replace(",", ".").split(":")
    return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)


# -- each format, read back ----------------------------------------------------------------------------
def test_srt_is_read_back_by_the_srt_library(study: Study, tmp_path: Path) -> None:
    result = export(study, "srt", tmp_path / "r1.srt", recordings=(study.r1,))
    assert result.paths == [tmp_path / "r1.srt"] and result.counts == {"recordings": 1, "segments": 4}
    cues = list(srt.parse((tmp_path / "r1.srt").read_text(encoding="utf-8")))
    assert [c.index for c in cues] == [1, 2, 3, 4]
    got = [(c.start.total_seconds() * 1000, c.end.total_seconds() * 1000, c.content) for c in cues]
    assert got == [
        (s, e, f"{speaker}: {text}" if speaker else text) for s, e, speaker, text in expected(study.project, study.r1)
    ]


def test_vtt_is_read_back_by_webvtt_with_voices(study: Study, tmp_path: Path) -> None:
    with study.project.transaction() as session:  # a text a cue must escape
        from annotator.core.models import Segment

        session.get(Segment, study.c1).text = "Kami <bermain> bola & --> bersama"
    export(study, "vtt", tmp_path / "r1.vtt", recordings=(study.r1,))
    assert (tmp_path / "r1.vtt").read_text(encoding="utf-8").startswith("WEBVTT\n\n")
    captions = webvtt.read(str(tmp_path / "r1.vtt"))
    got = [(ms(c.start), ms(c.end), c.voice, html.unescape(c.text)) for c in captions]
    assert got == expected(study.project, study.r1)
    assert got[2][3] == "Kami <bermain> bola & --> bersama" and got[2][2] is None


def test_word_transcript_is_read_back_by_python_docx(study: Study, tmp_path: Path) -> None:
    export(study, "transcript-docx", tmp_path / "r1.docx", recordings=(study.r1,))
    document = docx.Document(str(tmp_path / "r1.docx"))
    assert document.core_properties.title == "wawancara-wbs"
    assert document.core_properties.author == "Annotator"
    heading, *paragraphs = document.paragraphs
    assert heading.text == "wawancara-wbs" and heading.style.name.startswith("Heading")
    assert [p.text for p in paragraphs] == [
        f"[00:00:00] Pewawancara: {A1}",
        f"[00:00:03] Anak: {B1}",
        f"[00:00:07] {C1}",
        f"[00:00:09] Anak: {D1}",
    ]
    bold = [[r.text for r in p.runs if r.bold] for p in paragraphs]
    assert bold == [["Pewawancara"], ["Anak"], [], ["Anak"]]


def test_plain_text_has_a_line_per_segment_and_a_blank_line_between_turns(study: Study, tmp_path: Path) -> None:
    study.project.editing.set_speaker(study.c1, "Anak")  # two turns of Anak in a row
    export(study, "txt", tmp_path / "r1.txt", recordings=(study.r1,))
    assert (tmp_path / "r1.txt").read_text(encoding="utf-8") == (
        f"Pewawancara: {A1}\n\nAnak: {B1}\nAnak: {C1}\nAnak: {D1}\n"
    )


def test_qda_text_has_a_speaker_line_then_timestamped_segments(study: Study, tmp_path: Path) -> None:
    export(study, "qda-txt", tmp_path / "r2.txt", recordings=(study.r2,))
    assert (tmp_path / "r2.txt").read_text(encoding="utf-8") == (
        "Pewawancara\n[00:00:00] How do you talk with the children?\n\n"
        "Staf\n[00:00:04] We listen to them and we talk openly every day, we listen\n"
    )
    export(study, "qda-txt", tmp_path / "r1.txt", recordings=(study.r1,))
    assert (tmp_path / "r1.txt").read_text(encoding="utf-8") == (
        f"Pewawancara\n[00:00:00] {A1}\n\nAnak\n[00:00:03] {B1}\n\n[00:00:07] {C1}\n\nAnak\n[00:00:09] {D1}\n"
    )


def test_json_is_what_the_transcript_command_prints(study: Study, tmp_path: Path, cli) -> None:  # noqa: ANN001
    study.project.editing.set_status(study.b1, "verified")
    for rid in (study.r1, study.r2):
        export(study, "json", tmp_path / f"{rid}.json", recordings=(rid,))
        printed = cli("transcript", study.project.path, rid, "--json")
        assert printed.code == 0
        assert (tmp_path / f"{rid}.json").read_text(encoding="utf-8") == printed.out


# -- which recordings, and where they go ---------------------------------------------------------------
def test_every_transcribed_recording_goes_into_a_folder_by_title(study: Study, tmp_path: Path, media) -> None:  # noqa: ANN001
    study.project.recordings.add(media["mp3"], title="belum ditranskripsi")  # no transcript: not exported
    study.project.recordings.rename(study.r2, 'Wawancara 2/3: "staf"?')
    out = tmp_path / "baru" / "transkrip"
    result = export(study, "srt", out)
    assert result.paths == [out / "wawancara-wbs.srt", out / "Wawancara 2-3- -staf.srt"]
    assert result.counts == {"recordings": 2, "segments": 6}
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in result.paths)
    for path in result.paths:
        assert list(srt.parse(path.read_text(encoding="utf-8")))


def test_recordings_with_the_same_title_get_numbered_names(study: Study, tmp_path: Path) -> None:
    study.project.recordings.rename(study.r2, "wawancara-wbs")
    result = export(study, "vtt", tmp_path / "out", recordings=(study.r1, study.r2))
    assert [p.name for p in result.paths] == ["wawancara-wbs.vtt", "wawancara-wbs (2).vtt"]


def test_one_recording_into_an_existing_folder_is_named_by_its_title(study: Study, tmp_path: Path) -> None:
    result = export(study, "json", tmp_path, recordings=(study.r2,))
    assert result.paths == [tmp_path / "interview-staff.json"]


def test_file_names_are_safe_everywhere() -> None:
    assert file_name('a/b\\c:d*e?f"g<h>i|j') == "a-b-c-d-e-f-g-h-i-j"
    assert file_name("  ..  ") == "untitled" and file_name("CON") == "_CON" and file_name("nul.txt") == "_nul.txt"
    assert file_name("baris\nbaru\tdan  spasi") == "baris-baru-dan spasi"
    assert len(file_name("x" * 300)) == 100


# -- pseudonymised -------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_pseudonymised_output_holds_none_of_the_names(study: Study, tmp_path: Path, fmt: str) -> None:
    with study.project.transaction() as session:
        from annotator.core.models import Recording

        session.get(Recording, study.r1).transcription = {"status": "done", "vocabulary": ["panti", "WBS"]}
    plain = export(study, fmt, tmp_path / "plain")
    assert any(leaks(_contents(p)) for p in plain.paths)  # the names are there to be hidden
    result = export(study, fmt, tmp_path / "hidden", redact_with=redact)
    assert [p.name for p in result.paths][0].startswith("wawancara-KODE")
    for path in result.paths:
        assert leaks(path.name) == [] and leaks(_contents(path)) == [], path


def _contents(path: Path) -> str:
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    return path.read_text(encoding="utf-8")


# -- refused -------------------------------------------------------------------------------------------
def test_refused_exports_name_the_problem(study: Study, tmp_path: Path, media) -> None:  # noqa: ANN001
    where = tmp_path / "out"
    where.mkdir()
    with pytest.raises(UserError, match="'pdf' is not a transcript format"):
        export(study, "pdf", where / "x.pdf")
    with pytest.raises(NotFound, match="no recording 99"):
        export(study, "srt", where / "x.srt", recordings=(99,))
    silent = study.project.recordings.add(media["mp3"], title="belum").id
    with pytest.raises(UserError, match=rf"recording {silent} \(belum\) has no transcript yet"):
        export(study, "srt", where / "x.srt", recordings=(silent,))
    with pytest.raises(UserError, match="x.srt: the folder .*missing does not exist"):
        export(study, "srt", where / "missing" / "x.srt", recordings=(study.r1,))
    (where / "file").write_text("")
    with pytest.raises(UserError, match="file: is a file; give a folder"):
        export(study, "srt", where / "file")
    assert sorted(p.name for p in where.iterdir()) == ["file"]


def test_a_project_without_transcripts_has_nothing_to_export(project: Project, media, tmp_path: Path) -> None:  # noqa: ANN001
    project.recordings.add(media["wav"])
    with pytest.raises(UserError, match="no recording in this project has a transcript yet"):
        export_transcripts(project, "txt", tmp_path / "x.txt", ExportOptions(), unchanged)


def test_a_name_of_several_words_leaves_no_trace_in_the_json_words(study: Study, tmp_path: Path) -> None:
    """Each word on its own is harmless ("pegawai", "mau"); together they are the listed name."""
    import json

    from annotator.exchange.export import export as export_any
    from annotator.exchange.options import ExportOptions

    study.project.pseudonyms.add("pegawai mau", "NAMA-3")
    out = tmp_path / "t.json"
    export_any(study.project, "json", out, ExportOptions(recordings=(study.r1,), pseudonymize=True))
    data = json.loads(out.read_text(encoding="utf-8"))
    [segment] = [s for s in data["segments"] if "NAMA-3" in s["text"]]
    words = [w["text"] for w in segment["words"]]
    assert "pegawai" not in words and "mau" not in words and "NAMA-3" in words
    assert " ".join(words) == segment["text"]
    times = [(w["start_ms"], w["end_ms"]) for w in segment["words"]]
    assert times == sorted(times) and all(a <= b for a, b in times)
