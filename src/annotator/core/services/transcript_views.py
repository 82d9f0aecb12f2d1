"""What the transcript editor gets back from :class:`~annotator.core.services.editing.EditingService`.

Plain frozen dataclasses, without the database: a recording's transcript (segments with their words, speakers,
gaps) and the outcome of a replace-all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WordView:
    start_ms: int
    end_ms: int
    text: str
    char_start: int | None
    char_end: int | None
    probability: float | None


@dataclass(frozen=True, slots=True)
class SegmentView:
    id: int
    start_ms: int
    end_ms: int
    speaker_id: int | None
    speaker: str | None
    text: str
    status: str
    flags: tuple[str, ...]
    words: tuple[WordView, ...]


@dataclass(frozen=True, slots=True)
class SpeakerView:
    id: int
    label: str
    participant_id: int | None
    channel: int | None


@dataclass(frozen=True, slots=True)
class GapView:
    start_ms: int
    end_ms: int
    channel: int | None


@dataclass(frozen=True, slots=True)
class TranscriptView:
    recording_id: int
    segments: tuple[SegmentView, ...]
    speakers: tuple[SpeakerView, ...]
    gaps: tuple[GapView, ...]


@dataclass(frozen=True, slots=True)
class Replaced:
    count: int  # occurrences replaced
    segments: tuple[SegmentView, ...]
