"""What the transcript editor gets back from :class:`~annotator.core.services.editing.EditingService`.

Plain frozen dataclasses, without the database: a recording's transcript (segments with their words, speakers,
gaps) and the outcome of a replace-all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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

    def as_dict(self) -> dict[str, Any]:
        """The segment as ``annotator transcript --json`` (and ``annotator edit --json``) prints it."""
        return {
            "id": self.id,
            "start_ms": self.start_ms,
            "end_ms": self.end_ms,
            "speaker": self.speaker,
            "text": self.text,
            "status": self.status,
            "flags": list(self.flags),
            "words": [
                {"start_ms": w.start_ms, "end_ms": w.end_ms, "text": w.text, "probability": w.probability}
                for w in self.words
            ],
        }


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
