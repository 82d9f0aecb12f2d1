"""The coding controller: each coding action is stored at once, is one undo step, and names what it touched."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.ui.coding.controller import CodingController, Touched
from annotator.ui.coding.span import Span
from tests.core.test_coding import B1, NOTES, OPEN, RESPECT, Study


@pytest.fixture
def study(project: Project, media: dict[str, Path]) -> Study:
    return Study(project, media)


@pytest.fixture
def controller(qtbot: QtBot, study: Study) -> CodingController:
    stack = QUndoStack()
    controller = CodingController(stack)
    controller.set_project(study.project)
    controller.touched: list[Touched] = []  # type: ignore[misc]
    controller.messages: list[str] = []  # type: ignore[misc]
    controller.changed.connect(controller.touched.append)
    controller.message.connect(controller.messages.append)
    return controller


def quotes(project: Project) -> list[tuple[str, str]]:
    return sorted((p.theme, p.text) for p in project.coding.passages())


def unstamped(view: PassageView) -> PassageView:
    """A coding without the time it was last changed (undo changes it again)."""
    return replace(view, updated_at=None)


def span_of(study: Study, segment: int, text: str, part: str) -> Span:
    start, end = study.span(text, part)
    return Span(
        recording_id=study.r1,
        start_segment_id=segment,
        start_offset=start,
        end_segment_id=segment,
        end_offset=end,
        text=part,
    )


def test_coding_a_span_with_two_themes_is_one_undo_step(controller: CodingController, study: Study) -> None:
    before = quotes(study.project)
    made = controller.code(
        span_of(study, study.b1, B1, "pegawai mau mendengarkan"),
        [
            study.project.themes.get(OPEN).id,
            study.project.themes.get(RESPECT).id,
        ],
    )
    assert {p.theme for p in made} == {OPEN, RESPECT}
    after = quotes(study.project)
    phrase = "pegawai mau mendengarkan"
    assert set(after) - set(before) == {(OPEN, phrase), (RESPECT, phrase)}
    assert controller.touched[-1].recordings == {study.r1}
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert quotes(study.project) == before
    controller.undo_stack.redo()
    assert quotes(study.project) == after
    assert {p.id for p in made} <= {p.id for p in study.project.coding.passages()}  # the same codings come back


def test_coding_what_is_coded_already_says_so(controller: CodingController, study: Study) -> None:
    span = span_of(study, study.b1, B1, "nyaman")
    theme = study.project.themes.get(OPEN).id
    assert controller.code(span, [theme])
    assert controller.code(span, [theme]) == []
    assert controller.messages == [f"Coded “nyaman” with {OPEN}.", "Already coded with that theme."]
    assert controller.undo_stack.count() == 1


def test_a_refused_span_is_a_message_not_an_undo_step(controller: CodingController, study: Study) -> None:
    blank = Span(
        recording_id=study.r1, start_segment_id=study.b1, start_offset=4, end_segment_id=study.b1, end_offset=5
    )
    assert controller.code(blank, [study.project.themes.get(OPEN).id]) == []
    assert controller.messages and "no text" in controller.messages[0]
    assert controller.undo_stack.count() == 0


def test_field_notes_are_coded_the_same_way(controller: CodingController, study: Study) -> None:
    start = NOTES.index("Suasana terbuka")
    span = Span(document_id=study.doc, start_offset=start, end_offset=start + len("Suasana terbuka"))
    made = controller.code(span, [study.project.themes.get(OPEN).id])
    assert [(p.document_id, p.text) for p in made] == [(study.doc, "Suasana terbuka")]
    assert controller.touched[-1].documents == {study.doc}
    controller.undo_stack.undo()
    assert not study.project.coding.passages(documents=True, text="Suasana terbuka")


def test_remove_memo_retheme_and_resize_undo_and_redo(controller: CodingController, study: Study) -> None:
    project = study.project
    (coding,) = controller.code(span_of(study, study.b1, B1, "mau mendengarkan"), [project.themes.get(OPEN).id])
    states = [unstamped(project.coding.get(coding.id))]
    controller.set_memo(coding.id, "  pegawai mendengarkan: komunikasi terbuka ")
    states.append(unstamped(project.coding.get(coding.id)))
    controller.retheme(coding.id, project.themes.get(RESPECT).id)
    states.append(unstamped(project.coding.get(coding.id)))
    controller.resize(coding.id, span_of(study, study.b1, B1, "pegawai mau mendengarkan"))
    states.append(unstamped(project.coding.get(coding.id)))
    assert [s.memo for s in states] == ["", *["pegawai mendengarkan: komunikasi terbuka"] * 3]
    assert [s.theme for s in states] == [OPEN, OPEN, RESPECT, RESPECT]
    assert states[-1].text == "pegawai mau mendengarkan"
    controller.remove([coding.id])
    assert coding.id not in {p.id for p in project.coding.passages()}
    stack = controller.undo_stack
    assert stack.count() == 5
    for state in reversed(states):
        stack.undo()
        assert unstamped(project.coding.get(coding.id)) == state
    stack.undo()
    assert coding.id not in {p.id for p in project.coding.passages()}
    for state in states:
        stack.redo()
        assert unstamped(project.coding.get(coding.id)) == state
    stack.redo()
    assert coding.id not in {p.id for p in project.coding.passages()}


def test_an_undo_the_text_no_longer_allows_is_dropped_with_a_message(
    controller: CodingController, study: Study
) -> None:
    project = study.project
    (coding,) = controller.code(span_of(study, study.b1, B1, "nyaman"), [project.themes.get(OPEN).id])
    controller.remove([coding.id])
    project.editing.apply("edit_text", segment_id=study.b1, new_text=B1.replace("nyaman", "senang"))
    controller.undo_stack.undo()  # cannot put the passage back on words that are gone
    assert controller.messages and "has changed" in controller.messages[-1]
    assert controller.undo_stack.count() == 1
    assert coding.id not in {p.id for p in project.coding.passages()}


def test_a_span_travels_as_json_and_rejects_rubbish() -> None:
    span = Span(recording_id=3, start_segment_id=7, start_offset=2, end_segment_id=9, end_offset=4, text="kata")
    mime = span.add_to(QMimeData())
    assert Span.from_mime(mime) == span
    assert Span.from_json(b"{not json") is None
    assert Span.from_json(b'{"recording_id": 1, "document_id": 2}') is None  # one source, not two
    assert Span.from_mime(QMimeData()) is None
