"""Undo for the transcript editor: snapshots of the rows an operation touches, and putting them back.

:meth:`~annotator.core.services.editing.EditingService.apply` runs an operation between two :class:`Snapshot` s
of the rows it touches (segments, their words, the speakers involved and every coding that covers the
segments); undo and redo put one snapshot's rows back with the same ids and guids (:func:`restore`). Passages
coded meanwhile, outside the undo history, on the segments being replaced are kept and re-anchored on the
restored text; a theme deleted meanwhile takes its passages with it, a deleted coder leaves them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, insert, or_, select, update
from sqlalchemy.orm import Session

from annotator.core.models import Coder, Coding, Segment, Speaker, Theme, Word
from annotator.core.services.transcript_rows import covering, place_codings, segment_views
from annotator.core.services.transcript_views import SegmentView
from annotator.core.textdiff import END, START, TextMap

SEGMENTS = Segment.__table__
WORDS = Word.__table__
SPEAKERS = Speaker.__table__
CODINGS = Coding.__table__


@dataclass(frozen=True)
class Snapshot:
    """Full rows (every column, as dicts) of some segments and of what hangs on them."""

    ids: tuple[int, ...]  # the segments captured (those that existed)
    segments: tuple[dict[str, Any], ...] = ()
    words: tuple[dict[str, Any], ...] = ()
    speakers: tuple[dict[str, Any], ...] = ()
    codings: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class Change:
    """One operation, undoable: ``undo(change)`` restores ``before``, ``redo(change)`` restores ``after``."""

    op: str
    before: Snapshot
    after: Snapshot
    result: Any = None

    @property
    def segment_ids(self) -> tuple[int, ...]:
        """Every segment the change made, removed or altered (for the editor to redraw)."""
        return tuple(sorted(set(self.before.ids) | set(self.after.ids)))

    @property
    def changed(self) -> bool:
        return self.before != self.after


def take(
    session: Session,
    segment_ids: Iterable[int],
    speaker_ids: Iterable[int] = (),
    *,
    like: Snapshot | None = None,
) -> Snapshot:
    """The rows of these segments, their words, the speakers they use (and ``speaker_ids``) and the codings
    that cover them; with ``like``, also the speakers and codings of ``like`` that still exist."""
    wanted = sorted(set(segment_ids))
    segments = [
        dict(r)
        for r in session.execute(select(SEGMENTS).where(SEGMENTS.c.id.in_(wanted)).order_by(SEGMENTS.c.id)).mappings()
    ]
    ids = [r["id"] for r in segments]
    words = session.execute(
        select(WORDS).where(WORDS.c.segment_id.in_(ids)).order_by(WORDS.c.segment_id, WORDS.c.position)
    ).mappings()
    speakers = {r["speaker_id"] for r in segments if r["speaker_id"] is not None} | set(speaker_ids)
    coding_ids = set()
    if like is not None:
        speakers |= {r["id"] for r in like.speakers}
        coding_ids |= {r["id"] for r in like.codings}
    by_recording: dict[int, list[int]] = defaultdict(list)
    for r in segments:
        by_recording[r["recording_id"]].append(r["id"])
    coding_ids |= {c.id for rid, sids in by_recording.items() for c in covering(session, rid, sids)}
    return Snapshot(
        ids=tuple(ids),
        segments=tuple(segments),
        words=tuple(dict(r) for r in words),
        speakers=tuple(
            dict(r)
            for r in session.execute(
                select(SPEAKERS).where(SPEAKERS.c.id.in_(speakers)).order_by(SPEAKERS.c.id)
            ).mappings()
        ),
        codings=tuple(
            dict(r)
            for r in session.execute(
                select(CODINGS).where(CODINGS.c.id.in_(coding_ids)).order_by(CODINGS.c.id)
            ).mappings()
        ),
    )


def restore(session: Session, target: Snapshot, current: Snapshot | Iterable[int]) -> tuple[SegmentView, ...]:
    """Make the rows of ``target`` the truth again: the segments in ``current`` (a snapshot, or just the segment
    ids now standing for it) and in ``target`` are deleted and ``target``'s rows inserted with the same ids and
    guids. Given a snapshot, speakers it has and ``target`` has not are deleted when unused. Returns those
    segments as they are now."""
    if isinstance(current, Snapshot):
        current_ids = set(current.ids)
        current_codings = {c["id"] for c in current.codings}
        current_speakers = {s["id"] for s in current.speakers}
    else:
        current_ids, current_codings, current_speakers = set(current), set(), set()
    seg_ids = current_ids | set(target.ids)
    known = current_codings | {c["id"] for c in target.codings}
    # Passages coded since the change, outside the undo history, on segments about to be replaced.
    strangers = [
        dict(r)
        for r in session.execute(
            select(CODINGS).where(
                or_(CODINGS.c.start_segment_id.in_(seg_ids), CODINGS.c.end_segment_id.in_(seg_ids)),
                CODINGS.c.id.not_in(known),
            )
        ).mappings()
    ]
    old_texts = dict(session.execute(select(Segment.id, Segment.text).where(Segment.id.in_(seg_ids))).all())
    session.execute(delete(CODINGS).where(CODINGS.c.id.in_(known)))
    session.execute(delete(SEGMENTS).where(SEGMENTS.c.id.in_(seg_ids)))
    for row in target.speakers:
        stored = session.execute(select(SPEAKERS).where(SPEAKERS.c.id == row["id"])).mappings().one_or_none()
        if stored is None:
            session.execute(insert(SPEAKERS).values(row))
        elif dict(stored) != row:
            session.execute(update(SPEAKERS).where(SPEAKERS.c.id == row["id"]).values(row))
    for table, rows in ((SEGMENTS, target.segments), (WORDS, target.words)):
        if rows:
            session.execute(insert(table), [dict(r) for r in rows])
    insert_codings(session, [dict(c) for c in target.codings])
    made = current_speakers - {s["id"] for s in target.speakers}
    if made:
        used = exists().where(SEGMENTS.c.speaker_id == SPEAKERS.c.id)
        session.execute(delete(SPEAKERS).where(SPEAKERS.c.id.in_(made), ~used))
    for row in strangers:
        reanchor(session, row, old_texts)
    # Passages coded meanwhile that run over the restored segments, beginning and ending outside them: their
    # anchors hold, their quote and times follow the restored text.
    placed = {c["id"] for c in target.codings} | {row["id"] for row in strangers}
    for recording_id in {r["recording_id"] for r in target.segments}:
        over = {c.id: tuple(c[1:]) for c in covering(session, recording_id, target.ids) if c.id not in placed}
        if over:
            place_codings(session, recording_id, over)
    return tuple(segment_views(session, Segment.id.in_(seg_ids)))


def insert_codings(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert coding rows; a theme deleted meanwhile takes its passages with it, a coder leaves them."""
    if not rows:
        return
    themes = set(session.scalars(select(Theme.id).where(Theme.id.in_({r["theme_id"] for r in rows}))))
    coders = set(session.scalars(select(Coder.id).where(Coder.id.in_({r["coder_id"] for r in rows}))))
    rows = [
        {**r, "coder_id": r["coder_id"] if r["coder_id"] in coders else None} for r in rows if r["theme_id"] in themes
    ]
    if rows:
        session.execute(insert(CODINGS), rows)


def reanchor(session: Session, row: dict[str, Any], old_texts: dict[int, str]) -> None:
    """Put back a passage coded outside the undo history, its anchors mapped from ``old_texts`` (its segments'
    text before the restore) onto the restored text; gone if one of its segments is."""
    new_texts = dict(
        session.execute(
            select(Segment.id, Segment.text).where(Segment.id.in_([row["start_segment_id"], row["end_segment_id"]]))
        ).all()
    )
    ends = []
    for key, side in (("start", START), ("end", END)):
        sid, off = row[f"{key}_segment_id"], row[f"{key}_offset"]
        if sid not in new_texts:
            return  # its segment is gone: so is the passage
        if sid in old_texts:
            off = TextMap(old_texts[sid], new_texts[sid]).candidates(off, side)[0]
        ends.append((sid, off))
    insert_codings(session, [row])
    place_codings(session, row["recording_id"], {row["id"]: (*ends[0], *ends[1])})
