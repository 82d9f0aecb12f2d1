"""CodingService: coding spans of transcripts and field notes, changing codings, and gathering passages.

The transcripts are stored with ``project.transcripts.add_segment`` on recordings made from real speech (the
``media`` fixture); speakers are mapped to participants, so that roles and attributes come through.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from annotator.core.models import Coder, Coding, Segment, TextDocument, Word
from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.core.services.editing import Change
from annotator.core.services.transcript import NewSegment, NewWord
from annotator.errors import NotFound, UserError
from tests.conftest import snapshot

OPEN = "Komunikasi Terbuka"
RESPECT = "Rasa Saling Menghargai"
SAFE = "Rasa Aman"
CLOSE = "Keakraban"
FACTORS = "Faktor-Faktor yang Mempengaruhi Hubungan Sosial"

# Recording 1: a resident (WBS-01) with an interviewer; recording 2: a staff member (STAF-01).
A1 = "Apakah kamu merasa nyaman di panti?"
B1 = "Saya merasa nyaman tinggal di panti karena pegawai mau mendengarkan"
C1 = "Kami bermain bola bersama setiap minggu"  # nobody named: the recording's participant said it
D1 = "kadang   sedih juga"  # no words: times fall back to the segment's
A2 = "How do you talk with the children?"
B2 = "We listen to them and we talk openly every day, we listen"
NOTES = "  Anak-anak bermain bola bersama staf. Suasana terbuka dan hangat.  "


def add_segment(
    project: Project, rid: int, start: int, end: int, text: str, speaker: str | None, with_words: bool = True
) -> int:
    """A segment whose words share its time evenly, with a 10 ms pause on each side of every word."""
    tokens = text.split() if with_words else []
    step = (end - start) // max(len(tokens), 1)
    words = [NewWord(start + k * step + 10, start + (k + 1) * step - 10, t, 0.8) for k, t in enumerate(tokens)]
    return project.transcripts.add_segment(rid, NewSegment(start, end, text, words, speaker=speaker))


class Study:
    """Two interviews and a page of field notes, with the relationships codebook."""

    def __init__(self, project: Project, media: dict[str, Path]) -> None:
        self.project = project
        people = project.participants
        people.add("PEW-01", "interviewer")
        people.add("WBS-01", "resident", {"age": 14, "gender": "L"})
        people.add("STAF-01", "staff", {"years": 6})
        self.r1 = project.recordings.add(media["wav"], participant="WBS-01").id
        self.r2 = project.recordings.add(media["m4a"], participant="STAF-01").id
        self.a1 = add_segment(project, self.r1, 0, 3000, A1, "Pewawancara")
        self.b1 = add_segment(project, self.r1, 3000, 7000, B1, "Anak")
        self.c1 = add_segment(project, self.r1, 7000, 9000, C1, None)
        self.d1 = add_segment(project, self.r1, 9000, 10_000, D1, "Anak", with_words=False)
        self.a2 = add_segment(project, self.r2, 0, 4000, A2, "Pewawancara")
        self.b2 = add_segment(project, self.r2, 4000, 9000, B2, "Staf")
        for rid, label, code in (
            (self.r1, "Pewawancara", "PEW-01"),
            (self.r1, "Anak", "WBS-01"),
            (self.r2, "Pewawancara", "PEW-01"),
            (self.r2, "Staf", "STAF-01"),
        ):
            project.recordings.set_speaker(rid, label, code)
        with project.transaction() as session:
            notes = TextDocument(title="Catatan lapangan", text=NOTES, participant_id=people.get("STAF-01").id)
            session.add(notes)
            session.flush()
            self.doc = notes.id

    def span(self, rid_text: str, part: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = rid_text.index(part, start + 1)
        return start, start + len(part)

    def code(self, seg: int, text: str, part: str, themes: list[str | int], **kwargs: object) -> list[PassageView]:
        start, end = self.span(text, part)
        rid = self.r1 if seg in (self.a1, self.b1, self.c1, self.d1) else self.r2
        return self.project.coding.code_span(rid, seg, start, seg, end, themes, **kwargs)


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> Study:
    return Study(project, media)


def covered(project: Project, coding_id: int) -> tuple[str, int | None, int | None]:
    """What a coding covers, computed here on its own: the quote (parts joined by a space) and the times of its
    first and last word (the segments' bounds without words)."""
    with project.transaction() as session:
        c = session.get(Coding, coding_id)
        if c.document_id is not None:
            text = session.get(TextDocument, c.document_id).text
            return text[c.start_offset : c.end_offset], None, None
        rows = session.execute(
            select(Segment.id, Segment.start_ms, Segment.end_ms, Segment.text)
            .where(Segment.recording_id == c.recording_id)
            .order_by(Segment.start_ms, Segment.id)
        ).all()
        ids = [r.id for r in rows]
        first, last = ids.index(c.start_segment_id), ids.index(c.end_segment_id)
        assert first <= last
        parts, times = [], []
        for i in range(first, last + 1):
            row = rows[i]
            a, b = (c.start_offset if i == first else 0), (c.end_offset if i == last else len(row.text))
            assert 0 <= a <= len(row.text) and 0 <= b <= len(row.text)
            parts.append(row.text[a:b])
            words = session.execute(
                select(Word.start_ms, Word.end_ms, Word.char_start, Word.char_end)
                .where(Word.segment_id == row.id)
                .order_by(Word.position)
            ).all()
            times += [(w.start_ms, w.end_ms) for w in words if w.char_start < b and w.char_end > a]
        quote = " ".join(p for p in parts if p)
        if times:
            return quote, times[0][0], times[-1][1]
        return quote, rows[first].start_ms, rows[last].end_ms


def check(project: Project, view: PassageView) -> None:
    """The view says what the coding covers."""
    assert (view.text, view.start_ms, view.end_ms) == covered(project, view.id)
    assert view.text == view.text.strip() and view.text


def first_coder(project: Project) -> str:
    with project.transaction() as session:
        return session.scalar(select(Coder.name).order_by(Coder.id).limit(1))


def count_codings(project: Project) -> int:
    with project.transaction() as session:
        return session.scalar(select(func.count(Coding.id)))


def refused(project: Project, call: Callable[[], object], match: str) -> None:
    """The call is refused with a message, and the project is left exactly as it was."""
    before = snapshot(project.path)
    with pytest.raises(UserError, match=match):
        call()
    assert snapshot(project.path) == before


# -- code_span -------------------------------------------------------------------------------------------------
def test_code_span_in_one_segment(project: Project, study: Study) -> None:
    [view] = study.code(study.b1, B1, "nyaman tinggal", [OPEN], memo="  rasa nyaman  ")
    check(project, view)
    words = project.editing.segment(study.b1).words
    assert view.text == "nyaman tinggal"
    assert (view.start_ms, view.end_ms) == (words[2].start_ms, words[3].end_ms)
    assert (view.theme, view.theme_path) == (OPEN, f"{FACTORS}/{OPEN}")
    assert view.theme_color == project.themes.get(OPEN).color
    assert (view.recording_id, view.recording, view.document_id, view.document) == (
        study.r1,
        "wawancara-wbs",
        None,
        None,
    )
    assert (view.speaker, view.participant, view.role) == ("Anak", "WBS-01", "resident")
    assert view.memo == "rasa nyaman"
    assert view.coder == first_coder(project)  # the coder the project was made by
    assert (view.start_segment_id, view.end_segment_id) == (study.b1, study.b1)
    assert view.created_at is not None and len(view.guid) == 36
    assert project.coding.get(view.id) == view


def test_code_span_is_trimmed_of_surrounding_spaces(project: Project, study: Study) -> None:
    start, end = study.span(B1, " nyaman tinggal ")
    [view] = project.coding.code_span(study.r1, study.b1, start, study.b1, end, [OPEN])
    assert (view.start_offset, view.end_offset, view.text) == (start + 1, end - 1, "nyaman tinggal")
    # A span from the very end of one segment starts at the next one's text.
    [view] = project.coding.code_span(study.r1, study.a1, len(A1), study.b1, 4, [OPEN])
    assert (view.start_segment_id, view.start_offset, view.text) == (study.b1, 0, "Saya")


def test_code_span_across_segments(project: Project, study: Study) -> None:
    start = A1.index("nyaman")
    [view] = project.coding.code_span(study.r1, study.a1, start, study.c1, len("Kami bermain"), [SAFE])
    check(project, view)
    assert view.text == f"nyaman di panti? {B1} Kami bermain"
    assert view.speaker == "Pewawancara" and view.role == "interviewer"  # who said its beginning
    last_word = project.editing.segment(study.c1).words[1]
    assert view.end_ms == last_word.end_ms


def test_code_span_with_several_themes_makes_one_coding_each_once(project: Project, study: Study) -> None:
    views = study.code(study.b1, B1, "pegawai mau mendengarkan", [OPEN, RESPECT, OPEN, project.themes.get(OPEN).id])
    assert sorted(v.theme for v in views) == sorted([OPEN, RESPECT])
    assert len({(v.start_offset, v.end_offset, v.text) for v in views}) == 1
    again = study.code(study.b1, B1, " pegawai mau mendengarkan", [RESPECT, SAFE])  # the same span, trimmed
    assert [v.theme for v in again] == [SAFE]
    assert count_codings(project) == 3
    assert study.code(study.b1, B1, "pegawai mau mendengarkan", [OPEN]) == []
    assert count_codings(project) == 3


def test_code_span_without_words_takes_the_segment_times(project: Project, study: Study) -> None:
    [view] = study.code(study.d1, D1, "sedih", [SAFE])
    assert (view.start_ms, view.end_ms) == (9000, 10_000)
    check(project, view)


def test_code_span_by_a_named_coder(project: Project, study: Study) -> None:
    [view] = study.code(study.b1, B1, "nyaman", [OPEN], coder=" Ani ")
    assert view.coder == "Ani"
    [view] = study.code(study.b1, B1, "tinggal", [OPEN], coder="ani")  # the same coder
    assert view.coder == "Ani"
    with project.transaction() as session:
        assert session.scalar(select(func.count(Coder.id)).where(Coder.name == "Ani")) == 1


def test_the_first_coder_is_the_default_and_one_is_made_if_there_is_none(project: Project, study: Study) -> None:
    first = first_coder(project)
    project.coders.get_or_create("Zainal")
    assert study.code(study.b1, B1, "nyaman", [OPEN])[0].coder == first
    with project.transaction() as session:
        for coder in session.scalars(select(Coder)):
            session.delete(coder)
    view = study.code(study.b1, B1, "tinggal", [OPEN])[0]
    assert view.coder and view.coder == first_coder(project)


BAD_SPANS = {
    "empty": (lambda s: (s.r1, s.b1, 5, s.b1, 5, [OPEN]), "holds no text"),
    "spaces only": (lambda s: (s.r1, s.d1, 6, s.d1, 9, [OPEN]), "holds no text"),
    "offset past the end": (lambda s: (s.r1, s.b1, 0, s.b1, len(B1) + 1, [OPEN]), "outside its text"),
    "negative offset": (lambda s: (s.r1, s.b1, -1, s.b1, 4, [OPEN]), "outside its text"),
    "ends before it starts": (lambda s: (s.r1, s.b1, 0, s.a1, 5, [OPEN]), "ends .* before it starts"),
    "backwards in one segment": (lambda s: (s.r1, s.b1, 9, s.b1, 4, [OPEN]), "ends .* before it starts"),
    "segment of another recording": (lambda s: (s.r1, s.b1, 0, s.b2, 5, [OPEN]), "has no segment"),
    "unknown segment": (lambda s: (s.r1, 999, 0, s.b1, 5, [OPEN]), "has no segment 999"),
    "unknown recording": (lambda s: (99, s.b1, 0, s.b1, 5, [OPEN]), "no recording 99"),
    "unknown theme": (lambda s: (s.r1, s.b1, 0, s.b1, 5, [OPEN, "Kebahagiaan"]), "no theme 'Kebahagiaan'"),
    "no theme": (lambda s: (s.r1, s.b1, 0, s.b1, 5, []), "at least one theme"),
}


@pytest.mark.parametrize("name", list(BAD_SPANS))
def test_code_span_refusals_change_nothing(project: Project, study: Study, name: str) -> None:
    args, match = BAD_SPANS[name]
    refused(project, lambda: project.coding.code_span(*args(study)), match)


def test_code_span_refuses_an_empty_coder_name(project: Project, study: Study) -> None:
    refused(project, lambda: project.coding.code_span(study.r1, study.b1, 0, study.b1, 4, [OPEN], coder=" "), "name")


# -- code_document ---------------------------------------------------------------------------------------------
def test_code_document(project: Project, study: Study) -> None:
    views = project.coding.code_document(study.doc, 0, NOTES.index("."), [OPEN, "Kegiatan Bersama Lainnya"])
    assert {v.text for v in views} == {"Anak-anak bermain bola bersama staf"}  # trimmed
    view = views[0]
    assert view.start_offset == NOTES.index("Anak")
    assert (view.start_ms, view.end_ms, view.start_segment_id, view.end_segment_id) == (None, None, None, None)
    assert (view.document_id, view.document, view.recording_id, view.recording) == (
        study.doc,
        "Catatan lapangan",
        None,
        None,
    )
    assert (view.speaker, view.participant, view.role) == (None, "STAF-01", "staff")
    check(project, view)
    assert project.coding.code_document(study.doc, 0, NOTES.index(".") + 1, [OPEN]) != []  # another span
    assert project.coding.code_document(study.doc, 1, NOTES.index("."), [OPEN]) == []  # the same once trimmed


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((99, 0, 5), "no document 99"),
        ((1, 5, 2), "not a span of its text"),
        ((1, 0, len(NOTES) + 1), "not a span of its text"),
        ((1, 0, 2), "holds no text"),
    ],
)
def test_code_document_refusals(project: Project, study: Study, args: tuple[int, int, int], match: str) -> None:
    refused(project, lambda: project.coding.code_document(*args, [OPEN]), match)


