"""Search every transcript and page of field notes, read the hits in context, and code them all with a theme.

The dialog is not modal: a researcher keeps it open beside the transcript, opens a hit (double-click or Enter:
``openRequested``), plays one (▶: ``playRequested``), and unticks the hits that are not what she means (Space
ticks and unticks the current one). "Code checked hits with…" asks for a theme, says how many hits it will code,
and codes them as one undo step through the window's coding controller. While it is visible, the search runs
again whenever the controller says codings or texts changed.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.core.services.search import Hit
from annotator.errors import UserError
from annotator.ui.coding.assign_popup import AssignPopup, choices
from annotator.ui.coding.controller import CodingController, Touched, follow
from annotator.ui.search.model import (
    CHECK,
    CONTEXT,
    PLAY,
    SOURCE,
    SPEAKER,
    TIME,
    ContextDelegate,
    HitsModel,
    PlayDelegate,
)

LIMIT = 500  # hits shown at most


class SearchDialog(QDialog):
    openRequested = Signal(object)  # noqa: N815 - Hit: open its recording at its segment, or its document at it
    playRequested = Signal(object)  # noqa: N815 - Hit in a transcript: play it
    message = Signal(str)  # for the status bar: what was coded

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Search transcripts and field notes"))
        self.setModal(False)
        self.project: Project | None = None
        self.controller: CodingController | None = None
        self.popup: AssignPopup | None = None
        self.query = QLineEdit(self)
        self.query.setPlaceholderText(self.tr("Words to find, e.g. mendengarkan"))
        self.query.setClearButtonEnabled(True)
        self.search_button = self._button(self.tr("Search"), self.search)
        self.match_case = QCheckBox(self.tr("Match case"), self)
        self.whole_words = QCheckBox(self.tr("Whole words"), self)
        self.include_notes = QCheckBox(self.tr("Include field notes"), self)
        self.include_notes.setChecked(True)
        self.status = QLabel(self)
        self.report = QLabel(self)  # what the last "code checked hits" did
        self.report.setWordWrap(True)
        self.model = HitsModel(self)
        self.table = QTableView(self)
        self._setup_table()
        self.check_all = self._button(self.tr("Check all"), lambda: self.model.set_all_checked(True))
        self.check_none = self._button(self.tr("Check none"), lambda: self.model.set_all_checked(False))
        self.code_button = self._button(self.tr("Code checked hits with…"), self.choose_theme)
        self.close_button = self._button(self.tr("Close"), self.close)
        self._layout()
        self.query.returnPressed.connect(self.search)
        for box in (self.match_case, self.whole_words, self.include_notes):
            box.toggled.connect(lambda _on: self.search() if self.query.text().strip() else None)
        self.model.modelReset.connect(self._update_buttons)
        self.model.dataChanged.connect(self._update_buttons)
        self._update_buttons()
        self.resize(980, 560)

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)  # Enter in the query field searches; it does not press a button
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setItemDelegateForColumn(CONTEXT, ContextDelegate(table))
        table.setItemDelegateForColumn(PLAY, PlayDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.setMouseTracking(True)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CONTEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((CHECK, 28), (PLAY, 28), (SOURCE, 190), (TIME, 64), (SPEAKER, 100)):
            table.setColumnWidth(column, width)
        header.setSectionResizeMode(CHECK, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(PLAY, QHeaderView.ResizeMode.Fixed)
        table.doubleClicked.connect(self._open)
        table.clicked.connect(self._clicked)
        table.installEventFilter(self)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.query, 1)
        top.addWidget(self.search_button)
        options = QHBoxLayout()
        for box in (self.match_case, self.whole_words, self.include_notes):
            options.addWidget(box)
        options.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_all)
        bottom.addWidget(self.check_none)
        bottom.addStretch(1)
        bottom.addWidget(self.code_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.report)
        layout.addLayout(bottom)

    def set_project(self, project: Project | None, controller: CodingController | None) -> None:
        self.project, self.controller = project, follow(self.controller, controller, self._changed)
        self.model.set_hits([])
        self.status.clear()
        self.report.clear()

    # -- searching --------------------------------------------------------------------------------------------
    def search(self, *, keep_checks: bool = False) -> list[Hit]:
        """Search for the words in the query field; the hits shown (at most :data:`LIMIT`)."""
        if self.project is None:
            return []
        try:
            hits = self.project.search.find(
                self.query.text(),
                case_sensitive=self.match_case.isChecked(),
                whole_words=self.whole_words.isChecked(),
                documents=self.include_notes.isChecked(),
                limit=LIMIT + 1,  # one more than shown: to know there are more
            )
        except UserError as exc:
            self.model.set_hits([])
            self.status.setText(str(exc))
            return []
        more = len(hits) > LIMIT
        hits = hits[:LIMIT]
        self.model.set_hits(hits, keep_checks=keep_checks)
        if not keep_checks:
            self.report.clear()
        self.status.setText(self._summary(hits, more))
        if hits and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, CONTEXT))
        return hits

    def _summary(self, hits: list[Hit], more: bool) -> str:
        if not hits:
            return self.tr("Nothing found.")
        recordings = len({h.recording_id for h in hits if h.recording_id is not None})
        documents = len({h.document_id for h in hits if h.document_id is not None})
        found = self.tr("%n hit(s)", "", len(hits))
        in_recordings = self.tr("%n recording(s)", "", recordings)
        in_documents = self.tr("%n document(s) of field notes", "", documents)
        if recordings and documents:
            text = self.tr("{hits} in {recordings} and {documents}").format(
                hits=found, recordings=in_recordings, documents=in_documents
            )
        else:
            text = self.tr("{hits} in {where}").format(hits=found, where=in_recordings if recordings else in_documents)
        if more:
            text += " " + self.tr("(there are more: showing the first {limit})").format(limit=LIMIT)
        return text

    def _changed(self, touched: Touched) -> None:
        if touched.recordings or touched.documents:
            self.refresh()

    def refresh(self) -> None:
        """Search again (ticks kept) if the dialog is shown: texts or codings changed."""
        if self.isVisible() and self.query.text().strip():
            self.search(keep_checks=True)

    def open_with(self, words: str = "") -> None:
        """Show the dialog in front with the cursor in the query field; with ``words``, search for them."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.query.setFocus()
        if words.strip():
            self.query.setText(" ".join(words.split()))
            self.search()
        self.query.selectAll()

    def _update_buttons(self) -> None:
        checked = len(self.model.checked_hits())
        self.code_button.setEnabled(checked > 0)
        self.code_button.setText(self.tr("Code %n checked hit(s) with…", "", checked))
        self.check_all.setEnabled(bool(self.model.hits))
        self.check_none.setEnabled(bool(self.model.hits))

    # -- a hit ------------------------------------------------------------------------------------------------
    def _open(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None and index.column() not in (CHECK, PLAY):
            self.openRequested.emit(hit)

    def _clicked(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is not None and index.column() == PLAY and hit.recording_id is not None:
            self.playRequested.emit(hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """In the table, Enter opens the current hit and Space ticks or unticks it."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            row = self.table.currentIndex().row()
            hit = self.model.hit(row)
            if hit is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.openRequested.emit(hit)
                return True
            if hit is not None and event.key() == Qt.Key.Key_Space:
                self.model.set_checked(row, not self.model.is_checked(row))
                return True
        return super().eventFilter(watched, event)

    # -- coding every checked hit -----------------------------------------------------------------------------
    def choose_theme(self) -> AssignPopup | None:
        """The popup to choose the theme the checked hits are coded with."""
        if self.project is None:
            return None
        count = len(self.model.checked_hits())
        if not count:
            self.report.setText(self.tr("Check the hits to code first."))
            return None
        if self.popup is not None:
            self.popup.close()
        title = self.tr("Code %n checked hit(s) with", "", count)
        popup = AssignPopup(self.project.themes.tree(), self, several=False, title=title)
        popup.destroyed.connect(lambda: setattr(self, "popup", None) if self.popup is popup else None)
        popup.chosen.connect(lambda ids: self.code_checked(ids[0]))
        self.popup = popup
        popup.show_at(self.code_button.mapToGlobal(QPoint(0, self.code_button.height())))
        return popup

    def code_checked(self, theme_id: int) -> list[PassageView]:
        """After the user agrees, code every checked hit with a theme, as one undo step; returns the codings made."""
        if self.project is None or self.controller is None:
            return []
        hits = self.model.checked_hits()
        if not hits:
            return []
        project, controller, n = self.project, self.controller, len(hits)
        name = next((c.name for c in choices(project.themes.tree()) if c.id == theme_id), str(theme_id))
        answer = QMessageBox.question(
            self,
            self.tr("Code search hits"),
            self.tr("Code %n hit(s) with “{theme}”?", "", n).format(theme=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return []
        done: list[bool] = []
        refusals: list[str] = []

        def make() -> list[PassageView]:
            made = project.search.code_hits(hits, theme_id)
            done.append(True)
            return made

        controller.message.connect(refusals.append)
        try:
            made = controller.code_with(make, self.tr("Code %n search hit(s)", "", n))
        finally:
            controller.message.disconnect(refusals.append)
        if not done:
            self.report.setText(refusals[-1] if refusals else self.tr("Nothing was coded."))
            self.search(keep_checks=True)
            return []
        report = self.tr("Coded %n hit(s) with “{theme}”.", "", len(made)).format(theme=name)
        if n > len(made):
            report += " " + self.tr("%n hit(s) were coded with it already.", "", n - len(made))
        self.report.setText(report)
        self.message.emit(report)
        return made
