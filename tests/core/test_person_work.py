"""The one rule of what a person did to a transcript (core.services.person_work), and who writes when.

Every editing operation marks its segments as a person's; undo takes the mark back with the change; a coded
passage makes every segment it runs across a person's. Writers never fail on a lock: a transaction holds the
write lock from its start, so two writers that meet wait for each other instead of failing.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text

from annotator.core.models import Segment
from annotator.core.project import Project
from annotator.core.services.person_work import person_work
from annotator.core.services.transcript import NewSegment, NewWord, ResumePlan
from annotator.errors import UserError
from tests.core.test_editing import add_coding, add_recording, add_segment


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p.annotator") as opened:
        yield opened


@pytest.fixture
def transcript(project: Project) -> tuple[int, list[int]]:
    rid = add_recording(project)
    ids = [
        add_segment(project, rid, 0, 4_000, "Saya merasa nyaman tinggal di panti"),
        add_segment(project, rid, 4_000, 8_000, "karena teman teman baik"),
        add_segment(project, rid, 8_000, 12_000, "dan pegawai juga baik"),
        add_segment(project, rid, 12_000, 16_000, "kami main bola bersama"),
    ]
    return rid, ids


def worked(project: Project, rid: int) -> set[int]:
    with project.transaction() as session:
        return set(person_work(session, rid).segment_ids)


def test_the_recognisers_transcript_is_nobodys_work(project: Project, transcript) -> None:
    rid, _ids = transcript
    assert worked(project, rid) == set()
    with project.transaction() as session:
        assert not person_work(session, rid)


@pytest.mark.parametrize(
    "operation",
    [
        lambda p, ids: p.editing.edit_text(ids[1], "karena teman-teman baik sekali"),
        lambda p, ids: p.editing.set_status(ids[1], "verified"),
        lambda p, ids: p.editing.nudge(ids[1], start_ms=4_200),
        lambda p, ids: p.editing.set_speaker(ids[1], "Anak"),
        lambda p, ids: p.editing.apply("split", segment_id=ids[1], offset=6),
    ],
    ids=["edit", "verify", "nudge", "speaker", "split"],
)
def test_every_editing_operation_makes_a_segment_a_persons(project: Project, transcript, operation) -> None:
    rid, ids = transcript
    operation(project, ids)
    mine = worked(project, rid)
    assert ids[1] in mine
    assert not mine & {ids[0], ids[2], ids[3]}
    with project.transaction() as session:
        assert session.get(Segment, ids[1]).touched_at is not None


def test_a_merge_makes_the_merged_segment_a_persons(project: Project, transcript) -> None:
    rid, ids = transcript
    merged = project.editing.merge(ids[2])
    assert worked(project, rid) == {merged.id}


def test_undo_takes_the_mark_back_with_the_change(project: Project, transcript) -> None:
    rid, ids = transcript
    change = project.editing.apply("set_speaker", segment_id=ids[0], label="Anak")
    assert worked(project, rid) == {ids[0]}
    project.editing.undo(change)
    assert worked(project, rid) == set()
    project.editing.redo(change)
    assert worked(project, rid) == {ids[0]}


def test_a_passage_makes_every_segment_it_runs_across_a_persons(project: Project, transcript) -> None:
    rid, ids = transcript
    add_coding(project, rid, (ids[0], 5), (ids[2], 3))
    assert worked(project, rid) == {ids[0], ids[1], ids[2]}
    with project.transaction() as session:
        work = person_work(session, rid)
        assert work.codings == 1 and work.changed == 0
        assert work.describe() == "1 coding"
        assert set(person_work(session, rid, ending_after_ms=8_000).segment_ids) == {ids[2]}


def test_restart_is_refused_where_a_person_worked_and_says_what(project: Project, transcript) -> None:
    rid, ids = transcript
    project.editing.nudge(ids[3], end_ms=15_000)
    with pytest.raises(UserError, match=r"has 1 edited or verified segment; starting its transcription over"):
        project.transcripts.check_restart(rid)


def test_resume_plan_keeps_a_persons_segments_and_hears_around_them(project: Project, transcript) -> None:
    rid, ids = transcript
    project.editing.edit_text(ids[2], "dan pegawai juga sangat baik")
    plan = project.transcripts.resume_plan(rid)
    assert [s.id for s in plan.pending] == [ids[0], ids[1], ids[3]]
    assert plan.kept == [(8_000, 12_000)]

    words = [NewWord(7_000 + k * 500, 7_400 + k * 500, w, 0.9) for k, w in enumerate("baik dan pegawai juga".split())]
    heard = NewSegment(7_000, 9_000, "baik dan pegawai juga", words)
    outside = plan.outside_kept(heard)
    assert outside is not None
    assert outside.text == "baik dan" and outside.words == words[:2] and outside.end_ms == 7_900
    inside = NewSegment(8_100, 11_900, "pegawai juga baik", [NewWord(8_100, 11_900, "pegawai", 0.9)])
    assert plan.outside_kept(inside) is None
    assert plan.outside_kept(NewSegment(9_000, 10_000, "tanpa kata")) is None  # no words: by its middle
    after = NewSegment(12_000, 16_000, "kami main bola bersama")
    assert plan.outside_kept(after) is after


def test_drop_unworked_spares_what_a_person_took_up_meanwhile(project: Project, transcript) -> None:
    rid, ids = transcript
    project.editing.set_status(ids[1], "verified")
    kept = project.transcripts.drop_unworked(rid, [ids[1], ids[2], ids[3]])
    assert kept == [(4_000, 8_000)]
    with project.transaction() as session:
        left = session.scalars(select(Segment.id).where(Segment.recording_id == rid)).all()
    assert sorted(left) == [ids[0], ids[1]]


def test_resume_plan_on_an_empty_resumable_plan() -> None:
    plan = ResumePlan([], [])
    segment = NewSegment(0, 10, "x")
    assert plan.outside_kept(segment) is segment


# -- writers -------------------------------------------------------------------------------------------------
def test_two_writers_that_meet_wait_instead_of_failing(tmp_path: Path) -> None:
    """A transaction that read before it writes, while another writer commits in between: with a deferred BEGIN
    the first one fails with "database is locked" at once (SQLite cannot upgrade its stale read); with BEGIN
    IMMEDIATE the second writer waits for the first and both are stored."""
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    first, second = Project.open(path), Project.open(path)
    first_has_read, second_tried = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first_writer() -> None:
        try:
            with first.transaction() as session:
                session.execute(text("SELECT count(*) FROM themes")).scalar()
                first_has_read.set()
                second_tried.wait(timeout=1.0)  # the second writer has begun by now (or waits for us)
                session.execute(text("UPDATE project SET description = 'pertama'"))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def second_writer() -> None:
        first_has_read.wait(timeout=5)
        try:
            second.themes.create("Komunikasi terbuka")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            second_tried.set()

    threads = [threading.Thread(target=first_writer), threading.Thread(target=second_writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        assert first.info().description == "pertama"
        assert second.themes.get("Komunikasi terbuka").name == "Komunikasi terbuka"
    finally:
        first.close()
        second.close()


def test_reading_never_holds_the_write_lock(tmp_path: Path) -> None:
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    reader, writer = Project.open(path), Project.open(path)
    try:
        with reader.reading() as session:
            session.execute(text("SELECT count(*) FROM themes")).scalar()
            writer.themes.create("Saling menghormati")  # does not wait for the reader
            assert session.execute(text("SELECT count(*) FROM themes")).scalar() == 0  # its own view
        assert reader.themes.get("Saling menghormati")
    finally:
        reader.close()
        writer.close()
