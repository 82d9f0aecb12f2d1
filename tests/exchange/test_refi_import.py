"""REFI-QDA import: real exports (NVivo 12.6; ATLAS.ti 23.2's form) counted against their own XML, the minimal audio
example, cases, notes and memos, audio with transcripts and time selections, media outside the archive, codebooks,
and what is skipped and why.

Elsewhere: the quirks of exporters (``test_refi_import_quirks.py``), refused files (``test_refi_import_bad.py``),
the round trip through Annotator's own export (``test_refi_round_trip.py``).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.models import Coder, Note, Participant, Recording, TextDocument, Theme
from annotator.core.project import Project
from annotator.errors import UserError
from annotator.exchange.refi_import import import_qdc, import_qdpx
from tests.conftest import snapshot
from tests.exchange.refi_files import (
    NS,
    REFI_DATA,
    code_xml,
    guid,
    passages,
    project_xml,
    qdpx,
    rows,
    segments,
    selection_xml,
    theme_paths,
)

NVIVO = REFI_DATA / "samples" / "nvivo-windows-12.6.qdpx"


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Project]:
    """A new project without themes, made by the coder "peneliti"."""
    with Project.create(tmp_path / "kosong.annotator", coder="peneliti") as project:
        yield project


# -- real exports ------------------------------------------------------------------------------------------
def xml_of(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".qde")]
        return ET.fromstring(archive.read(name))


def q(name: str) -> str:
    return f"{{{NS}}}{name}"


def test_nvivo_sample_comes_in_whole(empty: Project) -> None:
    root = xml_of(NVIVO)
    codes = root.findall(f".//{q('Code')}")
    sources = root.findall(f".//{q('TextSource')}")
    selections = {
        s.get("guid"): (source.get("guid"), int(s.get("startPosition")), int(s.get("endPosition")))
        for source in sources
        for s in source.findall(q("PlainTextSelection"))
    }
    codings = {
        c.get("guid"): (c.find(q("CodeRef")).get("targetGUID"), selections[s.get("guid")])
        for s in root.iter(q("PlainTextSelection"))
        for c in s.findall(q("Coding"))
    }
    summary = import_qdpx(empty, NVIVO)
    assert summary.added["themes"] == len(codes) == 152
    assert summary.added["documents"] == len(sources)
    assert summary.added["passages"] == len(codings) == 303
    assert summary.added["coders"] == len(root.findall(f"{q('Users')}/{q('User')}"))
    assert summary.skipped == []
    assert {t.guid for t in rows(empty, Theme)} >= {c.get("guid") for c in codes}
    documents = {d.guid: d for d in rows(empty, TextDocument)}
    assert {d.title for d in documents.values()} == {s.get("name") for s in sources}
    paths = theme_paths(empty)
    with zipfile.ZipFile(NVIVO) as archive:
        raw = {s.get("guid"): archive.read(f"Sources/{s.get('guid')}.txt") for s in sources}
    imported = {c["guid"]: c for c in passages(empty)}
    assert set(imported) == set(codings)
    ids = {d.id: d for d in documents.values()}
    for coding_guid, (code_guid, (source_guid, start, end)) in codings.items():
        coding = imported[coding_guid]
        assert coding["theme"] == code_guid and coding["path"] == paths[code_guid]
        units = raw[source_guid].decode("utf-8-sig").encode("utf-16-le")  # UTF-16 units, CRLF as two
        expected = units[2 * start : 2 * end].decode("utf-16-le").replace("\r\n", "\n").strip()
        assert coding["quote"] == expected
        document = ids[coding["document_id"]]
        assert document.guid == source_guid
        assert document.text[slice(*coding["offsets"])] == coding["quote"]


def test_nvivo_sample_twice_adds_nothing(empty: Project) -> None:
    import_qdpx(empty, NVIVO)
    before = snapshot(empty.path)
    summary = import_qdpx(empty, NVIVO)
    assert set(summary.added.values()) == {0}
    assert summary.lines() == [f"{NVIVO}: added nothing"]
    assert snapshot(empty.path) == before


ATLAS_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd" '
    'origin="ATLAS.ti for Windows 23.2.3.27778" name="{name}" creatingUserGUID="088B08AC-D5CD-4ADB-8B71-B4F3459C177F" '
    'creationDateTime="2023-08-16T15:14:29Z" xmlns="urn:QDA-XML:project:1.0">\n  <Users>\n'
    '    <User guid="088B08AC-D5CD-4ADB-8B71-B4F3459C177F" name="Peneliti Lapangan" />\n'
    '    <User guid="C32A2BD5-537F-4838-8B17-DF9EFBAFDF4B" name="ATLAS.ti" />\n  </Users>\n'
)
ATLAS_CODES = (
    '<CodeBook>\n<Codes>\n<Code guid="A182CD3A-D83C-4D8C-BC80-26D9103EC6D6" name="Commits" isCodable="true">\n'
    '  <Code guid="2D2466F0-D77F-4F8C-BDF9-628966B6B74D" name="2022-05-10T02:05:59Z 19e4dce" isCodable="true" />\n'
    '  <Code guid="086AC733-7B1C-4749-A138-D7182F63A5C9" name="2022-02-11T10:39:25Z cdbfd92" isCodable="true" />\n'
    "</Code>\n</Codes>\n</CodeBook>\n"
)


def atlas_ti(path: Path, codes: bool) -> Path:
    """An archive in the form ATLAS.ti 23.2 for Windows exports (uppercase GUIDs, the schema's URL named, the
    users listed, a code with codes in it), as in two real exports whose source states no licence to copy them."""
    name = "target-atlas-project" if codes else "blank-atlas-project"
    return qdpx(path, ATLAS_HEAD.format(name=name) + (ATLAS_CODES if codes else "") + "</Project>")


def test_atlas_ti_samples(empty: Project, tmp_path: Path) -> None:
    blank = atlas_ti(tmp_path / "atlasti-windows-23.2-blank.qdpx", codes=False)
    users = xml_of(blank).findall(f"{q('Users')}/{q('User')}")
    summary = import_qdpx(empty, blank)
    assert summary.added["coders"] == len(users) and summary.added["themes"] == 0
    assert {c.name for c in rows(empty, Coder)} == {"peneliti", *(u.get("name") for u in users)}

    codes_file = atlas_ti(tmp_path / "atlasti-windows-23.2-codes.qdpx", codes=True)
    root = xml_of(codes_file)
    summary = import_qdpx(empty, codes_file)
    assert summary.added["themes"] == len(root.findall(f".//{q('Code')}")) == 3
    assert summary.added["coders"] == 0  # the same users, by GUID (uppercase in the file)
    top = root.find(f".//{q('Codes')}/{q('Code')}")
    paths = theme_paths(empty)
    for child in top.findall(q("Code")):  # uppercase GUIDs, stored in canonical form
        assert paths[child.get("guid").lower()] == f"{top.get('name')}/{child.get('name')}"


def test_the_minimal_audio_example(empty: Project, media: dict[str, Path], tmp_path: Path) -> None:
    qde = (REFI_DATA / "minimal-audio-transcript-example.qde").read_text(encoding="utf-8")
    first = "Interviewer: How did you get through the first weeks on the ward?"
    text = first.ljust(77) + "\nmy colleagues carried me through it.\nR: And then it got better.\n"
    assert text[78:114] == "my colleagues carried me through it."
    files = {
        "c4d7e2a1-3f86-4b5c-9a7e-6d2f8b1c3e95.m4a": media["m4a"],
        "6b1f0e3a-9c55-4d8e-8f0b-2a7c4e1d9f33.txt": text,
    }
    summary = import_qdpx(empty, qdpx(tmp_path / "minimal.qdpx", qde, files))
    assert summary.skipped == []
    assert {k: v for k, v in summary.added.items() if v} == {
        "themes": 2,
        "recordings": 1,
        "segments": 3,
        "passages": 1,
        "coders": 1,
    }
    [recording] = rows(empty, Recording)
    copied = tmp_path / "kosong-media" / "Interview 01.m4a"
    assert Path(recording.media_abspath) == copied and copied.read_bytes() == media["m4a"].read_bytes()
    assert recording.media_relpath == "kosong-media/Interview 01.m4a"
    found = segments(empty)
    assert [(text, speaker) for text, speaker, _, _ in found] == [
        ("How did you get through the first weeks on the ward?", "Interviewer"),
        ("my colleagues carried me through it.", None),
        ("And then it got better.", "R"),
    ]
    assert (found[0][2], found[1][2], found[1][3]) == (0, 4200, 7900)
    [coding] = passages(empty)
    assert (coding["quote"], coding["times"]) == ("my colleagues carried me through it.", (4200, 7900))
    assert (coding["path"], coding["coder"]) == ("Coping/Peer support", "Researcher A")
    coping, peer = rows(empty, Theme)
    assert (coping.color, peer.color) == ("#1f77b4", "#ff7f0e")
    assert peer.definition == "Help from colleagues or friends."


# -- cases, notes, memos -------------------------------------------------------------------------------------
def test_cases_notes_and_memos(empty: Project, tmp_path: Path) -> None:
    user, code, source, case = guid(), guid(), guid(), guid()
    v_age, v_sex, v_active, v_role = guid(), guid(), guid(), guid()
    memo, memo2, about_code, about_source, plan, loose = (guid() for _ in range(6))
    text = "Suasana terbuka dan hangat di ruang makan."

    def value(variable: str, kind: str, content: str) -> str:
        return f'<VariableValue><VariableRef targetGUID="{variable}"/><{kind}>{content}</{kind}></VariableValue>'

    def note(g: str, name: str, content: str) -> str:
        content = f"<PlainTextContent>{content}</PlainTextContent>"
        return f'<Note guid="{g}" name="{name}" creatingUser="{user}">{content}</Note>'

    body = (
        f'<Users><User guid="{user}" name="Rina"/></Users>'
        + code_xml(code, inner=f'<Description>Bicara terbuka</Description><NoteRef targetGUID="{about_code}"/>')
        + "<Variables>"
        + f'<Variable guid="{v_age}" name="umur" typeOfVariable="Integer"/>'
        + f'<Variable guid="{v_sex}" name="kelamin" typeOfVariable="Text"/>'
        + f'<Variable guid="{v_active}" name="aktif" typeOfVariable="Boolean"/>'
        + f'<Variable guid="{v_role}" name="Role" typeOfVariable="Text"/>'
        + "</Variables>"
        + f'<Cases><Case guid="{case}" name="WBS-07"><Description>resident\n\nTinggal sejak 2020</Description>'
        + value(v_age, "IntegerValue", "15")
        + value(v_sex, "TextValue", "P")
        + value(v_active, "BooleanValue", "true")
        + f'<SourceRef targetGUID="{source}"/></Case>'
        + f'<Case guid="{guid()}" name="PEG-02"><Description>Seorang pegawai</Description>'
        + value(v_role, "TextValue", "pegawai")
        + "</Case></Cases>"
        + f'<Sources><TextSource guid="{source}" name="Catatan makan" plainTextPath="internal://{source}.txt">'
        + f'<PlainTextSelection guid="{guid()}" name="" startPosition="0" endPosition="26" creatingUser="{user}">'
        + f'<Coding guid="{guid()}"><CodeRef targetGUID="{code}"/><NoteRef targetGUID="{memo2}"/></Coding>'
        + f'<NoteRef targetGUID="{memo}"/></PlainTextSelection>'
        + f'<NoteRef targetGUID="{about_source}"/></TextSource></Sources>'
        + "<Notes>"
        + note(memo, "memo satu", "memo satu")
        + note(memo2, "memo dua", "memo dua")
        + note(about_code, "Tentang kode", "Dipakai untuk percakapan")
        + note(about_source, "Konteks", "Ditulis setelah makan malam")
        + note(plan, "Rencana", "Wawancara lagi bulan depan")
        + note(loose, "Catatan lepas yang panjang", "Catatan lepas yang panjang sekali")
        + f'</Notes><NoteRef targetGUID="{plan}"/>'
    )
    summary = import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body), {f"{source}.txt": text}))
    assert summary.skipped == []
    assert {k: v for k, v in summary.added.items() if v} == {
        "themes": 1,
        "participants": 2,
        "documents": 1,
        "passages": 1,
        "notes": 4,
        "coders": 1,
    }
    people = {p.code: p for p in rows(empty, Participant)}
    assert (people["WBS-07"].role, people["WBS-07"].notes) == ("resident", "Tinggal sejak 2020")
    assert people["WBS-07"].attributes == {"umur": 15, "kelamin": "P", "aktif": True}
    assert (people["PEG-02"].role, people["PEG-02"].attributes, people["PEG-02"].notes) == (
        "staff",
        {},
        "Seorang pegawai",
    )
    assert people["WBS-07"].guid == case
    [document] = rows(empty, TextDocument)
    assert document.participant_id == people["WBS-07"].id
    [coding] = passages(empty)
    assert (coding["quote"], coding["memo"], coding["coder"]) == (
        "Suasana terbuka dan hangat",
        "memo satu\n\nmemo dua",
        "Rina",
    )
    [theme] = rows(empty, Theme)
    notes = {n.guid: n for n in rows(empty, Note)}
    assert set(notes) == {about_code, about_source, plan, loose}
    assert (notes[about_code].theme_id, notes[about_code].title) == (theme.id, "Tentang kode")
    assert (notes[about_source].document_id, notes[about_source].text) == (document.id, "Ditulis setelah makan malam")
    assert (notes[plan].title, notes[plan].theme_id, notes[plan].document_id) == ("Rencana", None, None)
    assert notes[loose].title == ""  # its name was only the start of its text
    assert {n.coder_id for n in notes.values()} == {c.id for c in rows(empty, Coder) if c.name == "Rina"}


# -- skipped, not refused ------------------------------------------------------------------------------------
def test_what_cannot_come_in_is_skipped_with_a_reason(empty: Project, tmp_path: Path) -> None:
    code, source, missing, pdf = guid(), guid(), guid(), guid()
    text = "Kami bermain bola bersama setiap minggu"
    body = (
        code_xml(code)
        + f'<Cases><Case guid="{guid()}" name="WBS-01"><CodeRef targetGUID="{code}"/></Case></Cases>'
        + f'<Sources><PDFSource guid="{pdf}" name="Laporan.pdf" path="internal://{pdf}.pdf"/>'
        + f'<PictureSource guid="{guid()}" name="Foto" path="internal://x.jpg"/>'
        + f'<TextSource guid="{source}" name="Catatan" plainTextPath="internal://{source}.txt">'
        + selection_xml(0, 4, code, "Kami")
        + selection_xml(30, 300, code)
        + selection_xml(18, 25, code, extra=f'<NoteRef targetGUID="{missing}"/>')
        + f'</TextSource><TextSource guid="{guid()}" name="Hilang" plainTextPath="internal://hilang.txt"/>'
        + "</Sources>"
        + f'<Links><Link guid="{guid()}" originGUID="{code}" targetGUID="{source}"/></Links>'
        + f'<Sets><Set guid="{guid()}" name="A"/><Set guid="{guid()}" name="B"/></Sets>'
    )
    files = {f"{source}.txt": text, f"{pdf}.pdf": b"%PDF-1.4", "../../etc/nothing": b""}
    with pytest.raises(UserError, match="climbs out"):  # a stray entry that climbs out refuses the whole file
        import_qdpx(empty, qdpx(tmp_path / "slip.qdpx", project_xml(body), files))
    del files["../../etc/nothing"]
    files["notes/readme.txt"] = b"not in sources/"
    summary = import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body), files))
    assert [c["quote"] for c in passages(empty)] == ["Kami", "bersama"]
    skipped = "\n".join(summary.skipped)
    for expected in (
        "PDFSource 'Laporan.pdf': Annotator has no PDF documents",
        "PictureSource 'Foto': Annotator has no pictures",
        "2 sets: Annotator has no sets",
        "1 link: Annotator has no links",
        "case 'WBS-01': its 1 code reference(s) are not kept",
        "30 to 300 is not a span of its text (39 code points)",
        f"note {missing} of selection",
        "text source 'Hilang': its file 'hilang.txt' is not in the archive",
        "file(s) not part of a REFI-QDA project, not read: sources/notes/readme.txt",
    ):
        assert expected in skipped
    assert len(summary.skipped) == 9


@pytest.mark.parametrize("broken", ["unknown code", "no CodeRef", "unknown sync point"])
def test_a_reference_to_nothing_refuses_the_file_whole(
    empty: Project, media: dict[str, Path], tmp_path: Path, broken: str
) -> None:
    """The issue's rule: unknown GUID references give their message and leave the project unchanged."""
    code, source, transcript, missing = guid(), guid(), guid(), guid()
    if broken == "unknown sync point":
        body = audio_body(code, source, f"internal://{source}.wav", transcript)
        body = body.replace(
            "</Transcript>",
            (
                f'<TranscriptSelection guid="{guid()}" fromSyncPoint="{missing}" toSyncPoint="{missing}">'
                f'<Coding guid="{guid()}"><CodeRef targetGUID="{code}"/></Coding></TranscriptSelection></Transcript>'
            ),
        )
        files = {f"{source}.wav": media["wav_en"], f"{transcript}.txt": f"S1: {SPOKEN}\n"}
    else:
        coding = (
            f'<Coding guid="{guid()}"/>'
            if broken == "no CodeRef"
            else (f'<Coding guid="{guid()}"><CodeRef targetGUID="{missing}"/></Coding>')
        )
        body = (
            code_xml(code)
            + f'<Sources><TextSource guid="{source}" name="Catatan" plainTextPath="internal://{source}.txt">'
            + selection_xml(0, 4, code, "Kami")
            + f'<PlainTextSelection guid="{guid()}" startPosition="5" endPosition="12">{coding}</PlainTextSelection>'
            + "</TextSource></Sources>"
        )
        files = {f"{source}.txt": "Kami bermain bola"}
    before = snapshot(empty.path)
    with pytest.raises(UserError, match="the file is inconsistent and is not imported") as refused:
        import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body), files))
    assert (missing in str(refused.value)) or broken == "no CodeRef"
    assert snapshot(empty.path) == before


