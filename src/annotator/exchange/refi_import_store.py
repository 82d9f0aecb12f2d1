"""Storing what a REFI-QDA file holds, inside the import's one transaction: users, codes, cases, text sources,
their coded selections and notes. Recordings are :mod:`~annotator.exchange.refi_import_media`'s.

Merging (so that importing the same file twice adds nothing): a user is the coder with its GUID, else the coder
of the same name; a code is the theme with its GUID, else the theme of the same name at the same place in the
tree; a case is the participant with its GUID, else the one with its name as code; a source, a coding and a note
with a GUID the project has are not added again, and a passage a theme already codes is not coded twice.

A case's role is the first line of its description when that names a role (as Annotator writes it), else a
variable called "role"; the rest of the description becomes the participant's notes and the other variables its
attributes. A coding's memo is the text of the notes its selection and it refer to; other notes become notes
about their code, source or the project.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.core.models import Coder, Participant, Recording, Role, TextDocument, Theme, new_guid, utcnow
from annotator.core.models import Coding as CodingRow
from annotator.core.models import Note as NoteRow
from annotator.core.services.coding import CodingService
from annotator.core.services.participants import parse_role
from annotator.core.services.themes import NAME_LIMIT as THEME_NAME_LIMIT
from annotator.errors import UserError
from annotator.exchange.options import ImportSummary
from annotator.exchange.refi_import_archive import Archive, Skip
from annotator.exchange.refi_offsets import SourceText, Span, detect, names_are_quotes, same_quote
from annotator.exchange.refi_read import Case, Code, Coding, Note, Selection, Source

if TYPE_CHECKING:
    from annotator.core.project import Project

COUNTED = ("themes", "participants", "documents", "recordings", "segments", "passages", "notes", "coders")
TITLE_LENGTH = 300  # of documents, recordings, notes
NAME_LENGTH = 200  # of coders (participants' codes: 100; themes: THEME_NAME_LIMIT)
_ROLE_VARIABLES = ("role", "peran")


def clean_name(name: str, fallback: str) -> str:
    """A name Annotator can hold: spaces made single, no ``/`` (a theme path separator), not empty."""
    name = " ".join(name.split()).replace("/", "\u2215")
    return name or fallback


def shown(name: str, guid: str) -> str:
    return repr(name) if name else guid


class Store:
    """The import's transaction and what it has matched so far (file GUIDs to row ids)."""

    def __init__(self, project: Project, session: Session, summary: ImportSummary, archive: Archive | None) -> None:
        self.project = project
        self.session = session
        self.summary = summary
        self.archive = archive
        self.added: Counter[str] = Counter()
        self.coders: dict[str, int] = {}
        self.themes: dict[str, int] = {}
        self.participants: dict[str, int] = {}
        self.sources: dict[str, tuple[str, int]] = {}  # source GUID -> ("recording" | "document", id)
        self.notes: dict[str, Note] = {}
        self.about: dict[str, tuple[str, int]] = {}  # note GUID -> what it is about ("theme", id) ...
        self.memos: set[str] = set()  # notes used as memos
        self.coding_guids: set[str] = set()
        self.first_coder: int | None = None

    def broken(self, what: str, why: str) -> None:
        """A reference to something the file does not have: the file is refused whole (nothing is stored)."""
        raise UserError(f"{self.summary.source}: {what}: {why}; the file is inconsistent and is not imported")

    def skip(self, what: str, why: str) -> None:
        self.summary.skipped.append(f"{what}: {why}")

    def finish(self) -> None:
        self.summary.added = {name: self.added[name] for name in COUNTED}

    # -- users and codes -------------------------------------------------------------------------------------
    def users(self, users: dict[str, str]) -> None:
        rows = self.session.execute(select(Coder.id, Coder.guid, Coder.name)).all()
        by_guid = {guid.lower(): cid for cid, guid, _ in rows}
        by_name = {name.casefold(): cid for cid, _, name in rows}
        for guid, name in users.items():
            name = " ".join(name.split())[:NAME_LENGTH] or f"user {guid[:8]}"
            found = by_guid.get(guid) or by_name.get(name.casefold())
            if found is None:
                coder = Coder(guid=guid, name=name)
                self.session.add(coder)
                self.session.flush()
                found = by_name[name.casefold()] = coder.id
                self.added["coders"] += 1
            self.coders[guid] = found

    def known_themes(self) -> dict[str, int]:
        """Every theme of the project by GUID (codes of the file refer to them as well)."""
        return {guid.lower(): tid for tid, guid in self.session.execute(select(Theme.id, Theme.guid))}

    def codes(self, codes: Sequence[Code], parent: Theme | None = None, existing: dict[str, int] | None = None) -> None:
        existing = self.known_themes() if existing is None else existing
        for code in codes:
            theme = self._theme(code, parent, existing)
            self.themes[code.guid] = theme.id
            for note in code.notes:
                self.about.setdefault(note, ("theme", theme.id))
            self.codes(code.children, theme, existing)

    def _theme(self, code: Code, parent: Theme | None, existing: dict[str, int]) -> Theme:
        if code.guid in existing:
            return self.session.get_one(Theme, existing[code.guid])
        service = self.project.themes
        name = clean_name(code.name, f"code {code.guid[:8]}")[:THEME_NAME_LIMIT].rstrip()
        for sibling in service._siblings(self.session, parent.id if parent else None):
            if sibling.name.casefold() == name.casefold():
                return sibling
        theme = service._add(self.session, name, parent, code.description, code.color, None, None)
        theme.guid = code.guid
        self.session.flush()
        self.added["themes"] += 1
        return theme

    # -- cases -----------------------------------------------------------------------------------------------
    def cases(self, cases: Sequence[Case]) -> None:
        rows = self.session.execute(select(Participant.id, Participant.guid, Participant.code)).all()
        by_guid = {guid.lower(): pid for pid, guid, _ in rows}
        by_code = {code.casefold(): pid for pid, _, code in rows}
        for case in cases:
            code = clean_name(case.name, f"case {case.guid[:8]}")[: NAME_LENGTH // 2]
            found = by_guid.get(case.guid) or by_code.get(code.casefold())
            role, notes, attributes = _role_notes_attributes(case)
            if found is None:
                person = Participant(guid=case.guid, code=code, role=role, attributes=attributes, notes=notes)
                self.session.add(person)
                self.session.flush()
                found = by_code[code.casefold()] = person.id
                self.added["participants"] += 1
            else:
                person = self.session.get_one(Participant, found)
                missing = {k: v for k, v in attributes.items() if k not in person.attributes}
                if missing:
                    person.attributes = {**person.attributes, **missing}
            self.participants[case.guid] = found
            what = f"case {shown(case.name, case.guid)}"
            if case.codes:
                self.skip(what, f"its {case.codes} code reference(s) are not kept (Annotator codes passages only)")
            if case.selections:
                self.skip(what, f"its {case.selections} selection reference(s) are not kept")

    def link_cases(self, cases: Sequence[Case]) -> None:
        """A recording or document that cases refer to is about the participant of the one case that does, else
        of the one such case that is not an interviewer (who speaks in every interview); one that already has a
        participant keeps it."""
        refs: dict[str, list[int]] = {}
        for case in cases:
            for source in case.sources:
                if source in self.sources and case.guid in self.participants:
                    refs.setdefault(source, []).append(self.participants[case.guid])
        for source, people in refs.items():
            kind, row_id = self.sources[source]
            row = self.session.get_one(Recording if kind == "recording" else TextDocument, row_id)
            people = list(dict.fromkeys(people))
            if row.participant_id is not None:
                continue
            if len(people) > 1:
                people = [p for p in people if self.session.get_one(Participant, p).role != Role.INTERVIEWER.value]
            if len(people) == 1:
                row.participant_id = people[0]
        self.session.flush()

    # -- text sources ----------------------------------------------------------------------------------------
    def document(self, source: Source) -> None:
        what = f"text source {shown(source.name, source.guid)}"
        try:
            assert self.archive is not None
            text = SourceText(self.archive.text(source.text))
        except Skip as skip:
            self.skip(what, str(skip))
            return
        existing = self.session.scalar(select(TextDocument).where(TextDocument.guid == source.guid))
        if existing is None:
            title = " ".join(source.name.split())[:TITLE_LENGTH] or f"text {source.guid[:8]}"
            existing = TextDocument(guid=source.guid, title=title, text=text.text, source_path=str(self.archive.path))
            self.session.add(existing)
            self.session.flush()
            self.added["documents"] += 1
        elif existing.text != text.text:
            self.skip(what, "the project has this document with another text; its passages from this file are left out")
            return
        self.sources[source.guid] = ("document", existing.id)
        for note in source.notes:
            self.about.setdefault(note, ("document", existing.id))
        self.whole_source(source, what)
        spans, selections = [], []
        for selection in source.selections:
            try:
                spans.append(Span(int(selection.start or ""), int(selection.end or ""), selection.name))
                selections.append(selection)
            except ValueError:
                self.skip(f"selection {selection.guid} of {what}", "its start or end is not a number")
        mode = detect(text, spans)
        check = names_are_quotes(text, spans, mode)
        for span, selection in zip(spans, selections, strict=True):
            place = f"selection {selection.guid} of {what}"
            found = text.span(span.start, span.end, mode)
            if found is None:
                self.skip(place, f"{span.start} to {span.end} is not a span of its text ({text.units(mode)} {mode})")
                continue
            if check and selection.name.strip() and not same_quote(selection.name, text.text[found[0] : found[1]]):
                self.skip(place, f"its text differs from its quote {selection.name!r}")
                continue
            try:
                values = CodingService._document_span(self.session, existing.id, *found)
            except UserError as exc:
                self.skip(place, str(exc))
                continue
            self.code(values, selection, place)

    def whole_source(self, source: Source, what: str) -> None:
        if source.codings:
            self.skip(what, f"{len(source.codings)} coding(s) of the whole source are not kept (code passages instead)")
        if source.has_variables:
            self.skip(what, "its variables are not kept (Annotator keeps attributes of participants)")

    # -- codings ---------------------------------------------------------------------------------------------
    def code(self, values: dict[str, Any], selection: Selection, place: str) -> None:
        """A coding of each of the selection's codings on the span ``values`` describes."""
        for coding in selection.codings:
            self.coding(values, coding, selection, place)

    def coding(self, values: dict[str, Any], coding: Coding, selection: Selection, place: str) -> None:
        if coding.code is None:
            self.broken(f"coding {coding.guid} of {place}", "it refers to no code (a Coding without CodeRef)")
        theme_id = self.themes.get(coding.code)
        if theme_id is None:
            self.broken(f"coding {coding.guid} of {place}", f"it refers to code {coding.code}, which is not there")
        self.memos.update(n for n in [*selection.notes, *coding.notes] if n in self.notes)  # not notes of their own
        guid = coding.guid
        if guid in self.coding_guids:
            guid = new_guid()  # the same GUID twice in one file: the second gets its own
        elif self.session.scalar(select(CodingRow.id).where(CodingRow.guid == guid)) is not None:
            return  # imported before
        self.coding_guids.add(guid)
        if CodingService._existing(self.session, values, theme_id) is not None:
            return
        memo = "\n\n".join(t for t in (self.note_text(n, place) for n in [*selection.notes, *coding.notes]) if t)
        created = coding.created or utcnow()
        self.session.add(
            CodingRow(
                guid=guid,
                theme_id=theme_id,
                coder_id=self.coder(coding.user or selection.user),
                memo=memo.strip(),
                created_at=created,
                updated_at=created,
                **values,
            )
        )
        self.session.flush()
        self.added["passages"] += 1

    def coder(self, user: str | None) -> int:
        if user in self.coders:
            return self.coders[user]
        if self.first_coder is None:
            self.first_coder = CodingService._coder_id(self.session, None)
        return self.first_coder

    # -- notes -----------------------------------------------------------------------------------------------
    def note_text(self, guid: str, place: str) -> str:
        """The text of a note used as a memo."""
        note = self.notes.get(guid)
        if note is None:
            self.skip(f"note {guid} of {place}", "it is not among the project's notes")
            return ""
        self.memos.add(guid)
        try:
            assert self.archive is not None
            return self.archive.text(note.text).strip()
        except Skip as skip:
            self.skip(f"note {shown(note.name, guid)}", str(skip))
            return ""

    def free_notes(self, project_notes: Sequence[str]) -> None:
        """Notes that are not memos: about a theme, a source, or the project."""
        for guid in project_notes:
            if guid not in self.notes:
                self.skip(f"note {guid} of the project", "it is not among the project's notes")
        for guid, note in self.notes.items():
            if guid in self.memos or self.session.scalar(select(NoteRow.id).where(NoteRow.guid == guid)) is not None:
                continue
            try:
                assert self.archive is not None
                text = self.archive.text(note.text).strip()
            except Skip as skip:
                self.skip(f"note {shown(note.name, guid)}", str(skip))
                continue
            kind, target = self.about.get(guid, ("project", 0))
            title = "" if same_quote(note.name, text) else " ".join(note.name.split())[:TITLE_LENGTH]
            row = NoteRow(guid=guid, title=title, text=text, coder_id=self.coders.get(note.user or ""))
            if kind != "project":
                setattr(row, f"{kind}_id", target)
            row.created_at = row.updated_at = note.created or utcnow()
            self.session.add(row)
            self.added["notes"] += 1
        self.session.flush()


def _role_notes_attributes(case: Case) -> tuple[str, str, dict[str, Any]]:
    role, notes = "other", case.description
    first, _, rest = case.description.partition("\n")
    try:
        role, notes = parse_role(first), rest.strip()
    except UserError:
        pass
    attributes = dict(case.values)
    for name in list(attributes):
        if name.strip().casefold() in _ROLE_VARIABLES and isinstance(attributes[name], str):
            try:
                found = parse_role(attributes[name])
            except UserError:
                continue
            del attributes[name]
            role = found if role == "other" else role
    return role, notes, attributes
