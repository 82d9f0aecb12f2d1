"""Transcripts: store what the recogniser heard, segment by segment, and read it back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from annotator.core.models import Gap, Recording, Segment, SegmentStatus, Speaker, Word
from annotator.core.services.base import Service
from annotator.core.services.person_work import foreign_transcript, person_work
from annotator.core.services.recordings import RecordingService
from annotator.core.services.transcript_rows import segment_views
from annotator.errors import UserError


@dataclass(frozen=True)
class NewWord:
    start_ms: int
    end_ms: int
    text: str
    probability: float | None


@dataclass
class NewSegment:
    start_ms: int
    end_ms: int
    text: str
    words: list[NewWord] = field(default_factory=list)
    speaker: str | None = None  # a speaker label of the recording ("Channel 1"), made if new
    channel: int | None = None
    flags: list[str] = field(default_factory=list)
    avg_logprob: float | None = None
    no_speech_prob: float | None = None
    compression_ratio: float | None = None

    def same_as(self, stored: Segment) -> bool:
        return (self.start_ms, self.end_ms, self.text) == (stored.start_ms, stored.end_ms, stored.text)


@dataclass
class ResumePlan:
    pending: list[Segment]  # the recogniser's segments stored after the checkpoint, in time order
    kept: list[tuple[int, int]]  # (start, end) of a person's segments after the checkpoint: not heard again

    def outside_kept(self, segment: NewSegment) -> NewSegment | None:
        """The part of a newly heard segment that a person's segment does not already cover: its words outside
        every kept stretch (None when nothing is left)."""
        if not self.kept:
            return segment

        def inside(start: int, end: int) -> bool:
            middle = (start + end) // 2
            return any(a <= middle < b or a == b == middle for a, b in self.kept)

        if not segment.words:
            return None if inside(segment.start_ms, segment.end_ms) else segment
        words = [w for w in segment.words if not inside(w.start_ms, w.end_ms)]
        if len(words) == len(segment.words):
            return segment
        text = " ".join(w.text.strip() for w in words if w.text.strip())
        if not text:
            return None
        return NewSegment(
            start_ms=words[0].start_ms,
            end_ms=max(words[-1].end_ms, words[0].start_ms),
            text=text,
            words=words,
            speaker=segment.speaker,
            channel=segment.channel,
            flags=list(segment.flags),
            avg_logprob=segment.avg_logprob,
            no_speech_prob=segment.no_speech_prob,
            compression_ratio=segment.compression_ratio,
        )


def word_offsets(text: str, words: list[str]) -> list[tuple[int | None, int | None]]:
    """Where each word stands in the segment's text (None where it cannot be found in order)."""
    offsets: list[tuple[int | None, int | None]] = []
    cursor = 0
    for word in words:
        token = word.strip()
        index = text.find(token, cursor) if token else -1
        if index < 0:
            offsets.append((None, None))
            continue
        offsets.append((index, index + len(token)))
        cursor = index + len(token)
    return offsets


