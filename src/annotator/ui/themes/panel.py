"""The themes panel: the codebook tree with colours, passage counts and pinned keys, and its editing.

The tree is a :class:`ThemesModel`; the actions that change the codebook (a toolbar above the tree and a
context menu) live in :class:`ThemeActions`. The panel keeps which themes are collapsed and which is selected
when the model reloads after a change, and shows a way to start when the project has no themes yet.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCommandLinkButton,
    QHeaderView,
    QLabel,
    QMenu,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.project import Project
from annotator.ui.coding.controller import CodingController
from annotator.ui.themes.editing import ThemeActions, template_codebook
from annotator.ui.themes.model import KEY_COLUMN, PASSAGES_COLUMN, PIN_ROLE, THEME_COLUMN, ThemesModel


class KeyBadgeDelegate(QStyledItemDelegate):
    """The number key of a pinned theme as a small rounded badge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        number = index.data(PIN_ROLE)
        text_option = QStyleOptionViewItem(option)
        self.initStyleOption(text_option, index)
        text_option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:  # the row's background and selection, without the text
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        if number is None:
            return
        side = min(option.rect.height() - 4, option.fontMetrics.height() + 2)
        badge = QRect(0, 0, side, side)
        badge.moveCenter(option.rect.center())
        back, front = (
            option.palette.color(QPalette.ColorRole.Highlight),
            option.palette.color(QPalette.ColorRole.HighlightedText),
        )
        if option.state & QStyle.StateFlag.State_Selected:  # on the selection's colour, the other way round
            back, front = front, back
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(back)
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(front)
        font = option.font
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(number))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        side = option.fontMetrics.height() + 10
        return QSize(side, side)


class ThemesPanel(QWidget):
    """The codebook: create, rename, recolour, define, move, merge, delete and pin themes; drop text on a theme
    to code it. Every change is one undo step of the coding controller."""

    themeActivated = Signal(int)  # noqa: N815 - a theme was double-clicked
    showPassagesRequested = Signal(int)  # noqa: N815
    pinsChanged = Signal()  # noqa: N815 - the pinned themes or their numbers changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project: Project | None = None
        self.controller: CodingController | None = None
        self._collapsed: set[int] = set()
        self._selected: int | None = None

        self.model = ThemesModel(self)
        self.view = QTreeView(self)
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setIndentation(14)
        self.view.setExpandsOnDoubleClick(False)  # a double-click activates the theme
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setItemDelegateForColumn(KEY_COLUMN, KeyBadgeDelegate(self.view))
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(THEME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PASSAGES_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(KEY_COLUMN, QHeaderView.ResizeMode.ResizeToContents)

        self.actions = ThemeActions(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setIconSize(QSize(16, 16))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.actions["new"])
        self.toolbar.addAction(self.actions["new_child"])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.actions["delete"])

        self.empty = self._empty_page()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        self.title = QLabel("<b>" + self.tr("Themes") + "</b>", self)
        layout.addWidget(self.title)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.stack, 1)

        self.model.modelAboutToBeReset.connect(self._remember_view)
        self.model.modelReset.connect(self._restore_view)
        self.model.pinsChanged.connect(self.pinsChanged)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._restore_view()

    def _empty_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 16, 8, 8)
        message = QLabel(
            self.tr("This project has no themes yet. Start from the template codebook, or make your own themes."),
            page,
        )
        message.setWordWrap(True)
        layout.addWidget(message)
        codebook = template_codebook()
        self.template_button = QCommandLinkButton(
            self.tr("Start from the template codebook"),
            self.tr("{name}, {count} themes with their definitions").format(
                name=self.tr("Relationships"), count=codebook.count()
            ),
            page,
        )
        self.template_button.clicked.connect(self.actions.start_from_template)
        self.new_theme_button = QCommandLinkButton(
            self.tr("New theme…"), self.tr("Make your own codebook, one theme at a time"), page
        )
        self.new_theme_button.clicked.connect(self.actions["new"].trigger)
        layout.addWidget(self.template_button)
        layout.addWidget(self.new_theme_button)
        layout.addStretch(1)
        return page

    # -- the project ------------------------------------------------------------------------------------------
    def set_project(self, project: Project | None, controller: CodingController | None) -> None:
        """Show a project's codebook; with the window's coding controller the panel can change it."""
        self.project, self.controller = project, controller
        self._collapsed, self._selected = set(), None
        self.model.set_project(project, controller)
        self.actions.update_enabled()

    def load(self, project: Project) -> None:
        """Show a project's codebook (with the controller given before, if any)."""
        self.set_project(project, self.controller)

    def reload(self) -> None:
        self.model.reload()

    # -- what the lead asks of the panel ----------------------------------------------------------------------
    def current_theme(self) -> int | None:
        node = self.model.node(self.view.currentIndex())
        return node.id if node is not None else None

    def select_theme(self, theme_id: int) -> None:
        index = self.model.index_of(theme_id)
        if not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.view.expand(parent)
            parent = parent.parent()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def pinned_theme(self, number: int) -> int | None:
        """The theme pinned to number key ``number`` (1-9), if any."""
        return self.model.pinned_theme(number)

    def edit_name(self, theme_id: int) -> None:
        """Start typing a theme's new name in the tree."""
        self.select_theme(theme_id)
        self.view.edit(self.model.index_of(theme_id))

    # -- keeping the view across reloads ----------------------------------------------------------------------
    def _remember_view(self) -> None:
        self._selected = self.current_theme() or self._selected
        self._collapsed = {
            node.id
            for _depth, node in self.model.themes()
            if node.children and not self.view.isExpanded(self.model.index_of(node.id))
        }

    def _restore_view(self) -> None:
        self.stack.setCurrentWidget(self.view if self.model.rowCount() or self.project is None else self.empty)
        self.view.expandAll()
        for theme_id in self._collapsed:
            index = self.model.index_of(theme_id)
            if index.isValid():
                self.view.collapse(index)
        if self._selected is not None and self.model.index_of(self._selected).isValid():
            self.view.setCurrentIndex(self.model.index_of(self._selected))
        self.actions.update_enabled()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.model.node(current)
        if node is not None:
            self._selected = node.id
        self.actions.update_enabled()

    def _double_clicked(self, index: QModelIndex) -> None:
        node = self.model.node(index)
        if node is not None:
            self.themeActivated.emit(node.id)

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if index.isValid():
            self.view.setCurrentIndex(index.siblingAtColumn(THEME_COLUMN))
        else:
            self.view.setCurrentIndex(QModelIndex())
        self.actions.update_enabled()
        menu = self.context_menu()
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def context_menu(self) -> QMenu:
        """The menu for the current theme (or, with none, for the codebook)."""
        menu = QMenu(self)
        a = self.actions
        groups = (
            ("new", "new_child"),
            ("rename", "colour", "definition"),
            ("pin",),
            ("show_passages",),
            ("merge", "delete"),
        )
        for group in groups:
            shown = [a[name] for name in group if a[name].isEnabled()]
            if shown and menu.actions():
                menu.addSeparator()
            menu.addActions(shown)
        return menu

    def colour_of(self, theme_id: int) -> QColor:
        node = self.model.theme(theme_id)
        return QColor(node.color) if node is not None else QColor()
