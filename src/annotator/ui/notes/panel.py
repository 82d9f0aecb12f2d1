"""One document of field notes: its header, its text to type in, and coding its passages.

What is typed is stored after a short pause, when the editor loses focus, or before another document is shown
(:meth:`NotesPanel.commit`): one :class:`~annotator.core.services.documents.DocumentChange` on the window's undo
stack (through the :class:`~annotator.ui.coding.controller.CodingController`), whose undo and redo put back the
text with its codings. The editor's own undo is off: Ctrl+Z is the window's. Coding works as in the transcript:
the assign popup (Ctrl+K), the pinned themes (Ctrl+1..9), the context menu, and dragging a selection onto a theme.
The panel also makes, imports and deletes documents (each one undo step); the window calls those actions.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QLineEdit, QMenu, QMessageBox, QVBoxLayout, QWidget
from sqlalchemy.exc import SQLAlchemyError

from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.core.services.documents import DocumentChange, DocumentSnapshot, DocumentView
from annotator.errors import NotFound, UserError
from annotator.ui.coding.assign_popup import AssignPopup, choices
from annotator.ui.coding.controller import CodingController, Touched, follow
from annotator.ui.coding.span import Span
from annotator.ui.notes.editor import NotesEditor


def _short(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class NotesPanel(QWidget):
    message = Signal(str)  # for the status bar
    documentShown = Signal(object)  # noqa: N815 - the id of the document shown now, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.controller: CodingController | None = None
        self.popup: AssignPopup | None = None  # the open assign popup, if any
        self.memo_dialog: QInputDialog | None = None
        self.folder = ""  # where the last import came from
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setContentsMargins(6, 4, 6, 4)
        self.editor = NotesEditor(self)
        self.editor.setPlaceholderText(self.tr("Type your observation notes here."))
        self.editor.commitRequested.connect(self.commit)
        self.editor.keepRequested.connect(self._keep_typing)
        self.warning = QLabel(self)  # a failed write, in view until it is stored
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("QLabel { background: #fde2e1; color: #8a1c1c; padding: 4px; }")
        self.warning.hide()
        self.editor.extend_menu = self._extend_menu
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.warning)
        layout.addWidget(self.editor, 1)
        self._show_empty()

    def set_project(self, project: Project | None, controller: CodingController | None) -> None:
        self.commit()  # what was typed belongs to the project shown until now
        self.project, self.controller = project, follow(self.controller, controller, self._changed)
        self.show_document(None)

    def current_document(self) -> int | None:
        return self.editor.document_id

    # -- showing ----------------------------------------------------------------------------------------------
    def show_document(self, document_id: int | None) -> None:
        """Show a document (what was typed in the one shown before is stored first); None shows nothing."""
        self.commit()
        view = None
        if document_id is not None and self.project is not None:
            try:
                view = self.project.documents.get(document_id)
            except NotFound as exc:
                self.message.emit(str(exc))
        same = view is not None and view.id == self.editor.document_id
        self.editor.document_id = view.id if view is not None else None
        self.editor.setReadOnly(view is None)
        self.editor.load(view.text if view else "", self._codings(), keep_place=same)  # another one from the top
        if view is None:
            self._show_empty()
        else:
            self._show_header(view)
        self.documentShown.emit(self.editor.document_id)

    def reload(self) -> None:
        """Read the document again: its text (if it changed, keeping the cursor), its codings and its header."""
        document_id = self.editor.document_id
        if self.project is None or document_id is None:
            return
        try:
            view = self.project.documents.get(document_id)
        except NotFound:
            self.show_document(None)  # deleted (or its creation undone)
            return
        if view.text != self.editor.text():
            self.editor.load(view.text, self._codings())
        else:
            self.editor.set_codings(self._codings())
        self._show_header(view)

    def _show_empty(self) -> None:
        self.editor.setReadOnly(True)
        self.header.setText(self.tr("Choose field notes on the left, or make new ones from the File menu."))

    def _show_header(self, view: DocumentView) -> None:
        details = [view.participant] if view.participant else []
        details.append(self.tr("%n passage(s)", "", view.passages))
        self.header.setText(
            self.tr("<b>{title}</b> — {details}").format(title=html.escape(view.title), details=" · ".join(details))
        )
        self.header.setToolTip(view.source_path or "")

    def _codings(self) -> list[PassageView]:
        """The codings of the document shown (the core's passages have no document filter)."""
        if self.project is None or self.editor.document_id is None:
            return []
        return self.project.coding.passages(document=self.editor.document_id)

    def _changed(self, touched: Touched) -> None:
        document_id = self.editor.document_id
        if self.project is None or document_id is None:
            return
        if touched.codebook or document_id in touched.documents:
            if self.editor.dirty:  # typed meanwhile: store that first (not in the middle of an undo), then read
                QTimer.singleShot(0, lambda: (self.commit(), self.reload()))
            else:
                self.reload()

    def show_passage(self, view: PassageView) -> bool:
        """Show the document of a coded passage with its text selected and in view."""
        if view.document_id is None:
            return False
        if view.document_id != self.editor.document_id:
            self.show_document(view.document_id)
        if self.editor.document_id != view.document_id:
            return False
        start, end = self.editor.ranges().get(view.id, (view.start_offset, view.end_offset))
        self.editor.select_range(start, end)
        return True

    # -- storing what was typed -------------------------------------------------------------------------------
    def _keep_typing(self) -> None:
        """Keep what is typed at once (a crash loses at most the last key); the edit comes after a pause."""
        document_id = self.editor.document_id
        if self.project is None or document_id is None or not self.editor.dirty:
            return
        try:
            self.project.typing.keep(self.editor.text(), document_id=document_id)
        except (SQLAlchemyError, OSError) as exc:
            self._not_stored(exc)

    def _not_stored(self, exc: BaseException) -> None:
        """The database or the disk refused the write: say so where it stays in view, and keep the text."""
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        self.warning.setText(
            self.tr(
                "Not saved: {reason}. Your typing is kept here and will be stored as soon as the project can be "
                "written."
            ).format(reason=reason)
        )
        self.warning.show()
        self.editor.store_again()

    def commit(self) -> DocumentChange | None:
        """Store the text typed since the last time, as one undo step; returns the change, if there was one."""
        document_id = self.editor.document_id
        if self.project is None or self.controller is None or document_id is None or not self.editor.dirty:
            return None
        text = self.editor.text()
        self.editor.stored()
        documents = self.project.documents
        try:
            change = documents.set_text(document_id, text)
        except UserError as exc:
            self.message.emit(str(exc))
            self.reload()
            return None
        except (SQLAlchemyError, OSError) as exc:
            self._not_stored(exc)
            return None
        self.warning.hide()
        if not change.changed:
            return None
        themes = {c["theme_id"] for c in (*change.before.codings, *change.after.codings)}
        touched = Touched(documents=frozenset({document_id}), themes=frozenset(themes))

        def undo() -> Touched:
            documents.undo(change)
            return touched

        def redo() -> Touched:
            documents.redo(change)
            return touched

        self.controller.push(self.tr("Edit field notes"), undo, redo, touched)
        return change

    # -- coding -----------------------------------------------------------------------------------------------
    def selected_span(self) -> Span | None:
        """The selection as a span of the document shown (offsets into its text as stored), or None."""
        return self.editor.selected_span()

    def _span(self) -> Span | None:
        """The selection (what was typed is stored first), or None with a message saying why not."""
        if self.project is None or self.controller is None or self.editor.document_id is None:
            return None
        self.commit()
        span = self.selected_span()
        if span is None or not span.text.strip():
            self.message.emit(self.tr("Select the words to code first."))
            return None
        return span

    def code_selection(self, theme_ids: list[int]) -> list[PassageView]:
        """Code the selection with these themes (one undo step); returns the codings made."""
        span = self._span()
        if span is None or not theme_ids or self.controller is None:
            return []
        return self.controller.code(span, list(theme_ids))

    def assign_theme(self) -> AssignPopup | None:
        """Open the popup that codes the selection with the themes chosen in it (the window binds Ctrl+K)."""
        span = self._span()
        if span is None:
            return None
        popup = self._open_popup(self.tr("Code “{text}” with").format(text=_short(span.text)), several=True)
        popup.chosen.connect(lambda ids: self.controller.code(span, ids) if self.controller is not None else None)
        return popup

    def code_with_pinned(self, number: int) -> list[PassageView]:
        """Code the selection with the ``number``-th (1-9) pinned theme (the window binds Ctrl+1 .. Ctrl+9)."""
        if self.project is None or self.editor.document_id is None:
            return []
        if not self.editor.textCursor().hasSelection():
            self.message.emit(self.tr("Select the words to code first."))
            return []
        pinned = self.project.themes.pinned()
        if not 1 <= number <= len(pinned) or pinned[number - 1] is None:
            self.message.emit(
                self.tr("No theme is pinned to {number}; pin themes in the themes panel.").format(number=number)
            )
            return []
        return self.code_selection([pinned[number - 1]])  # type: ignore[list-item]

    def remove_coding(self, coding_id: int) -> None:
        if self.controller is not None:
            self.controller.remove([coding_id])

    def edit_memo(self, coding_id: int) -> QInputDialog | None:
        """A dialog for a passage's memo (not modal: the memo is stored when it is accepted)."""
        view = self.editor.views.get(coding_id)
        if view is None or self.controller is None:
            return None
        controller = self.controller
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Memo"))
        dialog.setLabelText(
            self.tr("Memo for the passage “{text}” ({theme}):").format(text=_short(view.text), theme=view.theme)
        )
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
        dialog.setTextValue(view.memo)
        dialog.textValueSelected.connect(lambda text: controller.set_memo(coding_id, text))
        dialog.finished.connect(dialog.deleteLater)
        self.memo_dialog = dialog
        dialog.open()
        return dialog

    def change_theme(self, coding_id: int) -> AssignPopup | None:
        view = self.editor.views.get(coding_id)
        if view is None or self.controller is None:
            return None
        controller = self.controller
        popup = self._open_popup(self.tr("Another theme for “{text}”").format(text=_short(view.text)), several=False)
        popup.chosen.connect(lambda ids: controller.retheme(coding_id, ids[0]))
        return popup

    def _open_popup(self, title: str, *, several: bool) -> AssignPopup:
        assert self.project is not None
        if self.popup is not None:
            self.popup.close()
        popup = AssignPopup(self.project.themes.tree(), self.editor, several=several, title=title)
        popup.destroyed.connect(lambda: setattr(self, "popup", None) if self.popup is popup else None)
        self.popup = popup
        rect = self.editor.cursorRect()
        popup.show_at(self.editor.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom() + 4)))
        return popup

    def _extend_menu(self, menu: QMenu, point: QPoint) -> None:
        """Coding actions above the editor's own: for the selection, then for the passages under ``point``."""
        if self.project is None or self.editor.document_id is None:
            return
        first = menu.actions()[0] if menu.actions() else None
        actions: list[QAction] = []

        def add(text: str, slot: Callable[[], object], enabled: bool = True, target: QMenu = menu) -> None:
            action = QAction(text, target)
            action.triggered.connect(lambda _checked=False: slot())
            action.setEnabled(enabled)
            if target is menu:
                actions.append(action)
            else:
                target.addAction(action)

        selected = self.editor.textCursor().hasSelection()
        add(self.tr("Code with…"), self.assign_theme, selected)
        pinned = self.project.themes.pinned()
        if any(pinned):
            names = {choice.id: choice.name for choice in choices(self.project.themes.tree())}
            submenu = QMenu(self.tr("Code with a pinned theme"), menu)
            submenu.setEnabled(selected)
            for n, theme_id in enumerate(pinned[:9], start=1):
                if theme_id is None:
                    continue
                add(f"{names.get(theme_id, '?')}\tCtrl+{n}", lambda n=n: self.code_with_pinned(n), True, submenu)
            actions.append(submenu.menuAction())
        views = self.editor.codings_at(point)
        for view in views:
            name, target = _short(view.theme, 40), menu
            if len(views) > 1:
                target = QMenu(self.tr("Passage “{theme}”").format(theme=name), menu)
                actions.append(target.menuAction())
            remove = self.tr("Remove passage “{theme}”").format(theme=name)
            add(remove, lambda i=view.id: self.remove_coding(i), True, target)
            add(self.tr("Memo…"), lambda i=view.id: self.edit_memo(i), True, target)
            add(self.tr("Change theme…"), lambda i=view.id: self.change_theme(i), True, target)
        separator = QAction(menu)
        separator.setSeparator(True)
        actions.append(separator)
        menu.insertActions(first, actions)

    # -- documents --------------------------------------------------------------------------------------------
    def new_document(self, parent: QWidget | None = None) -> list[int]:
        """Ask a title, make an empty document (one undo step) and show it; returns its id (none if cancelled)."""
        if self.project is None or self.controller is None:
            return []
        self.commit()
        default = self.tr("Field notes {date}").format(date=dt.date.today().isoformat())
        title, ok = QInputDialog.getText(
            parent or self, self.tr("New field notes"), self.tr("Title:"), QLineEdit.EchoMode.Normal, default
        )
        if not ok:
            return []
        try:
            view = self.project.documents.create(title)
        except UserError as exc:
            QMessageBox.warning(parent or self, self.tr("New field notes"), str(exc))
            return []
        self._push_documents(self.tr("New field notes “{title}”").format(title=_short(view.title)), [view.id])
        self.show_document(view.id)
        self.editor.setFocus()
        return [view.id]

    def import_documents(self, parent: QWidget | None = None) -> list[int]:
        """Ask for .txt, .md or .docx files and import them all (one undo step), or none if one cannot be read;
        shows the first. Returns the new ids."""
        if self.project is None or self.controller is None:
            return []
        self.commit()
        paths, _filter = QFileDialog.getOpenFileNames(
            parent or self,
            self.tr("Import field notes"),
            self.folder,
            self.tr("Field notes (*.txt *.docx *.md);;All files (*)"),
        )
        if not paths:
            return []
        self.folder = str(Path(paths[0]).parent)
        try:
            views = self.project.documents.import_files(paths)
        except UserError as exc:
            QMessageBox.warning(
                parent or self,
                self.tr("Import field notes"),
                self.tr("Nothing was imported:\n{reason}").format(reason=str(exc)),
            )
            return []
        ids = [v.id for v in views]
        self._push_documents(self.tr("Import %n document(s) of field notes", "", len(ids)), ids)
        self.show_document(views[0].id)
        self.message.emit(self.tr("Imported %n document(s) of field notes.", "", len(ids)))
        return ids

    def _push_documents(self, text: str, ids: list[int], deleted: Sequence[DocumentSnapshot] = ()) -> None:
        """Documents just added (undo deletes them, redo puts them back) or just ``deleted`` (their snapshots: undo
        puts them back, redo deletes them again), as one undo step."""
        assert self.project is not None and self.controller is not None
        documents, held = self.project.documents, list(deleted)
        themes = frozenset(c["theme_id"] for snapshot in held for c in snapshot.codings)
        touched = Touched(documents=frozenset(ids), themes=themes)

        def take() -> Touched:
            held[:] = [documents.delete(i) for i in ids]
            return touched

        def put() -> Touched:
            for snapshot in held:
                documents.restore(snapshot)
            return touched

        self.controller.push(text, put if deleted else take, take if deleted else put, touched)

    def delete_document(self, document_id: int, parent: QWidget | None = None) -> bool:
        """Delete a document with its passages, once the user agrees (one undo step); returns whether it went."""
        if self.project is None or self.controller is None:
            return False
        self.commit()
        documents = self.project.documents
        try:
            view = documents.get(document_id)
        except NotFound as exc:
            self.message.emit(str(exc))
            return False
        question = self.tr("Delete the field notes “{title}”?").format(title=view.title)
        if view.passages:
            question += " " + self.tr("Its %n coded passage(s) will be deleted with it.", "", view.passages)
        question += " " + self.tr("Undo (Ctrl+Z) brings it back.")
        answer = QMessageBox.question(
            parent or self,
            self.tr("Delete field notes"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        snapshot = documents.delete(document_id)
        title = self.tr("Delete field notes “{title}”").format(title=_short(view.title))
        self._push_documents(title, [document_id], [snapshot])
        return True
