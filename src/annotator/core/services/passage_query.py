"""Reading coded passages: the rows :class:`~annotator.core.services.coding.CodingService` returns, in one query.

A passage is read with a single column-level ``select()`` that joins a coding to its recording or document, the
segment it starts in (for the speaker and the text order), the segment it ends in, the speaker, the participant
and the coder; theme names, paths, colours and the tree order come from one small query of the themes. No
per-row queries, so gathering every passage of a theme across a whole study stays well under 100 ms
(``bench/passages.py``).

Who said it: the speaker of the segment the passage starts in, mapped to a participant (none while the speaker
is not mapped); with no speaker, the recording's participant (the person interviewed); for a text document, the
document's participant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session, aliased

from annotator.core.models import Coder, Coding, Participant, Recording, Segment, Speaker, TextDocument, Theme


@dataclass(frozen=True, slots=True)
class PassageView:
    """One coding: a passage of a transcript or a text document assigned to a theme."""

    id: int
    guid: str
    theme_id: int
    theme: str  # the theme's name
    theme_path: str  # "Parent/Child"
    theme_color: str
    recording_id: int | None
    recording: str | None  # the recording's title
    document_id: int | None
    document: str | None  # the document's title
    speaker: str | None  # the label of the speaker of the segment the passage starts in
    participant: str | None  # code: the speaker's participant; without a speaker the recording's; or the document's
    role: str | None  # that participant's role
    start_ms: int | None  # time of the first word (None in a document)
    end_ms: int | None  # time of the last word
    text: str  # the quote: the text the passage covers
    memo: str
    coder: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    # Where it is: (segment, offset) .. (segment, offset) in a transcript; offsets into the text of a document.
    start_segment_id: int | None
    start_offset: int
    end_segment_id: int | None
    end_offset: int


@dataclass(frozen=True, slots=True)
class ThemeInfo:
    id: int
    parent_id: int | None
    name: str
    path: str
    color: str
    rank: int  # place in the tree, depth first


class ThemeTable:
    """Every theme, from one query: names, paths, colours, tree order and sub-themes."""

    def __init__(self, session: Session) -> None:
        rows = session.execute(
            select(Theme.id, Theme.parent_id, Theme.position, Theme.name, Theme.color).order_by(
                Theme.position, Theme.id
            )
        ).all()
        self.children: dict[int | None, list[int]] = {}
        for row in rows:  # in position order, so each list of children is in order
            self.children.setdefault(row.parent_id, []).append(row.id)
        known = {row.id for row in rows}
        roots = [row.id for row in rows if row.parent_id is None or row.parent_id not in known]
        by_id = {row.id: row for row in rows}
        self.themes: dict[int, ThemeInfo] = {}

        def visit(theme_id: int, prefix: str) -> None:
            row = by_id[theme_id]
            path = f"{prefix}/{row.name}" if prefix else row.name
            self.themes[theme_id] = ThemeInfo(row.id, row.parent_id, row.name, path, row.color, len(self.themes))
            for child in self.children.get(theme_id, ()):
                visit(child, path)

        for root in roots:
            visit(root, "")

    def subtree(self, theme_id: int) -> list[int]:
        """The theme and every theme below it."""
        ids, frontier = [theme_id], [theme_id]
        while frontier:
            frontier = [c for t in frontier for c in self.children.get(t, ())]
            ids.extend(frontier)
        return ids


_first, _last = aliased(Segment), aliased(Segment)
# Who said it: the speaker's participant; with no speaker (a mono transcript), the recording's; for field
# notes, the document's. A speaker not yet mapped to anyone ("Channel 1") is nobody's: guessing the
# recording's participant would put the interviewer's words in the child's mouth.
PARTICIPANT_ID = case(
    (Speaker.id.is_not(None), Speaker.participant_id),
    else_=func.coalesce(Recording.participant_id, TextDocument.participant_id),
)
_COLUMNS = (
    Coding.id,
    Coding.guid,
    Coding.theme_id,
    Coding.recording_id,
    Recording.title,
    Coding.document_id,
    TextDocument.title,
    Speaker.label,
    Participant.code,
    Participant.role,
    Coding.start_ms,
    Coding.end_ms,
    Coding.quote,
    Coding.memo,
    Coder.name,
    Coding.created_at,
    Coding.updated_at,
    Coding.start_segment_id,
    Coding.start_offset,
    Coding.end_segment_id,
    Coding.end_offset,
    _first.start_ms,  # for the order of the text
    _last.start_ms,
)


def with_sources(query: Select[Any]) -> Select[Any]:
    """Join a query on codings to what says who said a passage (recording, document, segment, speaker)."""
    return (
        query.outerjoin(Recording, Recording.id == Coding.recording_id)
        .outerjoin(TextDocument, TextDocument.id == Coding.document_id)
        .outerjoin(_first, _first.id == Coding.start_segment_id)
        .outerjoin(Speaker, Speaker.id == _first.speaker_id)
        .outerjoin(Participant, Participant.id == PARTICIPANT_ID)
    )


@dataclass(frozen=True, slots=True)
class Row:
    """A passage as read, with what orders it and places it in its text."""

    view: PassageView
    sort_key: tuple[Any, ...]
    start: tuple[int, int, int]  # (segment start ms, segment id, offset); (0, 0, offset) in a document
    end: tuple[int, int, int]

    @property
    def source(self) -> tuple[str, int]:
        v = self.view
        return ("recording", v.recording_id) if v.recording_id is not None else ("document", v.document_id or 0)

    @property
    def span(self) -> tuple[Any, ...]:
        v = self.view
        return (*self.source, v.start_segment_id, v.start_offset, v.end_segment_id, v.end_offset)


def read(session: Session, themes: ThemeTable, conditions: Iterable[Any]) -> list[Row]:
    """The passages meeting ``conditions`` (SQL expressions on the joined tables), in no particular order."""
    query = (
        with_sources(select(*_COLUMNS).select_from(Coding))
        .outerjoin(_last, _last.id == Coding.end_segment_id)
        .outerjoin(Coder, Coder.id == Coding.coder_id)
        .where(*conditions)
    )
    rows = []
    for r in session.connection().execute(query):  # plain rows, without the ORM's result machinery
        cid, guid, tid, rid, rtitle, did, dtitle, speaker, code, role, s_ms, e_ms, quote, memo, coder = r[:15]
        created, updated, sid, soff, eid, eoff, first_ms, last_ms = r[15:]
        theme = themes.themes[tid]
        view = PassageView(
            cid,
            guid,
            tid,
            theme.name,
            theme.path,
            theme.color,
            rid,
            rtitle,
            did,
            dtitle,
            speaker,
            code,
            role,
            s_ms,
            e_ms,
            quote,
            memo,
            coder,
            created,
            updated,
            sid,
            soff,
            eid,
            eoff,
        )
        start = (first_ms or 0, sid or 0, soff)
        end = (last_ms or 0, eid or 0, eoff)
        source = (0, rid) if rid is not None else (1, did)
        rows.append(Row(view, (theme.rank, *source, *start, cid), start, end))
    return rows


def in_order(rows: Iterable[Row]) -> list[PassageView]:
    """Theme tree order, then recordings (by id) before documents, then the order of the text."""
    return [row.view for row in sorted(rows, key=lambda row: row.sort_key)]


def all_themes(rows: Sequence[Row], groups: Sequence[set[int]]) -> set[int]:
    """The codings of passages (the same span) coded with a theme of every group."""
    by_span: dict[tuple[Any, ...], list[Row]] = {}
    for row in rows:
        by_span.setdefault(row.span, []).append(row)
    chosen: set[int] = set()
    for same in by_span.values():
        themes = {row.view.theme_id for row in same}
        if all(themes & group for group in groups):
            chosen.update(row.view.id for row in same if any(row.view.theme_id in group for group in groups))
    return chosen


def co_coded(rows: Sequence[Row], first: set[int], others: set[int]) -> set[int]:
    """The codings of a theme in ``first`` that overlap, in the same source, a coding of a theme in ``others``."""
    by_source: dict[tuple[str, int], list[Row]] = {}
    for row in rows:
        if row.view.theme_id in others:
            by_source.setdefault(row.source, []).append(row)
    chosen: set[int] = set()
    for row in rows:
        if row.view.theme_id not in first:
            continue
        for other in by_source.get(row.source, ()):
            if other.view.id != row.view.id and row.start < other.end and other.start < row.end:
                chosen.add(row.view.id)
                break
    return chosen
