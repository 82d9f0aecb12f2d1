"""Search: words across every transcript and page of field notes, and coding what was found.

:meth:`SearchService.find` matches the words of a query with any whitespace between them, with or without regard
to case, as whole words or inside longer ones; a hit in a transcript stays within one segment. Each hit carries
its offsets (``str`` indices into the segment's or the document's text), the words around it for a list of results
(up to :data:`CONTEXT` characters each side, cut at word boundaries, on one line; in a transcript the context runs
into the neighbouring segments, joined by :data:`~annotator.core.services.transcript_rows.SEGMENT_SEPARATOR`) and,
in a transcript, the times of its first and last word.

Hits come in reading order: recordings by title, then in time; then documents by title, then in the text. The
matching runs in Python over the text of every segment, read with one query: a few hundred interviews take well
under a second.

:meth:`SearchService.code_hits` codes every hit with a theme in one transaction, by the rules of
:class:`~annotator.core.services.coding.CodingService`; a hit the theme already codes is left as it is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, groupby
from operator import itemgetter

from sqlalchemy import select
from sqlalchemy.engine import Connection

from annotator.core.models import Recording, Segment, Speaker, TextDocument, Word
from annotator.core.services.base import Service
from annotator.core.services.passage_query import PassageView
from annotator.core.services.recordings import RecordingService
from annotator.core.services.transcript_rows import SEGMENT_SEPARATOR
from annotator.errors import UserError

CONTEXT = 60  # characters of context on each side of a hit, at most
_BATCH = 500  # segment ids per query for the words' times
_SPACES = re.compile(r"\s+")
_BARRIER = "\x00"  # between segments when matching: neither a space nor a word character, and never searched for


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of the words searched for, in a transcript (recording and segment) or in a document."""

    recording_id: int | None
    recording: str | None  # the recording's title
    document_id: int | None
    document: str | None  # the document's title
    segment_id: int | None
    start: int  # offsets into the segment's text, or the document's
    end: int
    before: str  # the words before it, on one line
    match: str  # the text found, as it is written
    after: str
    start_ms: int | None  # time of its first word (None in a document)
    end_ms: int | None  # time of its last word
    speaker: str | None  # the label of the segment's speaker

    @property
    def where(self) -> str:
        if self.recording_id is not None:
            return f"recording {self.recording_id} ({self.recording})"
        return f"document {self.document_id} ({self.document})"


def search_pattern(text: str, *, case_sensitive: bool = False, whole_words: bool = False) -> re.Pattern[str]:
    """The words of ``text`` with any whitespace between them; with ``whole_words`` no word character may touch a
    word-character end."""
    words = text.replace(_BARRIER, " ").split()
    if not words:
        raise UserError("give the words to search for")
    body = r"\s+".join(re.escape(w) for w in words)
    if whole_words and re.match(r"\w", words[0][0]):
        body = r"(?<!\w)" + body
    if whole_words and re.match(r"\w", words[-1][-1]):
        body += r"(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)


def before_context(text: str) -> str:
    """The end of ``text``: up to CONTEXT characters, beginning with a whole word, on one line."""
    if len(text) > CONTEXT:
        cut = len(text) - CONTEXT
        if not text[cut - 1].isspace() and (space := _SPACES.search(text, cut)) is not None:
            cut = space.end()
        text = text[cut:]
    return _SPACES.sub(" ", text).lstrip()


def after_context(text: str) -> str:
    """The beginning of ``text``: up to CONTEXT characters, ending with a whole word, on one line."""
    if len(text) > CONTEXT:
        cut = CONTEXT
        if not text[cut].isspace():
            spaces = [m.start() for m in _SPACES.finditer(text, 0, cut)]
            cut = spaces[-1] if spaces else cut
        text = text[:cut]
    return _SPACES.sub(" ", text).rstrip()


class SearchService(Service):
    def find(
        self,
        text: str,
        *,
        case_sensitive: bool = False,
        whole_words: bool = False,
        recordings: Sequence[str | int] | None = None,
        documents: bool = True,
        limit: int | None = None,
    ) -> list[Hit]:
        """Every occurrence of the words of ``text`` in the transcripts (of ``recordings``, ids or titles; None:
        every recording) and, unless ``documents`` is False, in the documents; the first ``limit`` of them."""
        pattern = search_pattern(text, case_sensitive=case_sensitive, whole_words=whole_words)
        if limit is not None and limit < 0:
            raise UserError(f"a limit of {limit} hits makes no sense; give 0 or more")
        with self.reading() as session:
            query = select(Recording.id, Recording.title)
            if recordings is not None:
                query = query.where(Recording.id.in_({RecordingService.find(session, r).id for r in recordings}))
            titles = dict(session.execute(query).all())
            connection = session.connection()  # plain rows, without the ORM's result machinery
            hits = _transcript_hits(connection, pattern, titles, limit)
            if documents and (limit is None or len(hits) < limit):
                hits += _document_hits(connection, pattern, None if limit is None else limit - len(hits))
            return hits

    def code_hits(
        self, hits: Iterable[Hit], theme_ref: str | int, memo: str = "", coder: str | None = None
    ) -> list[PassageView]:
        """Code every hit with a theme, in one transaction; returns the codings made (a hit the theme already codes
        is left as it is, and not returned). A hit whose text has changed since the search is refused."""
        coding = self.project.coding
        with self.transaction() as session:
            themes = coding._themes(session, [theme_ref])
            recordings: dict[int, Recording] = {}
            made: list[int] = []
            for hit in hits:
                try:
                    if hit.recording_id is not None:
                        assert hit.segment_id is not None
                        if hit.recording_id not in recordings:
                            recordings[hit.recording_id] = RecordingService.find(session, hit.recording_id)
                        recording = recordings[hit.recording_id]
                        values = coding._span(session, recording, hit.segment_id, hit.start, hit.segment_id, hit.end)
                    else:
                        assert hit.document_id is not None
                        values = coding._document_span(session, hit.document_id, hit.start, hit.end)
                except UserError as exc:
                    raise UserError(f"{hit.where}: {hit.match!r} is no longer there ({exc}); search again") from exc
                if values["quote"] != hit.match.strip():
                    raise UserError(f"{hit.where}: the text has changed since the search ({hit.match!r}); search again")
                made += coding._add(session, values, themes, memo, coder)
            return coding._views(session, made)


