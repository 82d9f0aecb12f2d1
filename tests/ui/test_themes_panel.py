"""The themes panel: each change of the codebook is stored, is one undo step, and the tree follows it.

The panel works on a real project file (the relationships codebook in Indonesian) with a coding controller
on its own undo stack; the dialogs an action opens are answered by patching Qt's static dialog functions.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QColorDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.core.services.transcript import NewSegment, NewWord
from annotator.errors import NotFound
from annotator.ui.coding.controller import CodingController
from annotator.ui.coding.span import Span
from annotator.ui.themes.model import KEY_COLUMN, PASSAGES_COLUMN, THEME_COLUMN
from annotator.ui.themes.panel import ThemesPanel
from tests.conftest import snapshot

POSITIVE = "Hubungan Sosial Positif"
CLOSE = "Keakraban"
COMFORT = "Perasaan Nyaman"
SUPPORT = "Dukungan Emosional"
ATTACHMENT = "Keterikatan"
SAFE = "Rasa Aman"
TEXT = "Saya merasa nyaman tinggal di panti karena pegawai mau mendengarkan"


@pytest.fixture
def controller(project: Project) -> CodingController:
    controller = CodingController(QUndoStack())
    controller.set_project(project)
    controller.messages = []  # type: ignore[attr-defined]
    controller.message.connect(controller.messages.append)  # type: ignore[attr-defined]
    return controller


@pytest.fixture
def panel(qtbot: QtBot, project: Project, controller: CodingController) -> ThemesPanel:
    panel = ThemesPanel()
    qtbot.addWidget(panel)
    panel.set_project(project, controller)
    return panel


@pytest.fixture
def segment(project: Project, media: dict[str, Path]) -> tuple[int, int]:
    """A recording with one transcribed segment: (recording id, segment id)."""
    recording = project.recordings.add(media["wav"], participant="WBS-01", role="resident")
    words = [NewWord(i * 400, i * 400 + 350, w, 0.9) for i, w in enumerate(TEXT.split())]
    return recording.id, project.transcripts.add_segment(recording.id, NewSegment(0, 6000, TEXT, words))


def code(project: Project, segment: tuple[int, int], part: str, themes: list[str]) -> None:
    start = TEXT.index(part)
    project.coding.code_span(segment[0], segment[1], start, segment[1], start + len(part), themes)


def tid(project: Project, name: str) -> int:
    return project.themes.get(name).id


def names(panel: ThemesPanel, parent: QModelIndex = QModelIndex()) -> list[str]:  # noqa: B008
    model = panel.model
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def children(panel: ThemesPanel, project: Project, name: str) -> list[str]:
    return names(panel, panel.model.index_of(tid(project, name)))


def answer(monkeypatch: pytest.MonkeyPatch, owner: type, function: str, value: object) -> list[tuple]:
    """Patch a static dialog function to return ``value``; returns the calls' arguments."""
    calls: list[tuple] = []

    def fake(*args: object, **_kwargs: object) -> object:
        calls.append(args)
        return value

    monkeypatch.setattr(owner, function, staticmethod(fake))
    return calls


def undo_redo(controller: CodingController, before: Callable[[], object], after: Callable[[], object]) -> None:
    """After the change ``after`` holds; one undo later ``before`` does, and a redo brings ``after`` back.
    A check either asserts itself or returns whether it holds."""
    assert after() is not False
    assert controller.undo_stack.count() == 1
    controller.undo_stack.undo()
    assert before() is not False
    controller.undo_stack.redo()
    assert after() is not False


