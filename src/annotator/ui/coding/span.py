"""A span of text a person selected: in a transcript (segment, offset .. segment, offset) or in field notes.

Spans travel between panels (the transcript or the notes, dragged onto a theme) as JSON under :data:`SPAN_MIME`.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from PySide6.QtCore import QMimeData

SPAN_MIME = "application/x-annotator-span"


@dataclass(frozen=True)
class Span:
    """Where a passage is: in a recording's transcript (segments and offsets into their text) or in a document
    (offsets into its text, segments None). ``text`` is what was selected, for messages and previews."""

    recording_id: int | None = None
    document_id: int | None = None
    start_segment_id: int | None = None
    start_offset: int = 0
    end_segment_id: int | None = None
    end_offset: int = 0
    text: str = ""

    @property
    def in_transcript(self) -> bool:
        return self.recording_id is not None

    def to_json(self) -> bytes:
        return json.dumps(asdict(self)).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Span | None:
        try:
            values = json.loads(bytes(data).decode())
            span = cls(**values)
        except (ValueError, TypeError):
            return None
        if (span.recording_id is None) == (span.document_id is None):
            return None
        return span

    def add_to(self, mime: QMimeData) -> QMimeData:
        mime.setData(SPAN_MIME, self.to_json())
        return mime

    @classmethod
    def from_mime(cls, mime: QMimeData) -> Span | None:
        return cls.from_json(mime.data(SPAN_MIME).data()) if mime.hasFormat(SPAN_MIME) else None