# -- audio -----------------------------------------------------------------------------------------------------
SPOKEN = "I feel safe here, because the staff listen to me when I have a problem."


def audio_body(code: str, source: str, path: str, transcript: str, extra: str = "", base: str = "") -> str:
    points = [guid() for _ in range(3)]
    start = SPOKEN.index("the staff") + len("S1: ")
    end = start + len("the staff listen to me")
    return (
        code_xml(code, "Rasa Aman")
        + f'<Sources><AudioSource guid="{source}" name="Wawancara staf" path="{path}">'
        + f'<Transcript guid="{guid()}" name="t" plainTextPath="internal://{transcript}.txt">'
        + f'<SyncPoint guid="{points[0]}" position="0" timeStamp="100"/>'
        + f'<SyncPoint guid="{points[1]}" position="{start}" timeStamp="1500"/>'
        + f'<SyncPoint guid="{points[2]}" position="{end}" timeStamp="2600"/>'
        + f'<TranscriptSelection guid="{guid()}" name="the staff listen to me" fromSyncPoint="{points[1]}" '
        + f'toSyncPoint="{points[2]}"><Coding guid="{guid()}"><CodeRef targetGUID="{code}"/></Coding>'
        + "</TranscriptSelection>"
        + f"</Transcript>{extra}</AudioSource></Sources>"
    )


