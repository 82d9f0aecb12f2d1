"""The plain text a REFI-QDA export writes for a transcript or a document, pseudonymised, and where passages fall in it.

A transcript's text is one line per segment, in time order: ``Speaker: text`` (just ``text`` when the segment has
no speaker), each line ending in ``\\n`` (LF, UTF-8, no byte order mark). Line breaks inside a segment's text
become spaces, so that line *n* is segment *n*. Positions count Unicode code points from 0, end exclusive
(REFI-QDA 1.5, 10.2). A passage within one segment slices the file to exactly its quote; a passage across
segments slices it to its parts with, between them, the line break and the next line's ``Speaker: `` where the
quote has a space (:data:`~annotator.core.services.transcript_rows.SEGMENT_SEPARATOR`).

Pseudonymisation changes lengths, so every text is redacted first and offsets are carried from the original to
the redacted text (:class:`OffsetMap`): a diff of the runs of words and spaces finds what the pseudonymiser
replaced; offsets in the runs it left alone keep their characters, and a passage that starts or ends inside a
replaced name takes in the whole replacement (never a piece of a code, never a piece of a name).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import NamedTuple

from annotator.exchange.options import Redact

START, END = "start", "end"  # the side of a passage an offset is on

LABEL_SEPARATOR = ": "  # between a speaker's label and the segment's text
LINE_END = "\n"
# Everything str.splitlines() breaks a line at, each replaced by one space (lengths, and so offsets, stay put).
_RUNS = re.compile(r"\s+|\S+")
_LINE_BREAKS = str.maketrans(dict.fromkeys("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", " "))


def one_line(text: str) -> str:
    return text.translate(_LINE_BREAKS)


def short(text: str, limit: int = 80) -> str:
    """A name for a selection or a note: the text on one line with its spaces collapsed, cut at ``limit``."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class OffsetMap:
    """Where offsets into a text go in its redacted form (see the module's docstring)."""

    def __init__(self, old: str, new: str) -> None:
        a, b = _RUNS.findall(old), _RUNS.findall(new)
        at_a, at_b = [0], [0]
        for run in a:
            at_a.append(at_a[-1] + len(run))
        for run in b:
            at_b.append(at_b[-1] + len(run))
        opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        # the blocks that hold characters of the old text: (tag, old start, old end, new start, new end)
        self.blocks = [(t, at_a[i1], at_a[i2], at_b[j1], at_b[j2]) for t, i1, i2, j1, j2 in opcodes if i1 < i2]
        self.firsts = [block[1] for block in self.blocks]
        self.old_len, self.new_len = len(old), len(new)

    def __call__(self, offset: int, side: str) -> int:
        if offset <= 0 or offset >= self.old_len:
            return 0 if offset <= 0 else self.new_len
        tag, i1, _i2, j1, j2 = self.blocks[bisect_right(self.firsts, offset) - 1]
        if tag == "equal":
            return j1 + offset - i1
        if offset == i1:
            return j1
        return j1 if side == START else j2


class Redacted:
    """A text and its redacted form, with offsets carried from the first to the second."""

    def __init__(self, text: str, redact: Redact) -> None:
        self.original = text
        self.text = redact(text)
        self._map = OffsetMap(text, self.text) if self.text != text else None

    def offset(self, offset: int, side: str) -> int:
        offset = max(0, min(offset, len(self.original)))
        return offset if self._map is None else self._map(offset, side)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A passage's offsets in the redacted text."""
        first = self.offset(start, START)
        return first, max(first, self.offset(end, END))


class SegmentText(NamedTuple):
    id: int
    start_ms: int
    end_ms: int
    speaker: str | None  # the speaker's label
    text: str


@dataclass(frozen=True)
class Line:
    start: int  # position of the line (its speaker label) in the transcript's text
    text_start: int  # position of the segment's text
    text_end: int  # position just after it (the line break follows)
    body: Redacted


class TranscriptText:
    """A recording's transcript laid out as plain text (see the module's docstring)."""

    def __init__(self, segments: list[SegmentText], redact: Redact) -> None:
        parts: list[str] = []
        self.lines: dict[int, Line] = {}
        position = 0
        for segment in segments:
            body = Redacted(one_line(segment.text), lambda text: one_line(redact(text)))
            speaker = one_line(redact(segment.speaker)).strip() if segment.speaker else ""
            label = speaker + LABEL_SEPARATOR if speaker else ""
            line = Line(position, position + len(label), position + len(label) + len(body.text), body)
            self.lines[segment.id] = line
            parts += [label, body.text, LINE_END]
            position = line.text_end + len(LINE_END)
        self.text = "".join(parts)
        self._order = list(self.lines.values())
        self._index = {segment_id: i for i, segment_id in enumerate(self.lines)}

    def span(self, start_segment: int, start_offset: int, end_segment: int, end_offset: int) -> tuple[int, int]:
        """Positions in the text of a passage from (segment, offset) to (segment, offset) of the original texts."""
        first, last = self.lines[start_segment], self.lines[end_segment]
        if start_segment == end_segment:
            start, end = first.body.span(start_offset, end_offset)
            return first.text_start + start, first.text_start + end
        start = first.text_start + first.body.offset(start_offset, START)
        end = last.text_start + last.body.offset(end_offset, END)
        return start, max(start, end)

    def quote(self, start_segment: int, end_segment: int, start: int, end: int) -> str:
        """What a passage at positions ``start``..``end`` says: its parts in each segment's text joined by a space,
        as the project's quotes are."""
        lines = self._order[self._index[start_segment] : self._index[end_segment] + 1]
        pieces = [self.text[max(start, line.text_start) : min(end, line.text_end)] for line in lines]
        return " ".join(p for p in pieces if p)
