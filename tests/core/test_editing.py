"""EditingService: every edit the transcript editor makes, its timing and passage rules, and undo/redo."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, func, insert, select

from annotator.core.models import Coding, Recording, Segment, Speaker, Word
from annotator.core.project import Project
from annotator.core.services.editing import Change, SegmentView, WordView
from annotator.core.services.transcript import NewSegment, NewWord
from annotator.errors import NotFound, UserError
from tests.conftest import snapshot

A_TEXT = "Saya merasa nyaman tinggal di panti"
B_TEXT = "karena teman teman baik"
C_TEXT = "dan pegawai juga baik"


# -- building transcripts ----------------------------------------------------------------------------
@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as opened:
        yield opened


def add_recording(project: Project, duration_ms: int = 60_000) -> int:
    with project.transaction() as session:
        recording = Recording(
            title="Wawancara",
            media_abspath="/nowhere/wawancara.wav",
            sha256="0" * 64,
            size_bytes=1,
            duration_ms=duration_ms,
            channels=1,
            sample_rate=16_000,
        )
        session.add(recording)
        session.flush()
        return recording.id


def add_segment(
    project: Project,
    recording_id: int,
    start_ms: int,
    end_ms: int,
    text: str,
    speaker: str | None = "S1",
    with_words: bool = True,
    flags: tuple[str, ...] = (),
) -> int:
    """A segment whose words share its time evenly, with a 10 ms pause on each side of every word."""
    tokens = text.split() if with_words else []
    step = (end_ms - start_ms) // max(len(tokens), 1)
    words = [
        NewWord(start_ms + k * step + 10, start_ms + (k + 1) * step - 10, token, round(0.5 + k / 100, 2))
        for k, token in enumerate(tokens)
    ]
    return project.transcripts.add_segment(
        recording_id, NewSegment(start_ms, end_ms, text, words, speaker=speaker, flags=list(flags))
    )


def passage_text(project: Project, coding_id: int) -> str:
    """What a coding covers, computed here independently: its segments' parts joined by one space."""
    with project.transaction() as session:
        c = session.get(Coding, coding_id)
        rows = session.execute(
            select(Segment.id, Segment.start_ms, Segment.text)
            .where(Segment.recording_id == c.recording_id)
            .order_by(Segment.start_ms, Segment.id)
        ).all()
        ids = [r.id for r in rows]
        first, last = ids.index(c.start_segment_id), ids.index(c.end_segment_id)
        parts = []
        for i in range(first, last + 1):
            text = rows[i].text
            parts.append(text[c.start_offset if i == first else 0 : c.end_offset if i == last else len(text)])
        return " ".join(p for p in parts if p)


def add_coding(project: Project, recording_id: int, start: tuple[int, int], end: tuple[int, int]) -> int:
    theme_id = project.themes.get("Nyaman").id if _has_theme(project) else project.themes.create("Nyaman").id
    with project.transaction() as session:
        coding = Coding(
            theme_id=theme_id,
            coder_id=1,
            recording_id=recording_id,
            start_segment_id=start[0],
            start_offset=start[1],
            end_segment_id=end[0],
            end_offset=end[1],
            start_ms=0,
            end_ms=0,
            memo="catatan",
        )
        session.add(coding)
        session.flush()
        coding_id = coding.id
    quote = passage_text(project, coding_id)
    with project.transaction() as session:
        session.get(Coding, coding_id).quote = quote
    return coding_id


def _has_theme(project: Project) -> bool:
    try:
        project.themes.get("Nyaman")
    except NotFound:
        return False
    return True


def coding(project: Project, coding_id: int) -> Coding | None:
    with project.transaction() as session:
        return session.get(Coding, coding_id)


def segment(project: Project, segment_id: int) -> SegmentView:
    return project.editing.segment(segment_id)


