"""Editing a transcript: every change a person makes in the transcript editor, and how to take it back.

The editor (ui/, a QTextDocument with a QUndoStack) calls :class:`EditingService` for every edit. Each public
method is one short transaction that stores the change at once and returns plain frozen dataclasses.

Rules (DESIGN.md, "Data conventions"):

- A segment's words are the whitespace-separated tokens of its text. When the text changes, words that did
  not change keep their times and probability; new or changed words get times spread evenly between the
  kept words around them (the segment's bounds at its edges) and no probability (a person checked them).
- A coded passage runs from (start segment, offset) to (end segment, offset). Its anchors are mapped through a
  character diff of the old and new text; an anchor inside replaced text goes to the nearer edge of the
  replacement, or the other edge when that keeps the passage from becoming empty. A passage left without text
  is deleted. Its ``quote`` is the text it covers, segments joined by :data:`SEGMENT_SEPARATOR`, and its
  times are those of its first and last word.

Undo is one mechanism for every operation: :meth:`EditingService.apply` runs an operation between two
:class:`Snapshot` s of the rows it touches (segments, their words, the speakers involved and every coding that
covers the segments), and :meth:`~EditingService.undo` / :meth:`~EditingService.redo` put one snapshot's
rows back with the same ids and guids.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any, NamedTuple

from sqlalchemy import and_, case, delete, exists, func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from annotator.core.models import Coder, Coding, Gap, Recording, Segment, SegmentStatus, Speaker, Theme, Word
from annotator.core.services.base import Service
from annotator.errors import NotFound, UserError

SEGMENT_SEPARATOR = " "  # between the parts of a quote that runs across segments
STATUSES = tuple(s.value for s in SegmentStatus)
OPERATIONS = ("edit_text", "split", "merge", "nudge", "set_speaker", "rename_speaker", "set_status", "replace_all")

SEGMENTS = Segment.__table__
WORDS = Word.__table__
SPEAKERS = Speaker.__table__
CODINGS = Coding.__table__

_TOKEN = re.compile(r"\S+")
_RUNS = re.compile(r"\s+|\S+")
_START, _END = "start", "end"


# -- what comes out --------------------------------------------------------------------------------
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


@dataclass(frozen=True, slots=True)
class Replaced:
    count: int  # occurrences replaced
    segments: tuple[SegmentView, ...]


# -- text and timing, without the database --------------------------------------------------------
def tokens(text: str) -> list[tuple[int, int, str]]:
    """The words of a text: (char_start, char_end, word), split on whitespace."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def retime_words(old: Sequence[WordView], text: str, start_ms: int, end_ms: int) -> list[WordView]:
    """The words of ``text``: those found unchanged in ``old`` keep their times and probability; the others get
    times spread evenly between the kept words around them (``start_ms``/``end_ms`` at the edges)."""
    toks = tokens(text)
    kept: list[WordView | None] = [None] * len(toks)
    matcher = SequenceMatcher(None, [w.text for w in old], [t[2] for t in toks], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            w, (cs, ce, word) = old[a + k], toks[b + k]
            kept[b + k] = WordView(w.start_ms, w.end_ms, word, cs, ce, w.probability)
    words: list[WordView] = []
    j = 0
    while j < len(toks):
        if (found := kept[j]) is not None:
            words.append(found)
            j += 1
            continue
        k = j
        while k < len(toks) and kept[k] is None:
            k += 1
        lo = words[-1].end_ms if words else start_ms
        after = kept[k] if k < len(toks) else None
        hi = after.start_ms if after is not None else end_ms
        lo = min(lo, hi)
        n = k - j
        for m in range(n):
            cs, ce, word = toks[j + m]
            words.append(WordView(lo + (hi - lo) * m // n, lo + (hi - lo) * (m + 1) // n, word, cs, ce, None))
        j = k
    return words


def char_diff(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """Opcodes (as SequenceMatcher's) of a character diff that first lines up whole words and spaces, so that
    a deleted word is not stitched to letters of its neighbours, then compares the characters of changed runs."""
    a, b = _RUNS.findall(old), _RUNS.findall(new)
    at_a, at_b = [0], [0]
    for run in a:
        at_a.append(at_a[-1] + len(run))
    for run in b:
        at_b.append(at_b[-1] + len(run))
    ops = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        c1, c2, d1, d2 = at_a[i1], at_a[i2], at_b[j1], at_b[j2]
        if tag != "replace":
            ops.append((tag, c1, c2, d1, d2))
            continue
        inner = SequenceMatcher(None, old[c1:c2], new[d1:d2], autojunk=False).get_opcodes()
        ops.extend((t, c1 + k1, c1 + k2, d1 + m1, d1 + m2) for t, k1, k2, m1, m2 in inner)
    return ops


class _TextMap:
    """Where offsets into an old text go in a new one, by a character diff."""

    def __init__(self, old: str, new: str) -> None:
        self.old_len, self.new_len = len(old), len(new)
        self.ops = [op for op in char_diff(old, new) if op[1] < op[2]]  # the blocks that hold old characters
        self.firsts = [op[1] for op in self.ops]

    def candidates(self, offset: int, side: str) -> tuple[int, ...]:
        """New offsets for an anchor, best first. A start anchor follows the character after it, an end anchor
        the character before it, so text typed at a passage's edge stays outside it."""
        char = offset if side == _START else offset - 1
        if char < 0:
            return (0,)
        if char >= self.old_len:
            return (self.new_len,)
        tag, i1, i2, j1, j2 = self.ops[bisect_right(self.firsts, char) - 1]
        if tag == "equal":
            return (j1 + offset - i1,)
        if tag == "delete":
            return (j1,)
        if offset == i1:
            return (j1,)
        if offset == i2:
            return (j2,)
        nearer_first = offset - i1 < i2 - offset or (offset - i1 == i2 - offset and side == _START)
        return (j1, j2) if nearer_first else (j2, j1)


def _pick(starts: tuple[int, ...], ends: tuple[int, ...], same_segment: bool) -> tuple[int, int]:
    if same_segment:
        for s in starts:
            for e in ends:
                if s < e:
                    return s, e
    return starts[0], ends[0]


def text_pattern(text: str, *, case_sensitive: bool, whole_words: bool) -> re.Pattern[str]:
    """A literal search; whole words means no word character may touch a word-character end of ``text``."""
    body = re.escape(text)
    if whole_words and re.match(r"\w", text[0]):
        body = r"(?<!\w)" + body
    if whole_words and re.match(r"\w", text[-1]):
        body += r"(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


class _Seg(NamedTuple):
    id: int
    recording_id: int
    start_ms: int
    end_ms: int
    speaker_id: int | None
    text: str
    status: str
    flags: list[str]
    avg_logprob: float | None
    no_speech_prob: float | None
    compression_ratio: float | None


class _Anchor(NamedTuple):
    id: int
    start_segment_id: int
    start_offset: int
    end_segment_id: int
    end_offset: int


class _Done(NamedTuple):
    result: Any
    ids: Sequence[int]  # the segments to capture after the operation
    speakers: Sequence[int] = ()


_SEG_COLUMNS = tuple(getattr(Segment, name) for name in _Seg._fields)
_WORD_COLUMNS = (Word.start_ms, Word.end_ms, Word.text, Word.char_start, Word.char_end, Word.probability)
_Capture = Callable[..., None]


def _ignore(ids: Iterable[int], speakers: Iterable[int] = ()) -> None:
    pass


def _merge_stat(a: float | None, b: float | None, pick: Callable[[float, float], float]) -> float | None:
    return b if a is None else a if b is None else pick(a, b)


class EditingService(Service):
    # -- reading -------------------------------------------------------------------------------
    def load(self, recording_id: int) -> TranscriptView:
        """A recording's transcript for the editor: segments in time order with their words, speakers, gaps."""
        with self.transaction() as session:
            if session.scalar(select(Recording.id).where(Recording.id == recording_id)) is None:
                raise NotFound(f"no recording {recording_id} in this project")
            segments = self._views(session, Segment.recording_id == recording_id)
            speakers = session.execute(
                select(Speaker.id, Speaker.label, Speaker.participant_id, Speaker.channel)
                .where(Speaker.recording_id == recording_id)
                .order_by(Speaker.label)
            ).all()
            gaps = session.execute(
                select(Gap.start_ms, Gap.end_ms, Gap.channel)
                .where(Gap.recording_id == recording_id)
                .order_by(Gap.start_ms)
            ).all()
            return TranscriptView(
                recording_id,
                tuple(segments),
                tuple(SpeakerView(*s) for s in speakers),
                tuple(GapView(*g) for g in gaps),
            )

    def segment(self, segment_id: int) -> SegmentView:
        with self.transaction() as session:
            return self._view(session, segment_id)

    def find(
        self, recording_id: int, text: str, *, case_sensitive: bool = False, whole_words: bool = False
    ) -> list[tuple[int, int, int]]:
        """Every occurrence of ``text`` as (segment id, start, end), in time order."""
        if not text:
            return []
        pattern = text_pattern(text, case_sensitive=case_sensitive, whole_words=whole_words)
        with self.transaction() as session:
            rows = session.execute(
                select(Segment.id, Segment.text)
                .where(Segment.recording_id == recording_id)
                .order_by(Segment.start_ms, Segment.id)
            ).all()
        return [(sid, m.start(), m.end()) for sid, seg_text in rows for m in pattern.finditer(seg_text)]

    def verified_share(self, recording_id: int) -> float:
        """Percent of the recording's speech time (segment durations) that is verified, to one decimal."""
        duration = Segment.end_ms - Segment.start_ms
        verified = case((Segment.status == SegmentStatus.VERIFIED.value, duration), else_=0)
        with self.transaction() as session:
            total, done = session.execute(
                select(func.coalesce(func.sum(duration), 0), func.coalesce(func.sum(verified), 0)).where(
                    Segment.recording_id == recording_id
                )
            ).one()
        return round(100.0 * done / total, 1) if total else 0.0

    # -- operations (each one transaction; apply() makes any of them undoable) -----------------
    def edit_text(self, segment_id: int, new_text: str) -> SegmentView:
        return self._run("edit_text", segment_id=segment_id, new_text=new_text)

    def split(self, segment_id: int, offset: int) -> tuple[SegmentView, SegmentView]:
        return self._run("split", segment_id=segment_id, offset=offset)

    def merge(self, segment_id: int) -> SegmentView:
        return self._run("merge", segment_id=segment_id)

    def nudge(self, segment_id: int, start_ms: int | None = None, end_ms: int | None = None) -> SegmentView:
        return self._run("nudge", segment_id=segment_id, start_ms=start_ms, end_ms=end_ms)

    def set_speaker(self, segment_id: int, label: str | None) -> SegmentView:
        return self._run("set_speaker", segment_id=segment_id, label=label)

    def rename_speaker(self, recording_id: int, old_label: str, new_label: str) -> SpeakerView:
        return self._run("rename_speaker", recording_id=recording_id, old_label=old_label, new_label=new_label)

    def set_status(self, segment_id: int, status: str) -> SegmentView:
        return self._run("set_status", segment_id=segment_id, status=status)

    def replace_all(
        self, recording_id: int, find: str, replace: str, *, case_sensitive: bool = False, whole_words: bool = True
    ) -> Change:
        """Replace ``find`` in every segment of a recording: one transaction, one undoable Change (result
        :class:`Replaced`)."""
        return self.apply(
            "replace_all",
            recording_id=recording_id,
            find=find,
            replace=replace,
            case_sensitive=case_sensitive,
            whole_words=whole_words,
        )

    def apply(self, op: str, **kwargs: Any) -> Change:
        """Run an operation (a name from OPERATIONS, with its keyword arguments) as an undoable Change."""
        method = self._operation(op)
        with self.transaction() as session:
            captured: list[Snapshot] = []

            def capture(ids: Iterable[int], speakers: Iterable[int] = ()) -> None:
                captured.append(self._snapshot(session, ids, speakers))

            done = method(session, capture, **kwargs)
            after = self._snapshot(session, done.ids, done.speakers, like=captured[0])
            return Change(op, captured[0], after, done.result)

    def undo(self, change: Change) -> tuple[SegmentView, ...]:
        """Put back the rows from before the change; returns the change's segments as they are now."""
        return self.restore(change.before, change.after)

    def redo(self, change: Change) -> tuple[SegmentView, ...]:
        return self.restore(change.after, change.before)

    # -- snapshots -----------------------------------------------------------------------------
    def snapshot(
        self, segment_ids: Iterable[int], speaker_ids: Iterable[int] = (), *, like: Snapshot | None = None
    ) -> Snapshot:
        """The rows of these segments, their words, the speakers they use (and ``speaker_ids``) and the codings
        that cover them. Take the snapshot after an operation ``like=before``: it then also holds the speakers and
        codings of ``before`` that still exist (a passage whose anchor moved off the segments, say), so that
        restoring either snapshot over the other is exact."""
        with self.transaction() as session:
            return self._snapshot(session, segment_ids, speaker_ids, like=like)

    def restore(self, target: Snapshot, current: Snapshot | Iterable[int]) -> tuple[SegmentView, ...]:
        """Make the rows of ``target`` the truth again: the segments in ``current`` (a snapshot, or just the
        segment ids now standing for it) and in ``target`` are deleted and ``target``'s rows inserted with the
        same ids and guids. Given a snapshot, speakers it has and ``target`` has not are deleted when unused."""
        with self.transaction() as session:
            return self._restore(session, target, current)

    # -- the operations themselves -------------------------------------------------------------
    def _operation(self, op: str) -> Callable[..., _Done]:
        if op not in OPERATIONS:
            raise ValueError(f"unknown editing operation {op!r}")
        return getattr(self, f"_{op}")

    def _run(self, op: str, **kwargs: Any) -> Any:
        with self.transaction() as session:
            return self._operation(op)(session, _ignore, **kwargs).result

    def _edit_text(self, session: Session, capture: _Capture, segment_id: int, new_text: str) -> _Done:
        seg = self._seg(session, segment_id)
        capture([segment_id])
        if new_text != seg.text:
            self._change_text(session, seg, new_text)
        return _Done(self._view(session, segment_id), [segment_id])

    def _change_text(self, session: Session, seg: _Seg, new_text: str) -> None:
        words = retime_words(self._words(session, seg.id), new_text, seg.start_ms, seg.end_ms)
        codings = self._covering(session, seg.recording_id, [seg.id])
        text_map = _TextMap(seg.text, new_text)
        anchors = {}
        for c in codings:
            starts = text_map.candidates(c.start_offset, _START) if c.start_segment_id == seg.id else (c.start_offset,)
            ends = text_map.candidates(c.end_offset, _END) if c.end_segment_id == seg.id else (c.end_offset,)
            start, end = _pick(starts, ends, c.start_segment_id == c.end_segment_id == seg.id)
            anchors[c.id] = (c.start_segment_id, start, c.end_segment_id, end)
        self._update_segment(session, seg, text=new_text, status=SegmentStatus.EDITED.value)
        self._store_words(session, seg.id, words)
        self._place_codings(session, seg.recording_id, anchors)

    def _split(self, session: Session, capture: _Capture, segment_id: int, offset: int) -> _Done:
        seg = self._seg(session, segment_id)
        text = seg.text
        left = text[:offset].rstrip() if 0 < offset < len(text) else ""
        right = text[offset:].lstrip() if left else ""
        if not left.strip() or not right.strip():
            raise UserError(
                f"segment {segment_id}: cannot split at character {offset}; there must be text on both sides"
            )
        capture([segment_id])
        cut = len(text) - len(right)  # where the second segment's text began
        first: list[WordView] = []
        second: list[WordView] = []
        for w in self._aligned(session, seg):
            assert w.char_start is not None and w.char_end is not None
            if w.char_end <= offset:
                first.append(w)
            elif w.char_start >= offset:
                second.append(replace(w, char_start=w.char_start - cut, char_end=w.char_end - cut))
            else:  # the cut is inside this word: each half gets its share of the time
                n = offset - w.char_start
                t = w.start_ms + (w.end_ms - w.start_ms) * n // len(w.text)
                first.append(WordView(w.start_ms, t, w.text[:n], w.char_start, offset, None))
                second.append(WordView(t, w.end_ms, w.text[n:], 0, w.char_end - cut, None))
        lo = first[-1].end_ms if first else seg.start_ms
        hi = second[0].start_ms if second else seg.end_ms
        guess = min(max(seg.start_ms + (seg.end_ms - seg.start_ms) * offset // len(text), lo), max(hi, lo))
        first_end = max(first[-1].end_ms if first else guess, seg.start_ms)
        second_start = min(second[0].start_ms if second else guess, seg.end_ms)

        codings = self._covering(session, seg.recording_id, [seg.id])
        new_id = session.execute(
            insert(SEGMENTS).values(
                recording_id=seg.recording_id,
                start_ms=second_start,
                end_ms=seg.end_ms,
                speaker_id=seg.speaker_id,
                text=right,
                status=seg.status,
                flags=list(seg.flags),
                avg_logprob=seg.avg_logprob,
                no_speech_prob=seg.no_speech_prob,
                compression_ratio=seg.compression_ratio,
            )
        ).inserted_primary_key[0]
        self._update_segment(session, seg, text=left, end_ms=first_end)
        self._store_words(session, seg.id, first)
        self._store_words(session, new_id, second)

        def start(sid: int, off: int) -> tuple[int, int]:
            return (sid, off) if sid != seg.id or off < len(left) else (new_id, max(off - cut, 0))

        def end(sid: int, off: int) -> tuple[int, int]:
            return (sid, off) if sid != seg.id else (sid, min(off, len(left))) if off <= cut else (new_id, off - cut)

        anchors = {
            c.id: (*start(c.start_segment_id, c.start_offset), *end(c.end_segment_id, c.end_offset)) for c in codings
        }
        self._place_codings(session, seg.recording_id, anchors)
        return _Done((self._view(session, seg.id), self._view(session, new_id)), [seg.id, new_id])

    def _merge(self, session: Session, capture: _Capture, segment_id: int) -> _Done:
        a = self._seg(session, segment_id)
        b = self._neighbour(session, a, after=True)
        if b is None:
            raise UserError(f"segment {segment_id} is the last of its recording; there is no next segment to merge")
        capture([a.id, b.id])
        head, tail = a.text.rstrip(), b.text.lstrip()
        lead = len(b.text) - len(tail)
        joined = head + (SEGMENT_SEPARATOR if head and tail else "") + tail
        base = len(joined) - len(tail)  # where b's text begins in the merged one
        timed = bool(self._words(session, a.id) or self._words(session, b.id))
        words = self._aligned(session, a, timed)
        for w in self._aligned(session, b, timed):
            assert w.char_start is not None and w.char_end is not None
            words.append(replace(w, char_start=w.char_start - lead + base, char_end=w.char_end - lead + base))

        def start(sid: int, off: int) -> tuple[int, int]:
            if sid == a.id:
                return (a.id, off if off < len(head) else base)
            return (a.id, base + max(off - lead, 0)) if sid == b.id else (sid, off)

        def end(sid: int, off: int) -> tuple[int, int]:
            if sid == a.id:
                return (a.id, min(off, len(head)))
            return (a.id, len(head) if off <= lead else base + off - lead) if sid == b.id else (sid, off)

        codings = self._covering(session, a.recording_id, [a.id, b.id])
        anchors = {
            c.id: (*start(c.start_segment_id, c.start_offset), *end(c.end_segment_id, c.end_offset)) for c in codings
        }
        for column in (CODINGS.c.start_segment_id, CODINGS.c.end_segment_id):  # keep them from the cascade
            session.execute(update(CODINGS).where(column == b.id).values({column.name: a.id}))
        session.execute(delete(SEGMENTS).where(SEGMENTS.c.id == b.id))
        both_verified = a.status == b.status == SegmentStatus.VERIFIED.value
        self._update_segment(
            session,
            a,
            text=joined,
            start_ms=min(a.start_ms, b.start_ms),
            end_ms=max(a.end_ms, b.end_ms),
            status=SegmentStatus.VERIFIED.value if both_verified else SegmentStatus.EDITED.value,
            flags=[*a.flags, *(f for f in b.flags if f not in a.flags)],
            avg_logprob=_merge_stat(a.avg_logprob, b.avg_logprob, min),
            no_speech_prob=_merge_stat(a.no_speech_prob, b.no_speech_prob, max),
            compression_ratio=_merge_stat(a.compression_ratio, b.compression_ratio, max),
        )
        self._store_words(session, a.id, words)
        self._place_codings(session, a.recording_id, anchors)
        return _Done(self._view(session, a.id), [a.id])

    def _nudge(
        self,
        session: Session,
        capture: _Capture,
        segment_id: int,
        start_ms: int | None = None,
        end_ms: int | None = None,
    ) -> _Done:
        seg = self._seg(session, segment_id)
        prev, nxt = self._neighbour(session, seg, after=False), self._neighbour(session, seg, after=True)
        duration = session.scalar(select(Recording.duration_ms).where(Recording.id == seg.recording_id)) or 0
        # Never further into a neighbour than the segment already is, and never past it in time order.
        lowest = min(prev.end_ms, seg.start_ms) if prev else 0
        highest = max(nxt.start_ms, seg.end_ms) if nxt else max(duration, seg.end_ms)
        start = seg.start_ms if start_ms is None else max(start_ms, lowest)
        end = seg.end_ms if end_ms is None else min(end_ms, highest)
        if nxt:
            start = min(start, nxt.start_ms)
        if start >= end and end_ms is None:
            start = end - 1
        elif start >= end and start_ms is None:
            end = start + 1
        if not lowest <= start < end <= highest:
            raise UserError(
                f"segment {segment_id}: cannot set its time to {start_ms}-{end_ms} ms; it must start before it ends "
                "and stay between its neighbours"
            )
        capture([segment_id])
        words = self._words(session, seg.id)
        clamped = []
        for w in words:
            s = min(max(w.start_ms, start), end)
            clamped.append(replace(w, start_ms=s, end_ms=min(max(w.end_ms, s), end)))
        self._update_segment(session, seg, start_ms=start, end_ms=end)
        if clamped != words:
            self._store_words(session, seg.id, clamped)
        self._place_codings(
            session, seg.recording_id, {c.id: c[1:] for c in self._covering(session, seg.recording_id, [seg.id])}
        )
        return _Done(self._view(session, seg.id), [seg.id])

    def _set_speaker(self, session: Session, capture: _Capture, segment_id: int, label: str | None) -> _Done:
        seg = self._seg(session, segment_id)
        label = (label or "").strip() or None
        speaker_id = self._speaker_id(session, seg.recording_id, label) if label else None
        capture([segment_id], [speaker_id] if speaker_id else [])
        if label and speaker_id is None:
            speaker_id = session.execute(
                insert(SPEAKERS).values(recording_id=seg.recording_id, label=label)
            ).inserted_primary_key[0]
        self._update_segment(session, seg, speaker_id=speaker_id)
        return _Done(self._view(session, segment_id), [segment_id], [speaker_id] if speaker_id else [])

    def _rename_speaker(
        self, session: Session, capture: _Capture, recording_id: int, old_label: str, new_label: str
    ) -> _Done:
        old_label, new_label = old_label.strip(), new_label.strip()
        if not new_label:
            raise UserError("a speaker needs a label")
        old_id = self._speaker_id(session, recording_id, old_label)
        if old_id is None:
            raise NotFound(f"recording {recording_id} has no speaker {old_label!r}")
        new_id = self._speaker_id(session, recording_id, new_label)
        if new_id is None or new_id == old_id:
            capture([], [old_id])
            session.execute(update(SPEAKERS).where(SPEAKERS.c.id == old_id).values(label=new_label))
            return _Done(self._speaker(session, old_id), [], [old_id])
        # The new label is taken: the two are one voice. Its segments move over, the old speaker goes.
        moved = session.scalars(select(Segment.id).where(Segment.speaker_id == old_id)).all()
        capture(moved, [old_id, new_id])
        session.execute(update(SEGMENTS).where(SEGMENTS.c.speaker_id == old_id).values(speaker_id=new_id))
        old_participant = session.scalar(select(Speaker.participant_id).where(Speaker.id == old_id))
        session.execute(
            update(SPEAKERS)
            .where(SPEAKERS.c.id == new_id, SPEAKERS.c.participant_id.is_(None))
            .values(participant_id=old_participant)
        )
        session.execute(delete(SPEAKERS).where(SPEAKERS.c.id == old_id))
        return _Done(self._speaker(session, new_id), moved, [new_id])

    def _set_status(self, session: Session, capture: _Capture, segment_id: int, status: str) -> _Done:
        if status not in STATUSES:
            raise UserError(f"{status!r} is not a segment status; use one of {', '.join(STATUSES)}")
        seg = self._seg(session, segment_id)
        capture([segment_id])
        self._update_segment(session, seg, status=status)
        return _Done(self._view(session, segment_id), [segment_id])

    def _replace_all(
        self,
        session: Session,
        capture: _Capture,
        recording_id: int,
        find: str,
        replace: str,
        case_sensitive: bool = False,
        whole_words: bool = True,
    ) -> _Done:
        if not find.strip():
            raise UserError("give the text to find")
        pattern = text_pattern(find, case_sensitive=case_sensitive, whole_words=whole_words)
        segments = session.execute(
            select(*_SEG_COLUMNS).where(Segment.recording_id == recording_id).order_by(Segment.start_ms, Segment.id)
        ).all()
        changes = []
        count = 0
        for row in segments:
            seg = _Seg(*row)
            new_text, n = pattern.subn(lambda _m: replace, seg.text)
            if n and new_text != seg.text:
                changes.append((seg, new_text))
                count += n
        ids = [seg.id for seg, _ in changes]
        capture(ids)
        for seg, new_text in changes:
            self._change_text(session, self._seg(session, seg.id), new_text)
        return _Done(Replaced(count, tuple(self._views(session, Segment.id.in_(ids)))), ids)

    # -- snapshots and restoring ---------------------------------------------------------------
    def _snapshot(
        self,
        session: Session,
        segment_ids: Iterable[int],
        speaker_ids: Iterable[int] = (),
        *,
        like: Snapshot | None = None,
    ) -> Snapshot:
        wanted = sorted(set(segment_ids))
        segments = [
            dict(r)
            for r in session.execute(
                select(SEGMENTS).where(SEGMENTS.c.id.in_(wanted)).order_by(SEGMENTS.c.id)
            ).mappings()
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
        coding_ids |= {c.id for rid, sids in by_recording.items() for c in self._covering(session, rid, sids)}
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

    def _restore(
        self, session: Session, target: Snapshot, current: Snapshot | Iterable[int]
    ) -> tuple[SegmentView, ...]:
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
        self._insert_codings(session, [dict(c) for c in target.codings])
        made = current_speakers - {s["id"] for s in target.speakers}
        if made:
            used = exists().where(SEGMENTS.c.speaker_id == SPEAKERS.c.id)
            session.execute(delete(SPEAKERS).where(SPEAKERS.c.id.in_(made), ~used))
        for row in strangers:
            self._reanchor(session, row, old_texts)
        return tuple(self._views(session, Segment.id.in_(seg_ids)))

    def _insert_codings(self, session: Session, rows: list[dict[str, Any]]) -> None:
        """Insert coding rows; a theme deleted meanwhile takes its passages with it, a coder leaves them."""
        if not rows:
            return
        themes = set(session.scalars(select(Theme.id).where(Theme.id.in_({r["theme_id"] for r in rows}))))
        coders = set(session.scalars(select(Coder.id).where(Coder.id.in_({r["coder_id"] for r in rows}))))
        rows = [
            {**r, "coder_id": r["coder_id"] if r["coder_id"] in coders else None}
            for r in rows
            if r["theme_id"] in themes
        ]
        if rows:
            session.execute(insert(CODINGS), rows)

    def _reanchor(self, session: Session, row: dict[str, Any], old_texts: dict[int, str]) -> None:
        new_texts = dict(
            session.execute(
                select(Segment.id, Segment.text).where(Segment.id.in_([row["start_segment_id"], row["end_segment_id"]]))
            ).all()
        )
        ends = []
        for key, side in (("start", _START), ("end", _END)):
            sid, off = row[f"{key}_segment_id"], row[f"{key}_offset"]
            if sid not in new_texts:
                return  # its segment is gone: so is the passage
            if sid in old_texts:
                off = _TextMap(old_texts[sid], new_texts[sid]).candidates(off, side)[0]
            ends.append((sid, off))
        self._insert_codings(session, [row])
        self._place_codings(session, row["recording_id"], {row["id"]: (*ends[0], *ends[1])})

    # -- helpers ---------------------------------------------------------------------------------
    def _seg(self, session: Session, segment_id: int) -> _Seg:
        row = session.execute(select(*_SEG_COLUMNS).where(Segment.id == segment_id)).one_or_none()
        if row is None:
            raise NotFound(f"no segment {segment_id} in this project")
        return _Seg(*row)

    def _neighbour(self, session: Session, seg: _Seg, *, after: bool) -> _Seg | None:
        if after:
            beyond = or_(Segment.start_ms > seg.start_ms, and_(Segment.start_ms == seg.start_ms, Segment.id > seg.id))
            order = (Segment.start_ms, Segment.id)
        else:
            beyond = or_(Segment.start_ms < seg.start_ms, and_(Segment.start_ms == seg.start_ms, Segment.id < seg.id))
            order = (Segment.start_ms.desc(), Segment.id.desc())
        row = session.execute(
            select(*_SEG_COLUMNS).where(Segment.recording_id == seg.recording_id, beyond).order_by(*order).limit(1)
        ).one_or_none()
        return _Seg(*row) if row else None

    def _aligned(self, session: Session, seg: _Seg, timed: bool = False) -> list[WordView]:
        """The segment's words made to match its text (none for a segment without words, unless ``timed``)."""
        words = self._words(session, seg.id)
        return retime_words(words, seg.text, seg.start_ms, seg.end_ms) if words or timed else []

    def _words(self, session: Session, segment_id: int) -> list[WordView]:
        rows = session.execute(select(*_WORD_COLUMNS).where(Word.segment_id == segment_id).order_by(Word.position))
        return [WordView(*r) for r in rows]

    def _store_words(self, session: Session, segment_id: int, words: Sequence[WordView]) -> None:
        session.execute(delete(WORDS).where(WORDS.c.segment_id == segment_id))
        if words:
            session.execute(
                insert(WORDS),
                [
                    {
                        "segment_id": segment_id,
                        "position": i,
                        "start_ms": w.start_ms,
                        "end_ms": w.end_ms,
                        "text": w.text,
                        "char_start": w.char_start,
                        "char_end": w.char_end,
                        "probability": w.probability,
                    }
                    for i, w in enumerate(words)
                ],
            )

    def _update_segment(self, session: Session, seg: _Seg, **values: Any) -> None:
        changed = {k: v for k, v in values.items() if getattr(seg, k) != v}
        if changed:
            session.execute(update(SEGMENTS).where(SEGMENTS.c.id == seg.id).values(changed))

    def _speaker_id(self, session: Session, recording_id: int, label: str) -> int | None:
        return session.scalar(select(Speaker.id).where(Speaker.recording_id == recording_id, Speaker.label == label))

    def _speaker(self, session: Session, speaker_id: int) -> SpeakerView:
        row = session.execute(
            select(Speaker.id, Speaker.label, Speaker.participant_id, Speaker.channel).where(Speaker.id == speaker_id)
        ).one()
        return SpeakerView(*row)

    def _view(self, session: Session, segment_id: int) -> SegmentView:
        views = self._views(session, Segment.id == segment_id)
        if not views:
            raise NotFound(f"no segment {segment_id} in this project")
        return views[0]

    def _views(self, session: Session, condition: Any) -> list[SegmentView]:
        """Segments (in time order) with their words: two plain queries whatever their number."""
        connection = session.connection()  # plain rows, without the ORM's result machinery
        words: dict[int, list[WordView]] = defaultdict(list)
        rows = connection.execute(
            select(Word.segment_id, *_WORD_COLUMNS)
            .where(Word.segment_id.in_(select(Segment.id).where(condition)))
            .order_by(Word.segment_id, Word.position)
        ).all()
        for sid, start, end, text, char_start, char_end, probability in rows:
            words[sid].append(WordView(start, end, text, char_start, char_end, probability))
        rows = connection.execute(
            select(
                Segment.id,
                Segment.start_ms,
                Segment.end_ms,
                Segment.speaker_id,
                Speaker.label,
                Segment.text,
                Segment.status,
                Segment.flags,
            )
            .outerjoin(Speaker, Speaker.id == Segment.speaker_id)
            .where(condition)
            .order_by(Segment.start_ms, Segment.id)
        ).all()
        return [
            SegmentView(sid, start, end, spk, label, text, status, tuple(flags or ()), tuple(words.get(sid, ())))
            for sid, start, end, spk, label, text, status, flags in rows
        ]

    def _covering(self, session: Session, recording_id: int, segment_ids: Iterable[int]) -> list[_Anchor]:
        """The codings whose passage starts at, ends at or runs over any of these segments."""
        keys = sorted(
            tuple(r)
            for r in session.execute(select(Segment.start_ms, Segment.id).where(Segment.id.in_(list(segment_ids))))
        )
        if not keys:
            return []
        first, last = aliased(Segment), aliased(Segment)
        rows = session.execute(
            select(
                Coding.id,
                Coding.start_segment_id,
                Coding.start_offset,
                Coding.end_segment_id,
                Coding.end_offset,
                first.start_ms,
                last.start_ms,
            )
            .join(first, first.id == Coding.start_segment_id)
            .join(last, last.id == Coding.end_segment_id)
            .where(first.recording_id == recording_id)
            .order_by(Coding.id)
        )
        found = []
        for cid, sid, soff, eid, eoff, s_ms, e_ms in rows:
            i = bisect_left(keys, (s_ms, sid))
            if i < len(keys) and keys[i] <= (e_ms, eid):
                found.append(_Anchor(cid, sid, soff, eid, eoff))
        return found

    def _place_codings(
        self, session: Session, recording_id: int, anchors: dict[int, tuple[int, int, int, int]]
    ) -> None:
        """Store codings' new anchors with the quote and times that follow; delete those left without text."""
        for cid, (sid, soff, eid, eoff) in anchors.items():
            values = self._passage(session, recording_id, sid, soff, eid, eoff)
            if values is None:
                session.execute(delete(CODINGS).where(CODINGS.c.id == cid))
                continue
            stored = (
                session.execute(select(*(CODINGS.c[k] for k in values)).where(CODINGS.c.id == cid)).mappings().one()
            )
            if dict(stored) != values:
                session.execute(update(CODINGS).where(CODINGS.c.id == cid).values(values))

    def _passage(
        self, session: Session, recording_id: int, sid: int, soff: int, eid: int, eoff: int
    ) -> dict[str, Any] | None:
        keys = dict(session.execute(select(Segment.id, Segment.start_ms).where(Segment.id.in_([sid, eid]))).all())
        if sid not in keys or eid not in keys or (keys[sid], sid) > (keys[eid], eid):
            return None
        rows = session.execute(
            select(Segment.id, Segment.start_ms, Segment.end_ms, Segment.text)
            .where(Segment.recording_id == recording_id, Segment.start_ms.between(keys[sid], keys[eid]))
            .order_by(Segment.start_ms, Segment.id)
        ).all()
        segs = [r for r in rows if (keys[sid], sid) <= (r.start_ms, r.id) <= (keys[eid], eid)]
        soff = min(max(soff, 0), len(segs[0].text))
        eoff = min(max(eoff, 0), len(segs[-1].text))
        # A passage begins and ends on text, not on spaces or on the empty edge of a segment.
        while True:
            soff = len(segs[0].text) - len(segs[0].text[soff:].lstrip())
            if len(segs) == 1 or soff < len(segs[0].text):
                break
            segs.pop(0)
            soff = 0
        while True:
            eoff = len(segs[-1].text[:eoff].rstrip())
            if len(segs) == 1 or eoff > 0:
                break
            segs.pop()
            eoff = len(segs[-1].text)
        if len(segs) == 1:
            eoff = max(eoff, soff)
        parts = [(s, soff if i == 0 else 0, eoff if i == len(segs) - 1 else len(s.text)) for i, s in enumerate(segs)]
        quote = SEGMENT_SEPARATOR.join(s.text[a:b] for s, a, b in parts if b > a)
        if not quote.strip():
            return None
        words: dict[int, list[tuple[int, int, int | None, int | None]]] = defaultdict(list)
        for row in session.execute(
            select(Word.segment_id, Word.start_ms, Word.end_ms, Word.char_start, Word.char_end)
            .where(Word.segment_id.in_([s.id for s in segs]))
            .order_by(Word.position)
        ):
            words[row[0]].append(row[1:])
        times = [
            (start, end)
            for s, a, b in parts
            for start, end, cs, ce in words[s.id]
            if cs is not None and ce is not None and cs < b and ce > a
        ]
        return {
            "start_segment_id": segs[0].id,
            "start_offset": soff,
            "end_segment_id": segs[-1].id,
            "end_offset": eoff,
            "start_ms": times[0][0] if times else segs[0].start_ms,
            "end_ms": times[-1][1] if times else segs[-1].end_ms,
            "quote": quote,
        }
