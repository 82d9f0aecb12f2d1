"""Field notes: text without audio (observation notes, a diary, a written answer), coded like transcripts.

A document is one :class:`~annotator.core.models.TextDocument` row; a passage of it is a pair of ``str`` offsets
into its text (:meth:`~annotator.core.services.coding.CodingService.code_document`). Each public method is one
short transaction and returns frozen views; the sidebar lists :class:`DocumentSummary` s, which leave the text out.

Importing reads .txt and .md files (UTF-8, UTF-8 or UTF-16 with a byte order mark, else Windows-1252, the code
page Word and Notepad use on Indonesian Windows) and .docx files (paragraphs, and the rows of tables with their
cells separated by tabs, in reading order, one line each). Newlines become ``\\n``. A file that cannot be read is
refused with a message naming it, before anything is stored.

Editing (:meth:`DocumentService.set_text`) follows the transcript editor's rules (DESIGN.md, "Data conventions"):
each coding's offsets are mapped through a character diff of the old and new text (:class:`~annotator.core.
textdiff.TextMap`); a passage begins and ends on text, its ``quote`` is the text it covers, and one left without
text is deleted. Undo and redo put back the document row and its codings with the same ids and guids; passages
coded meanwhile are kept, re-anchored on the restored text. ``delete`` returns a :class:`DocumentSnapshot` (the
document, its codings and its notes) that ``restore`` puts back.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from annotator.core.models import Coder, Coding, Note, Participant, Recording, TextDocument, Theme
from annotator.core.services.base import Service
from annotator.core.services.participants import ParticipantService
from annotator.core.services.typing import forget as forget_typing
from annotator.core.textdiff import END, START, TextMap, pick_anchors
from annotator.errors import NotFound, UserError
from annotator.fileio import read_bounded, shown
from annotator.safezip import DOCX_LIMITS, check_archive

SUFFIXES = (".txt", ".md", ".docx")
MAX_FILE_BYTES = 256 << 20  # a file of field notes is read whole: far less than this
TITLE_LENGTH = 300
DOCUMENTS = TextDocument.__table__
CODINGS = Coding.__table__
NOTES = Note.__table__
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass(frozen=True)
class DocumentView:
    """A document with its text."""

    id: int
    guid: str
    title: str
    text: str
    participant: str | None  # the code of the person it is about or by
    participant_id: int | None
    source_path: str | None  # the file it was imported from
    passages: int  # its codings
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class DocumentSummary:
    """A document without its text, for lists: ``characters`` is the length of the text."""

    id: int
    guid: str
    title: str
    characters: int
    participant: str | None
    participant_id: int | None
    source_path: str | None
    passages: int
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class DocumentSnapshot:
    """Full rows (every column, as dicts) of a document, its codings and its notes."""

    document: dict[str, Any]
    codings: tuple[dict[str, Any], ...] = ()
    notes: tuple[dict[str, Any], ...] = ()

    @property
    def id(self) -> int:
        return self.document["id"]


@dataclass(frozen=True)
class DocumentChange:
    """A new text, undoable: ``undo(change)`` restores ``before``, ``redo(change)`` restores ``after``."""

    before: DocumentSnapshot
    after: DocumentSnapshot

    @property
    def document_id(self) -> int:
        return self.before.id

    @property
    def changed(self) -> bool:
        return self.before != self.after


# -- reading files -----------------------------------------------------------------------------------
def read_file(path: str | os.PathLike[str]) -> str:
    """The text of a .txt, .md or .docx file, newlines as ``\\n``; a UserError names the file and the problem."""
    path = Path(path).expanduser()
    if not path.exists():
        raise UserError(f"{path}: no such file")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise UserError(f"{path}: old Word documents (.doc) cannot be imported; save it as .docx in Word first")
    if suffix not in SUFFIXES:
        kind = f"a {suffix} file" if suffix else "a file without an extension"
        raise UserError(f"{path}: cannot import {kind} as field notes; use a .txt, .md or .docx file")
    data = read_bounded(path, MAX_FILE_BYTES, "field notes")
    if not data:
        raise UserError(f"{path}: the file is empty (0 bytes)")
    text = normal_newlines(_docx_text(path, data) if suffix == ".docx" else _decode(path, data))
    if not text.strip():
        raise UserError(f"{path}: the file holds no text")
    return text


def normal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(path: Path, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UserError(
                    f"{path}: not valid {encoding.upper().removesuffix('-SIG')} text (byte {exc.start})"
                ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UserError(f"{path}: not text (neither UTF-8 nor Windows-1252; a bad byte at {exc.start})") from exc
    if "\x00" in text:
        raise UserError(f"{path}: not plain text (NUL bytes: a binary file, or UTF-16 without a byte order mark)")
    return text


def _docx_text(path: Path, data: bytes) -> str:
    import docx  # python-docx, only when a .docx is imported
    from docx.table import Table

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UserError(f"{path}: not a Word document (a .docx is a zip package; this file is not, or is cut short)")
    check_archive(path, data, DOCX_LIMITS)  # python-docx unpacks every part into memory: no zip bombs
    lines: list[str] = []
    try:
        for block in docx.Document(io.BytesIO(data)).iter_inner_content():
            lines.extend(_table_lines(block) if isinstance(block, Table) else [block.text])
    except Exception as exc:  # python-docx, zipfile and lxml raise many kinds on a damaged package
        reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc) or type(exc).__name__
        raise UserError(f"{path}: the Word document cannot be read ({reason})") from exc
    return "\n".join(lines)


def _table_lines(table: Any) -> list[str]:
    """One line per row, cells separated by tabs; a merged cell is read once, where it begins."""
    lines, seen = [], set()
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                cells.append(" ".join(cell.text.split("\n")).strip())
        if any(cells):
            lines.append("\t".join(cells))
    return lines


# -- the service -------------------------------------------------------------------------------------
def _title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise UserError("a document needs a title")
    if len(title) > TITLE_LENGTH:
        raise UserError(f"the title {title[:40]!r}... is too long ({len(title)} characters; at most {TITLE_LENGTH})")
    return title


class DocumentService(Service):
    @staticmethod
    def find(session: Session, ref: str | int) -> TextDocument:
        """A document by id, or by title (case-insensitive) when the title is unique."""
        if isinstance(ref, int) or str(ref).isdigit():
            document = session.get(TextDocument, int(ref))
            if document is not None:
                return document
        wanted = " ".join(str(ref).split()).casefold()
        rows = session.execute(select(TextDocument.id, TextDocument.title))
        ids = [i for i, title in rows if title.casefold() == wanted]
        if len(ids) > 1:
            raise UserError(f"several documents are titled {ref!r} (ids {', '.join(map(str, ids))}); give the id")
        if not ids:
            raise NotFound(f"no document {ref!r} in this project")
        return session.get_one(TextDocument, ids[0])

    # -- reading -------------------------------------------------------------------------------
    def list(self) -> list[DocumentSummary]:
        """Every document without its text, by title."""
        with self.transaction() as session:
            rows = session.execute(_query(func.length(TextDocument.text))).all()
        return sorted((DocumentSummary(*r) for r in rows), key=lambda d: (d.title.casefold(), d.id))

    def get(self, ref: str | int) -> DocumentView:
        with self.transaction() as session:
            return _view(session, self.find(session, ref).id)

    # -- adding --------------------------------------------------------------------------------
    def create(self, title: str, text: str = "", participant: str | int | None = None) -> DocumentView:
        """A new document (an empty page to type notes into, unless ``text`` is given)."""
        return self._add([(_title(title), normal_newlines(text), None)], participant)[0]

    def import_file(
        self, path: str | os.PathLike[str], title: str | None = None, participant: str | int | None = None
    ) -> DocumentView:
        """A new document with the text of a .txt, .md or .docx file; the title defaults to the file's name."""
        return self.import_files([path], title=title, participant=participant)[0]

    def import_files(
        self, paths: Iterable[str | os.PathLike[str]], *, title: str | None = None, participant: str | int | None = None
    ) -> list[DocumentView]:
        """Import several files in one transaction: every file is read before any is stored, so that one bad file
        leaves the project as it was. ``title`` is for a single file."""
        files = [Path(p).expanduser().absolute() for p in paths]
        if title is not None and len(files) != 1:
            raise UserError(f"a title names one document; {len(files)} files were given")
        # a name that is not UTF-8 (bytes from an old zip) is stored with \xff escapes: it must be text
        new = [(_title(title if title is not None else shown(f.stem)), read_file(f), shown(f)) for f in files]
        return self._add(new, participant)

    def _add(self, new: list[tuple[str, str, str | None]], participant: str | int | None) -> list[DocumentView]:
        with self.transaction() as session:
            participant_id = ParticipantService.find(session, participant).id if participant is not None else None
            documents = [TextDocument(title=t, text=x, source_path=s, participant_id=participant_id) for t, x, s in new]
            session.add_all(documents)
            session.flush()
            return [_view(session, d.id) for d in documents]

    # -- changing ------------------------------------------------------------------------------
    def rename(self, ref: str | int, title: str) -> DocumentView:
        with self.transaction() as session:
            document = self.find(session, ref)
            document.title = _title(title)
            session.flush()
            return _view(session, document.id)

    def set_participant(self, ref: str | int, participant: str | int | None) -> DocumentView:
        """Say whose notes these are (a participant's id or code), or nobody's (None)."""
        with self.transaction() as session:
            document = self.find(session, ref)
            wanted = participant is not None and str(participant).strip()
            document.participant_id = ParticipantService.find(session, participant).id if wanted else None
            session.flush()
            return _view(session, document.id)

    def set_text(self, ref: str | int, new_text: str) -> DocumentChange:
        """Store a new text (newlines as ``\\n``); every coding stays on the characters it covered (see the module's
        rules). Returns the change for :meth:`undo` and :meth:`redo`."""
        new_text = normal_newlines(new_text)
        with self.transaction() as session:
            document = self.find(session, ref)
            before = _take(session, document.id)
            if new_text != document.text:
                text_map = TextMap(document.text, new_text)
                session.execute(update(DOCUMENTS).where(DOCUMENTS.c.id == document.id).values(text=new_text))
                for c in before.codings:
                    starts = text_map.candidates(c["start_offset"], START)
                    ends = text_map.candidates(c["end_offset"], END)
                    _place(session, c["id"], new_text, *pick_anchors(starts, ends, True))
            forget_typing(session, document_id=document.id)  # what was kept of the typing is an edit now
            return DocumentChange(before, _take(session, document.id))

    def undo(self, change: DocumentChange) -> DocumentView:
        """Put back the document and its codings as they were before the change."""
        return self._put_back(change.before, change.after)

    def redo(self, change: DocumentChange) -> DocumentView:
        return self._put_back(change.after, change.before)

    def _put_back(self, target: DocumentSnapshot, current: DocumentSnapshot) -> DocumentView:
        with self.transaction() as session:
            now = session.scalar(select(TextDocument.text).where(TextDocument.id == target.id))
            if now is None:
                raise NotFound(f"document {target.id} ({target.document['title']}) is gone; it cannot be changed back")
            known = {c["id"] for c in target.codings} | {c["id"] for c in current.codings}
            strangers = session.execute(
                select(Coding.id, Coding.start_offset, Coding.end_offset).where(
                    Coding.document_id == target.id, Coding.id.not_in(known)
                )
            ).all()
            session.execute(delete(CODINGS).where(CODINGS.c.document_id == target.id, CODINGS.c.id.in_(known)))
            [row] = _fit(session, [target.document])
            session.execute(update(DOCUMENTS).where(DOCUMENTS.c.id == target.id).values(row))
            _insert(session, CODINGS, target.codings)
            # Passages coded since the change, outside the undo history: onto the restored text with them.
            text_map = TextMap(now, row["text"])
            for cid, start, end in strangers:
                starts, ends = text_map.candidates(start, START), text_map.candidates(end, END)
                _place(session, cid, row["text"], *pick_anchors(starts, ends, True))
            return _view(session, target.id)

    # -- deleting ------------------------------------------------------------------------------
    def delete(self, ref: str | int) -> DocumentSnapshot:
        """Delete a document with its codings and notes; returns them as they were (``restore`` puts them back)."""
        with self.transaction() as session:
            snapshot = _take(session, self.find(session, ref).id)
            for table in (CODINGS, NOTES):
                session.execute(delete(table).where(table.c.document_id == snapshot.id))
            session.execute(delete(DOCUMENTS).where(DOCUMENTS.c.id == snapshot.id))
            return snapshot

    def restore(self, snapshot: DocumentSnapshot) -> DocumentView:
        """Put a deleted document back with its id, guid, codings and notes. Passages of a theme deleted meanwhile
        stay deleted; a participant or coder deleted meanwhile is left out."""
        with self.transaction() as session:
            if session.get(TextDocument, snapshot.id) is not None:
                raise UserError(f"document {snapshot.id} exists already; {snapshot.document['title']} is not put back")
            _insert(session, DOCUMENTS, [snapshot.document])
            _insert(session, CODINGS, snapshot.codings)
            _insert(session, NOTES, snapshot.notes)
            return _view(session, snapshot.id)


