"""The rows of a transcript being edited, inside an editing transaction: segments and their words read as views
and written back, and the coded passages laid over them.

Shared by the operations (:mod:`~annotator.core.services.editing`) and by undo
(:mod:`~annotator.core.services.snapshots`). Passage rules (DESIGN.md, "Data conventions"): a coded passage runs
from (start segment, offset) to (end segment, offset). After an edit the operation gives each passage its new
anchors; :func:`place_codings` stores them with the ``quote`` and times that follow, and deletes a passage left
without text. The quote is the text the passage covers, segments joined by :data:`SEGMENT_SEPARATOR`; its times
are those of its first and last word.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import and_, delete, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from annotator.core.models import Coding, Segment, Speaker, Word
from annotator.core.services.transcript_views import SegmentView, SpeakerView, WordView
from annotator.core.textdiff import retime_words
from annotator.errors import NotFound

SEGMENT_SEPARATOR = " "  # between the parts of a quote that runs across segments

SEGMENTS = Segment.__table__
WORDS = Word.__table__
CODINGS = Coding.__table__


class SegmentRow(NamedTuple):
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


class Anchor(NamedTuple):
    id: int
    start_segment_id: int
    start_offset: int
    end_segment_id: int
    end_offset: int


SEGMENT_COLUMNS = tuple(getattr(Segment, name) for name in SegmentRow._fields)
WORD_COLUMNS = (Word.start_ms, Word.end_ms, Word.text, Word.char_start, Word.char_end, Word.probability)


# -- segments, words, speakers ------------------------------------------------------------------------
def load_segment(session: Session, segment_id: int) -> SegmentRow:
    row = session.execute(select(*SEGMENT_COLUMNS).where(Segment.id == segment_id)).one_or_none()
    if row is None:
        raise NotFound(f"no segment {segment_id} in this project")
    return SegmentRow(*row)


def neighbour(session: Session, seg: SegmentRow, *, after: bool) -> SegmentRow | None:
    if after:
        beyond = or_(Segment.start_ms > seg.start_ms, and_(Segment.start_ms == seg.start_ms, Segment.id > seg.id))
        order = (Segment.start_ms, Segment.id)
    else:
        beyond = or_(Segment.start_ms < seg.start_ms, and_(Segment.start_ms == seg.start_ms, Segment.id < seg.id))
        order = (Segment.start_ms.desc(), Segment.id.desc())
    row = session.execute(
        select(*SEGMENT_COLUMNS).where(Segment.recording_id == seg.recording_id, beyond).order_by(*order).limit(1)
    ).one_or_none()
    return SegmentRow(*row) if row else None


def aligned_words(session: Session, seg: SegmentRow, timed: bool = False) -> list[WordView]:
    """The segment's words made to match its text (none for a segment without words, unless ``timed``)."""
    words = load_words(session, seg.id)
    return retime_words(words, seg.text, seg.start_ms, seg.end_ms) if words or timed else []


def load_words(session: Session, segment_id: int) -> list[WordView]:
    rows = session.execute(select(*WORD_COLUMNS).where(Word.segment_id == segment_id).order_by(Word.position))
    return [WordView(*r) for r in rows]


def store_words(session: Session, segment_id: int, words: Sequence[WordView]) -> None:
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
                    "probability": getattr(w, "probability", None),
                }
                for i, w in enumerate(words)
            ],
        )


def add_written_segment(
    session: Session,
    recording_id: int,
    start_ms: int,
    end_ms: int,
    text: str,
    speaker_id: int | None,
    words: Sequence[Any] | None = None,
) -> int:
    """Store a segment a person wrote (an imported transcript, not the recogniser's): status "edited", its words
    as given (with times and places in the text) or else spread evenly over its time, without a probability.
    Returns its id."""
    segment = Segment(
        recording_id=recording_id,
        start_ms=start_ms,
        end_ms=end_ms,
        speaker_id=speaker_id,
        text=text,
        status="edited",
        flags=[],
    )
    session.add(segment)
    session.flush()
    store_words(session, segment.id, retime_words((), text, start_ms, end_ms) if words is None else words)
    return segment.id


def update_segment(session: Session, seg: SegmentRow, **values: Any) -> None:
    changed = {k: v for k, v in values.items() if getattr(seg, k) != v}
    if changed:
        session.execute(update(SEGMENTS).where(SEGMENTS.c.id == seg.id).values(changed))


def find_speaker(session: Session, recording_id: int, label: str) -> int | None:
    return session.scalar(select(Speaker.id).where(Speaker.recording_id == recording_id, Speaker.label == label))


def speaker_view(session: Session, speaker_id: int) -> SpeakerView:
    row = session.execute(
        select(Speaker.id, Speaker.label, Speaker.participant_id, Speaker.channel).where(Speaker.id == speaker_id)
    ).one()
    return SpeakerView(*row)


def segment_view(session: Session, segment_id: int) -> SegmentView:
    views = segment_views(session, Segment.id == segment_id)
    if not views:
        raise NotFound(f"no segment {segment_id} in this project")
    return views[0]


def segment_views(session: Session, condition: Any) -> list[SegmentView]:
    """Segments (in time order) with their words: two plain queries whatever their number."""
    connection = session.connection()  # plain rows, without the ORM's result machinery
    words: dict[int, list[WordView]] = defaultdict(list)
    rows = connection.execute(
        select(Word.segment_id, *WORD_COLUMNS)
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


# -- coded passages ----------------------------------------------------------------------------------
def covering(session: Session, recording_id: int, segment_ids: Iterable[int]) -> list[Anchor]:
    """The codings whose passage starts at, ends at or runs over any of these segments."""
    keys = sorted(
        tuple(r) for r in session.execute(select(Segment.start_ms, Segment.id).where(Segment.id.in_(list(segment_ids))))
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
        .where(
            Coding.recording_id == recording_id,
            first.start_ms <= keys[-1][0],  # only passages that can reach these segments (exactly: below)
            last.start_ms >= keys[0][0],
        )
        .order_by(Coding.id)
    )
    found = []
    for cid, sid, soff, eid, eoff, s_ms, e_ms in rows:
        i = bisect_left(keys, (s_ms, sid))
        if i < len(keys) and keys[i] <= (e_ms, eid):
            found.append(Anchor(cid, sid, soff, eid, eoff))
    return found


def place_codings(session: Session, recording_id: int, anchors: dict[int, tuple[int, int, int, int]]) -> None:
    """Store codings' new anchors with the quote and times that follow; delete those left without text."""
    for cid, (sid, soff, eid, eoff) in anchors.items():
        values = passage(session, recording_id, sid, soff, eid, eoff)
        if values is None:
            session.execute(delete(CODINGS).where(CODINGS.c.id == cid))
            continue
        stored = session.execute(select(*(CODINGS.c[k] for k in values)).where(CODINGS.c.id == cid)).mappings().one()
        if dict(stored) != values:
            session.execute(update(CODINGS).where(CODINGS.c.id == cid).values(values))


def passage(session: Session, recording_id: int, sid: int, soff: int, eid: int, eoff: int) -> dict[str, Any] | None:
    """The coding columns for a passage between these anchors, moved onto text; None if it covers no text."""
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
