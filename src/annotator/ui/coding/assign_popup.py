"""A small popup to pick themes by typing; the transcript and the field notes both code text with it.

Typing filters the codebook by a theme's name, its path and its name in the other language, without regard to
case or accents ("komunikasi" finds "Komunikasi Terbuka", and so does "open communication"). Up and Down move,
Enter codes with the highlighted theme (and every ticked one), Ctrl+Enter ticks the highlighted theme to pick
several, a click on a row picks it, a click on its box ticks it, and Esc closes. For a single choice (another
theme for a passage) there are no boxes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QHideEvent, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.services.themes import ThemeNode

Index = QModelIndex | QPersistentModelIndex
THEME_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PARENT_PATH_ROLE = Qt.ItemDataRole.UserRole + 2


def fold(text: str) -> str:
    """Text compared without regard to case or accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@dataclass(frozen=True)
class Choice:
    id: int
    name: str
    path: str  # "Parent/Child"
    colour: str
    other_names: tuple[str, ...]  # the theme's name in the other languages of the codebook
    definition: str

    @property
    def parent_path(self) -> str:
        return self.path.rpartition("/")[0]


def choices(roots: Sequence[ThemeNode]) -> list[Choice]:
    """Every theme of a tree, depth first, with its path."""
    found: list[Choice] = []

    def visit(node: ThemeNode, prefix: str) -> None:
        path = f"{prefix}/{node.name}" if prefix else node.name
        labels = tuple(str(v.get("name", "")) for v in node.labels.values() if isinstance(v, dict) and v.get("name"))
        found.append(Choice(node.id, node.name, path, node.color, labels, node.definition))
        for child in node.children:
            visit(child, path)

    for root in roots:
        visit(root, "")
    return found


def matching(options: Sequence[Choice], query: str) -> list[Choice]:
    """The choices with every word of ``query`` in their name, path or other-language name; those whose name
    (then other-language name) starts with the query first, then in tree order."""
    words = fold(query).split()
    if not words:
        return list(options)
    phrase = " ".join(words)
    ranked = []
    for place, choice in enumerate(options):
        name, others = fold(choice.name), [fold(label) for label in choice.other_names]
        if not all(w in f"{fold(choice.path)} {' '.join(others)}" for w in words):
            continue
        if name.startswith(phrase):
            rank = 0
        elif any(o.startswith(phrase) for o in others):
            rank = 1
        elif all(w in name for w in words):
            rank = 2
        elif any(all(w in o for w in words) for o in others):
            rank = 3
        else:
            rank = 4  # the words are in the path: a theme below a matching one
        ranked.append((rank, place, choice))
    return [choice for _rank, _place, choice in sorted(ranked, key=lambda r: (r[0], r[1]))]


class ChoiceModel(QAbstractListModel):
    def __init__(self, options: Sequence[Choice], checkable: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.options = list(options)
        self.rows = list(options)
        self.checkable = checkable
        self.checked: list[int] = []  # theme ids, in the order they were ticked

    def set_query(self, query: str) -> None:
        self.beginResetModel()
        self.rows = matching(self.options, query)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        choice = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return choice.name
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(choice.colour)
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable:
            return Qt.CheckState.Checked if choice.id in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [choice.path, *choice.other_names]
            if choice.definition:
                lines.append(choice.definition)
            return "\n".join(lines)
        if role == THEME_ID_ROLE:
            return choice.id
        if role == PARENT_PATH_ROLE:
            return " › ".join(choice.parent_path.split("/")) if choice.parent_path else ""
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if self.checkable else flags

    def toggle(self, row: int) -> None:
        if not self.checkable or not 0 <= row < len(self.rows):
            return
        theme_id = self.rows[row].id
        if theme_id in self.checked:
            self.checked.remove(theme_id)
        else:
            self.checked.append(theme_id)
        index = self.index(row)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])