# -- rows ----------------------------------------------------------------------------------------------
_HEAD = (TextDocument.id, TextDocument.guid, TextDocument.title)
_TAIL = (Participant.code, TextDocument.participant_id, TextDocument.source_path)


def _query(text_column: Any) -> Any:
    """The columns of a view or (with the text's length) of a summary, in their order."""
    passages = select(func.count(Coding.id)).where(Coding.document_id == TextDocument.id).scalar_subquery()
    query = select(*_HEAD, text_column, *_TAIL, passages, TextDocument.created_at, TextDocument.updated_at)
    return query.outerjoin(Participant, Participant.id == TextDocument.participant_id)


def _view(session: Session, document_id: int) -> DocumentView:
    row = session.execute(_query(TextDocument.text).where(TextDocument.id == document_id)).one_or_none()
    if row is None:
        raise NotFound(f"no document {document_id} in this project")
    return DocumentView(*row)


def _take(session: Session, document_id: int) -> DocumentSnapshot:
    def rows(table: Any, condition: Any) -> tuple[dict[str, Any], ...]:
        return tuple(dict(r) for r in session.execute(select(table).where(condition).order_by(table.c.id)).mappings())

    [document] = rows(DOCUMENTS, DOCUMENTS.c.id == document_id)
    codings = rows(CODINGS, CODINGS.c.document_id == document_id)
    return DocumentSnapshot(document, codings, rows(NOTES, NOTES.c.document_id == document_id))


