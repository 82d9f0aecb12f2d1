"""REFI-QDA import: the quirks of exporters. Offsets in code points or UTF-16 units, CRLF counted as one or two,
a byte order mark (text sources and transcripts alike); namespaces, the name of the project file, ``Sources/`` or
``sources/``, GUIDs in any case with or without braces (or not GUIDs at all); selections whose text differs from
their quote; a theme that is there already by name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.models import TextDocument, Theme
from annotator.core.project import Project
from annotator.exchange.refi_import import import_qdpx
from tests.exchange.refi_files import code_xml, guid, passages, project_xml, qdpx, rows, segments, selection_xml, utf16


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Project]:
    """A new project without themes, made by the coder "peneliti"."""
    with Project.create(tmp_path / "kosong.annotator", coder="peneliti") as project:
        yield project


TEXT = "Baris pertama\r\nAnak 😀 bilang: saya senang di sini\r\nBaris ketiga 🎈 selesai"
WANTED = ("saya senang", "Baris ketiga", "selesai")


def spans(text: str, counting: str) -> list[tuple[int, int, str]]:
    found = []
    for part in WANTED:
        start = text.index(part)
        end = start + len(part)
        if counting == "utf16":
            start, end = utf16(text, start, end)
        elif counting == "lf":  # code points, CRLF as one
            start, end = start - text[:start].count("\r\n"), end - text[:end].count("\r\n")
        found.append((start, end, part))
    return found


@pytest.mark.parametrize(
    ("counting", "named", "bom"),
    [("utf16", False, True), ("utf16", True, False), ("code points", True, True), ("lf", False, False)],
)
def test_offsets_are_read_the_way_each_source_counts(
    empty: Project, tmp_path: Path, counting: str, named: bool, bom: bool
) -> None:
    code, source = guid(), guid()
    selections = "".join(selection_xml(a, b, code, part if named else "") for a, b, part in spans(TEXT, counting))
    body = code_xml(code) + (
        f'<Sources><TextSource guid="{source}" name="Catatan" plainTextPath="internal://{source}.txt">'
        f"{selections}</TextSource></Sources>"
    )
    data = ("\ufeff" if bom else "").encode("utf-8") + TEXT.encode("utf-8")
    summary = import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body), {f"{source}.txt": data}))
    assert summary.skipped == [] and summary.added["passages"] == 3
    [document] = rows(empty, TextDocument)
    assert document.text == TEXT.replace("\r\n", "\n")
    assert [c["quote"] for c in passages(empty)] == list(WANTED)


@pytest.mark.parametrize(
    ("ns", "qde_name", "folder", "braces"),
    [
        (None, "project.qde", "sources", False),
        ("urn:QDA-XML:project:1.5", "Trial.qde", "Sources", True),
        ("urn:QDA-XML:project:0:10", "project.QDE", "SOURCES", True),
    ],
)
def test_namespaces_layouts_and_guids(
    empty: Project, tmp_path: Path, ns: str | None, qde_name: str, folder: str, braces: bool
) -> None:
    code, source = guid(), guid()
    ref = "{" + code.upper() + "}" if braces else code.upper()
    text = "Anak-anak bermain bola bersama staf."
    body = (
        code_xml(code)
        + f'<Sources><TextSource guid="{source.upper()}" name="Catatan" plainTextPath="internal://{source.upper()}.txt">'
        + selection_xml(0, 9, ref, "Anak-anak")
        + "</TextSource></Sources>"
    )
    path = qdpx(tmp_path / "x.qdpx", project_xml(body, ns), {f"{source}.txt": text}, qde_name, folder)
    summary = import_qdpx(empty, path)
    assert summary.skipped == []
    [coding] = passages(empty)
    assert (coding["quote"], coding["theme"]) == ("Anak-anak", code)
    assert rows(empty, TextDocument)[0].guid == source


def test_transcript_positions_in_utf16_units_with_crlf(empty: Project, media: dict[str, Path], tmp_path: Path) -> None:
    text = "S1: Saya 😀 merasa nyaman\r\nS2: Kami 🎈 senang sekali\r\n"
    start, end = utf16(text, text.index("merasa"), text.index(" sekali"))
    second = utf16(text, text.index("S2"), text.index("S2"))[0]
    code, audio, transcript, points = guid(), guid(), guid(), [guid() for _ in range(4)]
    body = (
        code_xml(code)
        + f'<Sources><AudioSource guid="{audio}" name="Rekaman" path="internal://{audio}.wav">'
        + f'<Transcript guid="{guid()}" plainTextPath="internal://{transcript}.txt">'
        + "".join(
            f'<SyncPoint guid="{g}" position="{p}" timeStamp="{ms}"/>'
            for g, p, ms in zip(points, (0, start, second, end), (0, 1000, 2000, 3000), strict=True)
        )
        + f'<TranscriptSelection guid="{guid()}" name="merasa nyaman Kami 🎈 senang" fromSyncPoint="{points[1]}" '
        + f'toSyncPoint="{points[3]}"><Coding guid="{guid()}"><CodeRef targetGUID="{code}"/></Coding>'
        + "</TranscriptSelection></Transcript></AudioSource></Sources>"
    )
    files = {f"{audio}.wav": media["wav"], f"{transcript}.txt": "\ufeff" + text}
    summary = import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body), files))
    assert summary.skipped == []
    assert [(t, s, a) for t, s, a, _ in segments(empty)] == [
        ("Saya 😀 merasa nyaman", "S1", 0),
        ("Kami 🎈 senang sekali", "S2", 2000),
    ]
    [coding] = passages(empty)
    assert (coding["quote"], coding["times"]) == ("merasa nyaman Kami 🎈 senang", (1000, 3000))


def test_a_selection_whose_text_differs_from_its_quote_is_skipped(empty: Project, tmp_path: Path) -> None:
    code, source = guid(), guid()
    text = "Kami bermain bola bersama setiap minggu"
    parts = [("Kami bermain", 0, 12), ("bola bersama", 13, 25), ("setiap hari", 26, 39)]
    body = (
        code_xml(code)
        + f'<Sources><TextSource guid="{source}" name="Catatan"><PlainTextContent>{text}</PlainTextContent>'
        + "".join(selection_xml(a, b, code, name) for name, a, b in parts)
        + "</TextSource></Sources>"
    )
    summary = import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body)))
    assert [c["quote"] for c in passages(empty)] == ["Kami bermain", "bola bersama"]
    [line] = summary.skipped
    assert line.endswith("of text source 'Catatan': its text differs from its quote 'setiap hari'")


def test_the_same_coding_guid_twice_and_ids_that_are_not_guids(empty: Project, tmp_path: Path) -> None:
    twice = guid()
    body = (
        code_xml("kode-1")
        + '<Sources><TextSource guid="{sumber-1}" name="Catatan"><PlainTextContent>Kami bermain bola</PlainTextContent>'
        + "".join(
            f'<PlainTextSelection guid="{guid()}" startPosition="{a}" endPosition="{b}"><Coding guid="{twice}">'
            '<CodeRef targetGUID="KODE-1"/></Coding></PlainTextSelection>'
            for a, b in ((0, 4), (13, 17))
        )
        + "</TextSource></Sources>"
    )
    summary = import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body)))
    assert summary.skipped == []
    found = passages(empty)
    assert [c["quote"] for c in found] == ["Kami", "bola"]
    assert found[0]["guid"] == twice != found[1]["guid"]
    assert set(import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(body))).added.values()) == {0}


def test_a_theme_there_already_by_name_is_used(empty: Project, tmp_path: Path) -> None:
    theme = empty.themes.create("Rasa Aman", color="#123456")
    parent, child = guid(), guid()
    inner = f'<Code guid="{child}" name="Di panti" isCodable="true"/>'
    summary = import_qdpx(empty, qdpx(tmp_path / "x.qdpx", project_xml(code_xml(parent, "rasa  aman", inner))))
    assert summary.added["themes"] == 1
    found = {t.name: t for t in rows(empty, Theme)}
    assert set(found) == {"Rasa Aman", "Di panti"}
    assert (found["Rasa Aman"].guid, found["Rasa Aman"].color) == (theme.guid, "#123456")
    assert found["Di panti"].parent_id == theme.id and found["Di panti"].guid == child
