"""REFI-QDA export: a coded study as .qdpx and its codebook as .qdc, validated against the REFI schemas, with
transcript positions and times checked against the passages, external media, narrowing and pseudonymisation."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from annotator.core.models import Coder, Note, ProjectInfo, Recording, TextDocument, Theme
from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.errors import UserError
from annotator.exchange.options import ExportOptions, unchanged
from annotator.exchange.refi_common import CODEBOOK_NS, PROJECT_NS, RELATIVE
from annotator.exchange.refi_export import export_qdc, export_qdpx
from tests.core.test_coding import B1, B2, C1, CLOSE, FACTORS, NOTES, OPEN, RESPECT, SAFE, Study, add_segment
from tests.exchange.refi_files import REFI_DATA

NS = {"q": PROJECT_NS}
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

NAMED = "Ibu Sari Dewi selalu mendengarkan saya di Panti Harapan"
NAMES = {"Ibu Sari Dewi": "STAF-01", "Sari": "P-01", "Panti Harapan": "PANTI-A", "Rina": "PEW-01"}


def redact(text: str) -> str:
    """The listed names (longest first, whole words, any case) replaced by their codes."""
    for real in sorted(NAMES, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(real)}(?!\w)", NAMES[real], text, flags=re.IGNORECASE)
    return text


def schema(name: str):  # noqa: ANN201
    import xmlschema

    return xmlschema.XMLSchema(str(REFI_DATA / name))


@dataclass
class Coded:
    study: Study
    passages: list[PassageView]
    e1: int


@pytest.fixture
def coded(project: Project, media: dict[str, Path]) -> Coded:
    """The two interviews and field notes of the coding tests, coded: within a segment, across segments (and
    speakers), a segment without words, the field notes, memos, a second coder; names in a segment, a speaker,
    a memo, a note, a title, an attribute and a definition; notes about the project, a recording and a theme."""
    study = Study(project, media)
    e1 = add_segment(project, study.r1, 10_000, 14_000, NAMED, "Bu Sari")
    project.participants.update("STAF-01", attributes={"years": 6, "panti": "Panti Harapan", "since": "2019-07-01"})
    project.themes.set_definition(RESPECT, "Menghargai, seperti Ibu Sari Dewi")
    code = project.coding
    views = code.code_span(study.r1, study.b1, B1.index("nyaman"), study.b1, B1.index(" di panti"), [OPEN], memo="Sari")
    views += code.code_span(study.r1, study.b1, B1.index("pegawai"), study.c1, C1.index(" setiap"), [RESPECT, SAFE])
    views += code.code_span(study.r1, study.d1, 0, e1, len("Ibu Sari Dewi"), [CLOSE], coder="Rina")
    views += code.code_span(study.r2, study.b2, B2.index("we talk"), study.b2, len(B2), [OPEN])
    start = NOTES.index("Suasana")
    views += code.code_document(study.doc, start, start + len("Suasana terbuka"), [OPEN], memo="hangat, kata Rina")
    with project.transaction() as session:
        session.get(TextDocument, study.doc).title = "Catatan Sari"
        session.scalars(select(ProjectInfo)).one().description = "Studi di Panti Harapan"
        theme = session.scalars(select(Theme).where(Theme.name == OPEN)).one()
        session.add_all(
            [
                Note(title="Catatan proyek", text="Izin dari Panti Harapan"),
                Note(title="Rekaman", text="Sari datang terlambat", recording_id=study.r1),
                Note(title="", text="Definisi dibahas", theme_id=theme.id),
            ]
        )
    return Coded(study, views, e1)


def export(project: Project, out: Path, **options: object) -> tuple[ET.Element, dict[str, bytes]]:
    result = export_qdpx(project, out, ExportOptions(**options), redact if options.get("pseudonymize") else unchanged)
    assert result.paths == [out]
    with zipfile.ZipFile(out) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist())
    return ET.fromstring(files["project.qde"]), files


def internal(files: dict[str, bytes], path: str) -> str:
    assert path.startswith("internal://")
    return files[f"sources/{path.removeprefix('internal://')}"].decode("utf-8")


def passage_slices(root: ET.Element, files: dict[str, bytes]) -> dict[str, tuple[str, int | None, int | None]]:
    """Per coding GUID: the text its selection's positions slice from the source's plain text, and the times."""
    found = {}
    for transcript in root.iterfind(".//q:Transcript", NS):
        text = internal(files, transcript.get("plainTextPath"))
        points = {
            p.get("guid"): (int(p.get("position")), int(p.get("timeStamp")))
            for p in transcript.iterfind("q:SyncPoint", NS)
        }
        for selection in transcript.iterfind("q:TranscriptSelection", NS):
            (start, start_ms), (end, end_ms) = (
                points[selection.get("fromSyncPoint")],
                points[selection.get("toSyncPoint")],
            )
            for coding in selection.iterfind("q:Coding", NS):
                found[coding.get("guid")] = (text[start:end], start_ms, end_ms)
    for source in root.iterfind(".//q:TextSource", NS):
        text = internal(files, source.get("plainTextPath"))
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            for coding in selection.iterfind("q:Coding", NS):
                found[coding.get("guid")] = (text[start:end], None, None)
    return found


def as_quote(sliced: str) -> str:
    """A transcript slice read as a quote: a line break and the next line's speaker become the quote's space."""
    return re.sub(r"\n(?:[^\n:]+: )?", " ", sliced)


# -- the project ---------------------------------------------------------------------------------------------
def test_qdpx_validates_and_holds_the_whole_project(project: Project, coded: Coded, tmp_path: Path) -> None:
    out = tmp_path / "studi.qdpx"
    root, files = export(project, out)
    schema("Project.xsd").validate(files["project.qde"].decode("utf-8"))
    assert files["project.qde"].startswith(b"<?xml") and f'xmlns="{PROJECT_NS}"'.encode() in files["project.qde"]
    # every internal:// reference is packed, and everything packed is referred to
    refs = {e.get(a) for e in root.iter() for a in ("path", "plainTextPath") if (e.get(a) or "").startswith("internal")}
    assert {f"sources/{r.removeprefix('internal://')}" for r in refs} == set(files) - {"project.qde"}
    study = coded.study
    wav = project.recordings.media_path(project.recordings.get(study.r1))
    [audio1] = [s for s in root.iterfind("q:Sources/q:AudioSource", NS) if s.get("name") == "wawancara-wbs"]
    assert files[f"sources/{audio1.get('guid')}.wav"] == wav.read_bytes()
    # no empty containers, canonical GUIDs and dates
    for element in root.iter():
        if element.tag.split("}")[1] in ("Users", "CodeBook", "Codes", "Variables", "Cases", "Sources", "Notes"):
            assert len(element), element.tag
        for name, value in element.attrib.items():
            if name in ("guid", "targetGUID", "creatingUser", "creatingUserGUID", "fromSyncPoint", "toSyncPoint"):
                assert GUID.match(value), (name, value)
            if name.endswith("DateTime"):
                assert DATE_TIME.match(value), (name, value)
    # users, codes, cases with variables, sources, notes
    assert {u.get("name") for u in root.iterfind("q:Users/q:User", NS)} >= {"Rina"}
    codes = {c.get("name"): c for c in root.iterfind(".//q:Code", NS)}
    assert set(codes) == {t.name for t in project.themes.tree() for _, t in t.walk()}
    respect = project.themes.get(RESPECT)
    assert codes[RESPECT].get("guid") == respect.guid and codes[RESPECT].get("color") == respect.color
    assert codes[RESPECT].findtext("q:Description", namespaces=NS) == "Menghargai, seperti Ibu Sari Dewi"
    assert codes[OPEN] in list(codes[FACTORS]) and codes[OPEN].get("isCodable") == "true"
    variables = {v.get("name"): v.get("typeOfVariable") for v in root.iterfind("q:Variables/q:Variable", NS)}
    assert variables == {"age": "Integer", "gender": "Text", "years": "Integer", "panti": "Text", "since": "Date"}
    cases = {c.get("name"): c for c in root.iterfind("q:Cases/q:Case", NS)}
    assert set(cases) == {"PEW-01", "WBS-01", "STAF-01"}
    assert cases["WBS-01"].findtext("q:Description", namespaces=NS) == "resident"
    assert cases["WBS-01"].findtext("q:VariableValue/q:IntegerValue", namespaces=NS) == "14"
    sources = {s.get("guid"): s.get("name") for s in root.find("q:Sources", NS)}
    assert [sources[r.get("targetGUID")] for r in cases["STAF-01"].iterfind("q:SourceRef", NS)] == [
        "interview-staff",
        "Catatan Sari",
    ]
    assert sorted(sources[r.get("targetGUID")] for r in cases["PEW-01"].iterfind("q:SourceRef", NS)) == [
        "interview-staff",
        "wawancara-wbs",
    ]
    notes = {n.get("guid"): n.findtext("q:PlainTextContent", namespaces=NS) for n in root.iterfind(".//q:Note", NS)}
    assert sorted(notes.values()) == sorted(
        ["Izin dari Panti Harapan", "Sari datang terlambat", "Definisi dibahas", "Sari", "hangat, kata Rina"]
    )
    assert notes[root.find("q:NoteRef", NS).get("targetGUID")] == "Izin dari Panti Harapan"
    assert notes[audio1.find("q:NoteRef", NS).get("targetGUID")] == "Sari datang terlambat"
    assert notes[codes[OPEN].find("q:NoteRef", NS).get("targetGUID")] == "Definisi dibahas"
    assert root.findtext("q:Description", namespaces=NS) == "Studi di Panti Harapan"
    [doc] = root.iterfind("q:Sources/q:TextSource", NS)
    assert internal(files, doc.get("plainTextPath")) == NOTES


def test_passages_slice_their_quotes_at_their_times(project: Project, coded: Coded, tmp_path: Path) -> None:
    root, files = export(project, tmp_path / "studi.qdpx")
    sliced = passage_slices(root, files)
    assert set(sliced) == {v.guid for v in coded.passages}
    for view in coded.passages:
        text, start_ms, end_ms = sliced[view.guid]
        assert as_quote(text) == view.text
        if view.start_segment_id == view.end_segment_id:
            assert text == view.text  # within a segment: exactly the quote
        assert (start_ms, end_ms) == (view.start_ms, view.end_ms)
    # each coding carries its theme, its coder and its memo
    by_guid = {c.get("guid"): (c, selection) for selection in root.iter() for c in selection.iterfind("q:Coding", NS)}
    codes = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:Code", NS)}
    users = {u.get("guid"): u.get("name") for u in root.iterfind("q:Users/q:User", NS)}
    notes = {n.get("guid"): n.findtext("q:PlainTextContent", namespaces=NS) for n in root.iterfind(".//q:Note", NS)}
    for view in coded.passages:
        coding, selection = by_guid[view.guid]
        assert codes[coding.find("q:CodeRef", NS).get("targetGUID")] == view.theme
        assert users[coding.get("creatingUser")] == view.coder
        memos = [notes[r.get("targetGUID")] for r in selection.iterfind("q:NoteRef", NS)]
        assert memos == ([view.memo] if view.memo else [])
        assert selection.get("name") == " ".join(view.text.split())  # short quotes: whole, spaces collapsed


def test_transcript_is_a_line_per_segment_with_a_sync_point_at_each_end(
    project: Project, coded: Coded, tmp_path: Path
) -> None:
    root, files = export(project, tmp_path / "studi.qdpx")
    for source in root.iterfind("q:Sources/q:AudioSource", NS):
        [transcript] = source.iterfind("q:Transcript", NS)
        text = internal(files, transcript.get("plainTextPath"))
        rid = coded.study.r1 if source.get("name") == "wawancara-wbs" else coded.study.r2
        segments = project.editing.load(rid).segments
        lines = text.split("\n")
        assert lines[-1] == "" and len(lines) == len(segments) + 1
        points = [(int(p.get("position")), int(p.get("timeStamp"))) for p in transcript.iterfind("q:SyncPoint", NS)]
        assert points == sorted(set(points))
        position = 0
        for line, segment in zip(lines, segments, strict=False):
            assert line == (f"{segment.speaker}: {segment.text}" if segment.speaker else segment.text)
            assert (position, segment.start_ms) in points and (position + len(line), segment.end_ms) in points
            position += len(line) + 1
    assert any(line.startswith("Bu Sari: Ibu Sari Dewi") for line in internal_texts(files))


def internal_texts(files: dict[str, bytes]) -> list[str]:
    return [line for name, data in files.items() if name.endswith(".txt") for line in data.decode().split("\n")]


def test_the_same_project_exports_to_the_same_file(project: Project, coded: Coded, tmp_path: Path) -> None:
    _, first = export(project, tmp_path / "a.qdpx")
    _, second = export(project, tmp_path / "b.qdpx")
    assert first == second


# -- media outside, narrowing --------------------------------------------------------------------------------
def test_external_media_are_referred_to_relatively(project: Project, coded: Coded, tmp_path: Path) -> None:
    root, files = export(project, tmp_path / "studi.qdpx", media="external")
    schema("Project.xsd").validate(files["project.qde"].decode("utf-8"))
    assert not [name for name in files if name.endswith((".wav", ".m4a"))]
    base = Path(root.get("basePath"))
    assert base == project.folder
    for source in root.iterfind("q:Sources/q:AudioSource", NS):
        path = source.get("path")
        assert path.startswith(RELATIVE + "/")
        recording = next(r for r in project.recordings.summaries() if r.guid == source.get("guid"))
        media = project.recordings.media_path(project.recordings.get(recording.id))
        assert (base / path.removeprefix(RELATIVE + "/")).resolve() == media


def test_chosen_recordings_and_themes_narrow_the_export(project: Project, coded: Coded, tmp_path: Path) -> None:
    study = coded.study
    respect, factors = project.themes.get(RESPECT), project.themes.get(FACTORS)
    root, files = export(project, tmp_path / "studi.qdpx", recordings=(study.r1,), themes=(factors.id, respect.id))
    schema("Project.xsd").validate(files["project.qde"].decode("utf-8"))
    assert [s.get("name") for s in root.find("q:Sources", NS)] == ["wawancara-wbs"]
    assert [c.get("name") for c in root.iterfind("q:CodeBook/q:Codes/q:Code", NS)] == [FACTORS]
    kept = {c.get("name") for c in root.iterfind(".//q:Code", NS)}
    assert RESPECT in kept and CLOSE not in kept
    expected = {v.guid for v in coded.passages if v.recording_id == study.r1 and v.theme in kept}
    assert set(passage_slices(root, files)) == expected and expected
    assert {c.get("name") for c in root.iterfind("q:Cases/q:Case", NS)} == {"PEW-01", "WBS-01"}  # no STAF-01


def test_refused_exports_write_nothing(project: Project, coded: Coded, tmp_path: Path) -> None:
    out = tmp_path / "studi.qdpx"
    with pytest.raises(UserError, match=r"studi\.qdpx: no recording 999"):
        export_qdpx(project, out, ExportOptions(recordings=(999,)), unchanged)
    with pytest.raises(UserError, match=r"studi\.qdpx: no theme 999"):
        export_qdpx(project, out, ExportOptions(themes=(999,)), unchanged)
    with pytest.raises(UserError, match="media can be internal or external"):
        export_qdpx(project, out, ExportOptions(media="inside"), unchanged)
    with project.transaction() as session:  # the media moved away: found neither beside the project nor where it was
        recording = session.get(Recording, coded.study.r2)
        recording.media_relpath, recording.media_abspath = "gone/interview-staff.m4a", str(tmp_path / "gone.m4a")
    with pytest.raises(UserError, match=r"studi\.qdpx: the media of recording \d+ \(interview-staff\) cannot be found"):
        export_qdpx(project, out, ExportOptions(), unchanged)
    assert list(tmp_path.glob("*.qdpx*")) == []


# -- pseudonymisation ----------------------------------------------------------------------------------------
def test_a_pseudonymised_export_names_nobody(project: Project, coded: Coded, tmp_path: Path) -> None:
    root, files = export(project, tmp_path / "studi.qdpx", pseudonymize=True)
    schema("Project.xsd").validate(files["project.qde"].decode("utf-8"))
    for name, data in files.items():
        text = name + (data.decode("utf-8") if name.endswith((".qde", ".txt")) else "")
        assert [real for real in NAMES if re.search(re.escape(real), text, re.IGNORECASE)] == [], name
    sliced = passage_slices(root, files)
    for view in coded.passages:
        text, start_ms, end_ms = sliced[view.guid]
        assert as_quote(text) == redact(view.text)
        assert (start_ms, end_ms) == (view.start_ms, view.end_ms)
    named = next(v for v in coded.passages if v.end_segment_id == coded.e1)
    assert sliced[named.guid][0].endswith("P-01: STAF-01")  # the speaker "Bu Sari", then "Ibu Sari Dewi"
    assert "Bu P-01: STAF-01 selalu mendengarkan saya di PANTI-A\n" in internal_texts_joined(files)
    assert {u.get("name") for u in root.iterfind("q:Users/q:User", NS)} >= {"PEW-01"}


def internal_texts_joined(files: dict[str, bytes]) -> str:
    return "".join(data.decode() for name, data in files.items() if name.endswith(".txt"))


def test_positions_follow_a_name_that_changes_length(project: Project, coded: Coded, tmp_path: Path) -> None:
    """A passage after a long name replaced by a short code, and one starting inside a name."""
    study = coded.study
    inside = project.coding.code_span(
        study.r1, coded.e1, NAMED.index("ari Dewi"), coded.e1, NAMED.index(" saya"), [SAFE]
    )
    after = project.coding.code_span(study.r1, coded.e1, NAMED.index("mendengarkan"), coded.e1, len(NAMED), [SAFE])
    root, files = export(project, tmp_path / "studi.qdpx", pseudonymize=True)
    sliced = passage_slices(root, files)
    assert sliced[after[0].guid][0] == "mendengarkan saya di PANTI-A"
    assert sliced[inside[0].guid][0] == "STAF-01 selalu mendengarkan"


# -- the codebook --------------------------------------------------------------------------------------------
def test_qdc_is_the_codebook_alone(project: Project, coded: Coded, tmp_path: Path) -> None:
    out = tmp_path / "tema.qdc"
    result = export_qdc(project, out, ExportOptions(), unchanged)
    data = out.read_bytes()
    schema("Codebook.xsd").validate(data.decode("utf-8"))
    root = ET.fromstring(data)
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook"
    tree = [t for root_node in project.themes.tree() for _, t in root_node.walk()]
    codes = list(root.iter(f"{{{CODEBOOK_NS}}}Code"))
    assert [(c.get("guid"), c.get("name"), c.get("color")) for c in codes] == [(t.guid, t.name, t.color) for t in tree]
    assert result.counts == {"themes": len(tree)}

    narrowed = export_qdc(project, out, ExportOptions(themes=(project.themes.get(RESPECT).id,)), redact)
    root = ET.fromstring(out.read_bytes())
    assert [c.get("name") for c in root.iter(f"{{{CODEBOOK_NS}}}Code")] == [RESPECT]
    assert root.findtext(f".//{{{CODEBOOK_NS}}}Description") == "Menghargai, seperti STAF-01"
    assert narrowed.counts == {"themes": 1}


def test_a_project_without_themes_has_no_codebook_to_write(tmp_path: Path) -> None:
    with Project.create(tmp_path / "kosong.annotator") as empty:
        with pytest.raises(UserError, match=r"kosong\.qdc: the project has no themes"):
            export_qdc(empty, tmp_path / "kosong.qdc", ExportOptions(), unchanged)
        root, files = export(empty, tmp_path / "kosong.qdpx")
        schema("Project.xsd").validate(files["project.qde"].decode("utf-8"))
        with empty.transaction() as session:
            coder = session.scalars(select(Coder)).one()
        assert [child.tag.split("}")[1] for child in root] == ["Users"]
        assert root.get("creatingUserGUID") == coder.guid
    assert not (tmp_path / "kosong.qdc").exists()


def test_odd_values_still_validate(tmp_path: Path, media: dict[str, Path]) -> None:
    """Attributes of every kind, a title with a control character, a segment with a line break in its text, a
    recording without a transcript, a theme without a definition or a valid colour."""
    with Project.create(tmp_path / "aneh.annotator", coder="Peneliti") as odd:
        odd.participants.add("A", "resident", {"score": 1.5, "tiny": 1e-7, "consent": True, "tags": ["x"], "born": "x"})
        odd.participants.add("B", "staff", {"score": 2, "consent": False, "born": "2010-02-03", "none": None})
        with_text = odd.recordings.add(media["wav"], title="rekaman\x0cA", participant="A").id
        odd.recordings.add(media["mp3"], title="belum ditranskripsi")
        segment = add_segment(odd, with_text, 0, 2000, "baris satu\nbaris dua", "Anak")
        odd.themes.create("Tema")
        with odd.transaction() as session:
            session.scalars(select(Theme)).one().color = "not a colour"
        odd.coding.code_span(with_text, segment, 0, segment, len("baris satu\nbaris"), ["Tema"])
        root, files = export(odd, tmp_path / "aneh.qdpx")
    schema("Project.xsd").validate(files["project.qde"].decode("utf-8"))
    variables = {v.get("name"): v.get("typeOfVariable") for v in root.iterfind("q:Variables/q:Variable", NS)}
    assert variables == {"score": "Float", "tiny": "Float", "consent": "Boolean", "tags": "Text", "born": "Text"}
    values = [v.text for v in root.iterfind("q:Cases/q:Case/q:VariableValue/*", NS) if v.text]
    assert {"1.5", "0.0000001", "true", "false", '["x"]', "2010-02-03", "2.0"} <= set(values)
    sources = list(root.find("q:Sources", NS))
    assert [s.get("name") for s in sources] == ["rekaman\ufffdA", "belum ditranskripsi"]
    assert sources[1].find("q:Transcript", NS) is None
    [code] = root.iterfind(".//q:Code", NS)
    assert code.get("color") is None and code.find("q:Description", NS) is None
    [transcript] = sources[0].iterfind("q:Transcript", NS)
    assert internal(files, transcript.get("plainTextPath")) == "Anak: baris satu baris dua\n"
    assert passage_slices(root, files)  # the passage across the line break inside the segment
    assert list(passage_slices(root, files).values())[0][0] == "baris satu baris"