class ChoiceDelegate(QStyledItemDelegate):
    """A row: the box (when several may be picked), the colour, the name, and the path above it in grey."""

    picked = Signal(int)  # row clicked (not on its box)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        name, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget).adjusted(2, 0, -2, 0)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        metrics = painter.fontMetrics()
        name_width = min(metrics.horizontalAdvance(name), rect.width())
        painter.setPen(opt.palette.highlightedText().color() if selected else opt.palette.text().color())
        elided = metrics.elidedText(name, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        parent = index.data(PARENT_PATH_ROLE)
        room = rect.width() - name_width - 12
        if parent and room > 40:
            painter.setPen(QColor("#dddddd") if selected else QColor("#808080"))
            path_rect = QRect(rect.left() + name_width + 12, rect.top(), room, rect.height())
            text = metrics.elidedText(parent, Qt.TextElideMode.ElideLeft, room)
            painter.drawText(path_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
        painter.restore()

    def editorEvent(self, event: QEvent, model: Any, option: QStyleOptionViewItem, index: Index) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent):
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            style = opt.widget.style() if opt.widget else QStyle()
            box = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, opt.widget)
            if isinstance(model, ChoiceModel) and model.checkable and box.contains(event.position().toPoint()):
                model.toggle(index.row())
            else:
                self.picked.emit(index.row())
            return True
        return event.type() in (QEvent.Type.MouseButtonDblClick,)


class AssignPopup(QFrame):
    """Pick one theme, or several, from ``themes`` (``project.themes.tree()``); ``chosen`` says which."""

    chosen = Signal(list)  # theme ids, the highlighted one first

    def __init__(
        self, themes: Sequence[ThemeNode], parent: QWidget | None = None, *, several: bool = True, title: str = ""
    ) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.several = several
        self.model = ChoiceModel(choices(themes), several, self)
        self.title = QLabel(title or self.tr("Code with"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Type part of a theme's name"))
        self.search.setClearButtonEnabled(True)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delegate = ChoiceDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #666666")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.delegate.picked.connect(self._pick_row)
        self.resize(460, 360)
        self._filter("")

    # -- filtering ----------------------------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        self.model.set_query(text)
        if self.model.rows:
            self.list.setCurrentIndex(self.model.index(0))
        self._show_hint()

    def _show_hint(self) -> None:
        names = {choice.id: choice.name for choice in self.model.options}
        ticked = ", ".join(names[theme_id] for theme_id in self.model.checked if theme_id in names)
        if not self.model.rows:
            text = self.tr("No theme matches “{text}”.").format(text=self.search.text().strip())
        elif ticked:
            text = self.tr("Enter: code with the highlighted theme and the ticked ones · Esc: close")
        elif self.several:
            text = self.tr("Enter: code · Ctrl+Enter: tick to pick several · Esc: close")
        else:
            text = self.tr("Enter: choose · Esc: close")
        if ticked:
            text = self.tr("Ticked: {names}").format(names=ticked) + "\n" + text
        self.hint.setText(text)

    def current(self) -> Choice | None:
        row = self.list.currentIndex().row()
        return self.model.rows[row] if 0 <= row < len(self.model.rows) else None

    def visible_names(self) -> list[str]:
        return [choice.name for choice in self.model.rows]

    # -- choosing -----------------------------------------------------------------------------------------------
    def pick(self, extra: Choice | None = None) -> None:
        """Choose the ticked themes and ``extra`` (the highlighted one), if any, and close."""
        ids = [extra.id] if extra is not None else []
        ids += [theme_id for theme_id in self.model.checked if theme_id not in ids]
        if not ids:
            return
        self.close()
        self.chosen.emit(ids if self.several else ids[:1])

    def _pick_row(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.pick(self.model.rows[row])

    def tick_current(self) -> None:
        row = self.list.currentIndex().row()
        self.model.toggle(row)
        self._show_hint()
        self.search.selectAll()  # the next theme's name replaces this one's

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            rows = len(self.model.rows)
            if rows:
                step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -8, Qt.Key.Key_PageDown: 8}[key]
                row = min(max(self.list.currentIndex().row() + step, 0), rows - 1)
                self.list.setCurrentIndex(self.model.index(row))
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.several:
                self.tick_current()
            else:
                self.pick(self.current())
            return True
        if key == Qt.Key.Key_Escape:
            self.close()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if not self._key(event):
            super().keyPressEvent(event)

    # -- showing ------------------------------------------------------------------------------------------------
    def show_at(self, point: QPoint) -> None:
        """Show at a point on the screen (moved to stay on it), with the cursor in the search field."""
        screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            x = min(max(point.x(), area.left()), area.right() - self.width())
            y = point.y() if point.y() + self.height() <= area.bottom() else point.y() - self.height() - 24
            point = QPoint(x, max(y, area.top()))
        self.move(point)
        self.show()
        self.search.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        """Typing goes on where it was (the transcript, the notes) once a theme is chosen or the popup closed."""
        super().hideEvent(event)
        owner = self.parentWidget()
        if owner is not None and owner.isVisible():
            owner.activateWindow()
            owner.setFocus(Qt.FocusReason.PopupFocusReason)