def _place(session: Session, coding_id: int, text: str, start: int, end: int) -> None:
    """Store a document coding's new offsets, moved onto text, with its quote; delete it if it covers none."""
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    start += lead
    end = start + len(text[start:end].rstrip())
    if start >= end:
        session.execute(delete(CODINGS).where(CODINGS.c.id == coding_id))
        return
    values = {"start_offset": start, "end_offset": end, "quote": text[start:end]}
    stored = session.execute(select(*(CODINGS.c[k] for k in values)).where(CODINGS.c.id == coding_id)).mappings().one()
    if dict(stored) != values:
        session.execute(update(CODINGS).where(CODINGS.c.id == coding_id).values(values))


def _present(session: Session, column: Any, ids: Iterable[int | None]) -> set[int | None]:
    """Which of these ids still exist (None always does: a link to nothing)."""
    wanted = {i for i in ids if i is not None}
    return {None} | set(session.scalars(select(column).where(column.in_(wanted)))) if wanted else {None}


_REQUIRED = {"theme_id": Theme.id, "recording_id": Recording.id}  # deleted meanwhile: so is the row
_OPTIONAL = {"coder_id": Coder.id, "participant_id": Participant.id}  # deleted meanwhile: the row stays


def _fit(session: Session, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows to put back as they were, but for what was deleted meanwhile: a theme or a recording takes its codings
    and notes with it; a coder or a participant leaves them, linked to nobody."""
    rows = [dict(r) for r in rows]
    links = {**_REQUIRED, **_OPTIONAL}
    present = {key: _present(session, column, (r.get(key) for r in rows)) for key, column in links.items()}
    kept = [r for r in rows if all(r.get(key) in present[key] for key in _REQUIRED)]
    return [{**r, **{key: None for key in _OPTIONAL if r.get(key) not in present[key]}} for r in kept]


def _insert(session: Session, table: Any, rows: Iterable[dict[str, Any]]) -> None:
    """Insert rows (:func:`_fit`) with their ids; one whose id another row has taken since gets a new id (its guid
    stays)."""
    rows = _fit(session, rows)
    taken = _present(session, table.c.id, (r["id"] for r in rows))
    for row in rows:
        if row["id"] in taken:
            del row["id"]
        session.execute(insert(table).values(row))