# -- code_text -------------------------------------------------------------------------------------------------
def test_code_text_codes_the_first_occurrence(project: Project, study: Study) -> None:
    [view] = project.coding.code_text(study.r1, OPEN, "merasa nyaman")
    assert (view.start_segment_id, view.start_offset, view.text) == (study.a1, A1.index("merasa"), "merasa nyaman")
    check(project, view)


def test_code_text_all_hits_in_time_order(project: Project, study: Study) -> None:
    views = project.coding.code_text(study.r1, OPEN, "merasa nyaman", all_hits=True, memo="m", coder="Budi")
    assert [v.start_segment_id for v in views] == [study.a1, study.b1]
    assert {(v.memo, v.coder) for v in views} == {("m", "Budi")}
    assert project.coding.code_text(study.r1, OPEN, "merasa nyaman", all_hits=True) == []  # both coded already
    [view] = project.coding.code_text(study.r2, SAFE, "we listen", all_hits=False)
    assert view.start_offset == 0


def test_code_text_ignores_spacing_and_case_but_wants_whole_words(project: Project, study: Study) -> None:
    [view] = project.coding.code_text(study.r1, SAFE, "  KADANG sedih ")
    assert view.text == "kadang   sedih"
    refused(project, lambda: project.coding.code_text(study.r1, SAFE, "Kadang", case_sensitive=True), "no 'Kadang'")
    assert project.coding.code_text(study.r1, SAFE, "bola", case_sensitive=True)[0].text == "bola"
    refused(project, lambda: project.coding.code_text(study.r1, SAFE, "ber"), "no 'ber'")  # not inside "bermain"
    assert project.coding.code_text(study.r1, SAFE, "panti?")[0].text == "panti?"  # "?" is text
    refused(project, lambda: project.coding.code_text(study.r1, SAFE, "panti!"), "no 'panti!'")