def test_audio_with_a_transcript_and_a_time_selection(empty: Project, media: dict[str, Path], tmp_path: Path) -> None:
    code, source, transcript = guid(), guid(), guid()
    extra = f'<AudioSelection guid="{guid()}" begin="2000" end="2300"><Coding guid="{guid()}">'
    extra += f'<CodeRef targetGUID="{code}"/></Coding></AudioSelection>'
    body = audio_body(code, source, f"internal://{source}.wav", transcript, extra)
    files = {f"{source}.wav": media["wav_en"], f"{transcript}.txt": f"S1: {SPOKEN}\n"}
    summary = import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body), files))
    assert summary.skipped == []
    # one line with sync points inside: cut at them, each piece said by the line's speaker
    assert [s[:2] for s in segments(empty)] == [
        ("I feel safe here, because", "S1"),
        ("the staff listen to me", "S1"),
        ("when I have a problem.", "S1"),
    ]
    assert [s[2] for s in segments(empty)] == [100, 1500, 2600]
    first, second = passages(empty)
    assert (first["quote"], first["times"]) == ("the staff listen to me", (1500, 2600))
    assert second["times"] == (2000, 2300) and second["quote"] in first["quote"]
    assert (tmp_path / "kosong-media" / "Wawancara staf.wav").is_file()


