"""What a person did to a transcript, which the machine never overwrites or drops.

One rule, used by every route that writes a transcript for a person (a resumed or repeated transcription,
``--restart``, an import, a merge): a segment is a person's work when a person

- edited or verified it (``status`` is not ``asr``),
- changed it otherwise: its times, its speaker, split or merged it (``touched_at`` is set by every editing
  operation, :mod:`annotator.core.services.editing`),
- or coded it: a coded passage (with its memo) starts in it, ends in it or runs across it.

A transcript the recogniser did not make for this recording (imported from a file, a REFI-QDA project, a
colleague's copy) is a person's as a whole: :func:`foreign_transcript` says so, and transcription replaces
it only when asked to start over (and then still refuses where a person worked).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from annotator.core.models import Coding, Recording, Segment, SegmentStatus, utcnow

# How the recording's ``transcription`` record says where its transcript came from.
RECOGNISER_STATUSES = ("running", "cancelled", "failed", "done")


@dataclass(frozen=True)
class PersonWork:
    """A person's work on one recording's transcript."""

    segment_ids: frozenset[int]
    changed: int  # segments edited, verified or otherwise changed
    codings: int

    def __bool__(self) -> bool:
        return bool(self.segment_ids)

    def describe(self) -> str:
        parts = []
        if self.changed:
            parts.append(f"{self.changed} edited or verified segment{'s' if self.changed != 1 else ''}")
        if self.codings:
            parts.append(f"{self.codings} coding{'s' if self.codings != 1 else ''}")
        return " and ".join(parts) or "no work"


def person_work(session: Session, recording_id: int, *, ending_after_ms: int | None = None) -> PersonWork:
    """The segments of a recording a person worked on (only those ending after ``ending_after_ms``, if given)."""
    order = session.execute(
        select(Segment.id, Segment.end_ms, Segment.status, Segment.touched_at)
        .where(Segment.recording_id == recording_id)
        .order_by(Segment.start_ms, Segment.id)
    ).all()
    position = {row.id: index for index, row in enumerate(order)}
    worked: set[int] = set()
    changed = 0
    for row in order:
        if row.status != SegmentStatus.ASR.value or row.touched_at is not None:
            worked.add(row.id)
            changed += 1
    codings = session.execute(
        select(Coding.start_segment_id, Coding.end_segment_id).where(Coding.recording_id == recording_id)
    ).all()
    for start_id, end_id in codings:
        first, last = position.get(start_id), position.get(end_id)
        if first is None and last is None:
            continue
        first = last if first is None else first
        last = first if last is None else last
        worked.update(order[i].id for i in range(min(first, last), max(first, last) + 1))
    if ending_after_ms is not None:
        ends = {row.id: row.end_ms for row in order}
        worked = {sid for sid in worked if ends[sid] > ending_after_ms}
    return PersonWork(frozenset(worked), changed, len(codings))


def mark_touched(session: Session, segment_ids: Iterable[int], when: dt.datetime | None = None) -> None:
    """Record that a person changed these segments (those that still exist)."""
    ids = list(set(segment_ids))
    if ids:
        session.execute(update(Segment).where(Segment.id.in_(ids)).values(touched_at=when or utcnow()))


def foreign_transcript(session: Session, recording: Recording) -> int:
    """How many segments the recording has that no transcription run of this project stored (0: none, or the
    transcript is the recogniser's, from a run that can go on)."""
    status = (recording.transcription or {}).get("status")
    if status in RECOGNISER_STATUSES and "model" in (recording.transcription or {}):
        return 0
    return session.scalar(select(func.count(Segment.id)).where(Segment.recording_id == recording.id)) or 0


def mark_imported(session: Session, recording: Recording, source: str) -> None:
    """The recording's transcript came from ``source`` (a file, a REFI-QDA project, a colleague's copy): it counts
    as done, and transcribing the recording again needs ``--restart`` (which refuses where a person worked)."""
    recording.transcribed_ms = recording.duration_ms
    recording.transcription = {
        "status": "done",
        "imported_from": source,
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