def test_model_stays_well_behaved_through_edits(qtmodeltester, panel: ThemesPanel, project: Project) -> None:  # noqa: ANN001
    model, controller = panel.model, panel.controller
    assert controller is not None
    controller.change_themes("new", "create", name="Humor", parent=tid(project, CLOSE))
    controller.change_themes("move", "move", ref=tid(project, SAFE), parent=None, position=0)
    controller.change_themes("delete", "delete", ref=tid(project, ATTACHMENT))
    qtmodeltester.check(model, force_py=True)
    assert model.flags(model.index(0, THEME_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, PASSAGES_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    controller.undo_stack.undo()
    qtmodeltester.check(model, force_py=True)


def test_new_theme_and_sub_theme(
    panel: ThemesPanel, project: Project, controller: CodingController, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = answer(monkeypatch, QInputDialog, "getText", ("  Humor   dan  canda ", True))
    panel.actions["new"].trigger()
    humor = tid(project, "Humor dan canda")
    assert names(panel)[-1] == "Humor dan canda" and panel.current_theme() == humor

    def absent() -> None:
        with pytest.raises(NotFound):
            project.themes.get("Humor dan canda")
        assert "Humor dan canda" not in names(panel)

    undo_redo(controller, absent, lambda: tid(project, "Humor dan canda") == humor)
    assert calls[0][1] == "New theme"

    panel.select_theme(tid(project, CLOSE))
    calls = answer(monkeypatch, QInputDialog, "getText", ("Bercanda", True))
    panel.actions["new_child"].trigger()
    assert project.themes.get(f"{POSITIVE}/{CLOSE}/Bercanda").parent_id == tid(project, CLOSE)
    assert children(panel, project, CLOSE) == ["Bercanda"]
    assert f"{POSITIVE} / {CLOSE}" in calls[0][2]  # the question names where the theme goes
    assert controller.undo_stack.count() == 2


def test_a_cancelled_or_refused_new_theme_changes_nothing(
    panel: ThemesPanel, project: Project, controller: CodingController, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(project.path)
    answer(monkeypatch, QInputDialog, "getText", ("Humor", False))
    panel.actions["new"].trigger()
    answer(monkeypatch, QInputDialog, "getText", (ATTACHMENT.upper(), True))
    panel.actions["new"].trigger()
    assert controller.messages == [f"there is already a theme {ATTACHMENT!r} at that place in the tree"]
    assert snapshot(project.path) == before and controller.undo_stack.count() == 0


def test_rename_in_the_tree(panel: ThemesPanel, project: Project, controller: CodingController) -> None:
    close = tid(project, CLOSE)
    index = panel.model.index_of(close)
    assert index.data(Qt.ItemDataRole.EditRole) == CLOSE
    assert panel.model.setData(index, "Kedekatan")
    undo_redo(
        controller,
        lambda: project.themes.get(close).name == CLOSE and panel.model.index_of(close).data() == CLOSE,
        lambda: project.themes.get(close).name == "Kedekatan" and panel.model.index_of(close).data() == "Kedekatan",
    )
    assert controller.undo_stack.undoText() == "Rename “Keakraban” to “Kedekatan”"
    assert not panel.model.setData(panel.model.index_of(close), COMFORT)  # a sibling has that name
    assert controller.messages == [f"there is already a theme {COMFORT!r} at that place in the tree"]
    assert project.themes.get(close).name == "Kedekatan"


def test_rename_action_opens_the_editor(panel: ThemesPanel, project: Project, qtbot: QtBot) -> None:
    panel.show()
    panel.select_theme(tid(project, SAFE))
    panel.actions["rename"].trigger()
    assert panel.view.state() == panel.view.State.EditingState


def test_recolour(
    panel: ThemesPanel, project: Project, controller: CodingController, monkeypatch: pytest.MonkeyPatch
) -> None:
    safe = tid(project, SAFE)
    old = project.themes.get(safe).color
    panel.select_theme(safe)
    answer(monkeypatch, QColorDialog, "getColor", QColor())  # cancelled
    panel.actions["colour"].trigger()
    assert controller.undo_stack.count() == 0
    calls = answer(monkeypatch, QColorDialog, "getColor", QColor("#123456"))
    panel.actions["colour"].trigger()
    assert calls[0][0] == QColor(old)
    decoration = Qt.ItemDataRole.DecorationRole
    undo_redo(
        controller,
        lambda: project.themes.get(safe).color == old and panel.model.index_of(safe).data(decoration) == QColor(old),
        lambda: (
            project.themes.get(safe).color == "#123456"
            and panel.model.index_of(safe).data(decoration) == QColor("#123456")
        ),
    )


def test_definition(
    panel: ThemesPanel, project: Project, controller: CodingController, monkeypatch: pytest.MonkeyPatch
) -> None:
    safe = tid(project, SAFE)
    old = project.themes.get(safe).definition
    panel.select_theme(safe)
    calls = answer(monkeypatch, QInputDialog, "getMultiLineText", ("Merasa aman.\nTidak takut.", True))
    panel.actions["definition"].trigger()
    assert calls[0][3] == old  # the dialog starts from the definition there is
    tooltip = Qt.ItemDataRole.ToolTipRole
    undo_redo(
        controller,
        lambda: project.themes.get(safe).definition == old,
        lambda: (
            project.themes.get(safe).definition == "Merasa aman.\nTidak takut."
            and "Tidak takut." in panel.model.index_of(safe).data(tooltip)
        ),
    )


def test_merge(
    panel: ThemesPanel,
    project: Project,
    controller: CodingController,
    segment: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code(project, segment, "merasa nyaman", [COMFORT])
    code(project, segment, "pegawai mau mendengarkan", [COMFORT])
    code(project, segment, "tinggal di panti", [SAFE])
    panel.reload()
    comfort, safe = tid(project, COMFORT), tid(project, SAFE)
    panel.select_theme(comfort)
    chosen = answer(monkeypatch, QInputDialog, "getItem", (f"{ATTACHMENT} / {SAFE}", True))
    asked = answer(monkeypatch, QMessageBox, "question", QMessageBox.StandardButton.Yes)
    panel.actions["merge"].trigger()
    assert f"{POSITIVE} / {COMFORT}" not in chosen[0][3] and f"{ATTACHMENT} / {SAFE}" in chosen[0][3]
    assert "2 passages of “Perasaan Nyaman” will be coded “Rasa Aman”." in asked[0][2]
    passages = Qt.ItemDataRole.DisplayRole

    def before() -> None:
        assert project.themes.get(comfort).name == COMFORT
        assert panel.model.index_of(safe, PASSAGES_COLUMN).data(passages) == "1"

    def after() -> None:
        with pytest.raises(NotFound):
            project.themes.get(COMFORT)
        assert panel.model.index_of(safe, PASSAGES_COLUMN).data(passages) == "3"
        assert panel.current_theme() == safe

    undo_redo(controller, before, after)


def test_delete_asks_first(
    panel: ThemesPanel,
    project: Project,
    controller: CodingController,
    segment: tuple[int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code(project, segment, "merasa nyaman", [CLOSE, COMFORT])
    code(project, segment, "tinggal di panti", [SAFE])
    panel.reload()
    panel.select_theme(tid(project, POSITIVE))
    before = snapshot(project.path)
    asked = answer(monkeypatch, QMessageBox, "question", QMessageBox.StandardButton.Cancel)
    panel.actions["delete"].trigger()
    question = asked[0][2]
    assert question.startswith(f"Delete the theme “{POSITIVE}”, its 5 sub-themes and the 2 passages coded with them?")
    assert "Undo (" in question
    assert snapshot(project.path) == before and controller.undo_stack.count() == 0

    answer(monkeypatch, QMessageBox, "question", QMessageBox.StandardButton.Yes)
    panel.actions["delete"].trigger()

    def present() -> None:
        assert names(panel)[0] == POSITIVE and len(children(panel, project, POSITIVE)) == 5
        assert len(project.coding.passages()) == 3

    def gone() -> None:
        assert POSITIVE not in names(panel) and len(panel.model.themes()) == 31
        assert [p.theme for p in project.coding.passages()] == [SAFE]

    undo_redo(controller, present, gone)
    controller.undo_stack.undo()
    assert snapshot(project.path) == before


def test_delete_message_for_a_bare_theme(panel: ThemesPanel, project: Project) -> None:
    message = panel.actions.delete_message(panel.model.theme(tid(project, SAFE)))
    assert message.startswith(f"Delete the theme “{SAFE}”? It has no sub-themes and no passages.")


def test_pins_show_in_the_tree(panel: ThemesPanel, project: Project, qtbot: QtBot) -> None:
    close, safe = tid(project, CLOSE), tid(project, SAFE)
    for theme_id in (close, safe):
        panel.select_theme(theme_id)
        with qtbot.waitSignal(panel.pinsChanged):
            panel.actions["pin"].trigger()
    assert project.themes.pinned() == [close, safe]
    assert panel.pinned_theme(1) == close and panel.pinned_theme(2) == safe and panel.pinned_theme(3) is None
    assert panel.model.index_of(safe, KEY_COLUMN).data() == "2"
    assert panel.model.index_of(tid(project, COMFORT), KEY_COLUMN).data() is None
    assert "Pinned theme 2:" in panel.model.index_of(safe).data(Qt.ItemDataRole.ToolTipRole)
    assert panel.actions["pin"].text() == "Unpin from number 2"
    panel.select_theme(close)
    with qtbot.waitSignal(panel.pinsChanged):
        panel.actions["pin"].trigger()
    # Unpinning 1 leaves 2 where it was: a key used by habit keeps its theme.
    assert project.themes.pinned() == [None, safe] and panel.pinned_theme(2) == safe
    assert panel.pinned_theme(1) is None
    assert panel.model.index_of(close, KEY_COLUMN).data() is None
    assert panel.model.index_of(safe, KEY_COLUMN).data() == "2"


def test_a_tenth_pin_is_refused(panel: ThemesPanel, project: Project, controller: CodingController) -> None:
    ids = [node.id for _depth, node in panel.model.themes()]
    project.themes.set_pinned(ids[:9])
    panel.reload()
    assert panel.pinned_theme(9) == ids[8]
    panel.select_theme(ids[9])
    panel.actions["pin"].trigger()
    assert controller.messages == ["nine themes are pinned already; unpin one first"]
    assert project.themes.pinned() == ids[:9] and panel.model.index_of(ids[9], KEY_COLUMN).data() is None


def move_mime(panel: ThemesPanel, theme_id: int) -> QMimeData:
    return panel.model.mimeData([panel.model.index_of(theme_id)])


def test_drag_between_rows_reorders(panel: ThemesPanel, project: Project, controller: CodingController) -> None:
    model, positive = panel.model, tid(project, POSITIVE)
    order = children(panel, project, POSITIVE)
    moved = [order[0], order[1], order[3], order[2], order[4]]
    mime = move_mime(panel, tid(project, SUPPORT))  # row 2, dropped before row 4: it becomes the fourth
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 4, 0, model.index_of(positive))
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 4, 0, model.index_of(positive))
    undo_redo(
        controller,
        lambda: children(panel, project, POSITIVE) == order,
        lambda: children(panel, project, POSITIVE) == moved and project.themes.get(SUPPORT).position == 3,
    )
    mime = move_mime(panel, tid(project, SUPPORT))
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index_of(positive))
    assert children(panel, project, POSITIVE)[0] == SUPPORT


def test_drag_onto_a_theme_makes_it_a_sub_theme(
    panel: ThemesPanel, project: Project, controller: CodingController
) -> None:
    model, safe, close = panel.model, tid(project, SAFE), tid(project, CLOSE)
    assert model.dropMimeData(move_mime(panel, safe), Qt.DropAction.MoveAction, -1, 0, model.index_of(close))
    undo_redo(
        controller,
        lambda: children(panel, project, ATTACHMENT)[0] == SAFE and not children(panel, project, CLOSE),
        lambda: children(panel, project, CLOSE) == [SAFE] and SAFE not in children(panel, project, ATTACHMENT),
    )
    # onto the empty space below the tree: the end of the top level
    assert model.dropMimeData(move_mime(panel, safe), Qt.DropAction.MoveAction, -1, 0, QModelIndex())
    assert names(panel)[-1] == SAFE and project.themes.get(SAFE).parent_id is None


def test_moving_a_theme_under_itself_is_refused(
    panel: ThemesPanel, project: Project, controller: CodingController
) -> None:
    model = panel.model
    before = snapshot(project.path)
    target = model.index_of(tid(project, CLOSE))
    assert not model.dropMimeData(move_mime(panel, tid(project, POSITIVE)), Qt.DropAction.MoveAction, -1, 0, target)
    assert controller.messages == [f"cannot move {POSITIVE!r} under itself or a theme below it"]
    assert snapshot(project.path) == before and controller.undo_stack.count() == 0
    assert children(panel, project, POSITIVE)[0] == CLOSE


def test_dropping_text_on_a_theme_codes_it(
    panel: ThemesPanel, project: Project, controller: CodingController, segment: tuple[int, int]
) -> None:
    model, safe = panel.model, tid(project, SAFE)
    start = TEXT.index("nyaman tinggal")
    span = Span(
        recording_id=segment[0],
        start_segment_id=segment[1],
        start_offset=start,
        end_segment_id=segment[1],
        end_offset=start + len("nyaman tinggal"),
        text="nyaman tinggal",
    )
    mime = span.add_to(QMimeData())
    copy = Qt.DropAction.CopyAction
    assert not model.canDropMimeData(mime, copy, 0, 0, model.index_of(safe))  # between rows
    assert not model.canDropMimeData(mime, copy, -1, 0, QModelIndex())  # below the tree
    assert model.canDropMimeData(mime, copy, -1, 0, model.index_of(safe))
    assert model.dropMimeData(mime, copy, -1, 0, model.index_of(safe, PASSAGES_COLUMN))

    def coded() -> None:
        assert [(p.theme, p.text) for p in project.coding.passages()] == [(SAFE, "nyaman tinggal")]
        assert model.index_of(safe, PASSAGES_COLUMN).data() == "1"
        assert model.index_of(tid(project, ATTACHMENT), PASSAGES_COLUMN).data() == "1"

    def uncoded() -> None:
        assert project.coding.passages() == []
        assert model.index_of(safe, PASSAGES_COLUMN).data() == "0"

    undo_redo(controller, uncoded, coded)


def test_reload_keeps_collapsed_themes_and_the_selection(
    panel: ThemesPanel, project: Project, controller: CodingController
) -> None:
    positive, comfort = tid(project, POSITIVE), tid(project, COMFORT)
    panel.view.collapse(panel.model.index_of(positive))
    panel.select_theme(tid(project, SAFE))
    controller.change_themes("rename", "rename", ref=comfort, name="Nyaman")
    assert not panel.view.isExpanded(panel.model.index_of(positive))
    assert panel.view.isExpanded(panel.model.index_of(tid(project, ATTACHMENT)))
    assert panel.current_theme() == tid(project, SAFE)


def test_double_click_and_show_passages(panel: ThemesPanel, project: Project, qtbot: QtBot) -> None:
    safe = tid(project, SAFE)
    with qtbot.waitSignal(panel.themeActivated) as activated:
        panel.view.doubleClicked.emit(panel.model.index_of(safe, PASSAGES_COLUMN))
    assert activated.args == [safe]
    panel.select_theme(safe)
    with qtbot.waitSignal(panel.showPassagesRequested) as shown:
        panel.actions["show_passages"].trigger()
    assert shown.args == [safe]
    texts = [a.text() for a in panel.context_menu().actions() if not a.isSeparator()]
    assert texts == [
        "New theme…",
        "New sub-theme…",
        "Rename",
        "Colour…",
        "Definition…",
        "Pin to a number shortcut",
        "Show passages",
        "Merge into…",
        "Delete…",
    ]


@pytest.mark.parametrize(
    ("language", "first"),
    [("id", POSITIVE), ("en", "Positive social relationship"), ("fr", "Positive social relationship")],
)
def test_an_empty_project_starts_from_the_template(
    qtbot: QtBot, tmp_path: Path, language: str, first: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.create(tmp_path / "baru.annotator", language=language) as project:
        controller = CodingController(QUndoStack())
        controller.set_project(project)
        panel = ThemesPanel()
        qtbot.addWidget(panel)
        panel.set_project(project, controller)
        panel.show()
        assert panel.stack.currentWidget() is panel.empty
        assert "37 themes" in panel.template_button.description()
        assert not panel.actions["delete"].isEnabled() and panel.actions["new"].isEnabled()
        qtbot.mouseClick(panel.template_button, Qt.MouseButton.LeftButton)
        assert len(project.themes.tree()) == 7 and len(panel.model.themes()) == 37
        assert names(panel)[0] == first
        assert panel.stack.currentWidget() is panel.view


def test_an_empty_project_starts_with_a_theme_of_ones_own(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Project.create(tmp_path / "baru.annotator", language="fr") as project:
        controller = CodingController(QUndoStack())
        controller.set_project(project)
        panel = ThemesPanel()
        qtbot.addWidget(panel)
        panel.set_project(project, controller)
        panel.show()
        answer(monkeypatch, QInputDialog, "getText", ("Humor", True))
        qtbot.mouseClick(panel.new_theme_button, Qt.MouseButton.LeftButton)
        assert names(panel) == ["Humor"] and panel.stack.currentWidget() is panel.view
        controller.undo_stack.undo()
        assert panel.stack.currentWidget() is panel.empty


def test_load_without_a_controller_is_read_only(qtbot: QtBot, project: Project) -> None:
    panel = ThemesPanel()
    qtbot.addWidget(panel)
    panel.load(project)
    assert len(panel.model.themes()) == 37
    assert not panel.model.flags(panel.model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not panel.actions["new"].isEnabled()


def drop_on_view(panel: ThemesPanel, mime: QMimeData, theme_id: int, action: Qt.DropAction) -> bool:
    """Drag ``mime`` over the middle of a theme's row and drop it there, as the mouse would; returns whether the
    view took the drop."""
    view = panel.view
    point = view.visualRect(panel.model.index_of(theme_id)).center()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point, action, mime, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), enter)
    move = QDragMoveEvent(point, action, mime, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(point), action, mime, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), drop)
    return drop.isAccepted()


def test_the_view_takes_text_and_themes_dropped_on_a_row(
    panel: ThemesPanel, project: Project, segment: tuple[int, int], qtbot: QtBot
) -> None:
    panel.resize(320, 640)
    panel.show()
    qtbot.waitExposed(panel)
    safe, close = tid(project, SAFE), tid(project, CLOSE)
    span = Span(
        recording_id=segment[0], start_segment_id=segment[1], end_segment_id=segment[1], end_offset=4, text="Saya"
    )
    assert drop_on_view(panel, span.add_to(QMimeData()), safe, Qt.DropAction.CopyAction)
    assert [(p.theme, p.text) for p in project.coding.passages()] == [(SAFE, "Saya")]
    assert drop_on_view(panel, move_mime(panel, safe), close, Qt.DropAction.MoveAction)
    assert children(panel, project, CLOSE) == [SAFE]