def test_media_outside_the_archive_only_when_allowed(empty: Project, media: dict[str, Path], tmp_path: Path) -> None:
    code, source, transcript = guid(), guid(), guid()
    wav = media["wav_en"]
    body = audio_body(code, source, f"absolute://{wav.as_posix()}", transcript)
    path = qdpx(tmp_path / "x.qdpx", project_xml(body), {f"{transcript}.txt": SPOKEN})
    before = snapshot(empty.path)
    summary = import_qdpx(empty, path)
    assert (
        f"audio source 'Wawancara staf': its file is outside the archive (absolute://{wav.as_posix()})"
        in (summary.skipped[0])
    )
    assert "--allow-external-media" in summary.skipped[0]
    assert snapshot(empty.path)["recordings"] == before["recordings"]

    summary = import_qdpx(empty, path, allow_external_media=True)
    [recording] = rows(empty, Recording)
    assert Path(recording.media_abspath) == wav and not (tmp_path / "kosong-media").exists()
    assert summary.added["passages"] == 1


def test_relative_media_and_missing_files(empty: Project, media: dict[str, Path], tmp_path: Path) -> None:
    code, source, transcript = guid(), guid(), guid()
    body = audio_body(code, source, f"relative:///{media['wav_en'].name}", transcript)
    qde = project_xml(body).replace('name="Uji"', f'name="Uji" basePath="{media["wav_en"].parent.as_posix()}"')
    summary = import_qdpx(
        empty, qdpx(tmp_path / "x.qdpx", qde, {f"{transcript}.txt": SPOKEN}), allow_external_media=True
    )
    assert summary.added["recordings"] == 1

    body = audio_body(guid(), guid(), "relative:///nowhere/gone.wav", guid())
    summary = import_qdpx(empty, qdpx(tmp_path / "y.qdpx", project_xml(body), {}), allow_external_media=True)
    assert "its file relative:///nowhere/gone.wav cannot be found" in summary.skipped[0]


