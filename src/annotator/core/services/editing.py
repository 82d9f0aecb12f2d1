"""Editing a transcript: every change a person makes in the transcript editor, and how to take it back.

The editor (ui/, a QTextDocument with a QUndoStack) calls :class:`EditingService` for every edit. Each public
method is one short transaction that stores the change at once and returns plain frozen dataclasses
(:mod:`~annotator.core.services.transcript_views`).

Rules (DESIGN.md, "Data conventions"):

- A segment's words are the whitespace-separated tokens of its text. When the text changes, words that did
  not change keep their times and probability; new or changed words get times spread evenly between the
  kept words around them (the segment's bounds at its edges) and no probability (a person checked them):
  :func:`annotator.core.textdiff.retime_words`.
- A coded passage runs from (start segment, offset) to (end segment, offset). Its anchors are mapped through a
  character diff of the old and new text (:class:`annotator.core.textdiff.TextMap`); an anchor inside replaced
  text goes to the nearer edge of the replacement, or the other edge when that keeps the passage from becoming
  empty. A passage left without text is deleted. Its ``quote`` is the text it covers, segments joined by
  :data:`SEGMENT_SEPARATOR`, and its times are those of its first and last word
  (:mod:`~annotator.core.services.passages`).

Undo is one mechanism for every operation: :meth:`EditingService.apply` runs an operation between two
:class:`Snapshot` s of the rows it touches (segments, their words, the speakers involved and every coding that
covers the segments), and :meth:`~EditingService.undo` / :meth:`~EditingService.redo` put one snapshot's
rows back with the same ids and guids (:mod:`~annotator.core.services.snapshots`).

Every name this module had before it was split is still importable from it (``__all__``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from sqlalchemy import case, delete, func, insert, select, update
from sqlalchemy.orm import Session

from annotator.core.models import Coding, Gap, Recording, Segment, SegmentStatus, Speaker, Word
from annotator.core.services import snapshots
from annotator.core.services.base import Service
from annotator.core.services.person_work import mark_touched
from annotator.core.services.snapshots import Change, Snapshot
from annotator.core.services.transcript_rows import (
    SEGMENT_COLUMNS,
    SEGMENT_SEPARATOR,
    SegmentRow,
    aligned_words,
    covering,
    find_speaker,
    load_segment,
    load_words,
    neighbour,
    place_codings,
    segment_view,
    segment_views,
    speaker_view,
    store_words,
    update_segment,
)
from annotator.core.services.transcript_views import (
    GapView,
    Replaced,
    SegmentView,
    SpeakerView,
    TranscriptView,
    WordView,
)
from annotator.core.services.typing import forget as forget_typing
from annotator.core.textdiff import END, START, TextMap, char_diff, pick_anchors, retime_words, text_pattern, tokens
from annotator.errors import NotFound, UserError

__all__ = [
    "CODINGS",
    "OPERATIONS",
    "SEGMENTS",
    "SEGMENT_SEPARATOR",
    "SPEAKERS",
    "STATUSES",
    "WORDS",
    "Change",
    "EditingService",
    "GapView",
    "Replaced",
    "SegmentView",
    "Snapshot",
    "SpeakerView",
    "TranscriptView",
    "WordView",
    "char_diff",
    "retime_words",
    "text_pattern",
    "tokens",
]

STATUSES = tuple(s.value for s in SegmentStatus)
OPERATIONS = ("edit_text", "split", "merge", "nudge", "set_speaker", "rename_speaker", "set_status", "replace_all")

SEGMENTS = Segment.__table__
WORDS = Word.__table__
SPEAKERS = Speaker.__table__
CODINGS = Coding.__table__


class _Done(NamedTuple):
    result: Any
    ids: Sequence[int]  # the segments to capture after the operation
    speakers: Sequence[int] = ()
    changed: bool = True  # False: nothing was changed (the segments are not marked as a person's work)


_Capture = Callable[..., None]


def _ignore(ids: Iterable[int], speakers: Iterable[int] = ()) -> None:
    pass


def _merge_stat(a: float | None, b: float | None, pick: Callable[[float, float], float]) -> float | None:
    return b if a is None else a if b is None else pick(a, b)


class EditingService(Service):
    # -- reading -------------------------------------------------------------------------------
    def load(self, recording_id: int) -> TranscriptView:
        """A recording's transcript for the editor: segments in time order with their words, speakers, gaps."""
        with self.reading() as session:
            if session.scalar(select(Recording.id).where(Recording.id == recording_id)) is None:
                raise NotFound(f"no recording {recording_id} in this project")
            segments = segment_views(session, Segment.recording_id == recording_id)
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
        with self.reading() as session:
            return segment_view(session, segment_id)

    def find(
        self, recording_id: int, text: str, *, case_sensitive: bool = False, whole_words: bool = False
    ) -> list[tuple[int, int, int]]:
        """Every occurrence of ``text`` as (segment id, start, end), in time order."""
        if not text:
            return []
        pattern = text_pattern(text, case_sensitive=case_sensitive, whole_words=whole_words)
        with self.reading() as session:
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
        with self.reading() as session:
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
                captured.append(snapshots.take(session, ids, speakers))

            done = method(session, capture, **kwargs)
            if done.changed:
                mark_touched(session, done.ids)
            after = snapshots.take(session, done.ids, done.speakers, like=captured[0])
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
            return snapshots.take(session, segment_ids, speaker_ids, like=like)

    def restore(self, target: Snapshot, current: Snapshot | Iterable[int]) -> tuple[SegmentView, ...]:
        """Make the rows of ``target`` the truth again: the segments in ``current`` (a snapshot, or just the
        segment ids now standing for it) and in ``target`` are deleted and ``target``'s rows inserted with the
        same ids and guids. Given a snapshot, speakers it has and ``target`` has not are deleted when unused."""
        with self.transaction() as session:
            return snapshots.restore(session, target, current)

    # -- the operations themselves -------------------------------------------------------------
    def _operation(self, op: str) -> Callable[..., _Done]:
        if op not in OPERATIONS:
            raise ValueError(f"unknown editing operation {op!r}")
        return getattr(self, f"_{op}")

    def _run(self, op: str, **kwargs: Any) -> Any:
        with self.transaction() as session:
            done = self._operation(op)(session, _ignore, **kwargs)
            if done.changed:
                mark_touched(session, done.ids)
            return done.result

    def _edit_text(self, session: Session, capture: _Capture, segment_id: int, new_text: str) -> _Done:
        seg = load_segment(session, segment_id)
        capture([segment_id])
        if new_text != seg.text:
            self._change_text(session, seg, new_text)
        forget_typing(session, segment_id=segment_id)  # what was kept of the typing is an edit now
        return _Done(segment_view(session, segment_id), [segment_id], changed=new_text != seg.text)

    def _change_text(self, session: Session, seg: SegmentRow, new_text: str) -> None:
        words = retime_words(load_words(session, seg.id), new_text, seg.start_ms, seg.end_ms)
        codings = covering(session, seg.recording_id, [seg.id])
        text_map = TextMap(seg.text, new_text)
        anchors = {}
        for c in codings:
            starts = text_map.candidates(c.start_offset, START) if c.start_segment_id == seg.id else (c.start_offset,)
            ends = text_map.candidates(c.end_offset, END) if c.end_segment_id == seg.id else (c.end_offset,)
            start, end = pick_anchors(starts, ends, c.start_segment_id == c.end_segment_id == seg.id)
            anchors[c.id] = (c.start_segment_id, start, c.end_segment_id, end)
        update_segment(session, seg, text=new_text, status=SegmentStatus.EDITED.value)
        store_words(session, seg.id, words)
        place_codings(session, seg.recording_id, anchors)

    def _split(self, session: Session, capture: _Capture, segment_id: int, offset: int) -> _Done:
        seg = load_segment(session, segment_id)
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
        for w in aligned_words(session, seg):
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

        codings = covering(session, seg.recording_id, [seg.id])
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
        update_segment(session, seg, text=left, end_ms=first_end)
        store_words(session, seg.id, first)
        store_words(session, new_id, second)

        def start(sid: int, off: int) -> tuple[int, int]:
            return (sid, off) if sid != seg.id or off < len(left) else (new_id, max(off - cut, 0))

        def end(sid: int, off: int) -> tuple[int, int]:
            return (sid, off) if sid != seg.id else (sid, min(off, len(left))) if off <= cut else (new_id, off - cut)

        anchors = {
            c.id: (*start(c.start_segment_id, c.start_offset), *end(c.end_segment_id, c.end_offset)) for c in codings
        }
        place_codings(session, seg.recording_id, anchors)
        return _Done((segment_view(session, seg.id), segment_view(session, new_id)), [seg.id, new_id])

    def _merge(self, session: Session, capture: _Capture, segment_id: int) -> _Done:
        a = load_segment(session, segment_id)
        b = neighbour(session, a, after=True)
        if b is None:
            raise UserError(f"segment {segment_id} is the last of its recording; there is no next segment to merge")
        capture([a.id, b.id])
        head, tail = a.text.rstrip(), b.text.lstrip()
        lead = len(b.text) - len(tail)
        joined = head + (SEGMENT_SEPARATOR if head and tail else "") + tail
        base = len(joined) - len(tail)  # where b's text begins in the merged one
        timed = bool(load_words(session, a.id) or load_words(session, b.id))
        words = aligned_words(session, a, timed)
        for w in aligned_words(session, b, timed):
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

        codings = covering(session, a.recording_id, [a.id, b.id])
        anchors = {
            c.id: (*start(c.start_segment_id, c.start_offset), *end(c.end_segment_id, c.end_offset)) for c in codings
        }
        for column in (CODINGS.c.start_segment_id, CODINGS.c.end_segment_id):  # keep them from the cascade
            session.execute(update(CODINGS).where(column == b.id).values({column.name: a.id}))
        session.execute(delete(SEGMENTS).where(SEGMENTS.c.id == b.id))
        both_verified = a.status == b.status == SegmentStatus.VERIFIED.value
        update_segment(
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
        store_words(session, a.id, words)
        place_codings(session, a.recording_id, anchors)
        return _Done(segment_view(session, a.id), [a.id])

    def _nudge(
        self,
        session: Session,
        capture: _Capture,
        segment_id: int,
        start_ms: int | None = None,
        end_ms: int | None = None,
    ) -> _Done:
        seg = load_segment(session, segment_id)
        if start_ms is None and end_ms is None:
            capture([segment_id])
            return _Done(segment_view(session, seg.id), [seg.id], changed=False)
        prev, nxt = neighbour(session, seg, after=False), neighbour(session, seg, after=True)
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
                f"segment {segment_id}: cannot move it to {start} - {end} ms; it must start before it ends and stay "
                f"within {lowest} - {highest} ms, between its neighbours"
            )
        capture([segment_id])
        words = load_words(session, seg.id)
        clamped = []
        for w in words:
            s = min(max(w.start_ms, start), end)
            clamped.append(replace(w, start_ms=s, end_ms=min(max(w.end_ms, s), end)))
        update_segment(session, seg, start_ms=start, end_ms=end)
        if clamped != words:
            store_words(session, seg.id, clamped)
        place_codings(session, seg.recording_id, {c.id: c[1:] for c in covering(session, seg.recording_id, [seg.id])})
        return _Done(segment_view(session, seg.id), [seg.id])

    def _set_speaker(self, session: Session, capture: _Capture, segment_id: int, label: str | None) -> _Done:
        seg = load_segment(session, segment_id)
        label = (label or "").strip() or None
        speaker_id = find_speaker(session, seg.recording_id, label) if label else None
        capture([segment_id], [speaker_id] if speaker_id else [])
        if label and speaker_id is None:
            speaker_id = session.execute(
                insert(SPEAKERS).values(recording_id=seg.recording_id, label=label)
            ).inserted_primary_key[0]
        update_segment(session, seg, speaker_id=speaker_id)
        return _Done(segment_view(session, segment_id), [segment_id], [speaker_id] if speaker_id else [])

    def _rename_speaker(
        self, session: Session, capture: _Capture, recording_id: int, old_label: str, new_label: str
    ) -> _Done:
        old_label, new_label = old_label.strip(), new_label.strip()
        if not new_label:
            raise UserError("a speaker needs a label")
        old_id = find_speaker(session, recording_id, old_label)
        if old_id is None:
            raise NotFound(f"recording {recording_id} has no speaker {old_label!r}")
        new_id = find_speaker(session, recording_id, new_label)
        if new_id is None or new_id == old_id:
            capture([], [old_id])
            session.execute(update(SPEAKERS).where(SPEAKERS.c.id == old_id).values(label=new_label))
            return _Done(speaker_view(session, old_id), [], [old_id])
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
        return _Done(speaker_view(session, new_id), moved, [new_id])

    def _set_status(self, session: Session, capture: _Capture, segment_id: int, status: str) -> _Done:
        if status not in STATUSES:
            raise UserError(f"{status!r} is not a segment status; use one of {', '.join(STATUSES)}")
        seg = load_segment(session, segment_id)
        capture([segment_id])
        update_segment(session, seg, status=status)
        return _Done(segment_view(session, segment_id), [segment_id])

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
            select(*SEGMENT_COLUMNS).where(Segment.recording_id == recording_id).order_by(Segment.start_ms, Segment.id)
        ).all()
        changes = []
        count = 0
        for row in segments:
            seg = SegmentRow(*row)
            new_text, n = pattern.subn(lambda _m: replace, seg.text)
            if n and new_text != seg.text:
                changes.append((seg, new_text))
                count += n
        ids = [seg.id for seg, _ in changes]
        capture(ids)
        for seg, new_text in changes:
            self._change_text(session, load_segment(session, seg.id), new_text)
        return _Done(Replaced(count, tuple(segment_views(session, Segment.id.in_(ids)))), ids)
