"""DocumentService: field notes made, imported from .txt, .md and .docx files, edited with their codings kept on
their words, deleted and put back."""

from __future__ import annotations

import codecs
import shutil
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from annotator.core.models import Coding, Note, Participant, TextDocument, Theme
from annotator.core.project import Project
from annotator.core.services.documents import DocumentChange
from annotator.errors import NotFound, UserError
from tests.conftest import snapshot

OPEN = "Komunikasi Terbuka"
RESPECT = "Rasa Saling Menghargai"
SAFE = "Rasa Aman"
NOTES = (
    "Senin, 4 Maret. Piket dapur pagi ini dipimpin ibu asrama.\n"
    "Saya merasa dihargai kalau pengasuh mendengarkan saya, kata R.\n"
    "Anak-anak bermain bola bersama staf; suasana terbuka dan hangat."
)
# Characters each encoding must carry: Indonesian with typographic quotes and a dash (all in Windows-1252).
WORDS = "“Ibu asrama” — pengasuh yang sabar; piket café"


def refused(project: Project, call, match: str) -> None:
    """The call is refused with a message, and the project is left exactly as it was."""
    before = snapshot(project.path)
    with pytest.raises(UserError, match=match):
        call()
    assert snapshot(project.path) == before


def code(project: Project, document_id: int, text: str, part: str, theme: str, nth: int = 0) -> int:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    [view] = project.coding.code_document(document_id, start, start + len(part), [theme])
    return view.id


def codings(project: Project, document_id: int) -> list[Coding]:
    with project.transaction() as session:
        return list(session.scalars(select(Coding).where(Coding.document_id == document_id).order_by(Coding.id)))


def check_codings(project: Project, document_id: int) -> None:
    """Every coding of the document quotes the text it covers, begins and ends on text, and is in range."""
    text = project.documents.get(document_id).text
    for c in codings(project, document_id):
        assert 0 <= c.start_offset < c.end_offset <= len(text)
        assert c.quote == text[c.start_offset : c.end_offset]
        assert c.quote == c.quote.strip() and c.quote


# -- making, reading, changing -----------------------------------------------------------------------------------
def test_create_get_and_list(project: Project) -> None:
    project.participants.add("STAF-01", "staff")
    notes = project.documents.create("  Catatan   lapangan ", NOTES.replace("\n", "\r\n"), participant="staf-01")
    assert (notes.title, notes.text, notes.participant, notes.source_path, notes.passages) == (
        "Catatan lapangan",
        NOTES,
        "STAF-01",
        None,
        0,
    )
    assert len(notes.guid) == 36 and notes.created_at is not None
    blank = project.documents.create("buku harian")
    assert blank.text == "" and blank.participant is None
    code(project, notes.id, NOTES, "ibu asrama", OPEN)
    summaries = project.documents.list()
    assert [(d.title, d.characters, d.passages, d.participant) for d in summaries] == [
        ("buku harian", 0, 0, None),
        ("Catatan lapangan", len(NOTES), 1, "STAF-01"),
    ]
    assert not hasattr(summaries[0], "text")
    assert project.documents.get(notes.id) == project.documents.get("catatan LAPANGAN")
    assert project.documents.get(notes.id).passages == 1


def test_rename_and_set_participant(project: Project) -> None:
    project.participants.add("WBS-01", "resident")
    doc = project.documents.create("Catatan", NOTES)
    assert project.documents.rename(doc.id, " Observasi  piket ").title == "Observasi piket"
    assert project.documents.set_participant(doc.id, "WBS-01").participant == "WBS-01"
    assert project.documents.set_participant(doc.id, None).participant is None
    refused(project, lambda: project.documents.rename(doc.id, "   "), "a document needs a title")
    refused(project, lambda: project.documents.rename(doc.id, "x" * 301), "too long .301 characters")
    refused(project, lambda: project.documents.set_participant(doc.id, "WBS-99"), "no participant 'WBS-99'")
    refused(project, lambda: project.documents.rename(99, "x"), "no document 99")
    project.documents.create("Catatan", "satu")
    project.documents.create("catatan", "dua")
    refused(project, lambda: project.documents.get("catatan"), "several documents are titled 'catatan'")