class Transcript:
    """Three segments of one recording: A (S1) 0-3 s, B (S2) 3-6 s, C (S1) 6-9 s."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.rid = add_recording(project)
        self.a = add_segment(project, self.rid, 0, 3000, A_TEXT, "S1", flags=("repetition",))
        self.b = add_segment(project, self.rid, 3000, 6000, B_TEXT, "S2")
        self.c = add_segment(project, self.rid, 6000, 9000, C_TEXT, "S1")


@pytest.fixture
def tr(project: Project) -> Transcript:
    return Transcript(project)


def offsets_match(view: SegmentView) -> None:
    assert [w.text for w in view.words] == view.text.split()
    for w in view.words:
        assert view.text[w.char_start : w.char_end] == w.text


def refused(project: Project, call: Callable[[], object], match: str) -> None:
    """The call is refused with a message, and the project is left exactly as it was."""
    before = snapshot(project.path)
    with pytest.raises(UserError, match=match):
        call()
    assert snapshot(project.path) == before


# -- loading -----------------------------------------------------------------------------------------
def test_load_gives_segments_in_time_order_with_words_speakers_and_gaps(project: Project, tr: Transcript) -> None:
    late = add_segment(project, tr.rid, 9000, 9500, "oke", None)
    project.transcripts.checkpoint(tr.rid, 12_000, [(9500, 12_000, None)])
    view = project.editing.load(tr.rid)
    assert [s.id for s in view.segments] == [tr.a, tr.b, tr.c, late]
    a = view.segments[0]
    assert (a.start_ms, a.end_ms, a.speaker, a.status, a.flags) == (0, 3000, "S1", "asr", ("repetition",))
    assert a.words[0] == WordView(10, 490, "Saya", 0, 4, 0.5)
    assert view.segments[3].speaker is None and view.segments[3].speaker_id is None
    assert [s.label for s in view.speakers] == ["S1", "S2"]
    assert [(g.start_ms, g.end_ms) for g in view.gaps] == [(9500, 12_000)]
    for s in view.segments:
        offsets_match(s)


def test_load_refuses_an_unknown_recording(project: Project) -> None:
    with pytest.raises(NotFound, match="no recording 7"):
        project.editing.load(7)


def make_long_transcript(project: Project, recording_id: int, segments: int = 2500, words: int = 12) -> None:
    """A 3-hour interview (2,500 segments of 12 words), stored with two bulk inserts."""
    seg_rows, word_rows = [], []
    with project.transaction() as session:
        speakers = [
            session.execute(insert(Speaker).values(recording_id=recording_id, label=label)).inserted_primary_key[0]
            for label in ("Pewawancara", "WBS-01")
        ]
        first_id = (session.scalar(select(func.max(Segment.id))) or 0) + 1
        for i in range(segments):
            sid, start = first_id + i, i * 4320
            tokens = [f"kata{(i * words + k) % 997}" for k in range(words)]
            text = " ".join(tokens)
            seg_rows.append(
                {
                    "id": sid,
                    "guid": f"00000000-0000-4000-8000-{sid:012d}",
                    "recording_id": recording_id,
                    "start_ms": start,
                    "end_ms": start + 4000,
                    "speaker_id": speakers[i % 2],
                    "text": text,
                    "status": "asr",
                    "flags": [],
                }
            )
            cursor = 0
            for k, token in enumerate(tokens):
                cursor = text.index(token, cursor)
                word_rows.append(
                    {
                        "segment_id": sid,
                        "position": k,
                        "start_ms": start + k * 330,
                        "end_ms": start + k * 330 + 300,
                        "text": token,
                        "char_start": cursor,
                        "char_end": cursor + len(token),
                        "probability": 0.9,
                    }
                )
                cursor += len(token)
        session.execute(insert(Segment), seg_rows)
        session.execute(insert(Word), word_rows)


def _statements(project: Project, action: Callable[[], Any]) -> tuple[Any, int]:
    """What ``action`` returns, and how many SQL statements it ran."""
    count = 0

    def counted(*_args: object) -> None:
        nonlocal count
        count += 1

    event.listen(project.engine, "before_cursor_execute", counted)
    try:
        return action(), count
    finally:
        event.remove(project.engine, "before_cursor_execute", counted)


def test_load_of_a_three_hour_transcript_reads_it_in_a_few_statements(project: Project) -> None:
    """Its time is measured by bench/editor.py (a wall-clock limit fails on a busy machine); here, what keeps it
    fast: the statements run do not grow with the transcript (no query per segment or per word)."""
    rid = add_recording(project, duration_ms=3 * 3600 * 1000)
    make_long_transcript(project, rid)
    short = add_recording(project)
    make_long_transcript(project, short, segments=3)
    view, statements = _statements(project, lambda: project.editing.load(rid))
    assert len(view.segments) == 2500 and sum(len(s.words) for s in view.segments) == 30_000
    assert view.segments[-1].start_ms == 2499 * 4320
    small, small_statements = _statements(project, lambda: project.editing.load(short))
    assert len(small.segments) == 3
    assert statements == small_statements <= 10


# -- editing text --------------------------------------------------------------------------------------
def test_unchanged_words_keep_their_times_and_new_ones_are_interpolated(project: Project, tr: Transcript) -> None:
    old = {w.text: w for w in segment(project, tr.a).words}
    view = project.editing.edit_text(tr.a, "Saya merasa sangat nyaman tinggal di panti asuhan")
    words = {w.text: w for w in view.words}
    for text in A_TEXT.split():  # exactly as they were
        assert (words[text].start_ms, words[text].end_ms, words[text].probability) == (
            old[text].start_ms,
            old[text].end_ms,
            old[text].probability,
        )
    sangat, asuhan = words["sangat"], words["asuhan"]
    assert (sangat.start_ms, sangat.end_ms, sangat.probability) == (old["merasa"].end_ms, old["nyaman"].start_ms, None)
    assert (asuhan.start_ms, asuhan.end_ms, asuhan.probability) == (old["panti"].end_ms, 3000, None)
    assert view.status == "edited"
    offsets_match(view)


def test_several_new_words_share_their_gap_evenly(project: Project, tr: Transcript) -> None:
    old = segment(project, tr.a).words
    view = project.editing.edit_text(tr.a, "Saya merasa sudah lama sekali di panti")  # "nyaman tinggal" replaced
    lo, hi = old[1].end_ms, old[4].start_ms
    new = view.words[2:5]
    assert [w.text for w in new] == ["sudah", "lama", "sekali"]
    assert [(w.start_ms, w.end_ms) for w in new] == [
        (lo + (hi - lo) * k // 3, lo + (hi - lo) * (k + 1) // 3) for k in range(3)
    ]
    assert all(w.probability is None for w in new)
    starts = [w.start_ms for w in view.words]
    assert starts == sorted(starts) and all(0 <= w.start_ms <= w.end_ms <= 3000 for w in view.words)


def test_new_first_word_starts_at_the_segment_start(project: Project, tr: Transcript) -> None:
    old = segment(project, tr.b).words
    view = project.editing.edit_text(tr.b, "ya karena teman teman baik")
    assert (view.words[0].start_ms, view.words[0].end_ms) == (3000, old[0].start_ms)
    assert view.words[1:] == tuple(
        WordView(w.start_ms, w.end_ms, w.text, w.char_start + 3, w.char_end + 3, w.probability) for w in old
    )


def test_a_changed_word_gets_the_time_between_its_neighbours(project: Project, tr: Transcript) -> None:
    old = segment(project, tr.a).words
    view = project.editing.edit_text(tr.a, "Saya merasa senang tinggal di panti")
    assert (view.words[2].text, view.words[2].start_ms, view.words[2].end_ms) == (
        "senang",
        old[1].end_ms,
        old[3].start_ms,
    )
    assert view.words[2].probability is None and view.words[3].probability == old[3].probability


def test_spaces_do_not_change_words_but_their_offsets(project: Project, tr: Transcript) -> None:
    old = segment(project, tr.c).words
    view = project.editing.edit_text(tr.c, "  dan pegawai   juga baik ")
    assert [(w.start_ms, w.end_ms, w.probability) for w in view.words] == [
        (w.start_ms, w.end_ms, w.probability) for w in old
    ]
    offsets_match(view)


def test_a_verified_segment_becomes_edited(project: Project, tr: Transcript) -> None:
    project.editing.set_status(tr.a, "verified")
    assert project.editing.edit_text(tr.a, "Saya merasa nyaman").status == "edited"


def test_the_same_text_changes_nothing(project: Project, tr: Transcript) -> None:
    before = snapshot(project.path)
    change = project.editing.apply("edit_text", segment_id=tr.a, new_text=A_TEXT)
    assert snapshot(project.path) == before and not change.changed


def test_empty_text_removes_the_words(project: Project, tr: Transcript) -> None:
    view = project.editing.edit_text(tr.b, "")
    assert (view.text, view.words, view.status) == ("", (), "edited")


def test_edit_refuses_an_unknown_segment(project: Project, tr: Transcript) -> None:
    refused(project, lambda: project.editing.edit_text(999, "x"), "no segment 999")


# -- passages through edits ----------------------------------------------------------------------------
def span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_passage_follows_text_typed_before_it(project: Project, tr: Transcript) -> None:
    s, e = span(A_TEXT, "nyaman tinggal")
    cid = add_coding(project, tr.rid, (tr.a, s), (tr.a, e))
    new = "Jadi saya merasa nyaman tinggal di panti"
    project.editing.edit_text(tr.a, new)
    c = coding(project, cid)
    assert (c.start_offset, c.end_offset, c.quote) == (*span(new, "nyaman tinggal"), "nyaman tinggal")


def test_text_typed_inside_a_passage_joins_it_and_at_its_edges_does_not(project: Project, tr: Transcript) -> None:
    s, e = span(A_TEXT, "nyaman tinggal")
    cid = add_coding(project, tr.rid, (tr.a, s), (tr.a, e))
    project.editing.edit_text(tr.a, "Saya merasa amat nyaman sekali tinggal lama di panti")
    c = coding(project, cid)
    assert c.quote == "nyaman sekali tinggal" == passage_text(project, cid)
    words = {w.text: w for w in segment(project, tr.a).words}
    assert (c.start_ms, c.end_ms) == (words["nyaman"].start_ms, words["tinggal"].end_ms)


def test_a_retyped_coded_word_stays_coded(project: Project, tr: Transcript) -> None:
    s, e = span(A_TEXT, "nyaman")
    cid = add_coding(project, tr.rid, (tr.a, s), (tr.a, e))
    project.editing.edit_text(tr.a, "Saya merasa gembira tinggal di panti")
    c = coding(project, cid)
    assert c.quote == "gembira"
    word = segment(project, tr.a).words[2]
    assert (c.start_ms, c.end_ms) == (word.start_ms, word.end_ms)


def test_deleting_part_of_a_passage_shortens_it(project: Project, tr: Transcript) -> None:
    s, e = span(A_TEXT, "merasa nyaman tinggal")
    cid = add_coding(project, tr.rid, (tr.a, s), (tr.a, e))
    project.editing.edit_text(tr.a, "Saya nyaman tinggal di panti")
    assert coding(project, cid).quote == "nyaman tinggal"


def test_a_passage_across_segments_follows_edits_in_each(project: Project, tr: Transcript) -> None:
    cid = add_coding(project, tr.rid, (tr.a, A_TEXT.index("di")), (tr.b, len("karena teman")))
    assert coding(project, cid).quote == "di panti karena teman"
    project.editing.edit_text(tr.b, "sebab teman teman baik")
    assert coding(project, cid).quote == "di panti sebab teman"
    long = add_coding(project, tr.rid, (tr.a, A_TEXT.index("panti")), (tr.c, len("dan")))
    project.editing.edit_text(tr.b, "sebab kawan baik")  # the middle of the passage
    c = coding(project, long)
    assert c.quote == "panti sebab kawan baik dan" == passage_text(project, long)
    assert (c.start_segment_id, c.end_segment_id) == (tr.a, tr.c)
    assert c.end_ms == segment(project, tr.c).words[0].end_ms


def test_a_passage_whose_text_is_deleted_goes_and_undo_brings_it_back(project: Project, tr: Transcript) -> None:
    s, e = span(A_TEXT, "nyaman tinggal")
    cid = add_coding(project, tr.rid, (tr.a, s), (tr.a, e))
    other = add_coding(project, tr.rid, (tr.a, 0), (tr.a, 4))
    guid = coding(project, cid).guid
    before = snapshot(project.path)
    change = project.editing.apply("edit_text", segment_id=tr.a, new_text="Saya merasa di panti")
    assert coding(project, cid) is None and coding(project, other).quote == "Saya"
    after = snapshot(project.path)
    restored = project.editing.undo(change)
    assert [v.text for v in restored] == [A_TEXT]
    assert coding(project, cid).guid == guid and coding(project, cid).memo == "catatan"
    assert snapshot(project.path) == before
    project.editing.redo(change)
    assert snapshot(project.path) == after
    project.editing.undo(change)
    assert snapshot(project.path) == before


def test_emptying_a_segment_deletes_its_passages(project: Project, tr: Transcript) -> None:
    cid = add_coding(project, tr.rid, (tr.b, 0), (tr.b, len(B_TEXT)))
    across = add_coding(project, tr.rid, (tr.a, A_TEXT.index("panti")), (tr.b, len("karena")))
    project.editing.edit_text(tr.b, "")
    assert coding(project, cid) is None
    c = coding(project, across)  # still has "panti"; its end moves back to where text is
    assert (c.end_segment_id, c.end_offset, c.quote) == (tr.a, len(A_TEXT), "panti")


# -- splitting -----------------------------------------------------------------------------------------
def test_split_moves_the_words_after_the_cut_to_a_new_segment(project: Project, tr: Transcript) -> None:
    old = segment(project, tr.a).words
    first, second = project.editing.split(tr.a, A_TEXT.index("tinggal"))
    assert (first.id, first.text, second.text) == (tr.a, "Saya merasa nyaman", "tinggal di panti")
    assert first.words == old[:3]
    assert [(w.start_ms, w.end_ms, w.probability) for w in second.words] == [
        (w.start_ms, w.end_ms, w.probability) for w in old[3:]
    ]
    assert (first.start_ms, first.end_ms) == (0, old[2].end_ms)
    assert (second.start_ms, second.end_ms) == (old[3].start_ms, 3000)
    assert (second.speaker, second.status, second.flags) == ("S1", "asr", ("repetition",))
    offsets_match(first)
    offsets_match(second)
    assert [s.id for s in project.editing.load(tr.rid).segments] == [tr.a, second.id, tr.b, tr.c]


def test_split_at_a_space_strips_it(project: Project, tr: Transcript) -> None:
    first, second = project.editing.split(tr.a, A_TEXT.index(" tinggal"))
    assert (first.text, second.text) == ("Saya merasa nyaman", "tinggal di panti")


def test_split_inside_a_word_cuts_the_word_and_its_time(project: Project, tr: Transcript) -> None:
    nyaman = segment(project, tr.a).words[2]
    first, second = project.editing.split(tr.a, A_TEXT.index("nyaman") + 3)
    assert (first.text, second.text) == ("Saya merasa nya", "man tinggal di panti")
    cut = nyaman.start_ms + (nyaman.end_ms - nyaman.start_ms) // 2
    assert first.words[-1] == WordView(nyaman.start_ms, cut, "nya", 12, 15, None)
    assert second.words[0] == WordView(cut, nyaman.end_ms, "man", 0, 3, None)
    assert first.end_ms == cut == second.start_ms


def test_split_without_words_interpolates_the_time(project: Project, tr: Transcript) -> None:
    sid = add_segment(project, tr.rid, 10_000, 12_000, "satu dua tiga empat", with_words=False)
    first, second = project.editing.split(sid, 9)  # "satu dua " | "tiga empat": 9 of 19 characters
    assert first.end_ms == second.start_ms == 10_000 + 2000 * 9 // 19
    assert first.words == second.words == ()


def test_split_carries_passages_across_the_cut(project: Project, tr: Transcript) -> None:
    across = add_coding(project, tr.rid, (tr.a, 12), (tr.a, 26))  # "nyaman tinggal"
    after_cut = add_coding(project, tr.rid, (tr.a, A_TEXT.index("di")), (tr.a, len(A_TEXT)))
    into_b = add_coding(project, tr.rid, (tr.a, A_TEXT.index("panti")), (tr.b, 6))
    _first, second = project.editing.split(tr.a, A_TEXT.index("tinggal"))
    c = coding(project, across)
    assert (c.start_segment_id, c.start_offset, c.end_segment_id, c.end_offset) == (tr.a, 12, second.id, 7)
    assert c.quote == "nyaman tinggal" == passage_text(project, across)
    c = coding(project, after_cut)
    assert (c.start_segment_id, c.start_offset, c.end_segment_id, c.end_offset) == (second.id, 8, second.id, 16)
    c = coding(project, into_b)
    assert (c.start_segment_id, c.start_offset, c.end_segment_id) == (second.id, 11, tr.b)
    assert c.quote == "panti karena"


@pytest.mark.parametrize("offset", [0, len(A_TEXT), -3, len(A_TEXT) + 5])
def test_split_refuses_a_cut_at_either_end(project: Project, tr: Transcript, offset: int) -> None:
    refused(project, lambda: project.editing.split(tr.a, offset), f"segment {tr.a}: cannot split at character")


def test_split_refuses_a_cut_with_only_spaces_on_one_side(project: Project, tr: Transcript) -> None:
    project.editing.edit_text(tr.c, "  dan pegawai")
    refused(project, lambda: project.editing.split(tr.c, 1), "there must be text on both sides")


# -- merging -------------------------------------------------------------------------------------------
def test_merge_joins_the_next_segment(project: Project, tr: Transcript) -> None:
    project.transcripts.add_flag([tr.b], "no_speech")
    a_words, b_words = segment(project, tr.a).words, segment(project, tr.b).words
    merged = project.editing.merge(tr.a)
    assert (merged.id, merged.text) == (tr.a, f"{A_TEXT} {B_TEXT}")
    assert (merged.start_ms, merged.end_ms, merged.speaker, merged.status) == (0, 6000, "S1", "edited")
    assert merged.flags == ("repetition", "no_speech")
    assert [(w.start_ms, w.end_ms, w.probability) for w in merged.words] == [
        (w.start_ms, w.end_ms, w.probability) for w in a_words + b_words
    ]
    offsets_match(merged)
    assert [s.id for s in project.editing.load(tr.rid).segments] == [tr.a, tr.c]
    with project.transaction() as session:
        positions = session.scalars(select(Word.position).where(Word.segment_id == tr.a).order_by(Word.position))
        assert list(positions) == list(range(10))


def test_merge_of_two_verified_segments_stays_verified(project: Project, tr: Transcript) -> None:
    project.editing.set_status(tr.b, "verified")
    project.editing.set_status(tr.c, "verified")
    assert project.editing.merge(tr.b).status == "verified"


def test_merge_remaps_passages_of_the_next_segment(project: Project, tr: Transcript) -> None:
    in_b = add_coding(project, tr.rid, (tr.b, 7), (tr.b, 12))  # "teman"
    across = add_coding(project, tr.rid, (tr.a, A_TEXT.index("panti")), (tr.b, 6))
    project.editing.merge(tr.a)
    base = len(A_TEXT) + 1
    c = coding(project, in_b)
    assert (c.start_segment_id, c.start_offset, c.end_segment_id, c.end_offset) == (tr.a, base + 7, tr.a, base + 12)
    assert c.quote == "teman"
    c = coding(project, across)
    assert (c.end_segment_id, c.end_offset, c.quote) == (tr.a, base + 6, "panti karena")


def test_merge_refuses_the_last_segment(project: Project, tr: Transcript) -> None:
    refused(project, lambda: project.editing.merge(tr.c), "is the last of its recording")


# -- nudging -------------------------------------------------------------------------------------------
def test_nudge_keeps_clear_of_the_neighbours(project: Project, tr: Transcript) -> None:
    view = project.editing.nudge(tr.b, start_ms=2500, end_ms=6400)
    assert (view.start_ms, view.end_ms) == (3000, 6000)
    view = project.editing.nudge(tr.c, end_ms=90_000)
    assert view.end_ms == 60_000  # the recording's length
    view = project.editing.nudge(tr.b, start_ms=3200, end_ms=5800)
    assert (view.start_ms, view.end_ms) == (3200, 5800)


def test_nudge_pulls_words_inside_the_new_bounds(project: Project, tr: Transcript) -> None:
    old = segment(project, tr.b).words  # 3010-3740, 3760-4490, 4510-5240, 5260-5990
    view = project.editing.nudge(tr.b, start_ms=3500, end_ms=5000)
    assert [(w.start_ms, w.end_ms) for w in view.words] == [(3500, 3740), (3760, 4490), (4510, 5000), (5000, 5000)]
    assert [w.probability for w in view.words] == [w.probability for w in old]
    assert view.status == "asr"


def test_nudge_without_times_changes_nothing(project: Project, tr: Transcript) -> None:
    before = snapshot(project.path)
    assert project.editing.nudge(tr.b) == segment(project, tr.b)
    assert snapshot(project.path) == before


def test_nudge_keeps_the_start_before_the_end(project: Project, tr: Transcript) -> None:
    assert project.editing.nudge(tr.b, start_ms=7000).start_ms == 5999
    refused(project, lambda: project.editing.nudge(tr.b, start_ms=4000, end_ms=3500), "must start before it ends")


# -- speakers and status -------------------------------------------------------------------------------
def test_set_speaker_makes_new_speakers_and_clears(project: Project, tr: Transcript) -> None:
    view = project.editing.set_speaker(tr.a, "Pewawancara")
    assert view.speaker == "Pewawancara"
    assert [s.label for s in project.editing.load(tr.rid).speakers] == ["Pewawancara", "S1", "S2"]
    assert project.editing.set_speaker(tr.a, None).speaker is None


def test_rename_speaker_for_the_whole_recording(project: Project, tr: Transcript) -> None:
    renamed = project.editing.rename_speaker(tr.rid, "S1", "Ani")
    assert renamed.label == "Ani"
    view = project.editing.load(tr.rid)
    assert [s.speaker for s in view.segments] == ["Ani", "S2", "Ani"]


def test_rename_to_an_existing_label_merges_the_speakers(project: Project, tr: Transcript) -> None:
    merged = project.editing.rename_speaker(tr.rid, "S2", "S1")
    view = project.editing.load(tr.rid)
    assert [s.speaker_id for s in view.segments] == [merged.id] * 3
    assert [s.label for s in view.speakers] == ["S1"]


def test_rename_refusals(project: Project, tr: Transcript) -> None:
    refused(project, lambda: project.editing.rename_speaker(tr.rid, "S9", "Ani"), "has no speaker 'S9'")
    refused(project, lambda: project.editing.rename_speaker(tr.rid, "S1", "  "), "a speaker needs a label")


def test_status_and_verified_share(project: Project, tr: Transcript) -> None:
    assert project.editing.verified_share(tr.rid) == 0.0
    assert project.editing.set_status(tr.a, "verified").status == "verified"
    assert project.editing.verified_share(tr.rid) == 33.3
    refused(project, lambda: project.editing.set_status(tr.a, "done"), "'done' is not a segment status")


# -- find and replace ----------------------------------------------------------------------------------
def test_find_ignores_case_unless_asked(project: Project, tr: Transcript) -> None:
    assert project.editing.find(tr.rid, "TEMAN") == [(tr.b, 7, 12), (tr.b, 13, 18)]
    assert project.editing.find(tr.rid, "TEMAN", case_sensitive=True) == []
    assert project.editing.find(tr.rid, "baik") == [(tr.b, 19, 23), (tr.c, 17, 21)]
    assert project.editing.find(tr.rid, "pant") == [(tr.a, 30, 34)]
    assert project.editing.find(tr.rid, "pant", whole_words=True) == []
    assert project.editing.find(tr.rid, "") == []


def test_replace_all_whole_words_and_undo(project: Project, tr: Transcript) -> None:
    project.editing.edit_text(tr.c, "dan temannya juga Teman")
    before = snapshot(project.path)
    change = project.editing.replace_all(tr.rid, "teman", "kawan")
    assert change.result.count == 3
    assert [s.text for s in change.result.segments] == ["karena kawan kawan baik", "dan temannya juga kawan"]
    assert change.segment_ids == (tr.b, tr.c)
    project.editing.undo(change)
    assert snapshot(project.path) == before
    part = project.editing.replace_all(tr.rid, "teman", "kawan", whole_words=False, case_sensitive=True)
    assert segment(project, tr.c).text == "dan kawannya juga Teman" and part.result.count == 3


def test_replace_all_keeps_word_times_and_passages(project: Project, tr: Transcript) -> None:
    cid = add_coding(project, tr.rid, (tr.b, 7), (tr.b, 18))  # "teman teman"
    old = segment(project, tr.b).words
    project.editing.replace_all(tr.rid, "karena", "sebab")
    view = segment(project, tr.b)
    assert view.words[1:] == tuple(replace_offsets(w, -1) for w in old[1:])
    assert coding(project, cid).quote == "teman teman"


def replace_offsets(w: WordView, shift: int) -> WordView:
    return WordView(w.start_ms, w.end_ms, w.text, w.char_start + shift, w.char_end + shift, w.probability)


def test_replace_all_refuses_nothing_to_find(project: Project, tr: Transcript) -> None:
    refused(project, lambda: project.editing.replace_all(tr.rid, " ", "x"), "give the text to find")


# -- undo and redo for every operation -----------------------------------------------------------------
OPERATIONS: dict[str, tuple[str, Callable[[Transcript], dict[str, Any]]]] = {
    "edit_text": ("edit_text", lambda t: {"segment_id": t.a, "new_text": "Saya merasa senang di sini"}),
    "edit_text_empty": ("edit_text", lambda t: {"segment_id": t.a, "new_text": ""}),
    "split": ("split", lambda t: {"segment_id": t.a, "offset": A_TEXT.index("tinggal")}),
    "merge": ("merge", lambda t: {"segment_id": t.a}),
    "nudge": ("nudge", lambda t: {"segment_id": t.b, "start_ms": 3500, "end_ms": 5000}),
    "set_speaker_new": ("set_speaker", lambda t: {"segment_id": t.b, "label": "Pewawancara"}),
    "set_speaker_unused": ("set_speaker", lambda t: {"segment_id": t.b, "label": "Ani"}),
    "set_speaker_none": ("set_speaker", lambda t: {"segment_id": t.b, "label": None}),
    "rename_speaker": ("rename_speaker", lambda t: {"recording_id": t.rid, "old_label": "S1", "new_label": "Budi"}),
    "rename_into_unused": ("rename_speaker", lambda t: {"recording_id": t.rid, "old_label": "S1", "new_label": "Ani"}),
    "rename_merging": ("rename_speaker", lambda t: {"recording_id": t.rid, "old_label": "S2", "new_label": "S1"}),
    "set_status": ("set_status", lambda t: {"segment_id": t.b, "status": "verified"}),
    "replace_all": ("replace_all", lambda t: {"recording_id": t.rid, "find": "baik", "replace": "bagus"}),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_undo_and_redo_give_back_the_exact_rows(project: Project, tr: Transcript, name: str) -> None:
    add_coding(project, tr.rid, (tr.a, A_TEXT.index("nyaman")), (tr.a, A_TEXT.index(" di")))
    add_coding(project, tr.rid, (tr.a, A_TEXT.index("panti")), (tr.c, 3))
    add_coding(project, tr.rid, (tr.b, 0), (tr.b, len(B_TEXT)))
    with project.transaction() as session:  # a voice known by name that has not spoken yet
        session.add(Speaker(recording_id=tr.rid, label="Ani"))
    before = snapshot(project.path)
    op, kwargs = OPERATIONS[name]
    change = project.editing.apply(op, **kwargs(tr))
    assert isinstance(change, Change) and change.changed
    after = snapshot(project.path)
    assert after != before
    for _ in range(2):
        project.editing.undo(change)
        assert snapshot(project.path) == before
        project.editing.redo(change)
        assert snapshot(project.path) == after
    project.editing.undo(change)
    assert snapshot(project.path) == before


def test_snapshot_and_restore_by_hand(project: Project, tr: Transcript) -> None:
    add_coding(project, tr.rid, (tr.a, 0), (tr.b, 6))
    start = snapshot(project.path)
    before = project.editing.snapshot([tr.a, tr.b])
    project.editing.merge(tr.a)
    after = project.editing.snapshot([tr.a, tr.b])
    assert before.ids == (tr.a, tr.b) and after.ids == (tr.a,)
    merged = snapshot(project.path)
    project.editing.restore(before, after.ids)
    assert snapshot(project.path) == start
    project.editing.restore(after, before.ids)
    assert snapshot(project.path) == merged


def test_undo_keeps_a_passage_coded_after_the_change(project: Project, tr: Transcript) -> None:
    """A passage coded outside the undo history on a segment that undo replaces is kept, its anchors mapped."""
    change = project.editing.apply("edit_text", segment_id=tr.a, new_text="Saya sangat nyaman di panti")
    cid = add_coding(project, tr.rid, (tr.a, 12), (tr.a, 18))  # "nyaman"
    project.editing.undo(change)
    c = coding(project, cid)
    assert (c.start_offset, c.end_offset, c.quote) == (12, 18, "nyaman")


def test_apply_refuses_an_unknown_operation(project: Project, tr: Transcript) -> None:
    with pytest.raises(ValueError, match="unknown editing operation"):
        project.editing.apply("delete_everything", segment_id=tr.a)


# -- random edits keep everything consistent -----------------------------------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A closed project with three segments and four passages, copied for each example."""
    path = tmp_path_factory.mktemp("template") / "p.annotator"
    with Project.create(path) as project:
        t = Transcript(project)
        add_coding(project, t.rid, (t.a, 5), (t.a, 18))
        add_coding(project, t.rid, (t.a, 27), (t.b, 12))
        add_coding(project, t.rid, (t.a, 19), (t.c, 3))
        add_coding(project, t.rid, (t.c, 4), (t.c, 11))
        return path, t.rid