def test_code_text_stays_within_one_segment(project: Project, study: Study) -> None:
    refused(project, lambda: project.coding.code_text(study.r1, SAFE, "panti? Saya"), "no 'panti\\? Saya'")


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((1, OPEN, "dilarang keluar"), r"recording 1 \(wawancara-wbs\): no 'dilarang keluar' in its transcript"),
        ((1, "Kebahagiaan", "nyaman"), "no theme 'Kebahagiaan'"),
        ((9, OPEN, "nyaman"), "no recording 9"),
        ((1, OPEN, "   "), "give the words"),
    ],
)
def test_code_text_refusals(project: Project, study: Study, args: tuple, match: str) -> None:
    refused(project, lambda: project.coding.code_text(*args), match)


def test_code_text_in_a_recording_without_transcript(project: Project, media: dict[str, Path]) -> None:
    rid = project.recordings.add(media["mp3"]).id
    refused(project, lambda: project.coding.code_text(rid, OPEN, "nyaman"), "has no transcript yet")


# -- remove, restore, memo, retheme, resize --------------------------------------------------------------------
def test_remove_and_restore(project: Project, study: Study) -> None:
    [view] = study.code(study.b1, B1, "nyaman tinggal", [OPEN], memo="penting", coder="Ani")
    [doc_view] = project.coding.code_document(study.doc, 2, 11, [SAFE])
    before = snapshot(project.path)
    removed = project.coding.remove(view.id)
    assert removed == view and count_codings(project) == 1
    refused(project, lambda: project.coding.remove(view.id), f"no coding {view.id}")
    assert project.coding.restore(removed) == view
    project.coding.restore(project.coding.remove(doc_view.id))
    assert snapshot(project.path) == before
    refused(project, lambda: project.coding.restore(view), "exists already")


