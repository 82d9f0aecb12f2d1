"""Coding in the transcript: the selection coded by a popup, a pinned theme's key or the context menu, and a
passage under the mouse removed, given a memo, another theme, new ends, or played.

Every change goes through the window's :class:`~annotator.ui.coding.controller.CodingController` (one undo step
each); the panel redraws when the controller says this recording changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu

from annotator.core.services.coding import PassageView
from annotator.ui.coding.assign_popup import AssignPopup
from annotator.ui.coding.span import Span

if TYPE_CHECKING:
    from annotator.ui.transcript.panel import TranscriptPanel


class CodingGestures(QObject):
    def __init__(self, panel: TranscriptPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.popup: AssignPopup | None = None  # the open popup, if any
        self.memo_dialog: QInputDialog | None = None

    @property
    def editor(self):  # noqa: ANN201
        return self.panel.editor

    def _span(self) -> Span | None:
        """The selection as a span (what was typed is stored first), or None with a message why not."""
        if self.panel.project is None or self.panel.recording_id is None:
            return None
        self.editor.commit()
        span = self.panel.selected_span()
        if span is None:
            self.panel.message.emit(self.tr("Select the words to code first."))
        return span

    # -- coding the selection ---------------------------------------------------------------------------------
    def code_selection(self, theme_ids: list[int]) -> list[PassageView]:
        span = self._span()
        if span is None or not theme_ids:
            return []
        return self.panel.controller.code(span, theme_ids)

    def assign_theme(self) -> AssignPopup | None:
        """The popup that codes the selection with the themes typed or ticked in it."""
        span = self._span()
        if span is None:
            return None
        popup = self._open_popup(self.tr("Code “{text}” with").format(text=_short(span.text)), several=True)
        popup.chosen.connect(lambda ids: self.panel.controller.code(span, ids))
        return popup

    def pinned_themes(self) -> list[int | None]:
        """The pinned themes by number (None where nothing is pinned)."""
        project = self.panel.project
        return project.themes.pinned() if project is not None else []

    def code_with_pinned(self, number: int) -> list[PassageView]:
        project = self.panel.project
        if project is None or self.panel.recording_id is None:
            return []
        if not self.editor.textCursor().hasSelection():
            self.panel.message.emit(self.tr("Select the words to code first."))
            return []
        pinned = self.pinned_themes()
        if not 1 <= number <= len(pinned) or pinned[number - 1] is None:
            self.panel.message.emit(
                self.tr("No theme is pinned to {number}; pin themes in the themes panel.").format(number=number)
            )
            return []
        return self.code_selection([pinned[number - 1]])  # type: ignore[list-item]

    # -- a passage ----------------------------------------------------------------------------------------------
    def remove(self, coding_id: int) -> None:
        self.panel.controller.remove([coding_id])

    def edit_memo(self, coding_id: int) -> QInputDialog | None:
        """A dialog for the passage's memo (not modal: the memo is stored when it is accepted)."""
        view = self.editor.codings.views.get(coding_id)
        if view is None:
            return None
        dialog = QInputDialog(self.panel)
        dialog.setWindowTitle(self.tr("Memo"))
        dialog.setLabelText(
            self.tr("Memo for the passage “{text}” ({theme}):").format(text=_short(view.text), theme=view.theme)
        )
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setTextValue(view.memo)
        dialog.textValueSelected.connect(lambda text: self.panel.controller.set_memo(coding_id, text))
        dialog.finished.connect(dialog.deleteLater)
        self.memo_dialog = dialog
        dialog.open()
        return dialog

    def change_theme(self, coding_id: int) -> AssignPopup | None:
        view = self.editor.codings.views.get(coding_id)
        if view is None:
            return None
        popup = self._open_popup(self.tr("Another theme for “{text}”").format(text=_short(view.text)), several=False)
        popup.chosen.connect(lambda ids: self.panel.controller.retheme(coding_id, ids[0]))
        return popup

    def resize_to_selection(self, coding_id: int) -> PassageView | None:
        span = self._span()
        if span is None:
            return None
        return self.panel.controller.resize(coding_id, span)

    def play(self, coding_id: int) -> None:
        view = self.editor.codings.views.get(coding_id)
        if view is not None and view.start_ms is not None and view.end_ms is not None:
            self.panel.playRequested.emit(view.start_ms, view.end_ms)

    def _open_popup(self, title: str, *, several: bool) -> AssignPopup:
        assert self.panel.project is not None
        if self.popup is not None:
            self.popup.close()
        popup = AssignPopup(self.panel.project.themes.tree(), self.editor, several=several, title=title)
        popup.destroyed.connect(lambda: setattr(self, "popup", None) if self.popup is popup else None)
        self.popup = popup
        rect = self.editor.cursorRect()
        popup.show_at(self.editor.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom() + 4)))
        return popup

    # -- the context menu ---------------------------------------------------------------------------------------
    def extend_menu(self, menu: QMenu, point: QPoint) -> None:
        """Coding actions above the editor's own: for the selection, then for the passages under ``point``
        (viewport coordinates)."""
        if self.panel.project is None or self.panel.recording_id is None:
            return
        first = menu.actions()[0] if menu.actions() else None
        actions: list[QAction] = []

        def add(text: str, slot, enabled: bool = True) -> QAction:  # noqa: ANN001
            action = QAction(text, menu)
            action.triggered.connect(slot)
            action.setEnabled(enabled)
            actions.append(action)
            return action

        selected = self.editor.textCursor().hasSelection()
        add(self.tr("Code with…"), self.assign_theme, selected)
        pinned = self.pinned_themes()
        if any(pinned):
            names = {choice.id: choice.name for choice in _flatten(self.panel.project.themes.tree())}
            submenu = QMenu(self.tr("Code with a pinned theme"), menu)
            submenu.setEnabled(selected)
            for number, theme_id in enumerate(pinned[:9], start=1):
                if theme_id is None:
                    continue
                action = submenu.addAction(f"{names.get(theme_id, '?')}\tCtrl+{number}")
                action.triggered.connect(lambda _checked=False, n=number: self.code_with_pinned(n))
            actions.append(submenu.menuAction())
        views = self.editor.codings_at(point)
        if views:
            actions.append(_separator(menu))
        for view in views:
            name = _short(view.theme, 40)
            if len(views) > 1:
                sub = QMenu(self.tr("Passage “{theme}”").format(theme=name), menu)
                target = sub
                actions.append(sub.menuAction())
            else:
                target = None
            passage_actions = [
                (
                    self.tr("Remove passage “{theme}”").format(theme=name),
                    lambda _c=False, i=view.id: self.remove(i),
                    True,
                ),
                (self.tr("Memo…"), lambda _c=False, i=view.id: self.edit_memo(i), True),
                (self.tr("Change theme…"), lambda _c=False, i=view.id: self.change_theme(i), True),
                (self.tr("Resize to selection"), lambda _c=False, i=view.id: self.resize_to_selection(i), selected),
                (self.tr("Play passage"), lambda _c=False, i=view.id: self.play(i), view.start_ms is not None),
            ]
            for text, slot, enabled in passage_actions:
                if target is None:
                    add(text, slot, enabled)
                else:
                    target.addAction(text, slot).setEnabled(enabled)
        actions.append(_separator(menu))
        menu.insertActions(first, actions)


def _separator(menu: QMenu) -> QAction:
    action = QAction(menu)
    action.setSeparator(True)
    return action


def _flatten(roots):  # noqa: ANN001, ANN202
    for root in roots:
        for _depth, node in root.walk():
            yield node


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