def check_consistent(project: Project, recording_id: int) -> None:
    with project.transaction() as session:
        segments = session.execute(
            select(Segment.id, Segment.start_ms, Segment.end_ms, Segment.text)
            .where(Segment.recording_id == recording_id)
            .order_by(Segment.start_ms, Segment.id)
        ).all()
        order = {s.id: i for i, s in enumerate(segments)}
        for s in segments:
            words = session.execute(select(Word).where(Word.segment_id == s.id).order_by(Word.position)).scalars().all()
            assert [w.text for w in words] == s.text.split()
            previous_end = s.start_ms
            for w in words:
                assert s.text[w.char_start : w.char_end] == w.text
                assert previous_end <= w.start_ms <= w.end_ms <= s.end_ms
                previous_end = w.end_ms
        codings = session.scalars(select(Coding).where(Coding.recording_id == recording_id)).all()
    for c in codings:
        first, last = segments[order[c.start_segment_id]], segments[order[c.end_segment_id]]
        assert order[c.start_segment_id] <= order[c.end_segment_id]
        assert 0 <= c.start_offset <= len(first.text) and 0 <= c.end_offset <= len(last.text)
        if first.id == last.id:
            assert c.start_offset < c.end_offset
        assert c.quote == passage_text(project, c.id)
        assert c.quote.strip()