class TranscriptService(Service):
    # -- writing (the recogniser's side) -------------------------------------------------------
    def begin(self, recording_id: int, settings: dict[str, Any], restart: bool) -> Recording:
        """Start or resume a run: on restart remove the old transcript (refused if a person worked on it)."""
        with self.transaction() as session:
            recording = session.get(Recording, recording_id)
            if recording is None:
                raise UserError(f"no recording {recording_id} in this project")
            if restart:
                self._check_untouched(session, recording)
                session.execute(delete(Segment).where(Segment.recording_id == recording.id))
                session.execute(delete(Gap).where(Gap.recording_id == recording.id))
                recording.transcribed_ms = 0
                recording.transcription = {}
            if not recording.transcription or restart:
                recording.transcription = {**settings, "status": "running", "started_at": _now()}
            else:
                recording.transcription = {**recording.transcription, "status": "running"}
            return recording

    def check_restart(self, recording_id: int) -> None:
        """Refuse to start over where a person has edited, verified or coded the transcript."""
        with self.transaction() as session:
            recording = session.get(Recording, recording_id)
            if recording is not None:
                self._check_untouched(session, recording)

    @staticmethod
    def _check_untouched(session: Session, recording: Recording) -> None:
        work = person_work(session, recording.id)
        if work:
            raise UserError(
                f"recording {recording.id} ({recording.title}) has {work.describe()}; "
                "starting its transcription over would lose them"
            )

    def foreign_transcript(self, recording_id: int) -> int:
        """How many segments of the recording no transcription run here stored (an imported transcript)."""
        with self.reading() as session:
            recording = session.get(Recording, recording_id)
            return foreign_transcript(session, recording) if recording is not None else 0

    def resume_plan(self, recording_id: int) -> ResumePlan:
        """What a run that goes on from the last checkpoint finds stored after it: the recogniser's segments
        (heard again, kept when they come out the same) and the stretches of a person's work, which stand."""
        with self.reading() as session:
            recording = session.get(Recording, recording_id)
            assert recording is not None
            since = recording.transcribed_ms
            work = person_work(session, recording_id, ending_after_ms=since)
            rows = session.scalars(
                select(Segment)
                .where(Segment.recording_id == recording_id, Segment.end_ms > since)
                .order_by(Segment.start_ms, Segment.id)
            ).all()
            pending = [s for s in rows if s.id not in work.segment_ids and s.start_ms >= since]
            kept = [(s.start_ms, s.end_ms) for s in rows if s.id in work.segment_ids]
            return ResumePlan(pending, kept)

    def drop_unworked(self, recording_id: int, segment_ids: list[int]) -> list[tuple[int, int]]:
        """Delete these segments of the recogniser's, except those a person has worked on by now; returns the
        (start, end) of the ones that stay."""
        if not segment_ids:
            return []
        with self.transaction() as session:
            work = person_work(session, recording_id)
            stay = [sid for sid in segment_ids if sid in work.segment_ids]
            go = [sid for sid in segment_ids if sid not in work.segment_ids]
            if go:
                session.execute(delete(Segment).where(Segment.id.in_(go)))
            if not stay:
                return []
            rows = session.execute(
                select(Segment.start_ms, Segment.end_ms).where(Segment.id.in_(stay)).order_by(Segment.start_ms)
            ).all()
            return [(a, b) for a, b in rows]

    def add_segment(self, recording_id: int, new: NewSegment) -> int:
        """Store one segment with its words in one transaction; returns its id."""
        with self.transaction() as session:
            speaker_id = self._speaker_id(session, recording_id, new.speaker, new.channel) if new.speaker else None
            segment = Segment(
                recording_id=recording_id,
                start_ms=new.start_ms,
                end_ms=max(new.end_ms, new.start_ms),
                speaker_id=speaker_id,
                text=new.text,
                status=SegmentStatus.ASR.value,
                flags=list(new.flags),
                avg_logprob=new.avg_logprob,
                no_speech_prob=new.no_speech_prob,
                compression_ratio=new.compression_ratio,
            )
            session.add(segment)
            session.flush()
            offsets = word_offsets(new.text, [w.text for w in new.words])
            session.add_all(
                Word(
                    segment_id=segment.id,
                    position=i,
                    start_ms=w.start_ms,
                    end_ms=max(w.end_ms, w.start_ms),
                    text=w.text.strip(),
                    char_start=start,
                    char_end=end,
                    probability=w.probability,
                )
                for i, (w, (start, end)) in enumerate(zip(new.words, offsets, strict=True))
            )
            return segment.id

    @staticmethod
    def _speaker_id(session: Session, recording_id: int, label: str, channel: int | None) -> int:
        speaker = session.scalars(
            select(Speaker).where(Speaker.recording_id == recording_id, Speaker.label == label)
        ).one_or_none()
        if speaker is None:
            speaker = Speaker(recording_id=recording_id, label=label, channel=channel)
            session.add(speaker)
            session.flush()
        return speaker.id

    def add_flag(self, segment_ids: list[int], flag: str) -> None:
        with self.transaction() as session:
            for segment in session.scalars(select(Segment).where(Segment.id.in_(segment_ids))):
                if flag not in segment.flags:
                    segment.flags = [*segment.flags, flag]

    def checkpoint(self, recording_id: int, until_ms: int, gaps: list[tuple[int, int, int | None]]) -> None:
        """A window is finished: record its gaps (joined to one that ends where it starts) and the progress."""
        with self.transaction() as session:
            for start, end, channel in gaps:
                same_channel = Gap.channel.is_(None) if channel is None else Gap.channel == channel
                previous = session.scalars(
                    select(Gap).where(Gap.recording_id == recording_id, Gap.end_ms == start, same_channel)
                ).first()
                if previous is not None:
                    previous.end_ms = end
                else:
                    session.add(Gap(recording_id=recording_id, start_ms=start, end_ms=end, channel=channel))
            recording = session.get(Recording, recording_id)
            assert recording is not None
            recording.transcribed_ms = until_ms

    def finish(self, recording_id: int, status: str, **details: Any) -> None:
        with self.transaction() as session:
            recording = session.get(Recording, recording_id)
            assert recording is not None
            info = {**recording.transcription, "status": status, **details}
            if status == "done":
                info["finished_at"] = _now()
            recording.transcription = info

    # -- reading -------------------------------------------------------------------------------
    def segment_count(self, recording_id: int) -> int:
        with self.reading() as session:
            return session.scalar(select(func.count(Segment.id)).where(Segment.recording_id == recording_id)) or 0

    def as_dict(self, ref: str | int) -> dict[str, Any]:
        """The stored transcript, as ``annotator transcript --json`` prints it."""
        with self.reading() as session:
            recording = RecordingService.find(session, ref)
            segments = segment_views(session, Segment.recording_id == recording.id)
            gaps = session.scalars(select(Gap).where(Gap.recording_id == recording.id).order_by(Gap.start_ms)).all()
            return {
                "recording": {
                    "id": recording.id,
                    "guid": recording.guid,
                    "title": recording.title,
                    "duration_ms": recording.duration_ms,
                    "language": recording.language,
                    "transcribed_ms": recording.transcribed_ms,
                    "transcription": recording.transcription,
                },
                "segments": [segment.as_dict() for segment in segments],
                "gaps": [{"start_ms": g.start_ms, "end_ms": g.end_ms, "channel": g.channel} for g in gaps],
            }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