def test_restore_refuses_when_the_theme_or_the_text_is_gone(project: Project, study: Study) -> None:
    [view] = study.code(study.c1, C1, "bermain bola", [SAFE])
    removed = project.coding.remove(view.id)
    project.editing.edit_text(study.c1, "")
    refused(project, lambda: project.coding.restore(removed), "cannot be put back: the text it covered")
    [view] = study.code(study.b1, B1, "nyaman", [SAFE])
    removed = project.coding.remove(view.id)
    project.themes.delete(SAFE)
    refused(project, lambda: project.coding.restore(removed), "its theme 'Rasa Aman' is gone")


def test_set_memo(project: Project, study: Study) -> None:
    [view] = study.code(study.b1, B1, "nyaman", [OPEN])
    assert project.coding.set_memo(view.id, " anak merasa diterima \n").memo == "anak merasa diterima"
    assert project.coding.get(view.id).memo == "anak merasa diterima"
    refused(project, lambda: project.coding.set_memo(999, "x"), "no coding 999")


def test_retheme(project: Project, study: Study) -> None:
    [view] = study.code(study.b1, B1, "nyaman", [OPEN])
    moved = project.coding.retheme(view.id, RESPECT)
    assert (moved.id, moved.theme, moved.text) == (view.id, RESPECT, "nyaman")
    assert project.coding.retheme(view.id, RESPECT) == moved  # the same theme: nothing to do
    study.code(study.b1, B1, "nyaman", [OPEN])
    refused(project, lambda: project.coding.retheme(view.id, OPEN), "'Komunikasi Terbuka' already codes this")
    refused(project, lambda: project.coding.retheme(view.id, "Kebahagiaan"), "no theme")
    refused(project, lambda: project.coding.retheme(999, OPEN), "no coding 999")


def test_retheme_by_the_english_name(project: Project, study: Study) -> None:
    [view] = study.code(study.b1, B1, "nyaman", [OPEN])
    assert project.coding.retheme(view.id, "Mutual respect").theme == RESPECT


def test_resize_recomputes_quote_and_times(project: Project, study: Study) -> None:
    [view] = study.code(study.b1, B1, "nyaman", [OPEN])
    grown = project.coding.resize(view.id, study.b1, B1.index("merasa"), study.c1, len("Kami"))
    assert grown.text == f"{B1[B1.index('merasa') :]} Kami"
    check(project, grown)
    assert grown.end_ms == project.editing.segment(study.c1).words[0].end_ms
    shrunk = project.coding.resize(view.id, study.b1, B1.index("tinggal") - 1, study.b1, B1.index(" di"))
    assert (shrunk.text, shrunk.start_offset) == ("tinggal", B1.index("tinggal"))
    check(project, shrunk)