# -- importing ----------------------------------------------------------------------------------------------------
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16 LE with BOM": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16 BE with BOM": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "windows-1252": lambda text: text.encode("cp1252"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_import_txt_in_each_encoding(project: Project, tmp_path: Path, encoding: str, newline: str) -> None:
    text = f"{WORDS}\n{NOTES}\n"
    path = tmp_path / "catatan-piket.txt"
    path.write_bytes(ENCODINGS[encoding](text.replace("\n", newline)))
    doc = project.documents.import_file(path)
    assert (doc.title, doc.text, doc.source_path) == ("catatan-piket", text, str(path))
    assert project.search.find("ibu asrama")[0].document_id == doc.id


def test_import_md_with_a_title_and_participant(project: Project, tmp_path: Path) -> None:
    project.participants.add("PEW-01", "interviewer")
    path = tmp_path / "refleksi.md"
    path.write_text("# Refleksi\n\n" + NOTES, encoding="utf-8")
    doc = project.documents.import_file(path, title="Refleksi minggu 1", participant="PEW-01")
    assert (doc.title, doc.text, doc.participant) == ("Refleksi minggu 1", "# Refleksi\n\n" + NOTES, "PEW-01")


def test_import_docx_with_paragraphs_and_a_table(project: Project, tmp_path: Path) -> None:
    word = docx.Document()
    word.add_heading("Catatan lapangan", level=1)
    word.add_paragraph("Piket dapur pagi ini dipimpin ibu asrama.")
    para = word.add_paragraph("Saya merasa ")
    para.add_run("dihargai").bold = True
    para.add_run(" kalau pengasuh mendengarkan saya.")
    table = word.add_table(rows=3, cols=3)
    for r, row in enumerate([("Waktu", "Kegiatan", "Catatan"), ("07.00", "Piket", "rapi"), ("08.00", "", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    merged = table.cell(2, 1).merge(table.cell(2, 2))
    merged.text = "Sekolah bersama"
    word.add_paragraph("")
    word.add_paragraph("Suasana terbuka dan hangat.")
    path = tmp_path / "observasi.docx"
    word.save(path)
    doc = project.documents.import_file(path)
    assert doc.title == "observasi"
    assert doc.text == (
        "Catatan lapangan\n"
        "Piket dapur pagi ini dipimpin ibu asrama.\n"
        "Saya merasa dihargai kalau pengasuh mendengarkan saya.\n"
        "Waktu\tKegiatan\tCatatan\n"
        "07.00\tPiket\trapi\n"
        "08.00\tSekolah bersama\n"
        "\n"
        "Suasana terbuka dan hangat."
    )


def _bad_file(kind: str, folder: Path) -> tuple[Path, str]:
    """A file that cannot be imported, and the message that says why."""
    if kind == "missing":
        return folder / "hilang.txt", "hilang.txt: no such file"
    if kind == "folder":
        (folder / "catatan").mkdir()
        return folder / "catatan", "catatan: is a folder, not a file"
    files = {
        "pdf": ("catatan.pdf", b"%PDF-1.4", "catatan.pdf: cannot import a .pdf file as field notes; use a .txt"),
        "old word": ("catatan.doc", b"\xd0\xcf\x11\xe0", "catatan.doc: old Word documents (.doc) cannot be imported"),
        "no extension": ("catatan", b"teks", "catatan: cannot import a file without an extension"),
        "empty": ("kosong.txt", b"", "kosong.txt: the file is empty (0 bytes)"),
        "spaces only": ("spasi.txt", b" \r\n\t\n", "spasi.txt: the file holds no text"),
        "binary as txt": ("foto.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "foto.txt: not plain text .NUL bytes"),
        "utf-16 without BOM": ("u16.txt", "piket pagi".encode("utf-16-le"), "u16.txt: not plain text .NUL bytes"),
        "not cp1252": ("aneh.txt", b"caf\xe9 \x81\x8d", "aneh.txt: not text .neither UTF-8 nor Windows-1252"),
        "bad utf-16": ("u16bom.txt", codecs.BOM_UTF16_LE + b"p\x00i", "u16bom.txt: not valid UTF-16 text"),
        "text as docx": ("catatan.docx", NOTES.encode(), "catatan.docx: not a Word document .a .docx is a zip"),
        "empty docx": ("kosong.docx", b"", "kosong.docx: the file is empty"),
    }
    if kind in files:
        name, data, message = files[kind]
        (folder / name).write_bytes(data)
        return folder / name, message
    path = folder / "rusak.docx"
    if kind == "truncated docx":
        docx.Document().save(path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        return path, "rusak.docx: not a Word document .* or is cut short"
    if kind == "zip that is not a docx":
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("catatan.txt", NOTES)
        return path, "rusak.docx: the Word document cannot be read"
    if kind == "docx without text":
        docx.Document().save(path)
        return path, "rusak.docx: the file holds no text"
    raise AssertionError(kind)


BAD_FILES = [
    "missing",
    "folder",
    "pdf",
    "old word",
    "no extension",
    "empty",
    "spaces only",
    "binary as txt",
    "utf-16 without BOM",
    "not cp1252",
    "bad utf-16",
    "text as docx",
    "empty docx",
    "truncated docx",
    "zip that is not a docx",
    "docx without text",
]


@pytest.mark.parametrize("kind", BAD_FILES)
def test_import_refuses_bad_files_and_changes_nothing(project: Project, tmp_path: Path, kind: str) -> None:
    project.documents.create("Catatan", NOTES)  # so that "unchanged" means something
    path, message = _bad_file(kind, tmp_path)
    refused(project, lambda: project.documents.import_file(path), message.replace("(", r"\(").replace(")", r"\)"))


def test_import_refuses_an_unknown_participant_and_a_bad_batch(project: Project, tmp_path: Path) -> None:
    good = tmp_path / "baik.txt"
    good.write_text(NOTES, encoding="utf-8")
    refused(project, lambda: project.documents.import_file(good, participant="WBS-99"), "no participant 'WBS-99'")
    refused(project, lambda: project.documents.import_files([good, tmp_path / "hilang.md"]), "hilang.md: no such file")
    refused(project, lambda: project.documents.import_files([good, good], title="Dua"), "a title names one document")
    refused(project, lambda: project.documents.import_file(good, title=" "), "a document needs a title")
    assert [d.title for d in project.documents.import_files([good, good])] == ["baik", "baik"]


# -- editing --------------------------------------------------------------------------------------------------------
def test_set_text_keeps_codings_on_their_words(project: Project) -> None:
    doc = project.documents.create("Catatan", NOTES)
    asrama = code(project, doc.id, NOTES, "ibu asrama", OPEN)
    heard = code(project, doc.id, NOTES, "pengasuh mendengarkan saya", RESPECT)
    ball = code(project, doc.id, NOTES, "bermain bola", SAFE)
    new = NOTES.replace("Senin, 4 Maret.", "Hari Senin tanggal 4 Maret 2024:")
    new = new.replace("pengasuh mendengarkan", "pengasuh benar-benar mendengarkan")
    new = new.replace("bermain bola ", "")
    change = project.documents.set_text(doc.id, new)
    assert isinstance(change, DocumentChange) and change.changed and change.document_id == doc.id
    quotes = {c.id: c.quote for c in codings(project, doc.id)}
    assert quotes == {asrama: "ibu asrama", heard: "pengasuh benar-benar mendengarkan saya"}  # ball's text is gone
    check_codings(project, doc.id)
    assert project.documents.get(doc.id).passages == 2
    assert ball not in {c.id for c in codings(project, doc.id)}


def test_set_text_undo_and_redo_restore_the_rows(project: Project) -> None:
    doc = project.documents.create("Catatan", NOTES)
    code(project, doc.id, NOTES, "ibu asrama", OPEN)
    code(project, doc.id, NOTES, "bermain bola", SAFE)
    before = snapshot(project.path)
    change = project.documents.set_text(doc.id, NOTES.replace("Anak-anak bermain bola bersama", "Semua"))
    after = snapshot(project.path)
    assert project.documents.undo(change).text == NOTES
    assert snapshot(project.path) == before
    assert project.documents.redo(change).text == NOTES.replace("Anak-anak bermain bola bersama", "Semua")
    assert snapshot(project.path) == after
    same = project.documents.set_text(doc.id, project.documents.get(doc.id).text)
    assert not same.changed


def test_undo_keeps_a_passage_coded_meanwhile(project: Project) -> None:
    doc = project.documents.create("Catatan", NOTES)
    edited = NOTES.replace("Senin, 4 Maret. ", "")
    change = project.documents.set_text(doc.id, edited)
    meanwhile = code(project, doc.id, edited, "ibu asrama", RESPECT)
    project.documents.undo(change)
    [c] = codings(project, doc.id)
    assert (c.id, c.quote, c.start_offset) == (meanwhile, "ibu asrama", NOTES.index("ibu asrama"))
    project.documents.redo(change)
    [c] = codings(project, doc.id)
    assert (c.id, c.start_offset) == (meanwhile, edited.index("ibu asrama"))


def test_undo_of_a_deleted_document_is_refused(project: Project) -> None:
    doc = project.documents.create("Catatan", NOTES)
    change = project.documents.set_text(doc.id, "baru")
    project.documents.delete(doc.id)
    refused(project, lambda: project.documents.undo(change), "document 1 .Catatan. is gone")


# -- deleting and putting back ----------------------------------------------------------------------------------------
def test_delete_and_restore_with_codings_and_notes(project: Project) -> None:
    project.participants.add("STAF-01", "staff")
    doc = project.documents.create("Catatan", NOTES, participant="STAF-01")
    other = project.documents.create("Lain", "Piket malam.")
    code(project, doc.id, NOTES, "ibu asrama", OPEN)
    code(project, doc.id, NOTES, "ibu asrama", SAFE)
    code(project, other.id, "Piket malam.", "Piket", OPEN)
    with project.transaction() as session:
        session.add(Note(title="memo", text="Perlu ditanyakan lagi.", document_id=doc.id))
    before = snapshot(project.path)
    gone = project.documents.delete(doc.id)
    assert (gone.id, len(gone.codings), len(gone.notes)) == (doc.id, 2, 1)
    assert [d.title for d in project.documents.list()] == ["Lain"]
    with project.transaction() as session:
        assert session.scalars(select(Note)).all() == []
    assert project.documents.restore(gone) == project.documents.get(doc.id)
    assert snapshot(project.path) == before
    refused(project, lambda: project.documents.restore(gone), "document 1 exists already")


def test_restore_leaves_out_what_was_deleted_meanwhile(project: Project) -> None:
    project.participants.add("STAF-01", "staff")
    doc = project.documents.create("Catatan", NOTES, participant="STAF-01")
    code(project, doc.id, NOTES, "ibu asrama", OPEN)
    kept = code(project, doc.id, NOTES, "bermain bola", SAFE)
    gone = project.documents.delete(doc.id)
    with project.transaction() as session:
        session.execute(delete(Theme).where(Theme.name == OPEN))
        session.execute(delete(Participant).where(Participant.code == "STAF-01"))
    view = project.documents.restore(gone)
    assert (view.participant, view.passages) == (None, 1)
    assert [c.id for c in codings(project, doc.id)] == [kept]


# -- random edits keep every passage on its text; undoing them all restores every row ---------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("documents") / "p.annotator"
    with Project.create(path) as project:
        for name in (OPEN, SAFE):
            project.themes.create(name)
        doc = project.documents.create("Catatan", NOTES)
        for part, theme in (("ibu asrama", OPEN), ("dihargai kalau pengasuh", SAFE), ("bola", OPEN), ("Piket", SAFE)):
            code(project, doc.id, NOTES, part, theme)
        project.coding.code_document(doc.id, 0, len(NOTES), [SAFE])
        return path, doc.id


@st.composite
def new_texts(draw: st.DrawFn, text: str) -> str:
    words = text.split(" ")
    vocabulary = ["saya", "ibu", "asrama", "piket", "Pengasuh", "\n", "x"]
    kind = draw(st.sampled_from(["replace", "insert", "delete", "characters", "clear"]))
    if kind == "clear":
        return ""
    if kind == "characters" or len(words) < 2:
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, len(text)))
        return text[:i] + draw(st.text(alphabet="an \n", max_size=6)) + text[j:]
    i = draw(st.integers(0, len(words) - 1))
    if kind == "replace":
        words[i] = draw(st.sampled_from(vocabulary))
    elif kind == "insert":
        words.insert(i, draw(st.sampled_from(vocabulary)))
    else:
        del words[i : draw(st.integers(i + 1, len(words)))]
    return " ".join(words)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_keep_codings_on_their_text(template: tuple[Path, int], data: st.DataObject) -> None:
    source, doc_id = template
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.annotator"
        shutil.copy(source, path)
        with Project.open(path) as project:
            documents = project.documents
            start = snapshot(path)
            done: list[DocumentChange] = []
            undone: list[DocumentChange] = []
            for _ in range(data.draw(st.integers(1, 8), label="steps")):
                kind = data.draw(st.sampled_from(["edit", "edit", "edit", "undo", "redo"]), label="op")
                if kind == "undo" and done:
                    undone.append(done.pop())
                    documents.undo(undone[-1])
                elif kind == "redo" and undone:
                    done.append(undone.pop())
                    documents.redo(done[-1])
                elif kind == "edit":
                    text = documents.get(doc_id).text
                    done.append(documents.set_text(doc_id, data.draw(new_texts(text), label="text")))
                    undone.clear()
                check_codings(project, doc_id)
            end = snapshot(path)
            redo: list[DocumentChange] = []
            while done:
                redo.append(done.pop())
                documents.undo(redo[-1])
            assert snapshot(path) == start
            for change in reversed(redo):
                documents.redo(change)
            assert snapshot(path) == end
            with project.transaction() as session:
                assert session.get(TextDocument, doc_id) is not None
            with pytest.raises(NotFound):
                documents.get(doc_id + 100)
