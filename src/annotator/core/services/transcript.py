"""Transcripts: store what the recogniser heard, segment by segment, and read it back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from annotator.core.models import Coding, Gap, Recording, Segment, SegmentStatus, Speaker, Word
from annotator.core.services.base import Service
from annotator.core.services.recordings import RecordingService
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
        worked = session.scalar(
            select(func.count(Segment.id)).where(
                Segment.recording_id == recording.id, Segment.status != SegmentStatus.ASR.value
            )
        )
        coded = session.scalar(select(func.count(Coding.id)).where(Coding.recording_id == recording.id))
        if worked or coded:
            raise UserError(
                f"recording {recording.id} ({recording.title}) has {worked} edited or verified segments and "
                f"{coded} codings; starting its transcription over would lose them"
            )

    def pending_after_checkpoint(self, recording_id: int) -> list[Segment]:
        """Segments stored after the last checkpoint: a run that stopped in the middle of a window."""
        with self.transaction() as session:
            recording = session.get(Recording, recording_id)
            assert recording is not None
            return list(
                session.scalars(
                    select(Segment)
                    .where(Segment.recording_id == recording_id, Segment.start_ms >= recording.transcribed_ms)
                    .order_by(Segment.start_ms, Segment.id)
                )
            )

    def drop_segments(self, segment_ids: list[int]) -> None:
        if segment_ids:
            with self.transaction() as session:
                session.execute(delete(Segment).where(Segment.id.in_(segment_ids)))

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
        with self.transaction() as session:
            return session.scalar(select(func.count(Segment.id)).where(Segment.recording_id == recording_id)) or 0

    def as_dict(self, ref: str | int) -> dict[str, Any]:
        """The stored transcript, as ``annotator transcript --json`` prints it."""
        with self.transaction() as session:
            recording = RecordingService.find(session, ref)
            segments = session.scalars(
                select(Segment)
                .where(Segment.recording_id == recording.id)
                .order_by(Segment.start_ms, Segment.id)
                .options(selectinload(Segment.words), selectinload(Segment.speaker))
            ).all()
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
                "segments": [
                    {
                        "id": s.id,
                        "start_ms": s.start_ms,
                        "end_ms": s.end_ms,
                        "speaker": s.speaker.label if s.speaker else None,
                        "text": s.text,
                        "status": s.status,
                        "flags": list(s.flags),
                        "words": [
                            {"start_ms": w.start_ms, "end_ms": w.end_ms, "text": w.text, "probability": w.probability}
                            for w in s.words
                        ],
                    }
                    for s in segments
                ],
                "gaps": [{"start_ms": g.start_ms, "end_ms": g.end_ms, "channel": g.channel} for g in gaps],
            }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
