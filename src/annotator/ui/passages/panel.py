"""The passage browser: every passage of the themes chosen, filtered, with a play button on each, and the counts.

The panel only reads (``project.coding.passages``, ``counts_by_theme_and_role``) and asks: playing and opening a
passage are signals the window connects to its player and editors; changing a coding (memo, remove) goes through
the shared :class:`~annotator.ui.coding.controller.CodingController`, whose ``changed`` makes the panel read again
(several announcements in one turn of the event loop make one query).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.core.services.passage_query import PassageView
from annotator.errors import UserError
from annotator.ui.coding.controller import CodingController, Touched, follow
from annotator.ui.passages.counts import CountsView
from annotator.ui.passages.filters import FilterBar, Filters
from annotator.ui.passages.model import (
    CODER,
    PARTICIPANT,
    PASSAGE_ROLE,
    PLAY,
    QUOTE,
    SOURCE,
    SPEAKER,
    THEME,
    TIME,
    PassagesModel,
    one_line,
    reference,
)


class PlayDelegate(QStyledItemDelegate):
    """A round ▶ button in the play column of every passage that has audio."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | object) -> None:
        super().paint(painter, option, index)  # background and selection
        view = index.data(PASSAGE_ROLE)  # type: ignore[union-attr]
        if view is None or view.start_ms is None:
            return
        palette = option.palette  # type: ignore[attr-defined]
        rect = option.rect  # type: ignore[attr-defined]
        side = min(rect.width(), rect.height(), 22) - 2
        circle = QRectF(rect.center().x() - side / 2 + 0.5, rect.center().y() - side / 2 + 0.5, side, side)
        hover = bool(option.state & QStyle.StateFlag.State_MouseOver)  # type: ignore[attr-defined]
        fill = palette.color(QPalette.ColorRole.Highlight)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill.darker(115) if hover else fill)
        painter.drawEllipse(circle)
        triangle = QPainterPath()
        c, r = circle.center(), side * 0.26
        triangle.moveTo(c.x() - r * 0.75, c.y() - r)
        triangle.lineTo(c.x() + r * 1.1, c.y())
        triangle.lineTo(c.x() - r * 0.75, c.y() + r)
        triangle.closeSubpath()
        painter.setBrush(palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawPath(triangle)
        painter.restore()


class PassagesView(QTableView):
    """The table: Space or Enter plays the current passage, Ctrl+Enter opens it, a click on ▶ plays that one."""

    playRequested = Signal(object)  # PassageView
    openRequested = Signal(object)  # PassageView

    def keyPressEvent(self, event: QKeyEvent) -> None:
        view = self.currentIndex().data(PASSAGE_ROLE)
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if view is not None and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if ctrl or (view.start_ms is None and key != Qt.Key.Key_Space):
                self.openRequested.emit(view)
            elif view.start_ms is not None:
                self.playRequested.emit(view)
            event.accept()
            return
        super().keyPressEvent(event)


class PassagesPanel(QWidget):
    playRequested = Signal(object)  # PassageView: play this passage
    playAllRequested = Signal(list)  # list[PassageView]: play these one after another
    openRequested = Signal(object)  # PassageView: open its recording or document at the passage, selected
    passagesShown = Signal(int)  # a query is shown: how many passages

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.controller: CodingController | None = None
        self.filters = FilterBar(self)
        self.model = PassagesModel(self)
        self.table = PassagesView(self)
        self.counts = CountsView(self)
        self._setup_table()
        self.play_all = QToolButton(self)
        self.play_all.setText(self.tr("Play all"))
        self.play_all.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_all.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.play_all.setToolTip(self.tr("Play every passage shown, one after another, in this order"))
        self.play_all.clicked.connect(self._play_all)
        self.status = QLabel(self)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self._requery = QTimer(self, singleShot=True, interval=0)
        self._stale = False  # codings changed while hidden
        self._requery.timeout.connect(self._run)
        self._full = False  # the next run reloads the filters' choices (the codebook, people, sources, coders)
        self._counts = False  # the next run reloads the counts (a coding changed)
        self.filters.changed.connect(self._schedule)
        self.counts.cellChosen.connect(self._count_chosen)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.play_all)
        bar.addWidget(self.status, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.counts)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.filters)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        self._show_count(0)

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setItemDelegateForColumn(PLAY, PlayDelegate(table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setMouseTracking(True)  # the ▶ button lights up under the mouse
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        table.setWordWrap(True)  # a quote gets two lines, the second elided
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        rows = table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * table.fontMetrics().lineSpacing() + 8)
        header = table.horizontalHeader()
        header.setSortIndicatorClearable(True)  # a third click brings the order of the codebook back
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(24)
        # Narrow columns that wrap onto the row's two lines ("0:12:04 –" over "0:12:09"), so that the quote has
        # room even in a dock 900 pixels wide with the counts beside it.
        width = table.fontMetrics().horizontalAdvance
        sizes = {PLAY: 30, THEME: width("Komunikasi Terb"), SPEAKER: width("Pewawancara") + 12}
        sizes |= {PARTICIPANT: width("STAF-01 (resid"), SOURCE: width("Wawancara WBS-01")}
        sizes |= {TIME: width("0:00:00 –") + 14, CODER: width("Coder name")}
        for column, size in sizes.items():
            header.resizeSection(column, size)
        for column in (CODER,):  # the header's menu shows it
            table.setColumnHidden(column, True)
        header.setSectionResizeMode(PLAY, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        table.clicked.connect(self._clicked)
        table.doubleClicked.connect(self._double_clicked)
        table.playRequested.connect(self.playRequested)
        table.openRequested.connect(self.openRequested)
        for text, keys, slot in (
            (self.tr("Copy quote with its reference"), QKeySequence.StandardKey.Copy, self._copy),
            (self.tr("Remove coding"), QKeySequence.StandardKey.Delete, self._remove),
        ):
            action = QAction(text, table)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            table.addAction(action)

    # -- the project ------------------------------------------------------------------------------------------
    def set_project(self, project: Project | None, controller: CodingController | None = None) -> None:
        self.project, self.controller = project, follow(self.controller, controller, self._changed)
        self.filters.reset()  # another project's themes and people mean nothing here
        self.refresh()

    def refresh(self) -> None:
        """Read everything again now: the filters' choices, the counts and the passages."""
        self._requery.stop()
        self._full = self._counts = True
        self._run()

    def show_theme(self, theme_id: int) -> None:
        """Gather the passages of this theme (and the themes below it), with the other filters as they are."""
        if self.project is not None and not self.filters.themes.themes.index_of(theme_id).isValid():
            self.filters.load(self.project)  # a theme made since the choices were read
        self.filters.show_theme(theme_id, keep_role=True)
        self._requery.stop()
        self._run()

    def selected(self) -> list[PassageView]:
        """The passages selected, in the order shown (read from the selection's ranges: fast for thousands)."""
        spans = self.table.selectionModel().selection()
        rows = sorted({r for span in spans for r in range(span.top(), span.bottom() + 1)})
        return [v for v in (self.model.passage(row) for row in rows) if v is not None]

    def _changed(self, touched: Touched) -> None:
        self._full = self._full or touched.codebook
        self._counts = True
        self._schedule()

    def _schedule(self) -> None:
        if self.isVisible():
            self._requery.start()
        else:
            self._stale = True  # hidden (the dock closed): read again when shown, not at every coding

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._requery.start()

    def _count_chosen(self, theme_id: int | None, role: str | None) -> None:
        self.filters.show_theme(theme_id, role)

    def _run(self) -> None:
        self._requery.stop()
        self._stale = False
        full, counts = self._full, self._counts
        self._full = self._counts = False
        project = self.project
        if project is None:
            self.filters.load(None)
            self.model.reload([])
            self.counts.counts.reload([], {})
            self._show_count(0)
            return
        if full:
            self.filters.load(project)
        if full or counts:
            self.counts.counts.reload(project.themes.tree(), project.coding.counts_by_theme_and_role())
        self._query(project, self.filters.filters())

    def _query(self, project: Project, filters: Filters) -> None:
        keep = {v.id for v in self.selected()}
        current = self.table.currentIndex().data(PASSAGE_ROLE)
        if filters.problem:
            self._show_problem(filters.problem)
            return
        try:
            views = [v for v in project.coding.passages(**filters.kwargs()) if filters.keep(v)]
        except UserError as exc:
            self._show_problem(str(exc))
            return
        self.model.reload(views)
        selection = self.table.selectionModel()
        if keep:
            again, last, start = QItemSelection(), self.model.columnCount() - 1, -1
            rows = [row for row, view in enumerate(self.model.passages()) if view.id in keep]
            for i, row in enumerate(rows):  # one range for each run of rows
                start = row if start < 0 else start
                if i + 1 == len(rows) or rows[i + 1] != row + 1:
                    again.select(self.model.index(start, 0), self.model.index(row, last))
                    start = -1
            selection.select(again, QItemSelectionModel.SelectionFlag.Select)
        if current is not None and (row := self.model.row_of(current.id)) >= 0:
            selection.setCurrentIndex(self.model.index(row, QUOTE), selection.SelectionFlag.NoUpdate)
        self._show_count(len(views))

    def _show_count(self, n: int) -> None:
        self.status.setStyleSheet("")
        self.status.setText(self.tr("%n passage(s)", "", n))
        self.play_all.setEnabled(any(v.start_ms is not None for v in self.model.passages()))
        self.passagesShown.emit(n)

    def _show_problem(self, message: str) -> None:
        self.model.reload([])
        self.play_all.setEnabled(False)
        self.status.setStyleSheet("color: #b3261e")
        self.status.setText(message)
        self.passagesShown.emit(0)

    # -- acting on passages -----------------------------------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        view = index.data(PASSAGE_ROLE)
        if index.column() == PLAY and view is not None and view.start_ms is not None:
            self.playRequested.emit(view)

    def _double_clicked(self, index: QModelIndex) -> None:
        view = index.data(PASSAGE_ROLE)
        if view is not None and not (index.column() == PLAY and view.start_ms is not None):
            self.openRequested.emit(view)

    def _play_all(self) -> None:
        views = [v for v in self.model.passages() if v.start_ms is not None]
        if views:
            self.playAllRequested.emit(views)

    def _copy(self) -> None:
        views = self.selected()
        if views:
            QGuiApplication.clipboard().setText("\n\n".join(reference(v) for v in views))

    def _remove(self) -> None:
        views = self.selected()
        if views and self.controller is not None:
            self.controller.remove([v.id for v in views])

    def _memo(self, view: PassageView) -> None:
        memo = self.ask_memo(view)
        if memo is not None and self.controller is not None:
            self.controller.set_memo(view.id, memo)

    def ask_memo(self, view: PassageView) -> str | None:
        """The memo the user writes for a passage (None: cancelled)."""
        quote = one_line(view.text)
        quote = quote if len(quote) <= 80 else quote[:79] + "…"
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Memo"), f"«{quote}»", view.memo)
        return text if ok else None

    def _context_menu(self, point: QPoint) -> None:
        menu = self.context_menu(self.table.indexAt(point))
        if menu is not None:
            menu.exec(self.table.viewport().mapToGlobal(point))

    def context_menu(self, index: QModelIndex) -> QMenu | None:
        """The menu for the passage at ``index`` (which becomes part of the selection)."""
        view = index.data(PASSAGE_ROLE)
        if view is None:
            return None
        if view.id not in {v.id for v in self.selected()}:
            self.table.selectRow(index.row())
        n = len(self.selected())
        menu = QMenu(self)
        play = menu.addAction(self.tr("Play"), lambda: self.playRequested.emit(view))
        play.setEnabled(view.start_ms is not None)
        menu.addAction(self.tr("Open in context"), lambda: self.openRequested.emit(view))
        menu.addSeparator()
        menu.addAction(self.tr("Copy %n quote(s) with reference", "", n), self._copy)
        menu.addAction(self.tr("Memo…"), lambda: self._memo(view)).setEnabled(self.controller is not None)
        menu.addSeparator()
        menu.addAction(self.tr("Remove %n coding(s)", "", n), self._remove).setEnabled(self.controller is not None)
        return menu

    def _header_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        for column in (THEME, SPEAKER, PARTICIPANT, SOURCE, TIME, CODER):
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))
        menu.exec(self.table.horizontalHeader().mapToGlobal(point))

    def _show_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
