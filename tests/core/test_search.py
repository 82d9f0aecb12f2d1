"""SearchService: words found across transcripts and field notes, with context and times, and coded in one go.

Two interviews on real speech (the ``media`` fixture) with stored Indonesian transcripts, and two documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event, func, insert, select

from annotator.core.models import Coding, Recording, Segment
from annotator.core.project import Project
from annotator.core.services.search import CONTEXT, Hit, after_context, before_context
from annotator.core.services.transcript import NewSegment, NewWord
from annotator.errors import NotFound, UserError
from tests.conftest import snapshot

RESPECT = "Rasa Saling Menghargai"
# Recording "wawancara-wbs": a child (WBS-01) and an interviewer.
A1 = "Bagaimana rasanya tinggal di asrama?"
B1 = "Saya merasa dihargai kalau pengasuh mendengarkan saya."
C1 = "Ibu asrama juga ikut piket setiap pagi. Piketnya berat."
D1 = "kadang   ibu\nasrama marah"  # no words: the segment's times stand in
# Recording "interview-staff": a member of staff (STAF-01).
A2 = "Kami mengatur jadwal piket untuk anak-anak."
B2 = "IBU ASRAMA memeriksa kamar setiap malam."
NOTES = "Piket dapur pagi ini dipimpin ibu asrama.\nSaya merasa dihargai, kata R. kepada ibu  asrama."
DIARY = "Hari ini ibu asrama sakit."


def add_segment(project: Project, rid: int, start: int, end: int, text: str, speaker: str | None, words: bool) -> int:
    """A segment whose words share its time evenly, with a 10 ms pause on each side of every word."""
    tokens = text.split() if words else []
    step = (end - start) // max(len(tokens), 1)
    timed = [NewWord(start + k * step + 10, start + (k + 1) * step - 10, t, 0.8) for k, t in enumerate(tokens)]
    return project.transcripts.add_segment(rid, NewSegment(start, end, text, timed, speaker=speaker))


class Study:
    def __init__(self, project: Project, media: dict[str, Path]) -> None:
        self.project = project
        project.participants.add("WBS-01", "resident")
        project.participants.add("STAF-01", "staff")
        self.r1 = project.recordings.add(media["wav"], participant="WBS-01").id
        self.r2 = project.recordings.add(media["m4a"], participant="STAF-01").id
        self.a1 = add_segment(project, self.r1, 0, 3000, A1, "Pewawancara", True)
        self.b1 = add_segment(project, self.r1, 3000, 9000, B1, "Anak", True)
        self.c1 = add_segment(project, self.r1, 9000, 15_000, C1, "Anak", True)
        self.d1 = add_segment(project, self.r1, 15_000, 17_000, D1, None, False)
        self.a2 = add_segment(project, self.r2, 0, 4000, A2, "Staf", True)
        self.b2 = add_segment(project, self.r2, 4000, 8000, B2, "Staf", True)
        self.notes = project.documents.create("Catatan lapangan", NOTES).id
        self.diary = project.documents.create("buku harian", DIARY).id

    def word_times(self, segment_id: int, first: int, last: int) -> tuple[int, int]:
        words = self.project.editing.segment(segment_id).words
        return words[first].start_ms, words[last].end_ms


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> Study:
    return Study(project, media)


def where(hits: list[Hit]) -> list[tuple[object, ...]]:
    return [(h.recording or h.document, h.segment_id, h.start, h.end, h.match) for h in hits]


def test_find_words_in_transcripts_and_documents_in_reading_order(project: Project, study: Study) -> None:
    hits = project.search.find("ibu asrama")
    assert where(hits) == [
        ("interview-staff", study.b2, 0, 10, "IBU ASRAMA"),
        ("wawancara-wbs", study.c1, 0, 10, "Ibu asrama"),
        ("wawancara-wbs", study.d1, 9, 19, "ibu\nasrama"),  # any whitespace between the words
        ("buku harian", None, 9, 19, "ibu asrama"),  # documents by title, without regard to case
        ("Catatan lapangan", None, NOTES.index("ibu asrama"), NOTES.index("ibu asrama") + 10, "ibu asrama"),
        ("Catatan lapangan", None, NOTES.index("ibu  asrama"), len(NOTES) - 1, "ibu  asrama"),
    ]
    staff, child, no_words, diary = hits[:4]
    assert (staff.recording_id, staff.document_id, staff.speaker) == (study.r2, None, "Staf")
    assert (staff.start_ms, staff.end_ms) == study.word_times(study.b2, 0, 1)
    assert (child.start_ms, child.end_ms, child.speaker) == (*study.word_times(study.c1, 0, 1), "Anak")
    assert (no_words.start_ms, no_words.end_ms, no_words.speaker) == (15_000, 17_000, None)
    assert (diary.recording_id, diary.document_id, diary.segment_id, diary.start_ms, diary.speaker) == (
        None,
        study.diary,
        None,
        None,
        None,
    )
    for hit in hits:
        text = project.documents.get(hit.document_id).text if hit.document_id else None
        text = text if text is not None else project.editing.segment(hit.segment_id).text
        assert text[hit.start : hit.end] == hit.match


def test_case_and_whole_words(project: Project, study: Study) -> None:
    assert [h.match for h in project.search.find("IBU ASRAMA", case_sensitive=True)] == ["IBU ASRAMA"]
    assert [h.match for h in project.search.find("piket")] == ["piket", "piket", "Piket", "Piket"]
    assert [(h.match, h.end - h.start) for h in project.search.find("Piket", case_sensitive=True)] == [
        ("Piket", 5),  # in "Piketnya"
        ("Piket", 5),
    ]
    whole = project.search.find("piket", whole_words=True)
    assert [(h.recording or h.document, h.match) for h in whole] == [
        ("interview-staff", "piket"),
        ("wawancara-wbs", "piket"),
        ("Catatan lapangan", "Piket"),
    ]
    assert [h.match for h in project.search.find("  mendengarkan   saya. ", whole_words=True)] == ["mendengarkan saya."]
    assert project.search.find("asram", whole_words=True) == []
    assert len(project.search.find("asram")) == 7


def test_context_runs_into_neighbouring_segments_and_is_cut_at_words(project: Project, study: Study) -> None:
    [hit] = project.search.find("pengasuh")
    assert hit.before == "rasanya tinggal di asrama? Saya merasa dihargai kalau "
    assert hit.after == " mendengarkan saya. Ibu asrama juga ikut piket setiap pagi."
    assert len(hit.before) <= CONTEXT and len(hit.after) <= CONTEXT
    [hit] = project.search.find("marah")
    assert hit.before == "ikut piket setiap pagi. Piketnya berat. kadang ibu asrama "  # on one line
    assert hit.after == ""
    [hit] = project.search.find("Hari")
    assert (hit.before, hit.after) == ("", " ini ibu asrama sakit.")
    hit = project.search.find("dipimpin")[0]
    assert hit.after == " ibu asrama. Saya merasa dihargai, kata R. kepada ibu"  # the newline a space


def test_context_helpers() -> None:
    words = " ".join(["kata"] * 30)  # 149 characters
    assert before_context(words) == after_context(words) == " ".join(["kata"] * 12)  # 59 characters
    assert before_context(words + " ") == " ".join(["kata"] * 12) + " "  # the space before the hit stays
    assert after_context("x" * 100) == "x" * CONTEXT  # one long word: cut inside it
    assert before_context("a\n\tb ") == "a b "


def test_filters_and_limit(project: Project, study: Study) -> None:
    only = project.search.find("ibu asrama", recordings=["wawancara-wbs"], documents=False)
    assert [h.segment_id for h in only] == [study.c1, study.d1]
    assert [h.document for h in project.search.find("ibu asrama", recordings=[])] == [
        "buku harian",
        "Catatan lapangan",
        "Catatan lapangan",
    ]
    assert where(project.search.find("ibu asrama", limit=3)) == where(project.search.find("ibu asrama"))[:3]
    assert where(project.search.find("ibu asrama", limit=4))[-1][0] == "buku harian"
    assert project.search.find("ibu asrama", limit=0) == []
    assert project.search.find("tidak ada di mana-mana") == []


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"text": "   "}, "give the words to search for"),
        ({"text": "piket", "recordings": [99]}, "no recording 99"),
        ({"text": "piket", "limit": -1}, "a limit of -1 hits"),
    ],
)
def test_bad_searches(project: Project, study: Study, kwargs: dict, match: str) -> None:
    with pytest.raises(UserError, match=match):
        project.search.find(**kwargs)


def test_a_search_reads_every_transcript_in_one_query(project: Project) -> None:
    """200 interviews: the number of queries does not grow with the number of recordings or segments."""
    with project.transaction() as session:
        ids = [
            session.execute(
                insert(Recording).values(
                    title=f"wawancara {k:03d}",
                    media_abspath=f"/data/{k}.wav",
                    sha256="0" * 64,
                    size_bytes=1,
                    duration_ms=60_000,
                    channels=1,
                    sample_rate=16_000,
                )
            ).inserted_primary_key[0]
            for k in range(200)
        ]
        rows = [
            {"recording_id": rid, "start_ms": s * 1000, "end_ms": s * 1000 + 900, "text": f"{B1} nomor {s}"}
            for rid in ids
            for s in range(30)
        ]
        session.execute(insert(Segment), rows)
        first = session.scalar(select(func.min(Segment.id)))
    statements: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # noqa: ANN001
        if statement.startswith("SELECT"):
            statements.append(statement)

    event.listen(project.engine, "before_cursor_execute", count)
    try:
        hits = project.search.find("NOMOR 7", whole_words=True)
    finally:
        event.remove(project.engine, "before_cursor_execute", count)
    assert [(h.recording, h.segment_id, h.match) for h in hits[:2]] == [
        ("wawancara 000", first + 7, "nomor 7"),  # not "nomor 17" or "nomor 27"
        ("wawancara 001", first + 37, "nomor 7"),
    ]
    assert len(hits) == 200
    # Recordings, segments, words (one query per 500 segments with hits), speakers of those segments, documents.
    assert len(statements) <= 5, statements


# -- coding the hits -------------------------------------------------------------------------------------------
def count_codings(project: Project) -> int:
    with project.transaction() as session:
        return session.scalar(select(func.count(Coding.id)))


def test_code_hits_codes_every_hit_once(project: Project, study: Study) -> None:
    hits = project.search.find("ibu asrama")
    made = project.search.code_hits(hits, RESPECT, memo=" pengasuh ", coder="Ani")
    assert len(made) == len(hits) == count_codings(project)
    by_place = {(p.recording_id, p.document_id, p.start_segment_id, p.start_offset): p for p in made}
    for hit in hits:
        p = by_place[(hit.recording_id, hit.document_id, hit.segment_id, hit.start)]
        assert (p.text, p.end_offset, p.start_ms, p.end_ms) == (hit.match, hit.end, hit.start_ms, hit.end_ms)
        assert (p.end_segment_id, p.theme, p.memo, p.coder) == (hit.segment_id, RESPECT, "pengasuh", "Ani")
    assert project.search.code_hits(hits, RESPECT) == []  # already coded: nothing more
    assert project.search.code_hits(project.search.find("ibu asrama", whole_words=True), RESPECT) == []
    assert count_codings(project) == len(hits)
    assert len(project.search.code_hits(hits[:2], "Rasa Aman")) == 2


def test_code_hits_refuses_stale_hits_and_unknown_themes(project: Project, study: Study) -> None:
    hits = project.search.find("ibu asrama")
    project.editing.edit_text(study.c1, "Bu asrama juga ikut piket setiap pagi.")
    before = snapshot(project.path)
    with pytest.raises(UserError, match=r"recording 1 \(wawancara-wbs\): the text has changed since the search"):
        project.search.code_hits(hits, RESPECT)
    with pytest.raises(NotFound, match="no theme 'Kebahagiaan'"):
        project.search.code_hits(hits[:1], "Kebahagiaan")
    project.documents.set_text(study.diary, "Hari ini.")
    with pytest.raises(UserError, match=r"document 2 \(buku harian\): 'ibu asrama' is no longer there"):
        project.search.code_hits([h for h in hits if h.document_id == study.diary], RESPECT)
    assert snapshot(project.path)["codings"] == before["codings"] == []
