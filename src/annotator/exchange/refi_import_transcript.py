"""A REFI-QDA transcript made into Annotator's segments: lines, speakers, times from the sync points.

A transcript is plain text with ``SyncPoint`` s, each tying a position in the text to a time in the recording.
Each non-empty line becomes a segment (a transcript written as one long line is cut at its sync points instead,
each piece said by the line's speaker).
A line that begins with a short label and a colon (``Anak: Saya merasa ...``, ``I: ...``) is said by that speaker;
the label is not part of the segment's text (this is how Annotator's own export writes speakers).

Times: a position's time is read off the sync points, straight between the nearest one before and after it (the
text's start counts as 0 ms and its end as the recording's end where no sync point is). Where several sync points
share a position, a segment starts at the earliest of their times and ends at the latest; its words, each given
the time of its place in the text, start at the latest and end at the earliest (a passage's own sync point sits
there). A passage is anchored with :func:`locate`: a position between segments starts the next one, or ends the
previous one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.services.transcript_rows import SEGMENT_SEPARATOR

_LABEL = re.compile(r"([^\s:?!;,\"“”()\[\]{}<>][^:?!;,\"“”()\[\]{}<>\n]{0,39}):[ \t]+(?=\S)")
_MAX_LABEL_WORDS = 4
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class PlannedWord:
    start_ms: int
    end_ms: int
    text: str
    char_start: int
    char_end: int


@dataclass
class PlannedSegment:
    text_start: int  # position of the segment's text in the transcript's text
    text_end: int
    text: str
    speaker: str | None
    start_ms: int = 0
    end_ms: int = 0
    words: list[PlannedWord] = field(default_factory=list)


class Timeline:
    """Times of positions in a text, from its sync points (see the module's rules)."""

    def __init__(self, points: Sequence[tuple[int, int]], length: int, duration_ms: int) -> None:
        at: dict[int, list[int]] = {}
        for position, ms in points:
            at.setdefault(max(0, min(position, length)), []).append(max(0, ms))
        if 0 not in at:
            at[0] = [0]
        if length not in at:
            at[length] = [max(duration_ms, *(max(times) for times in at.values()))]
        self.positions = sorted(at)
        self.low = [min(at[p]) for p in self.positions]
        self.high = [max(at[p]) for p in self.positions]

    def time(self, position: int, earliest: bool) -> int:
        """The time at a position; where sync points sit on it, the earliest (or the latest) of their times."""
        i = bisect.bisect_left(self.positions, position)
        if i < len(self.positions) and self.positions[i] == position:
            return self.low[i] if earliest else self.high[i]
        if i == 0:
            return self.low[0]
        if i == len(self.positions):
            return self.high[-1]
        p0, p1 = self.positions[i - 1], self.positions[i]
        t0, t1 = self.high[i - 1], self.low[i]
        return round(t0 + (t1 - t0) * (position - p0) / (p1 - p0))


def _label(line: str) -> tuple[str | None, int]:
    """A speaker label at the start of a line, and where the spoken text begins."""
    match = _LABEL.match(line)
    if match is None or len(match.group(1).split()) > _MAX_LABEL_WORDS:
        return None, 0
    return match.group(1).strip(), match.end()


def _pieces(text: str, cuts: Sequence[int]) -> list[tuple[int, int, bool]]:
    """Stretches of the text to make segments of: its lines, or (one line only) the stretches between cuts; each
    with whether it begins a line (where a speaker label may stand)."""
    lines, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((start, start + len(line), True))
        start += len(line) + 1
    if len(lines) == 1:
        a, b, _ = lines[0]
        inner = sorted({c for c in cuts if a < c < b})
        if inner:
            bounds = [a, *inner, b]
            return [(x, y, x == a) for x, y in zip(bounds, bounds[1:], strict=False) if text[x:y].strip()]
    return lines


def plan(text: str, points: Sequence[tuple[int, int]], duration_ms: int) -> list[PlannedSegment]:
    """The segments of a transcript (``text`` with ``\\n`` newlines; ``points``: (position, ms) in that text)."""
    timeline = Timeline(points, len(text), duration_ms)
    segments: list[PlannedSegment] = []
    speaker: str | None = None
    for a, b, line_start in _pieces(text, [p for p, _ in points]):
        skip = 0
        if line_start:  # a piece cut from the middle of a line is said by the line's speaker
            speaker, skip = _label(text[a:b])
        body = text[a + skip : b]
        lead = len(body) - len(body.lstrip())
        start, end = a + skip + lead, a + skip + len(body.rstrip())
        if start >= end:
            continue
        segment = PlannedSegment(start, end, text[start:end], speaker)
        segment.start_ms = timeline.time(a, earliest=True)
        segment.end_ms = max(segment.start_ms, timeline.time(end, earliest=False))
        for match in _WORD.finditer(segment.text):
            word_start = timeline.time(start + match.start(), earliest=False)
            word_end = max(word_start, timeline.time(start + match.end(), earliest=True))
            segment.words.append(PlannedWord(word_start, word_end, match.group(), match.start(), match.end()))
        segments.append(segment)
    return segments


def locate(segments: Sequence[PlannedSegment], position: int, at_start: bool) -> tuple[int, int] | None:
    """(index of a segment, offset in its text) for a passage's start (or end) at a position of the transcript."""
    if at_start:
        for i, segment in enumerate(segments):
            if position < segment.text_end:
                return i, max(0, position - segment.text_start)
        return None
    for i in range(len(segments) - 1, -1, -1):
        segment = segments[i]
        if position > segment.text_start:
            return i, min(len(segment.text), position - segment.text_start)
    return None


def quote(segments: Sequence[PlannedSegment], a: int, b: int) -> str:
    """What the transcript says between two positions, as a passage's quote says it (segments joined by a space,
    speaker labels left out)."""
    parts = [
        s.text[max(a, s.text_start) - s.text_start : min(b, s.text_end) - s.text_start]
        for s in segments
        if s.text_start < b and a < s.text_end
    ]
    return SEGMENT_SEPARATOR.join(p for p in parts if p)