@st.composite
def new_texts(draw: st.DrawFn, text: str) -> str:
    words = text.split()
    vocabulary = ["saya", "merasa", "nyaman", "teman", "baik", "Panti", "x"]
    kind = draw(st.sampled_from(["replace", "insert", "delete", "characters", "clear"]))
    if kind == "clear":
        return ""
    if kind == "characters" or not words:  # any slice of characters replaced by any few characters
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, len(text)))
        return text[:i] + draw(st.text(alphabet="an ", max_size=5)) + text[j:]
    i = draw(st.integers(0, len(words) - 1))
    if kind == "replace":
        words[i] = draw(st.sampled_from(vocabulary))
    elif kind == "insert":
        words.insert(i, draw(st.sampled_from(vocabulary)))
    else:
        del words[i : draw(st.integers(i + 1, len(words)))]
    return " ".join(words)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_edits_keep_passages_and_words_consistent(template: tuple[Path, int], data: st.DataObject) -> None:
    source, rid = template
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.annotator"
        shutil.copy(source, path)
        with Project.open(path) as project:
            editing = project.editing
            start = snapshot(path)
            done: list[Change] = []
            undone: list[Change] = []
            for _ in range(data.draw(st.integers(1, 10), label="steps")):
                kind = data.draw(st.sampled_from(["edit", "edit", "split", "merge", "undo", "redo"]), label="op")
                segments = editing.load(rid).segments
                if kind == "undo" and done:
                    undone.append(done.pop())
                    editing.undo(undone[-1])
                elif kind == "redo" and undone:
                    done.append(undone.pop())
                    editing.redo(done[-1])
                elif kind in ("edit", "split", "merge") and segments:
                    seg = data.draw(st.sampled_from(segments), label="segment")
                    if kind == "edit":
                        kwargs: dict[str, Any] = {"new_text": data.draw(new_texts(seg.text), label="text")}
                    elif kind == "split":
                        kwargs = {"offset": data.draw(st.integers(-1, len(seg.text) + 1), label="offset")}
                    else:
                        kwargs = {}
                    try:
                        change = editing.apply("edit_text" if kind == "edit" else kind, segment_id=seg.id, **kwargs)
                    except UserError:
                        continue
                    done.append(change)
                    undone.clear()
                check_consistent(project, rid)
            end = snapshot(path)
            redo: list[Change] = []
            while done:
                redo.append(done.pop())
                editing.undo(redo[-1])
            assert snapshot(path) == start
            for change in reversed(redo):
                editing.redo(change)
            assert snapshot(path) == end
