"""ThemeService.apply, undo and redo: every codebook operation as an undoable change.

The project has the relationships codebook (Indonesian), a transcript of three segments and a page of field
notes, with passages coded through ``project.coding`` (so that their quotes and times are what the service
computes) and memos on some themes. Rows are compared whole, every table, ids and guids included
(``tests.conftest.snapshot``).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from annotator.core.codebook import load_codebook
from annotator.core.models import Coding, Note, Recording, Segment, TextDocument, Theme
from annotator.core.project import Project
from annotator.core.services.themes import ThemeChange
from annotator.core.services.transcript import NewSegment, NewWord
from annotator.errors import NotFound, UserError
from tests.conftest import snapshot

POSITIVE = "Hubungan Sosial Positif"
ATTACHMENT = "Keterikatan"
ATTACHMENT_CHILDREN = [
    "Rasa Aman",
    "Merasa Diterima dan Diperlakukan Baik",
    "Kehangatan dan Kepedulian",
    "Staf sebagai Panutan (Role Model)",
]
CLOSE = "Keakraban"
COMFORT = "Perasaan Nyaman"
HOPES = "Harapan"

A = "Saya merasa nyaman tinggal di panti"
B = "karena teman teman baik dan pegawai mau mendengarkan"
C = "Kami bermain bola bersama setiap minggu"
NOTES = "Anak-anak bermain bola bersama staf. Suasana terbuka dan hangat."


# -- building the study ---------------------------------------------------------------------------------
def add_segment(project: Project, rid: int, start: int, end: int, text: str) -> int:
    """A segment whose words share its time evenly, with a 10 ms pause on each side of every word."""
    tokens = text.split()
    step = (end - start) // len(tokens)
    words = [NewWord(start + k * step + 10, start + (k + 1) * step - 10, t, 0.9) for k, t in enumerate(tokens)]
    return project.transcripts.add_segment(rid, NewSegment(start, end, text, words, speaker="Anak"))


class Study:
    """Passages: CLOSE codes "nyaman" in A, "teman teman" in B and "bermain bola" in the notes; COMFORT codes
    "nyaman" too (the duplicate a merge of CLOSE into COMFORT drops) and "pegawai"; ATTACHMENT codes a passage
    from A into B, "Rasa Aman" (below it) "bola" in C and "Suasana" in the notes; HOPES codes "minggu". Memos
    are attached to CLOSE and to "Rasa Aman"."""

    def __init__(self, project: Project) -> None:
        self.project = project
        with project.transaction() as session:
            recording = Recording(
                title="Wawancara",
                media_abspath="/nowhere/wawancara.wav",
                sha256="0" * 64,
                size_bytes=1,
                duration_ms=60_000,
                channels=1,
                sample_rate=16_000,
            )
            notes = TextDocument(title="Catatan lapangan", text=NOTES)
            session.add_all([recording, notes])
            session.flush()
            self.rid, self.doc = recording.id, notes.id
        self.a = add_segment(project, self.rid, 0, 3000, A)
        self.b = add_segment(project, self.rid, 3000, 7000, B)
        self.c = add_segment(project, self.rid, 7000, 10_000, C)
        self.close_nyaman = self.code(self.a, A, "nyaman", CLOSE)
        self.close_teman = self.code(self.b, B, "teman teman", CLOSE)
        self.comfort_nyaman = self.code(self.a, A, "nyaman", COMFORT)
        self.comfort_pegawai = self.code(self.b, B, "pegawai", COMFORT)
        at = A.index("tinggal")
        self.attachment = project.coding.code_span(self.rid, self.a, at, self.b, B.index(" dan"), [ATTACHMENT])[0].id
        self.safe_bola = self.code(self.c, C, "bola", "Rasa Aman")
        self.hopes = self.code(self.c, C, "minggu", HOPES)
        self.close_notes = self.code_notes("bermain bola", CLOSE)
        self.safe_notes = self.code_notes("Suasana", "Rasa Aman")
        with project.transaction() as session:
            for theme in (CLOSE, "Rasa Aman"):
                session.add(Note(title="memo", text=f"tentang {theme}", theme_id=self.theme(theme)))

    def code(self, segment_id: int, text: str, part: str, theme: str) -> int:
        start = text.index(part)
        made = self.project.coding.code_span(self.rid, segment_id, start, segment_id, start + len(part), [theme])
        return made[0].id

    def code_notes(self, part: str, theme: str) -> int:
        start = NOTES.index(part)
        return self.project.coding.code_document(self.doc, start, start + len(part), [theme])[0].id

    def theme(self, ref: str | int) -> int:
        return self.project.themes.get(ref).id


@pytest.fixture
def study(project: Project) -> Study:
    return Study(project)


# -- looking at the project -----------------------------------------------------------------------------
def coding(project: Project, coding_id: int) -> Coding | None:
    with project.transaction() as session:
        return session.get(Coding, coding_id)


def coding_ids(project: Project, theme_id: int) -> list[int]:
    with project.transaction() as session:
        return sorted(session.scalars(select(Coding.id).where(Coding.theme_id == theme_id)))


def children(project: Project, parent_id: int | None) -> list[str]:
    with project.transaction() as session:
        where = Theme.parent_id.is_(None) if parent_id is None else Theme.parent_id == parent_id
        rows = list(session.scalars(select(Theme).where(where).order_by(Theme.position, Theme.id)))
        assert [t.position for t in rows] == list(range(len(rows)))
        return [t.name for t in rows]


def count(project: Project, model: Any) -> int:
    with project.transaction() as session:
        return session.scalar(select(func.count(model.id)))


def check_on_text(project: Project) -> None:
    """Every coding lies on its text: offsets within its segments, its quote what it covers."""
    with project.transaction() as session:
        texts = dict(session.execute(select(Segment.id, Segment.text)).all())
        order = [sid for (sid,) in session.execute(select(Segment.id).order_by(Segment.start_ms, Segment.id))]
        for c in session.scalars(select(Coding)):
            if c.document_id is not None:
                assert c.quote == session.get(TextDocument, c.document_id).text[c.start_offset : c.end_offset]
                continue
            first, last = order.index(c.start_segment_id), order.index(c.end_segment_id)
            assert first <= last
            assert 0 <= c.start_offset <= len(texts[c.start_segment_id])
            assert 0 <= c.end_offset <= len(texts[c.end_segment_id])
            parts = []
            for i in range(first, last + 1):
                text = texts[order[i]]
                parts.append(text[c.start_offset if i == first else 0 : c.end_offset if i == last else len(text)])
            assert c.quote == " ".join(p for p in parts if p)
            assert c.quote.strip()


# -- every operation, undone and redone -----------------------------------------------------------------
OPERATIONS: dict[str, tuple[str, Callable[[Study], dict[str, Any]]]] = {
    "create": ("create", lambda s: {"name": "Konflik", "definition": "Pertengkaran.", "color": "#123456"}),
    "create_under_at": (
        "create",
        lambda s: {"name": "Bercanda", "parent": POSITIVE, "position": 1, "labels": {"en": {"name": "Joking"}}},
    ),
    "rename": ("rename", lambda s: {"ref": CLOSE, "name": "Kedekatan"}),
    "recolour": ("recolour", lambda s: {"ref": CLOSE, "color": "#ABCDEF"}),
    "set_definition": ("set_definition", lambda s: {"ref": CLOSE, "definition": "Dekat satu sama lain."}),
    "move_reparent": ("move", lambda s: {"ref": CLOSE, "parent": HOPES, "position": 0}),
    "move_reorder": ("move", lambda s: {"ref": HOPES, "parent": None, "position": 0}),
    "move_subtree": ("move", lambda s: {"ref": ATTACHMENT, "parent": POSITIVE, "position": 2}),
    "merge_duplicates": ("merge", lambda s: {"source": CLOSE, "target": COMFORT}),
    "merge_subtree": ("merge", lambda s: {"source": ATTACHMENT, "target": POSITIVE}),
    "merge_into_parent": ("merge", lambda s: {"source": CLOSE, "target": POSITIVE}),
    "delete_leaf": ("delete", lambda s: {"ref": CLOSE}),
    "delete_subtree": ("delete", lambda s: {"ref": ATTACHMENT}),
    "delete_top": ("delete", lambda s: {"ref": POSITIVE}),
}


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_undo_and_redo_give_back_the_exact_rows(project: Project, study: Study, name: str) -> None:
    before = snapshot(project.path)
    op, kwargs = OPERATIONS[name]
    change = project.themes.apply(op, **kwargs(study))
    assert isinstance(change, ThemeChange) and change.op == op and change.changed
    after = snapshot(project.path)
    assert after != before
    assert after["themes"] != before["themes"]
    assert change.theme_ids
    standing_before = tuple(i for i in change.theme_ids if i in {r["id"] for r in change.before.themes})
    standing_after = tuple(i for i in change.theme_ids if i in {r["id"] for r in change.after.themes})
    for _ in range(2):
        assert project.themes.undo(change) == standing_before
        assert snapshot(project.path) == before
        assert project.themes.redo(change) == standing_after
        assert snapshot(project.path) == after
    project.themes.undo(change)
    assert snapshot(project.path) == before
    check_on_text(project)


@pytest.mark.parametrize("name", list(OPERATIONS))
def test_apply_does_what_the_method_does(project_file: Path, tmp_path: Path, name: str) -> None:
    """The same operation through apply and through its method leaves the same tree and passages."""
    other = tmp_path / "other.annotator"
    shutil.copy(project_file, other)
    op, kwargs = OPERATIONS[name]
    results, rows = [], []
    for path, undoable in ((project_file, True), (other, False)):
        with Project.open(path) as project:
            study = Study(project)
            if undoable:
                results.append(project.themes.apply(op, **kwargs(study)).result)
            else:
                done = getattr(project.themes, op)(**kwargs(study))
                results.append(done.id if isinstance(done, Theme) else done)
        with sqlite3.connect(path) as connection:
            rows.append(
                [
                    connection.execute(f"SELECT {columns} FROM {table} ORDER BY id").fetchall()
                    for table, columns in (
                        ("themes", "id, parent_id, position, name, definition, color, labels"),
                        ("codings", "id, theme_id, start_segment_id, start_offset, end_segment_id, end_offset, quote"),
                        ("notes", "id, theme_id, text"),
                    )
                ]
            )
    assert results[0] == results[1]
    assert rows[0] == rows[1]


def test_results_are_plain_data(project: Project, study: Study) -> None:
    made = project.themes.apply("create", name="Konflik", parent=HOPES)
    assert made.result == project.themes.get(f"{HOPES}/Konflik").id
    assert made.theme_ids == (made.result,)
    renamed = project.themes.apply("rename", ref=made.result, name="Pertengkaran")
    assert renamed.result == made.result and renamed.theme_ids == (made.result,)
    merged = project.themes.apply("merge", source=CLOSE, target=COMFORT)
    assert merged.result == study.theme(COMFORT)
    top = [study.theme(name) for name in children(project, None)]
    subtree = [study.theme(ATTACHMENT)] + [study.theme(name) for name in ATTACHMENT_CHILDREN]
    gone = project.themes.apply("delete", ref=ATTACHMENT)
    assert gone.result == 5
    # The subtree, and the top-level themes after it, renumbered.
    assert gone.theme_ids == tuple(sorted(subtree + top[top.index(subtree[0]) + 1 :]))
    assert project.themes.undo(gone) == gone.theme_ids
    assert project.themes.redo(gone) == tuple(sorted(top[top.index(subtree[0]) + 1 :]))


def test_a_change_that_changes_nothing(project: Project, study: Study) -> None:
    before = snapshot(project.path)
    change = project.themes.apply("rename", ref=CLOSE, name=CLOSE)
    assert not change.changed and change.theme_ids == ()
    project.themes.undo(change)
    assert snapshot(project.path) == before


@pytest.mark.parametrize(
    ("op", "kwargs", "error", "message"),
    [
        ("merge", {"source": CLOSE, "target": "keakraban"}, UserError, "into itself"),
        ("merge", {"source": POSITIVE, "target": CLOSE}, UserError, "below it"),
        ("move", {"ref": POSITIVE, "parent": CLOSE}, UserError, "under itself"),
        ("rename", {"ref": CLOSE, "name": COMFORT.upper()}, UserError, COMFORT),
        ("create", {"name": "Warna", "color": "kuning"}, UserError, "#rrggbb"),
        ("delete", {"ref": "Tidak Ada"}, NotFound, "Tidak Ada"),
        ("recolour", {"ref": "Tidak Ada", "color": "#000000"}, NotFound, "Tidak Ada"),
    ],
)
def test_refused_operations_leave_the_project_as_it_was(
    project: Project, study: Study, op: str, kwargs: dict[str, Any], error: type[UserError], message: str
) -> None:
    before = snapshot(project.path)
    with pytest.raises(error, match=message):
        project.themes.apply(op, **kwargs)
    assert snapshot(project.path) == before


def test_a_merge_refused_halfway_leaves_the_passages_where_they_were(project: Project, study: Study) -> None:
    """The passages move before the clash of sub-theme names is seen: one transaction takes them back."""
    project.themes.create("Rasa Aman", parent=POSITIVE)
    before = snapshot(project.path)
    with pytest.raises(UserError, match="Rasa Aman"):
        project.themes.apply("merge", source=ATTACHMENT, target=POSITIVE)
    assert snapshot(project.path) == before


def test_an_unknown_operation_is_a_programming_error(project: Project) -> None:
    with pytest.raises(ValueError, match="unknown theme operation 'paint'"):
        project.themes.apply("paint", ref=CLOSE)


# -- what undo brings back ---------------------------------------------------------------------------
def test_undo_delete_brings_back_the_subtree_with_its_passages_and_memos(project: Project, study: Study) -> None:
    attachment = study.theme(ATTACHMENT)
    safe = study.theme("Rasa Aman")
    change = project.themes.apply("delete", ref=ATTACHMENT)
    assert count(project, Theme) == 32
    assert coding(project, study.attachment) is None and coding(project, study.safe_bola) is None
    assert count(project, Note) == 1
    project.themes.undo(change)
    assert children(project, attachment) == ATTACHMENT_CHILDREN
    assert project.themes.get(f"{ATTACHMENT}/Rasa Aman").id == safe
    assert coding_ids(project, attachment) == [study.attachment]
    assert coding_ids(project, safe) == sorted([study.safe_bola, study.safe_notes])
    assert coding(project, study.safe_bola).quote == "bola"
    assert count(project, Note) == 2


def test_undo_delete_puts_parents_back_before_their_children(project: Project, study: Study) -> None:
    """A theme moved under one made later has the lower id: it must still come back after its parent."""
    made = project.themes.create("Baru")
    project.themes.move(CLOSE, made.id)
    assert study.theme(CLOSE) < made.id
    before = snapshot(project.path)
    change = project.themes.apply("delete", ref=made.id)
    project.themes.undo(change)
    assert snapshot(project.path) == before
    assert children(project, made.id) == [CLOSE]
    assert coding_ids(project, study.theme(CLOSE)) == sorted([study.close_nyaman, study.close_teman, study.close_notes])


def test_undo_merge_brings_back_both_themes_and_every_passage(project: Project, study: Study) -> None:
    close, comfort = study.theme(CLOSE), study.theme(COMFORT)
    project.themes.create("Cucu", parent=CLOSE)
    cucu = study.theme("Cucu")
    definitions = project.themes.get(CLOSE).definition, project.themes.get(COMFORT).definition
    change = project.themes.apply("merge", source=CLOSE, target=COMFORT)
    assert coding(project, study.close_nyaman) is None  # COMFORT codes "nyaman" already
    assert coding(project, study.close_teman).theme_id == comfort
    assert project.themes.get(cucu).parent_id == comfort
    assert project.themes.get(COMFORT).definition == "\n".join(definitions[::-1])
    project.themes.undo(change)
    assert project.themes.get(close).name == CLOSE
    assert project.themes.get(cucu).parent_id == close
    assert (project.themes.get(CLOSE).definition, project.themes.get(COMFORT).definition) == definitions
    assert coding_ids(project, close) == sorted([study.close_nyaman, study.close_teman, study.close_notes])
    assert coding_ids(project, comfort) == sorted([study.comfort_nyaman, study.comfort_pegawai])
    assert coding(project, study.close_nyaman).quote == "nyaman"
    assert count(project, Note) == 2


def test_undo_after_the_transcript_was_edited_keeps_passages_on_their_words(project: Project, study: Study) -> None:
    change = project.themes.apply("delete", ref=POSITIVE)  # takes CLOSE and COMFORT with it
    project.editing.edit_text(study.a, "Jujur saya merasa sangat nyaman tinggal di panti")
    project.editing.edit_text(study.b, "karena pegawai mau mendengarkan")  # "teman teman" is gone
    project.themes.undo(change)
    for cid in (study.close_nyaman, study.comfort_nyaman):
        c = coding(project, cid)
        assert (c.start_segment_id, c.quote) == (study.a, "nyaman")
        assert c.start_offset == "Jujur saya merasa sangat nyaman".index("nyaman")
        word = next(w for w in project.editing.segment(study.a).words if w.text == "nyaman")
        assert (c.start_ms, c.end_ms) == (word.start_ms, word.end_ms)
    assert coding(project, study.close_teman) is None
    assert coding(project, study.comfort_pegawai).quote == "pegawai"
    check_on_text(project)


def test_undo_after_the_notes_were_edited_keeps_passages_on_their_words(project: Project, study: Study) -> None:
    close = project.themes.apply("delete", ref=CLOSE)
    attachment = project.themes.apply("delete", ref=ATTACHMENT)
    edited = "Pagi ini anak-anak bermain bola bersama staf. terbuka dan hangat."  # "Suasana" is gone
    with project.transaction() as session:
        session.get(TextDocument, study.doc).text = edited
    project.themes.undo(attachment)
    project.themes.undo(close)
    c = coding(project, study.close_notes)
    start = edited.index("bermain bola")
    assert (c.start_offset, c.end_offset, c.quote) == (start, start + len("bermain bola"), "bermain bola")
    assert coding(project, study.safe_notes) is None
    assert coding(project, study.safe_bola).quote == "bola"
    check_on_text(project)


def test_undo_drops_a_passage_whose_segment_is_gone(project: Project, study: Study) -> None:
    hopes = study.theme(HOPES)
    change = project.themes.apply("delete", ref=HOPES)
    project.editing.merge(study.b)  # C goes into B: the passage "minggu" was anchored on C
    project.themes.undo(change)
    assert study.theme(HOPES) == hopes
    assert coding(project, study.hopes) is None
    assert coding_ids(project, hopes) == []
    check_on_text(project)


def test_undo_leaves_passages_coded_meanwhile(project: Project, study: Study) -> None:
    change = project.themes.apply("merge", source=CLOSE, target=COMFORT)
    elsewhere = study.code(study.c, C, "setiap", HOPES)
    on_target = study.code(study.c, C, "Kami", COMFORT)
    rows = snapshot(project.path)["codings"]
    project.themes.undo(change)
    kept = [r for r in snapshot(project.path)["codings"] if r[0] in (elsewhere, on_target)]
    assert kept == [r for r in rows if r[0] in (elsewhere, on_target)]
    project.themes.redo(change)
    assert coding(project, on_target).theme_id == study.theme(COMFORT)
    assert coding(project, elsewhere).theme_id == study.theme(HOPES)


def test_a_passage_that_took_a_deleted_passages_id_is_left_alone(project: Project, study: Study) -> None:
    """SQLite gives a new row the highest id plus one: a passage coded after a delete may take the id of one the
    delete removed. Undo tells them apart by guid, and puts the old passage back under another id."""
    with project.transaction() as session:
        assert session.scalar(select(func.max(Coding.id))) == study.safe_notes
        guid = session.get(Coding, study.safe_notes).guid
    change = project.themes.apply("delete", ref="Rasa Aman")
    newcomer = study.code(study.a, A, "merasa", HOPES)
    assert newcomer == study.safe_notes  # the id came free and was taken
    row = [r for r in snapshot(project.path)["codings"] if r[0] == newcomer]
    project.themes.undo(change)
    assert [r for r in snapshot(project.path)["codings"] if r[0] == newcomer] == row
    with project.reading() as session:  # a read: study.theme() below writes nothing either
        back = session.scalars(select(Coding).where(Coding.guid == guid)).one()
        assert (back.quote, back.theme_id) == ("Suasana", study.theme("Rasa Aman"))
        assert back.id != newcomer
    assert coding(project, study.safe_bola).quote == "bola"
    project.themes.redo(change)
    assert [r for r in snapshot(project.path)["codings"] if r[0] == newcomer] == row
    assert coding(project, back.id) is None and coding(project, study.safe_bola) is None


def test_a_theme_whose_id_was_taken_cannot_come_back(project: Project, study: Study) -> None:
    with project.transaction() as session:
        last = session.scalar(select(func.max(Theme.id)))
    change = project.themes.apply("delete", ref=last)
    assert project.themes.create("Pendatang", parent=HOPES).id == last
    before = snapshot(project.path)
    with pytest.raises(UserError, match="Pendatang"):
        project.themes.undo(change)
    assert snapshot(project.path) == before


def test_undo_keeps_a_rename_made_meanwhile_outside_the_history(project: Project, study: Study) -> None:
    """The move renumbers COMFORT (a column undo puts back); its name, changed meanwhile, stays."""
    change = project.themes.apply("move", ref=CLOSE, parent=HOPES)
    project.themes.rename(COMFORT, "Rasa Nyaman")
    made = project.themes.create("Pendatang", parent=POSITIVE)
    project.themes.undo(change)
    assert children(project, study.theme(POSITIVE))[:2] == [CLOSE, "Rasa Nyaman"]
    assert project.themes.get(made.id).name == "Pendatang"


# -- random sequences of operations ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed project with the study in it, copied for each example."""
    path = tmp_path_factory.mktemp("template") / "p.annotator"
    with Project.create(path) as project:
        project.themes.import_codebook(load_codebook("relationships"), "id")
        Study(project)
    return path


