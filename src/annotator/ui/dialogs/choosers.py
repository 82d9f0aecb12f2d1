"""Choosing what an export takes: all recordings or the ticked ones, all themes or the ticked ones.

Both are group boxes with "All …" and "Only the ticked …" and a checkable view over a small
:class:`~PySide6.QtGui.QStandardItemModel` (a project has tens of recordings and themes, not thousands). Ticking
an item chooses "Only the ticked …"; choosing "All …" clears the ticks. A ticked theme stands for itself and every
theme below it (as ``annotator export --theme`` does), so the themes below it are shown ticked and cannot be
unticked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QListView,
    QRadioButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.services.recordings import RecordingSummary
from annotator.core.services.themes import ThemeNode

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEGMENTS_ROLE = Qt.ItemDataRole.UserRole + 2
CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


class _Chooser(QGroupBox):
    changed = Signal()

    def __init__(self, title: str, all_text: str, only_text: str, parent: QWidget | None) -> None:
        super().__init__(title, parent)
        self.model = QStandardItemModel(self)
        self.all = QRadioButton(all_text, self)
        self.only = QRadioButton(only_text, self)
        self.all.setChecked(True)
        self._updating = False
        self.all.toggled.connect(self._all_toggled)
        self.model.itemChanged.connect(self._item_changed)

    def _layout(self, view: QAbstractItemView) -> None:
        view.setModel(self.model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.all)
        layout.addWidget(self.only)
        layout.addWidget(view, 1)

    def items(self) -> Iterator[QStandardItem]:
        """Every item, parents before their children."""
        stack = [self.model.item(row) for row in reversed(range(self.model.rowCount()))]
        while stack:
            item = stack.pop()
            yield item
            stack.extend(item.child(row) for row in reversed(range(item.rowCount())))

    def ticked(self) -> list[int]:
        return [item.data(ID_ROLE) for item in self.items() if item.checkState() == CHECKED and item.isEnabled()]

    def set_chosen(self, ids: Iterable[int]) -> None:
        wanted = set(ids)
        for item in self.items():
            if item.data(ID_ROLE) in wanted and item.isEnabled():
                item.setCheckState(CHECKED)

    def _all_toggled(self, checked: bool) -> None:
        if checked and not self._updating:
            self._updating = True
            for item in self.items():
                item.setCheckState(UNCHECKED)
                item.setEnabled(item.data(SEGMENTS_ROLE) != 0 or not self._transcripts_only())
            self._updating = False
        self.changed.emit()

    def _transcripts_only(self) -> bool:
        return False

    def _item_changed(self, item: QStandardItem) -> None:
        if self._updating:
            return
        self._updating = True
        self._ticked(item)
        if item.checkState() == CHECKED:
            self.only.setChecked(True)
        self._updating = False
        self.changed.emit()

    def _ticked(self, item: QStandardItem) -> None:
        """An item was ticked or unticked by the user (subclasses follow it up)."""


class RecordingsChooser(_Chooser):
    def __init__(self, summaries: Sequence[RecordingSummary], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Recordings"), self.tr("All recordings"), self.tr("Only the ticked recordings:"), parent
        )
        self._only_transcripts = False
        for summary in summaries:
            text = (
                summary.title
                if summary.segments
                else self.tr("{title} (no transcript yet)").format(title=summary.title)
            )
            item = QStandardItem(text)
            item.setCheckable(True)
            item.setData(summary.id, ID_ROLE)
            item.setData(summary.segments, SEGMENTS_ROLE)
            if summary.participant:
                item.setToolTip(self.tr("Participant {code}").format(code=summary.participant))
            self.model.appendRow(item)
        self.view = QListView(self)
        self._layout(self.view)

    def chosen(self) -> tuple[int, ...]:
        """The ticked recordings' ids; empty for all of them."""
        return () if self.all.isChecked() else tuple(self.ticked())

    def transcripts(self) -> int:
        """How many transcripts an export of transcripts would write."""
        if self.all.isChecked():
            return sum(1 for item in self.items() if item.data(SEGMENTS_ROLE))
        return len(self.ticked())

    def only_with_transcripts(self, only: bool) -> None:
        """For transcripts: recordings without one cannot be ticked."""
        self._only_transcripts = only
        self._updating = True
        for item in self.items():
            usable = not only or bool(item.data(SEGMENTS_ROLE))
            item.setEnabled(usable)
            if not usable:
                item.setCheckState(UNCHECKED)
        self._updating = False

    def _transcripts_only(self) -> bool:
        return self._only_transcripts

    def missing(self) -> str | None:
        if self.only.isChecked() and not self.ticked():
            return self.tr("Tick at least one recording, or choose all recordings.")
        return None


class ThemesChooser(_Chooser):
    def __init__(self, roots: Sequence[ThemeNode], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Themes"),
            self.tr("All themes"),
            self.tr("Only the ticked themes (each with the themes below it):"),
            parent,
        )
        self.model.setHorizontalHeaderLabels([self.tr("Theme"), self.tr("Passages")])
        for root in roots:
            self.model.appendRow(self._row(root))
        self.view = QTreeView(self)
        self._layout(self.view)
        self.view.expandAll()
        self.view.setHeaderHidden(False)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    def _row(self, node: ThemeNode) -> list[QStandardItem]:
        item = QStandardItem(node.name)
        item.setCheckable(True)
        item.setData(node.id, ID_ROLE)
        item.setData(QColor(node.color), Qt.ItemDataRole.DecorationRole)
        item.setToolTip("\n\n".join(text for text in (node.name, node.definition) if text))
        count = QStandardItem(str(node.total_passages))
        count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        count.setSelectable(False)
        for child in node.children:
            item.appendRow(self._row(child))
        return [item, count]

    def chosen(self) -> tuple[int, ...]:
        """The ticked themes' ids (a theme below a ticked one is in it already); empty for all of them."""
        return () if self.all.isChecked() else tuple(self.ticked())

    def missing(self) -> str | None:
        if self.only.isChecked() and not self.ticked():
            return self.tr("Tick at least one theme, or choose all themes.")
        return None

    def _ticked(self, item: QStandardItem) -> None:
        """The themes below a ticked theme are in it: ticked, and not to be unticked on their own."""
        state = item.checkState()
        stack = [item.child(row) for row in range(item.rowCount())]
        while stack:
            child = stack.pop()
            child.setCheckState(state)
            child.setEnabled(state != CHECKED)
            stack.extend(child.child(row) for row in range(child.rowCount()))