# -- codebooks -------------------------------------------------------------------------------------------------
def test_a_codebook_file(empty: Project, tmp_path: Path) -> None:
    parent, child = guid(), guid()
    path = tmp_path / "kode.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="x"><Codes>'
        f'<Code guid="{parent}" name="Relasi" isCodable="false" color="#AABBCC"><Description>Semua relasi</Description>'
        f'<Code guid="{{{child.upper()}}}" name="Rasa/Aman" isCodable="true" color="#123"/></Code></Codes>'
        f'<Sets><Set guid="{guid()}" name="Inti"><MemberCode guid="{child}"/></Set></Sets></CodeBook>',
        encoding="utf-8",
    )
    summary = import_qdc(empty, path)
    assert summary.added["themes"] == 2 and summary.skipped == ["1 set(s) of codes: Annotator has no sets"]
    relasi, aman = rows(empty, Theme)
    assert (relasi.guid, relasi.color, relasi.definition) == (parent, "#aabbcc", "Semua relasi")
    assert (aman.guid, aman.parent_id, aman.color, aman.name) == (child, relasi.id, "#112233", "Rasa\u2215Aman")
    assert import_qdc(empty, path).added["themes"] == 0


def test_sync_points_going_back_in_time_refuse_the_file(empty: Project, media: dict[str, Path], tmp_path: Path) -> None:
    code, source, transcript = guid(), guid(), guid()
    body = audio_body(code, source, f"internal://{source}.wav", transcript).replace(
        'timeStamp="2600"', 'timeStamp="50"'
    )
    files = {f"{source}.wav": media["wav_en"], f"{transcript}.txt": f"S1: {SPOKEN}\n"}
    before = snapshot(empty.path)
    with pytest.raises(
        UserError, match=r"it ends at 50 ms, before it begins at 1500 ms \(its sync points go back in time\)"
    ):
        import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body), files))
    assert snapshot(empty.path) == before