NAMES = ["Baru", "Keakraban", "Lainnya", "Rasa Aman", "Harapan"]


def random_operation(data: st.DataObject, ids: list[int]) -> tuple[str, dict[str, Any]]:
    op = data.draw(st.sampled_from(["create", "rename", "recolour", "set_definition", "move", "merge", "delete"]))
    theme = st.sampled_from(ids)
    parent = st.none() | theme
    if op == "create":
        return op, {"name": data.draw(st.sampled_from(NAMES)), "parent": data.draw(parent)}
    if op == "rename":
        return op, {"ref": data.draw(theme), "name": data.draw(st.sampled_from(NAMES))}
    if op == "recolour":
        return op, {"ref": data.draw(theme), "color": data.draw(st.sampled_from(["#000000", "#ffffff"]))}
    if op == "set_definition":
        return op, {"ref": data.draw(theme), "definition": data.draw(st.sampled_from(["", "Satu.", "Dua."]))}
    if op == "move":
        return op, {"ref": data.draw(theme), "parent": data.draw(parent), "position": data.draw(st.integers(-1, 8))}
    if op == "merge":
        return op, {"source": data.draw(theme), "target": data.draw(theme)}
    return op, {"ref": data.draw(theme)}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_operations_undone_give_back_the_project(template: Path, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.annotator"
        shutil.copy(template, path)
        with Project.open(path) as project:
            themes = project.themes
            start = snapshot(path)
            done: list[ThemeChange] = []
            undone: list[ThemeChange] = []
            for _ in range(data.draw(st.integers(1, 8), label="steps")):
                kind = data.draw(st.sampled_from(["apply", "apply", "apply", "undo", "redo"]), label="kind")
                if kind == "undo" and done:
                    undone.append(done.pop())
                    themes.undo(undone[-1])
                elif kind == "redo" and undone:
                    done.append(undone.pop())
                    themes.redo(done[-1])
                else:
                    with project.transaction() as session:
                        ids = sorted(session.scalars(select(Theme.id)))
                    op, kwargs = random_operation(data, ids)
                    try:
                        done.append(themes.apply(op, **kwargs))
                    except UserError:
                        continue
                    undone.clear()
            end = snapshot(path)
            check_on_text(project)
            redo: list[ThemeChange] = []
            while done:
                redo.append(done.pop())
                themes.undo(redo[-1])
            assert snapshot(path) == start
            for change in reversed(redo):
                themes.redo(change)
            assert snapshot(path) == end