def test_resize_refusals(project: Project, study: Study) -> None:
    [view] = study.code(study.b1, B1, "nyaman", [OPEN])
    study.code(study.b1, B1, "tinggal", [OPEN])
    s, e = study.span(B1, "tinggal")
    refused(project, lambda: project.coding.resize(view.id, study.b1, s, study.b1, e), "already codes that passage")
    refused(project, lambda: project.coding.resize(view.id, study.b1, 4, study.b1, 5), "holds no text")
    refused(project, lambda: project.coding.resize(view.id, study.b2, 0, study.b2, 5), "has no segment")
    refused(project, lambda: project.coding.resize(view.id, None, 0, None, 5), "give the segments")
    refused(project, lambda: project.coding.resize(999, study.b1, 0, study.b1, 5), "no coding 999")


def test_resize_in_a_document(project: Project, study: Study) -> None:
    [view] = project.coding.code_document(study.doc, 2, 11, [OPEN])
    assert view.text == "Anak-anak"
    s, e = study.span(NOTES, "Suasana terbuka")
    resized = project.coding.resize(view.id, None, s - 1, None, e)
    assert (resized.start_offset, resized.text) == (s, "Suasana terbuka")
    refused(project, lambda: project.coding.resize(view.id, None, 0, None, 1), "holds no text")


# -- passages --------------------------------------------------------------------------------------------------
@pytest.fixture
def coded(project: Project, study: Study) -> dict[str, int]:
    """Codings over both interviews and the notes, by several coders."""
    ids = {}
    ids["open_b1"] = study.code(study.b1, B1, "pegawai mau mendengarkan", [OPEN, RESPECT])
    ids["open_a1"] = study.code(study.a1, A1, "merasa nyaman", [OPEN], coder="Budi")
    ids["open_b2"] = study.code(study.b2, B2, "we talk openly", [OPEN], coder="Budi")
    ids["safe_b1"] = study.code(study.b1, B1, "nyaman tinggal di panti", [SAFE])
    ids["close_c1"] = study.code(study.c1, C1, "bermain bola bersama", [CLOSE, "Kegiatan Bersama Lainnya"])
    ids["open_doc"] = project.coding.code_document(study.doc, 0, 40, [OPEN])
    ids["respect_b2"] = study.code(study.b2, B2, "We listen to them", [RESPECT])
    return {k: {v.theme: v.id for v in views} for k, views in ids.items()}  # type: ignore[misc]


def ids_of(views: list[PassageView]) -> list[int]:
    return [v.id for v in views]


def test_passages_of_one_theme_in_order(project: Project, study: Study, coded: dict) -> None:
    views = project.coding.passages([OPEN])
    assert ids_of(views) == [
        coded["open_a1"][OPEN],  # recording 1, in the order of the text
        coded["open_b1"][OPEN],
        coded["open_b2"][OPEN],  # recording 2
        coded["open_doc"][OPEN],  # then the documents
    ]
    for view in views:
        check(project, view)
    assert [(v.speaker, v.participant, v.role) for v in views] == [
        ("Pewawancara", "PEW-01", "interviewer"),
        ("Anak", "WBS-01", "resident"),
        ("Staf", "STAF-01", "staff"),
        (None, "STAF-01", "staff"),
    ]
    assert views[0].coder == "Budi" and views[1].coder == first_coder(project) != "Budi"


def test_passages_follow_the_theme_tree(project: Project, study: Study, coded: dict) -> None:
    views = project.coding.passages()
    order = [v.theme for v in views]
    tree = [node.name for root in project.themes.tree() for _depth, node in root.walk()]
    assert order == sorted(order, key=tree.index)
    assert len(views) == count_codings(project) == 9
    factors = project.coding.passages([FACTORS])
    assert {v.theme for v in factors} == {OPEN, RESPECT}
    assert [v.theme for v in factors] == [OPEN] * 4 + [RESPECT] * 2
    assert project.coding.passages([FACTORS], include_descendants=False) == []


def test_passages_with_a_recording_participant_for_nobody_named(project: Project, study: Study, coded: dict) -> None:
    [view] = project.coding.passages([CLOSE])
    assert (view.speaker, view.participant, view.role) == (None, "WBS-01", "resident")


def test_mode_all(project: Project, study: Study, coded: dict) -> None:
    views = project.coding.passages([OPEN, RESPECT], mode="all")
    assert ids_of(views) == [coded["open_b1"][OPEN], coded["open_b1"][RESPECT]]
    assert project.coding.passages([OPEN, SAFE], mode="all") == []
    # A top-level theme stands for those below it: "Kegiatan Bersama Lainnya" is under the programmes.
    programmes = "Program dan Kegiatan untuk Meningkatkan Hubungan Sosial"
    views = project.coding.passages(["Hubungan Sosial Positif", programmes], mode="all")
    assert sorted(v.theme for v in views) == sorted([CLOSE, "Kegiatan Bersama Lainnya"])
    assert project.coding.passages([OPEN], mode="all") == project.coding.passages([OPEN])