def _transcript_hits(
    connection: Connection, pattern: re.Pattern[str], titles: dict[int, str], limit: int | None
) -> list[Hit]:
    if not titles or limit == 0:
        return []
    query = select(Segment.recording_id, Segment.id, Segment.start_ms, Segment.end_ms, Segment.text, Segment.speaker_id)
    if len(titles) < _BATCH:
        query = query.where(Segment.recording_id.in_(list(titles)))
    rows = connection.execute(query.order_by(Segment.recording_id, Segment.start_ms, Segment.id)).all()
    segments = {rid: list(group) for rid, group in groupby(rows, key=itemgetter(0)) if rid in titles}
    # One match over each recording's text, segments joined by a character no query can match across.
    found: list[tuple[int, int, int, int, str]] = []  # recording, index of the segment, start, end, match
    for rid in sorted(segments, key=lambda r: (titles[r].casefold(), r)):
        texts = [seg.text for seg in segments[rid]]
        starts = list(accumulate((len(t) + 1 for t in texts), initial=0))
        for m in pattern.finditer(_BARRIER.join(texts)):
            i = bisect_right(starts, m.start()) - 1
            found.append((rid, i, m.start() - starts[i], m.end() - starts[i], m.group()))
        if limit is not None and len(found) >= limit:
            break
    found = found[:limit]
    hit_segments = {segments[rid][i] for rid, i, *_ in found}
    times = _word_times(connection, {seg.id for seg in hit_segments})
    speakers = {seg.speaker_id for seg in hit_segments} - {None}
    labels: dict[int, str] = {}
    if speakers:
        labels = dict(connection.execute(select(Speaker.id, Speaker.label).where(Speaker.id.in_(speakers))).all())
    hits = []
    for rid, i, start, end, match in found:
        segs = segments[rid]
        seg = segs[i]
        words = [(s, e) for s, e, cs, ce in times.get(seg.id, ()) if cs < end and ce > start]
        start_ms, end_ms = (words[0][0], words[-1][1]) if words else (seg.start_ms, seg.end_ms)
        before, after = seg.text[:start], seg.text[end:]
        j = i
        while len(before) <= CONTEXT and j > 0:
            j -= 1
            before = segs[j].text + SEGMENT_SEPARATOR + before
        j = i
        while len(after) <= CONTEXT and j < len(segs) - 1:
            j += 1
            after = after + SEGMENT_SEPARATOR + segs[j].text
        before, after = before_context(before), after_context(after)
        speaker = labels.get(seg.speaker_id)
        hits.append(
            Hit(rid, titles[rid], None, None, seg.id, start, end, before, match, after, start_ms, end_ms, speaker)
        )
    return hits


def _word_times(connection: Connection, segment_ids: set[int]) -> dict[int, list[tuple[int, int, int, int]]]:
    """The aligned words of these segments: (start ms, end ms, char start, char end) in order."""
    times: dict[int, list[tuple[int, int, int, int]]] = defaultdict(list)
    ids = sorted(segment_ids)
    for k in range(0, len(ids), _BATCH):
        rows = connection.execute(
            select(Word.segment_id, Word.start_ms, Word.end_ms, Word.char_start, Word.char_end)
            .where(Word.segment_id.in_(ids[k : k + _BATCH]), Word.char_start.is_not(None), Word.char_end.is_not(None))
            .order_by(Word.segment_id, Word.position)
        )
        for sid, start, end, cs, ce in rows:
            times[sid].append((start, end, cs, ce))
    return times


def _document_hits(connection: Connection, pattern: re.Pattern[str], limit: int | None) -> list[Hit]:
    hits: list[Hit] = []
    rows = connection.execute(select(TextDocument.id, TextDocument.title, TextDocument.text)).all()
    for did, title, text in sorted(rows, key=lambda r: (r.title.casefold(), r.id)):
        for m in pattern.finditer(text):
            if limit is not None and len(hits) >= limit:
                return hits
            before = before_context(text[max(m.start() - CONTEXT - 1, 0) : m.start()])
            after = after_context(text[m.end() : m.end() + CONTEXT + 1])
            hits.append(
                Hit(None, None, did, title, None, m.start(), m.end(), before, m.group(), after, None, None, None)
            )
    return hits
