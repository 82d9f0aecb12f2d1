"""Coding: passages of transcripts and text documents assigned to themes, and gathering them again.

Each public method is one short transaction and returns frozen :class:`PassageView` s
(:mod:`~annotator.core.services.passage_query`).

Rules (DESIGN.md, "Data conventions"):

- A passage of a transcript runs from (start segment, offset) to (end segment, offset), offsets being ``str``
  indices into each segment's text. It is trimmed of the spaces around it; a passage without text is refused.
  Its ``quote`` is the text it covers (segments joined by
  :data:`~annotator.core.services.transcript_rows.SEGMENT_SEPARATOR`) and its times are those of its first and
  last word: both are computed by :func:`~annotator.core.services.transcript_rows.passage`, the helper the
  editing service uses to keep passages on their words through edits, splits and merges.
- A passage of a text document (field notes) is a pair of offsets into the document's text, without times.
- A theme codes a given span at most once: coding it again with the same theme changes nothing.
- A coding records its coder: the one named, else the project's first coder (the one the project was made by).

Gathering (:meth:`CodingService.passages`): the mode decides which passages of the given themes qualify,
looking at every coding of those themes; the filters (recordings, roles, participants, coders, attributes,
words, documents) then choose among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.core.models import Coder, Coding, Participant, Recording, Segment, TextDocument, Theme
from annotator.core.services.base import Service
from annotator.core.services.participants import ParticipantService, parse_role
from annotator.core.services.passage_query import (
    PARTICIPANT_ID,
    PassageView,
    ThemeTable,
    all_themes,
    co_coded,
    in_order,
    read,
    with_sources,
)
from annotator.core.services.recordings import RecordingService
from annotator.core.services.themes import ThemeService
from annotator.core.services.transcript_rows import passage
from annotator.errors import NotFound, UserError

__all__ = ["MODES", "CodingService", "PassageView"]

MODES = ("any", "all", "co")
_ANCHORS = ("start_segment_id", "start_offset", "end_segment_id", "end_offset")


def words_pattern(text: str, *, case_sensitive: bool) -> re.Pattern[str]:
    """The exact words of ``text``, whole words, with any whitespace between them."""
    words = text.split()
    if not words:
        raise UserError("give the words to code")
    body = r"\s+".join(re.escape(w) for w in words)
    if re.match(r"\w", words[0][0]):
        body = r"(?<!\w)" + body
    if re.match(r"\w", words[-1][-1]):
        body += r"(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


class CodingService(Service):
    # -- coding --------------------------------------------------------------------------------
    def code_span(
        self,
        recording_id: int | str,
        start_segment_id: int,
        start_offset: int,
        end_segment_id: int,
        end_offset: int,
        theme_refs: Sequence[str | int],
        memo: str = "",
        coder: str | None = None,
    ) -> list[PassageView]:
        """Code a span of a transcript with one or more themes; returns the codings made (a theme already coding
        exactly that span is left as it is, and not returned)."""
        with self.transaction() as session:
            recording = RecordingService.find(session, recording_id)
            values = self._span(session, recording, start_segment_id, start_offset, end_segment_id, end_offset)
            made = self._add(session, values, self._themes(session, theme_refs), memo, coder)
            return self._views(session, made)

    def code_document(
        self,
        document_id: int,
        start: int,
        end: int,
        theme_refs: Sequence[str | int],
        memo: str = "",
        coder: str | None = None,
    ) -> list[PassageView]:
        """Code a span of a text document (offsets into its text) with one or more themes; returns the codings
        made."""
        with self.transaction() as session:
            values = self._document_span(session, document_id, start, end)
            made = self._add(session, values, self._themes(session, theme_refs), memo, coder)
            return self._views(session, made)

    def code_text(
        self,
        recording_id: int | str,
        theme_ref: str | int,
        text: str,
        *,
        all_hits: bool = False,
        case_sensitive: bool = False,
        memo: str = "",
        coder: str | None = None,
    ) -> list[PassageView]:
        """Code the first occurrence of these exact words in a recording's transcript (every one with
        ``all_hits``): whole words, any whitespace between them, within one segment. Returns the codings made;
        an occurrence the theme already codes is left as it is."""
        pattern = words_pattern(text, case_sensitive=case_sensitive)
        with self.transaction() as session:
            recording = RecordingService.find(session, recording_id)
            themes = self._themes(session, [theme_ref])
            segments = session.execute(
                select(Segment.id, Segment.text)
                .where(Segment.recording_id == recording.id)
                .order_by(Segment.start_ms, Segment.id)
            ).all()
            if not segments:
                raise UserError(f"recording {recording.id} ({recording.title}) has no transcript yet")
            hits = [(sid, m.start(), m.end()) for sid, seg_text in segments for m in pattern.finditer(seg_text)]
            if not hits:
                raise NotFound(f"recording {recording.id} ({recording.title}): no {text.strip()!r} in its transcript")
            made: list[int] = []
            for sid, start, end in hits if all_hits else hits[:1]:
                made += self._add(session, self._span(session, recording, sid, start, sid, end), themes, memo, coder)
            return self._views(session, made)

    # -- changing ------------------------------------------------------------------------------
    def remove(self, coding_id: int) -> PassageView:
        """Delete a coding; returns it as it was (``restore`` puts it back)."""
        with self.transaction() as session:
            view = self._view(session, coding_id)
            session.delete(self._coding(session, coding_id))
            return view

    def restore(self, view: PassageView) -> PassageView:
        """Put a removed coding back, with its id, guid, coder, memo and date, on the text it covered."""
        with self.transaction() as session:
            if session.get(Coding, view.id) is not None:
                raise UserError(f"coding {view.id} exists already")
            theme = session.get(Theme, view.theme_id)
            if theme is None:
                raise NotFound(f"coding {view.id}: its theme {view.theme!r} is gone")
            try:
                if view.recording_id is not None:
                    recording = RecordingService.find(session, view.recording_id)
                    assert view.start_segment_id is not None and view.end_segment_id is not None
                    values = self._span(
                        session,
                        recording,
                        view.start_segment_id,
                        view.start_offset,
                        view.end_segment_id,
                        view.end_offset,
                    )
                else:
                    assert view.document_id is not None
                    values = self._document_span(session, view.document_id, view.start_offset, view.end_offset)
            except UserError:
                values = None
            if values is None or values["quote"] != view.text:
                raise UserError(f"coding {view.id} cannot be put back: the text it covered ({view.text!r}) has changed")
            coder_id = session.scalar(select(Coder.id).where(Coder.name == view.coder)) if view.coder else None
            session.add(
                Coding(
                    id=view.id,
                    guid=view.guid,
                    theme_id=theme.id,
                    coder_id=coder_id,
                    memo=view.memo,
                    created_at=view.created_at,
                    updated_at=view.updated_at,
                    **values,
                )
            )
            session.flush()
            return self._view(session, view.id)

    def set_memo(self, coding_id: int, memo: str) -> PassageView:
        with self.transaction() as session:
            self._coding(session, coding_id).memo = memo.strip()
            session.flush()
            return self._view(session, coding_id)

    def retheme(self, coding_id: int, theme_ref: str | int) -> PassageView:
        """Give a coding another theme; refused when that theme already codes the same span."""
        with self.transaction() as session:
            coding = self._coding(session, coding_id)
            theme = ThemeService.find(session, theme_ref)
            if theme.id != coding.theme_id:
                values = {"recording_id": coding.recording_id, "document_id": coding.document_id}
                values.update({k: getattr(coding, k) for k in _ANCHORS})
                if self._existing(session, values, theme.id) is not None:
                    raise UserError(f"{theme.name!r} already codes this passage ({coding.quote!r})")
                coding.theme_id = theme.id
                session.flush()
            return self._view(session, coding_id)

    def resize(
        self,
        coding_id: int,
        start_segment_id: int | None,
        start_offset: int,
        end_segment_id: int | None,
        end_offset: int,
    ) -> PassageView:
        """Move a coding's ends (in a document, the segments are None); its quote and times follow."""
        with self.transaction() as session:
            coding = self._coding(session, coding_id)
            if coding.recording_id is not None:
                if start_segment_id is None or end_segment_id is None:
                    raise UserError(f"coding {coding_id} is in a transcript; give the segments of its new ends")
                recording = RecordingService.find(session, coding.recording_id)
                values = self._span(session, recording, start_segment_id, start_offset, end_segment_id, end_offset)
            else:
                assert coding.document_id is not None
                values = self._document_span(session, coding.document_id, start_offset, end_offset)
            other = self._existing(session, values, coding.theme_id)
            if other is not None and other != coding.id:
                raise UserError(f"{coding.theme.name!r} already codes that passage ({values['quote']!r})")
            for key, value in values.items():
                if getattr(coding, key) != value:
                    setattr(coding, key, value)
            session.flush()
            return self._view(session, coding_id)

    # -- gathering -----------------------------------------------------------------------------
    def get(self, coding_id: int) -> PassageView:
        with self.transaction() as session:
            return self._view(session, coding_id)

    def passages(
        self,
        themes: Sequence[str | int] | None = None,
        *,
        mode: str = "any",
        include_descendants: bool = True,
        recordings: Sequence[str | int] | None = None,
        roles: Sequence[str] | None = None,
        participants: Sequence[str | int] | None = None,
        coders: Sequence[str] | None = None,
        attributes: dict[str, Any] | None = None,
        text: str | None = None,
        documents: bool = True,
        document: int | None = None,
    ) -> list[PassageView]:
        """Coded passages, in theme tree order, then by recording (then document), then in the order of the text.

        ``themes`` (ids, names or paths; None: every theme) with ``mode``: ``any`` passages coded with any of
        them; ``all`` passages (the same span) coded with every one of them, one row per coding; ``co`` codings
        of the first theme that overlap, in the same recording or document, a coding of any of the others. With
        ``include_descendants`` a theme stands for itself and every theme below it.

        Filters: ``recordings`` (ids or titles: only passages of those recordings), ``roles`` and
        ``participants`` (codes) of the person who said it, ``coders`` (names), participant ``attributes`` (each
        key must have the value, or one of a list of values; compared as text, without regard to case),
        ``text`` (words the quote contains, without regard to case or spacing), ``documents=False`` (transcripts
        only), ``document`` (an id: only the passages of that text document)."""
        if mode not in MODES:
            raise UserError(f"{mode!r} is not a mode; use one of {', '.join(MODES)}")
        if mode != "any" and len(themes or ()) < (2 if mode == "co" else 1):
            raise UserError(f"mode {mode!r} needs {'two themes or more' if mode == 'co' else 'themes'}")
        with self.transaction() as session:
            table = ThemeTable(session)
            groups = []
            for ref in themes or ():
                theme_id = ThemeService.find(session, ref).id
                groups.append(set(table.subtree(theme_id)) if include_descendants else {theme_id})
            wanted = set().union(*groups) if groups else None
            conditions = [Coding.theme_id.in_(wanted)] if wanted is not None else []
            filters = self._filters(session, recordings, roles, participants, coders, attributes, documents)
            if document is not None:
                filters.append(Coding.document_id == document)
            rows = read(session, table, [*conditions, *filters])
            if mode != "any":
                everything = read(session, table, conditions) if filters else rows
                if mode == "all":
                    chosen = all_themes(everything, groups)
                else:
                    chosen = co_coded(everything, groups[0], set().union(*groups[1:]))
                rows = [row for row in rows if row.view.id in chosen]
        if text is not None and text.strip():
            words = _normal(text)
            rows = [row for row in rows if words in _normal(row.view.text)]
        return in_order(rows)

    def counts_by_theme_and_role(self) -> dict[tuple[int, str | None], int]:
        """How many codings each theme has (itself, not below it) per role of the person who said the passage
        (None: nobody known)."""
        query = with_sources(
            select(Coding.theme_id, Participant.role, func.count(Coding.id)).select_from(Coding)
        ).group_by(Coding.theme_id, Participant.role)
        with self.transaction() as session:
            return {(theme_id, role): n for theme_id, role, n in session.execute(query)}

    # -- helpers -------------------------------------------------------------------------------
    @staticmethod
    def _coding(session: Session, coding_id: int) -> Coding:
        coding = session.get(Coding, coding_id)
        if coding is None:
            raise NotFound(f"no coding {coding_id} in this project")
        return coding

    @staticmethod
    def _themes(session: Session, refs: Iterable[str | int]) -> list[Theme]:
        themes: dict[int, Theme] = {}
        for ref in refs:
            theme = ThemeService.find(session, ref)
            themes.setdefault(theme.id, theme)
        if not themes:
            raise UserError("give at least one theme")
        return list(themes.values())

    @staticmethod
    def _span(session: Session, recording: Recording, sid: int, soff: int, eid: int, eoff: int) -> dict[str, Any]:
        """The coding columns of a span of a transcript, checked and trimmed of surrounding spaces."""
        columns = (Segment.id, Segment.recording_id, Segment.start_ms, Segment.text)
        query = select(*columns).where(Segment.id.in_([sid, eid]))
        rows = {r.id: r for r in session.execute(query)}
        for segment_id, offset in ((sid, soff), (eid, eoff)):
            seg = rows.get(segment_id)
            if seg is None or seg.recording_id != recording.id:
                raise NotFound(f"recording {recording.id} ({recording.title}) has no segment {segment_id}")
            if not 0 <= offset <= len(seg.text):
                raise UserError(
                    f"segment {segment_id}: offset {offset} is outside its text (0 to {len(seg.text)} characters)"
                )
        if (rows[sid].start_ms, sid, soff) > (rows[eid].start_ms, eid, eoff):
            raise UserError(f"the passage ends (segment {eid}, {eoff}) before it starts (segment {sid}, {soff})")
        values = passage(session, recording.id, sid, soff, eid, eoff)
        if values is None:
            raise UserError(f"recording {recording.id}: the passage holds no text; select some words to code")
        return {"recording_id": recording.id, "document_id": None, **values}

    @staticmethod
    def _document_span(session: Session, document_id: int, start: int, end: int) -> dict[str, Any]:
        document = session.get(TextDocument, document_id)
        if document is None:
            raise NotFound(f"no document {document_id} in this project")
        text = document.text
        if not 0 <= start <= end <= len(text):
            raise UserError(
                f"document {document_id} ({document.title}): {start} to {end} is not a span of its text "
                f"(0 to {len(text)} characters)"
            )
        start += len(text[start:end]) - len(text[start:end].lstrip())
        end = start + len(text[start:end].rstrip())
        if start == end:
            raise UserError(f"document {document_id} ({document.title}): the passage holds no text")
        return {
            "recording_id": None,
            "document_id": document_id,
            "start_segment_id": None,
            "start_offset": start,
            "end_segment_id": None,
            "end_offset": end,
            "start_ms": None,
            "end_ms": None,
            "quote": text[start:end],
        }

    @staticmethod
    def _existing(session: Session, values: dict[str, Any], theme_id: int) -> int | None:
        """The coding of this theme on exactly this span, if there is one."""

        def same(column: Any, value: Any) -> Any:
            return column.is_(None) if value is None else column == value

        keys = ("recording_id", "document_id", *_ANCHORS)
        return session.scalar(
            select(Coding.id)
            .where(Coding.theme_id == theme_id, *(same(getattr(Coding, k), values[k]) for k in keys))
            .limit(1)
        )

    def _add(
        self, session: Session, values: dict[str, Any], themes: list[Theme], memo: str, coder: str | None
    ) -> list[int]:
        coder_id = self._coder_id(session, coder)
        made = []
        for theme in themes:
            if self._existing(session, values, theme.id) is None:
                coding = Coding(theme_id=theme.id, coder_id=coder_id, memo=memo.strip(), **values)
                session.add(coding)
                session.flush()
                made.append(coding.id)
        return made

    @staticmethod
    def _coder_id(session: Session, name: str | None) -> int:
        """The coder named (made if new), else the project's first coder (made from the user's name if none)."""
        if name is None:
            first = session.scalar(select(Coder.id).order_by(Coder.id).limit(1))
            if first is not None:
                return first
            from annotator.core.project import default_coder_name  # the project module imports this one

            name = default_coder_name()
        name = name.strip()
        if not name:
            raise UserError("a coder needs a name")
        wanted = name.casefold()
        for coder_id, known in session.execute(select(Coder.id, Coder.name)):
            if known.casefold() == wanted:
                return coder_id
        coder = Coder(name=name)
        session.add(coder)
        session.flush()
        return coder.id

    @staticmethod
    def _filters(
        session: Session,
        recordings: Sequence[str | int] | None,
        roles: Sequence[str] | None,
        participants: Sequence[str | int] | None,
        coders: Sequence[str] | None,
        attributes: dict[str, Any] | None,
        documents: bool,
    ) -> list[Any]:
        conditions: list[Any] = []
        if recordings:
            conditions.append(Coding.recording_id.in_({RecordingService.find(session, r).id for r in recordings}))
        if not documents:
            conditions.append(Coding.recording_id.is_not(None))
        if roles:
            conditions.append(Participant.role.in_({parse_role(r) for r in roles}))
        if participants:
            conditions.append(PARTICIPANT_ID.in_({ParticipantService.find(session, p).id for p in participants}))
        if coders:
            names = {name.casefold(): coder_id for coder_id, name in session.execute(select(Coder.id, Coder.name))}
            missing = [c for c in coders if c.strip().casefold() not in names]
            if missing:
                raise NotFound(f"no coder {missing[0].strip()!r} in this project")
            conditions.append(Coding.coder_id.in_({names[c.strip().casefold()] for c in coders}))
        if attributes:
            wanted = {
                key: {_normal(str(v)) for v in (value if isinstance(value, list | tuple | set) else [value])}
                for key, value in attributes.items()
            }
            people = session.execute(select(Participant.id, Participant.attributes)).all()
            matching = {
                pid
                for pid, attrs in people
                if all(key in (attrs or {}) and _normal(str(attrs[key])) in values for key, values in wanted.items())
            }
            conditions.append(PARTICIPANT_ID.in_(matching))
        return conditions

    def _views(self, session: Session, ids: Sequence[int]) -> list[PassageView]:
        if not ids:
            return []
        return in_order(read(session, ThemeTable(session), [Coding.id.in_(list(ids))]))

    def _view(self, session: Session, coding_id: int) -> PassageView:
        views = self._views(session, [coding_id])
        if not views:
            raise NotFound(f"no coding {coding_id} in this project")
        return views[0]
