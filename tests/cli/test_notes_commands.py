"""``annotator notes`` and ``annotator search`` on a project with a recorded interview and field notes."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, NewWord
from tests.conftest import snapshot

RESPECT = "Rasa Saling Menghargai"
A1 = "Bagaimana rasanya tinggal di asrama?"
B1 = "Saya merasa dihargai kalau pengasuh mendengarkan saya."
C1 = "Ibu asrama juga ikut piket setiap pagi."
NOTES = "Piket dapur pagi ini dipimpin ibu asrama.\r\nSuasana terbuka dan hangat.\r\n"


def assert_user_error(result, *fragments: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("annotator: error: ")
    assert result.err.count("\n") == 1, f"not one line: {result.err!r}"
    for fragment in fragments:
        assert fragment in result.err, f"{fragment!r} not in {result.err!r}"


def add_segment(project: Project, rid: int, start: int, end: int, text: str, speaker: str) -> None:
    tokens = text.split()
    step = (end - start) // len(tokens)
    words = [NewWord(start + k * step + 10, start + (k + 1) * step - 10, t, 0.8) for k, t in enumerate(tokens)]
    project.transcripts.add_segment(rid, NewSegment(start, end, text, words, speaker=speaker))


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    txt = tmp_path / "catatan-piket.txt"
    txt.write_bytes(NOTES.encode("cp1252"))
    word = docx.Document()
    word.add_paragraph("Refleksi: ibu asrama sabar.")
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Senin", "piket"
    path = tmp_path / "refleksi.docx"
    word.save(path)
    return {"txt": txt, "docx": path}


@pytest.fixture
def study(cli, project_file: Path, media: dict[str, Path]) -> Path:
    assert cli("participants", project_file, "--add", "WBS-01", "--role", "resident").code == 0
    assert cli("add", project_file, media["wav"], "--participant", "WBS-01").code == 0
    with Project.open(project_file) as project:
        add_segment(project, 1, 0, 3000, A1, "Pewawancara")
        add_segment(project, 1, 63_000, 69_000, B1, "Anak")
        add_segment(project, 1, 69_000, 74_000, C1, "Anak")
    return project_file


# -- annotator notes ---------------------------------------------------------------------------------------------
def test_notes_lists_nothing_at_first(cli, project_file: Path) -> None:
    result = cli("notes", project_file)
    assert result.code == 0, result.err
    assert "No field notes yet" in result.out


def test_notes_add_imports_files_and_lists_them(cli, project_file: Path, files: dict[str, Path]) -> None:
    assert cli("participants", project_file, "--add", "STAF-01", "--role", "staff").code == 0
    result = cli("notes", project_file, "--add", files["txt"], files["docx"], "--participant", "STAF-01")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == f"Added document 1: catatan-piket (70 characters) from {files['txt']}"
    assert lines[1] == f"Added document 2: refleksi (39 characters) from {files['docx']}"
    assert lines[2].split() == ["id", "title", "characters", "passages", "participant", "source"]
    assert lines[3].split() == ["1", "catatan-piket", "70", "0", "STAF-01", str(files["txt"])]
    assert lines[4].split() == ["2", "refleksi", "39", "0", "STAF-01", str(files["docx"])]
    result = cli("notes", project_file, "--add", files["txt"], "--title", "Piket dapur", "--json")
    data = json.loads(result.out)
    assert [d["title"] for d in data["added"]] == ["Piket dapur"]
    assert "text" not in data["added"][0]
    assert [(d["title"], d["characters"], d["participant"]) for d in data["documents"]] == [
        ("catatan-piket", 70, "STAF-01"),
        ("Piket dapur", 70, None),
        ("refleksi", 39, "STAF-01"),
    ]
    with Project.open(project_file) as project:
        assert project.documents.get(1).text == NOTES.replace("\r\n", "\n")
        assert project.documents.get(2).text == "Refleksi: ibu asrama sabar.\nSenin\tpiket"


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--add", "hilang.txt"], ["hilang.txt: no such file"]),
        (["--add", "{txt}", "{bad}"], ["rusak.docx: not a Word document"]),
        (["--add", "{txt}", "{docx}", "--title", "Dua"], ["a title names one document; 2 files were given"]),
        (["--add", "{txt}", "--participant", "WBS-99"], ["no participant 'WBS-99'"]),
    ],
)
def test_notes_add_refuses_bad_input_and_changes_nothing(
    cli, project_file: Path, files: dict[str, Path], tmp_path: Path, args: list[str], fragments: list[str]
) -> None:
    bad = tmp_path / "rusak.docx"
    bad.write_text("bukan dokumen Word", encoding="utf-8")
    before = snapshot(project_file)
    result = cli("notes", project_file, *(a.format(txt=files["txt"], docx=files["docx"], bad=bad) for a in args))
    assert_user_error(result, *fragments)
    assert snapshot(project_file) == before


# -- annotator search --------------------------------------------------------------------------------------------
def test_search_prints_hits_with_time_speaker_and_context(cli, study: Path, files: dict[str, Path]) -> None:
    assert cli("notes", study, "--add", files["txt"]).code == 0
    result = cli("search", study, "IBU", "asrama")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "wawancara-wbs 0:01:09 Anak: Saya merasa dihargai kalau pengasuh mendengarkan saya. [Ibu asrama] juga ikut "
        "piket setiap pagi.",
        "catatan-piket: Piket dapur pagi ini dipimpin [ibu asrama]. Suasana terbuka dan hangat.",
        "2 hits in 1 recording and 1 document",
    ]
    result = cli("search", study, "piket", "--no-documents", "--json")
    [hit] = json.loads(result.out)["hits"]
    assert (hit["recording"], hit["segment_id"], hit["match"], hit["speaker"]) == ("wawancara-wbs", 3, "piket", "Anak")
    assert hit["start_ms"] >= 69_000 and hit["end_ms"] <= 74_000
    assert hit["before"] == "kalau pengasuh mendengarkan saya. Ibu asrama juga ikut "
    result = cli("search", study, "tidak", "ada")
    assert (result.code, result.out) == (0, "No hits for “tidak ada”.\n")


def test_search_code_codes_every_hit_once(cli, study: Path, files: dict[str, Path]) -> None:
    assert cli("notes", study, "--add", files["txt"], files["docx"]).code == 0
    result = cli("search", study, "ibu asrama", "--code", RESPECT)
    assert result.code == 0, result.err
    assert result.out.splitlines()[-2:] == [
        "3 hits in 1 recording and 2 documents",
        f"Coded 3 passages with '{RESPECT}'",
    ]
    result = cli("search", study, "ibu asrama", "--code", RESPECT)
    assert result.out.splitlines()[-1] == f"Coded 0 passages with '{RESPECT}' (3 already coded)"
    result = cli("search", study, "piket", "--whole-words", "--code", RESPECT, "--json")
    data = json.loads(result.out)
    assert [p["text"] for p in data["coded"]] == ["piket", "Piket", "piket"]
    assert {p["theme"] for p in data["coded"]} == {RESPECT}
    passages = json.loads(cli("passages", study, "--theme", RESPECT, "--json").out)["passages"]
    assert len(passages) == 6


def test_search_refuses_bad_input_and_changes_nothing(cli, study: Path) -> None:
    before = snapshot(study)
    assert_user_error(cli("search", study, "ibu", "--code", "Kebahagiaan"), "no theme 'Kebahagiaan'")
    assert_user_error(cli("search", study, " "), "give the words to search for")
    assert_user_error(cli("search", study, "ibu", "--recording", "99"), "no recording '99'")
    assert snapshot(study) == before