def test_mode_co(project: Project, study: Study, coded: dict) -> None:
    # "nyaman tinggal di panti" (Rasa Aman) overlaps nothing of OPEN in B1 ("pegawai ...") but co-mode is about
    # overlap: grow it to reach "pegawai" and it counts.
    assert project.coding.passages([SAFE, OPEN], mode="co") == []
    safe = coded["safe_b1"][SAFE]
    project.coding.resize(safe, study.b1, B1.index("nyaman"), study.b1, B1.index(" mau"))
    assert ids_of(project.coding.passages([SAFE, OPEN], mode="co")) == [safe]
    assert ids_of(project.coding.passages([OPEN, SAFE], mode="co")) == [coded["open_b1"][OPEN]]
    # In recording 2, "We listen to them" and "we talk openly" do not overlap; the same span in two themes does.
    assert ids_of(project.coding.passages([RESPECT, OPEN], mode="co")) == [coded["open_b1"][RESPECT]]
    assert ids_of(project.coding.passages([OPEN, RESPECT, SAFE], mode="co")) == [coded["open_b1"][OPEN]]
    # Touching is not overlapping: a passage ending where another begins.
    [left] = study.code(study.b2, B2, "We listen", [SAFE])
    s = B2.index("to them")
    [right] = project.coding.code_span(study.r2, study.b2, s - 1, study.b2, s + 7, [CLOSE])
    assert left.id not in ids_of(project.coding.passages([SAFE, CLOSE], mode="co"))
    # Across segments: a passage from A1 to B1 overlaps those inside B1.
    [long] = project.coding.code_span(study.r1, study.a1, A1.index("panti"), study.b1, 4, [CLOSE])
    assert ids_of(project.coding.passages([CLOSE, OPEN], mode="co")) == []
    project.coding.resize(long.id, study.a1, A1.index("panti"), study.b1, B1.index(" mau"))
    assert long.id in ids_of(project.coding.passages([CLOSE, OPEN], mode="co"))
    assert right.id not in ids_of(project.coding.passages([CLOSE, OPEN], mode="co"))


def test_filter_by_recording_role_participant(project: Project, study: Study, coded: dict) -> None:
    passages = project.coding.passages
    assert ids_of(passages([OPEN], recordings=[study.r2])) == [coded["open_b2"][OPEN]]
    assert ids_of(passages([OPEN], recordings=["wawancara-wbs"])) == [coded["open_a1"][OPEN], coded["open_b1"][OPEN]]
    assert ids_of(passages([OPEN], roles=["staff"])) == [coded["open_b2"][OPEN], coded["open_doc"][OPEN]]
    assert ids_of(passages([OPEN], roles=["staf", "wbs"])) == [
        coded["open_b1"][OPEN],
        coded["open_b2"][OPEN],
        coded["open_doc"][OPEN],
    ]
    assert ids_of(passages([OPEN], roles=["staff"], documents=False)) == [coded["open_b2"][OPEN]]
    assert ids_of(passages(document=study.doc)) == [coded["open_doc"][OPEN]]
    assert passages(document=study.doc + 1) == []
    assert ids_of(passages(participants=["wbs-01"])) == ids_of(passages(roles=["resident"]))
    assert {v.participant for v in passages(participants=["WBS-01", "PEW-01"])} == {"WBS-01", "PEW-01"}


def test_filter_by_coder_attribute_and_words(project: Project, study: Study, coded: dict) -> None:
    passages = project.coding.passages
    assert ids_of(passages([OPEN], coders=["budi"])) == [coded["open_a1"][OPEN], coded["open_b2"][OPEN]]
    assert {v.participant for v in passages(attributes={"age": "14"})} == {"WBS-01"}
    assert {v.participant for v in passages(attributes={"age": [13, 14], "gender": "l"})} == {"WBS-01"}
    assert {v.participant for v in passages(attributes={"years": 6})} == {"STAF-01"}
    assert passages(attributes={"age": 15}) == []
    assert ids_of(passages(text="  MAU   mendengarkan ")) == [coded["open_b1"][OPEN], coded["open_b1"][RESPECT]]
    assert ids_of(passages([OPEN], text="bola")) == [coded["open_doc"][OPEN]]
    assert passages([OPEN], text="   ") == passages([OPEN])


def test_filters_choose_among_passages_the_mode_found(project: Project, study: Study, coded: dict) -> None:
    """The mode looks at every coding of the themes; a filter then chooses which rows to show."""
    project.coding.set_memo(coded["open_b1"][OPEN], "x")
    with project.transaction() as session:  # Budi coded the same span with RESPECT
        coding = session.get(Coding, coded["open_b1"][RESPECT])
        coding.coder_id = session.scalar(select(Coder.id).where(Coder.name == "Budi"))
    views = project.coding.passages([OPEN, RESPECT], mode="all", coders=["Budi"])
    assert ids_of(views) == [coded["open_b1"][RESPECT]]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"themes": [OPEN], "mode": "some"}, "'some' is not a mode"),
        ({"themes": [OPEN], "mode": "co"}, "two themes or more"),
        ({"mode": "all"}, "needs themes"),
        ({"themes": ["Kebahagiaan"]}, "no theme 'Kebahagiaan'"),
        ({"recordings": [42]}, "no recording 42"),
        ({"roles": ["guru"]}, "'guru' is not a role"),
        ({"participants": ["WBS-99"]}, "no participant 'WBS-99'"),
        ({"coders": ["Zainal"]}, "no coder 'Zainal'"),
    ],
)
def test_passages_refusals(project: Project, study: Study, coded: dict, kwargs: dict, match: str) -> None:
    refused(project, lambda: project.coding.passages(**kwargs), match)


def test_counts_by_theme_and_role(project: Project, study: Study, coded: dict) -> None:
    ids = {name: project.themes.get(name).id for name in (OPEN, RESPECT, SAFE, CLOSE)}
    counts = project.coding.counts_by_theme_and_role()
    assert counts[(ids[OPEN], "staff")] == 2  # recording 2 and the notes
    assert counts[(ids[OPEN], "resident")] == 1
    assert counts[(ids[OPEN], "interviewer")] == 1
    assert counts[(ids[RESPECT], "staff")] == 1 and counts[(ids[RESPECT], "resident")] == 1
    assert counts[(ids[CLOSE], "resident")] == 1
    assert sum(counts.values()) == count_codings(project)
    with project.transaction() as session:  # a passage nobody known said
        session.add(TextDocument(title="Tanpa nama", text="catatan umum"))
    project.coding.code_document(2, 0, 7, [SAFE])
    assert project.coding.counts_by_theme_and_role()[(ids[SAFE], None)] == 1


# -- codings survive edits ---------------------------------------------------------------------------------------
def test_a_coding_survives_typing_splitting_merging_and_undo(project: Project, study: Study) -> None:
    [view] = study.code(study.b1, B1, "nyaman tinggal di panti karena", [OPEN])
    [across] = project.coding.code_span(study.r1, study.a1, A1.index("panti"), study.b1, 4, [SAFE])
    editing = project.editing
    before = snapshot(project.path)
    changes: list[Change] = []

    def after(change: Change, quote: str) -> PassageView:
        changes.append(change)
        now = project.coding.get(view.id)
        assert now.text == quote
        check(project, now)
        check(project, project.coding.get(across.id))
        return now

    typed = B1.replace("nyaman tinggal", "nyaman sekali tinggal")
    now = after(
        editing.apply("edit_text", segment_id=study.b1, new_text=typed), "nyaman sekali tinggal di panti karena"
    )
    assert now.start_ms == view.start_ms and now.end_ms == view.end_ms  # the edge words kept their times
    now = after(
        editing.apply("split", segment_id=study.b1, offset=typed.index("di panti")),
        "nyaman sekali tinggal di panti karena",
    )
    assert now.start_segment_id == study.b1 != now.end_segment_id
    assert now.end_ms == view.end_ms
    after(editing.apply("merge", segment_id=study.a1), "nyaman sekali tinggal di panti karena")
    assert project.coding.get(across.id).text == "panti? Saya"
    for change in reversed(changes):
        editing.undo(change)
    assert snapshot(project.path) == before
    assert project.coding.get(view.id) == view


def test_deleting_a_coded_text_removes_the_passage_with_the_edit(project: Project, study: Study) -> None:
    [view] = study.code(study.c1, C1, "bermain bola", [CLOSE])
    change = project.editing.apply("edit_text", segment_id=study.c1, new_text="Kami setiap minggu")
    assert project.coding.passages([CLOSE]) == []
    project.editing.undo(change)
    assert project.coding.passages([CLOSE]) == [view]


def test_a_passage_coded_after_an_edit_survives_its_undo(project: Project, study: Study) -> None:
    change = project.editing.apply("edit_text", segment_id=study.b1, new_text="Saya " + B1)
    [view] = project.coding.code_text(study.r1, OPEN, "pegawai mau")
    project.editing.undo(change)
    now = project.coding.get(view.id)
    assert now.text == "pegawai mau" and now.start_offset == view.start_offset - len("Saya ")
    check(project, now)


def test_a_passage_coded_over_an_edited_segment_follows_its_undo(project: Project, study: Study) -> None:
    """Coded after the edit, the passage begins before and ends after the edited segment: undo changes its quote
    (found by the random test below)."""
    change = project.editing.apply("edit_text", segment_id=study.c1, new_text="nyaman " + C1)
    [view] = project.coding.code_span(study.r1, study.b1, 0, study.d1, 1, [OPEN])
    assert "mendengarkan nyaman Kami" in view.text
    project.editing.undo(change)
    now = project.coding.get(view.id)
    assert "mendengarkan Kami" in now.text
    check(project, now)
    project.editing.redo(change)
    check(project, project.coding.get(view.id))


# -- random sequences keep every passage on its text -----------------------------------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, media: dict[str, Path]) -> tuple[Path, int]:
    """A closed study with a few codings, copied for each example."""
    path = tmp_path_factory.mktemp("coding") / "p.annotator"
    with Project.create(path) as project:
        for name in (OPEN, SAFE):
            project.themes.create(name)
        study = Study(project, media)
        study.code(study.b1, B1, "nyaman tinggal", [OPEN])
        project.coding.code_span(study.r1, study.a1, 8, study.c1, 4, [SAFE])
        return path, study.r1


def check_all(project: Project, rid: int) -> None:
    for view in project.coding.passages(recordings=[rid]):
        check(project, view)
        with project.transaction() as session:
            c = session.get(Coding, view.id)
            texts = dict(session.execute(select(Segment.id, Segment.text).where(Segment.recording_id == rid)).all())
        assert 0 <= c.start_offset <= len(texts[c.start_segment_id])
        assert 0 <= c.end_offset <= len(texts[c.end_segment_id])
        if c.start_segment_id == c.end_segment_id:
            assert c.start_offset < c.end_offset


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_coding_and_editing_keep_passages_on_their_text(template: tuple[Path, int], data: st.DataObject) -> None:
    source, rid = template
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.annotator"
        shutil.copy(source, path)
        with Project.open(path) as project:
            editing, done = project.editing, []
            for _ in range(data.draw(st.integers(1, 10), label="steps")):
                kind = data.draw(st.sampled_from(["code", "code", "edit", "split", "merge", "undo"]), label="op")
                segments = editing.load(rid).segments
                if kind == "undo":
                    if done:
                        editing.undo(done.pop())
                elif kind == "code":
                    first = data.draw(st.integers(0, len(segments) - 1), label="first")
                    last = data.draw(st.integers(first, min(first + 2, len(segments) - 1)), label="last")
                    a, b = segments[first], segments[last]
                    start = data.draw(st.integers(0, len(a.text)), label="start")
                    end = data.draw(st.integers(start if a.id == b.id else 0, len(b.text)), label="end")
                    theme = data.draw(st.sampled_from([OPEN, SAFE]), label="theme")
                    try:
                        project.coding.code_span(rid, a.id, start, b.id, end, [theme])
                    except UserError:
                        pass
                else:
                    seg = data.draw(st.sampled_from(segments), label="segment")
                    if kind == "edit":
                        words = seg.text.split()
                        i = data.draw(st.integers(0, len(words)), label="at")
                        j = data.draw(st.integers(i, len(words)), label="to")
                        new = data.draw(st.lists(st.sampled_from(["nyaman", "x", "panti", "baik"]), max_size=3))
                        kwargs: dict[str, object] = {"new_text": " ".join(words[:i] + new + words[j:])}
                    elif kind == "split":
                        kwargs = {"offset": data.draw(st.integers(0, len(seg.text)), label="offset")}
                    else:
                        kwargs = {}
                    op = "edit_text" if kind == "edit" else kind
                    try:
                        done.append(editing.apply(op, segment_id=seg.id, **kwargs))
                    except UserError:
                        pass
                check_all(project, rid)
            with pytest.raises(NotFound):
                project.coding.get(10_000)


def test_a_speaker_not_yet_mapped_is_nobody(project: Project, media: dict[str, Path]) -> None:
    """Speakers by channel: until "Channel 1" is mapped, its words are not the interviewed child's."""
    project.participants.add("WBS-09", "resident")
    rid = project.recordings.add(media["stereo"], participant="WBS-09").id
    asked = add_segment(project, rid, 0, 2000, "Apa kabar hari ini?", "Channel 1")
    answered = add_segment(project, rid, 2000, 5000, "Saya senang tinggal di panti.", "Channel 2")
    no_speaker = add_segment(project, rid, 5000, 7000, "Kami main bola.", None)
    for segment, text in ((asked, "Apa kabar"), (answered, "senang"), (no_speaker, "main bola")):
        body = project.editing.segment(segment).text
        start = body.index(text)
        project.coding.code_span(rid, segment, start, segment, start + len(text), ["Keakraban"])
    who = [(p.text, p.participant) for p in project.coding.passages(["Keakraban"])]
    assert who == [("Apa kabar", None), ("senang", None), ("main bola", "WBS-09")]
    project.recordings.set_speaker(rid, "Channel 2", "WBS-09")
    assert [p.participant for p in project.coding.passages(["Keakraban"])] == [None, "WBS-09", "WBS-09"]


def test_a_speaker_mapped_to_a_participant_makes_its_passages_theirs(project: Project, study: Study) -> None:
    """Transcribed by channel, a recording's voices are "Channel 1" and "Channel 2", nobody's until mapped."""
    start = B2.index("talk openly")
    [view] = project.coding.code_span(study.r2, study.b2, start, study.b2, start + len("talk openly"), [OPEN])
    assert [p.id for p in project.coding.passages([OPEN], roles=["staff"], documents=False)] == [view.id]
    project.recordings.map_speaker(study.r2, "Staf", None)  # nobody now: no role
    assert project.coding.passages([OPEN], roles=["staff"], documents=False) == []
    assert project.coding.get(view.id).participant is None
    mapped = project.recordings.map_speaker(study.r2, " Staf ", "STAF-01")
    assert (mapped.label, mapped.participant, mapped.role, mapped.segments) == ("Staf", "STAF-01", "staff", 1)
    assert [p.id for p in project.coding.passages([OPEN], roles=["staff"], documents=False)] == [view.id]
    speakers = {s.label: (s.participant, s.segments) for s in project.recordings.speakers(study.r2)}
    assert speakers == {"Pewawancara": ("PEW-01", 1), "Staf": ("STAF-01", 1)}
    with pytest.raises(NotFound, match="has no speaker 'Anak'; its speakers: Pewawancara, Staf"):
        project.recordings.map_speaker(study.r2, "Anak", "WBS-01")
    with pytest.raises(NotFound, match="no participant"):
        project.recordings.map_speaker(study.r2, "Staf", "STAF-99")
