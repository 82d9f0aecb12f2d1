"""The filter bar above the passage browser: which themes, how they combine, and who, where, by whom, what words.

:meth:`FilterBar.filters` reads the bar into a :class:`Filters`, whose :meth:`Filters.kwargs` are the arguments
of ``project.coding.passages``. Two choices the core has no argument for are applied to its answer by
:meth:`Filters.keep`: passages nobody known said (role "unknown"), and one text document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from annotator.core.project import Project
from annotator.core.services.participants import ROLES
from annotator.core.services.passage_query import PassageView
from annotator.ui.passages.model import UNKNOWN, role_label
from annotator.ui.themes.model import PASSAGES_COLUMN, THEME_ID_ROLE, ThemesModel

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Filters:
    themes: tuple[int, ...] = ()  # in the order chosen: "co-coded" takes the first
    mode: str = "any"
    include_descendants: bool = True
    role: str | None = None  # a role, UNKNOWN, or None for everyone
    participant: str | None = None  # a participant's code
    source: str | None = None  # "recording:ID", "document:ID", or "recordings" (every recording, no document)
    coder: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    text: str = ""
    problem: str | None = None  # what the user typed that makes no filter

    def kwargs(self) -> dict[str, Any]:
        """The arguments of ``project.coding.passages``."""
        kind, ref = self._source()
        return {
            "themes": list(self.themes) or None,
            "mode": self.mode,
            "include_descendants": self.include_descendants,
            "recordings": [ref] if kind == "recording" else None,
            "roles": [self.role] if self.role and self.role != UNKNOWN else None,
            "participants": [self.participant] if self.participant else None,
            "coders": [self.coder] if self.coder else None,
            "attributes": self.attributes or None,
            "text": self.text or None,
            "documents": kind != "recordings",
        }

    def keep(self, view: PassageView) -> bool:
        kind, ref = self._source()
        if kind == "document" and view.document_id != ref:
            return False
        return not (self.role == UNKNOWN and view.role is not None)

    def _source(self) -> tuple[str, int | None]:
        kind, _sep, ref = (self.source or "").partition(":")
        return kind, int(ref) if ref else None


def parse_attributes(text: str) -> dict[str, str] | None:
    """``age=12, gender=L`` as a dict; None if a part has no ``=`` or no key."""
    pairs: dict[str, str] = {}
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip():
            return None
        pairs[key.strip()] = value.strip()
    return pairs


def swatch(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class CheckedThemes(QIdentityProxyModel):
    """The codebook tree with a check box on each theme (the whole row toggles it); remembers the order chosen."""

    toggled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.chosen: list[int] = []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            checked = index.data(THEME_ID_ROLE) in self.chosen
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def toggle(self, index: Index) -> None:
        theme_id = index.data(THEME_ID_ROLE)
        if theme_id is None:
            return
        if theme_id in self.chosen:
            self.chosen.remove(theme_id)
        else:
            self.chosen.append(theme_id)
        first = index.siblingAtColumn(0)
        self.dataChanged.emit(first, first, [Qt.ItemDataRole.CheckStateRole])
        self.toggled.emit()

    def set_chosen(self, theme_ids: list[int]) -> None:
        self.chosen = list(theme_ids)
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, 0), [Qt.ItemDataRole.CheckStateRole])
        self.toggled.emit()


class ThemeChooser(QToolButton):
    """A button that opens the codebook as a tree of check boxes; its text names the themes chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.themes = ThemesModel(self)
        self.checked = CheckedThemes(self)
        self.checked.setSourceModel(self.themes)
        self.tree = QTreeView()
        self.tree.setModel(self.checked)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setMinimumSize(480, 340)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(PASSAGES_COLUMN, self.tree.header().ResizeMode.ResizeToContents)
        for column in range(PASSAGES_COLUMN + 1, self.themes.columnCount()):  # the pinned keys mean nothing here
            self.tree.setColumnHidden(column, True)
        self.tree.clicked.connect(self.checked.toggle)
        self.tree.activated.connect(self.checked.toggle)
        menu = QMenu(self)
        menu.addAction(self.tr("Any theme (clear the choice)"), lambda: self.checked.set_chosen([]))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(self.tree)
        menu.addAction(holder)
        self.setMenu(menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(260)
        self.checked.toggled.connect(self._show_choice)
        self._show_choice()

    def load(self, project: Project | None) -> None:
        self.themes.reload(project.themes.tree() if project is not None else [], pinned=[])
        self.tree.expandAll()
        still = [t for t in self.checked.chosen if self.themes.index_of(t).isValid()]
        if still != self.checked.chosen:  # a theme chosen is gone (deleted, merged)
            with QSignalBlocker(self.checked):
                self.checked.set_chosen(still)
        self._show_choice()

    def chosen(self) -> list[int]:
        return list(self.checked.chosen)

    def _names(self) -> list[tuple[str, str]]:
        nodes = [self.themes.node(self.themes.index_of(t)) for t in self.checked.chosen]
        return [(n.name, n.color) for n in nodes if n is not None]

    def _show_choice(self) -> None:
        names = self._names()
        if not names:
            self.setText(self.tr("All themes"))
            self.setIcon(QIcon())
            self.setToolTip(self.tr("Choose the themes whose passages to gather"))
            return
        text = (
            names[0][0]
            if len(names) == 1
            else self.tr("{first} + {more}").format(first=names[0][0], more=len(names) - 1)
        )
        self.setText(self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, 210))
        self.setIcon(swatch(names[0][1]))
        self.setToolTip("<br>".join(f"{i}. {name}" for i, (name, _colour) in enumerate(names, 1)))


class FilterBar(QWidget):
    """Two compact rows of filters; ``changed`` when any of them changes (typing waits for a pause)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.themes = ThemeChooser(self)
        self.mode = QComboBox(self)
        for label, mode in (
            (self.tr("any of them"), "any"),
            (self.tr("all of them"), "all"),
            (self.tr("co-coded"), "co"),
        ):
            self.mode.addItem(label, mode)
        self.mode.setToolTip(
            self.tr(
                "Any: passages coded with any theme chosen.\n"
                "All: passages coded with every theme chosen (choose one theme or more).\n"
                "Co-coded: passages of the first theme chosen that overlap a passage of another "
                "(choose two themes or more)."
            )
        )
        self.descendants = QCheckBox(self.tr("with sub-themes"), self)
        self.descendants.setChecked(True)
        self.descendants.setToolTip(self.tr("A theme stands for itself and every theme below it"))
        self.words = QLineEdit(self)
        self.words.setPlaceholderText(self.tr("Words in the quote…"))
        self.words.setClearButtonEnabled(True)
        self.role = QComboBox(self)
        self.participant = QComboBox(self)
        self.source = QComboBox(self)
        self.coder = QComboBox(self)
        for combo in (self.role, self.participant, self.source, self.coder):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
        self.source.setMinimumContentsLength(14)
        self.attributes = QLineEdit(self)
        self.attributes.setPlaceholderText(self.tr("age=12"))
        self.attributes.setToolTip(self.tr("Participant attributes, key=value, several separated by commas"))
        self.attributes.setClearButtonEnabled(True)
        self.attributes.setMaximumWidth(150)
        self._fill_roles()
        for combo, everything in self._everything():
            self._fill(combo, everything, [])

        self._typing = QTimer(self, singleShot=True, interval=250)
        self._typing.timeout.connect(self.changed)
        self.words.textChanged.connect(self._typing.start)
        self.attributes.textChanged.connect(self._typing.start)
        self.themes.checked.toggled.connect(self._themes_changed)
        self.mode.currentIndexChanged.connect(self.changed)
        self.descendants.toggled.connect(self.changed)
        for combo in (self.role, self.participant, self.source, self.coder):
            combo.currentIndexChanged.connect(self.changed)

        first, second = QHBoxLayout(), QHBoxLayout()
        for row in (first, second):
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
        first.addWidget(self.themes)
        first.addWidget(self.mode)
        first.addWidget(self.descendants)
        first.addWidget(self.words, 1)
        for widget in (self.role, self.participant, self.source, self.coder):
            second.addWidget(widget, 1)
        second.addWidget(self.attributes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addLayout(first)
        layout.addLayout(second)
        self._themes_changed(emit=False)

    # -- choices ------------------------------------------------------------------------------------------
    def load(self, project: Project | None) -> None:
        """Fill the choices from the project (None: no choices), keeping what is chosen where it still exists."""
        with QSignalBlocker(self.themes.checked):
            self.themes.load(project)
        self._themes_changed(emit=False)
        if project is None:
            for combo, everything in self._everything():
                self._fill(combo, everything, [])
            return
        people = [(f"{p.code} ({role_label(p.role)})", p.code) for p in project.participants.list()]
        sources: list[tuple[str, Any]] = [(self.tr("Recordings only"), "recordings")]
        sources += [(r.title, f"recording:{r.id}") for r in project.recordings.summaries()]
        sources += [(d.title, f"document:{d.id}") for d in project.documents.list()]
        coders = [(c.name, c.name) for c in project.coders.list()]
        for (combo, everything), items in zip(self._everything(), (people, sources, coders), strict=True):
            self._fill(combo, everything, items)

    def _everything(self) -> list[tuple[QComboBox, str]]:
        return [
            (self.participant, self.tr("All participants")),
            (self.source, self.tr("All recordings and documents")),
            (self.coder, self.tr("All coders")),
        ]

    def _fill_roles(self) -> None:
        self.role.addItem(self.tr("All roles"), None)
        for role in ROLES:
            self.role.addItem(role_label(role), role)
        self.role.addItem(self.tr("unknown speaker"), UNKNOWN)
        self.role.setToolTip(self.tr("The role of the person who said the passage"))

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, Any]]) -> None:
        """Replace a combo's choices; what was chosen stays chosen, or the combo says so by changing."""
        current = combo.currentData()
        with QSignalBlocker(combo):
            combo.clear()
            combo.addItem(everything, None)
            for label, data in items:
                combo.addItem(label, data)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))
        if current is not None and found < 0:
            combo.currentIndexChanged.emit(0)

    def _themes_changed(self, emit: bool = True) -> None:
        """Offer the modes the choice allows: "all" needs a theme, "co-coded" two."""
        n = len(self.themes.chosen())
        model = self.mode.model()
        for row, needs in enumerate((0, 1, 2)):
            model.item(row).setEnabled(n >= needs)  # type: ignore[attr-defined]
        with QSignalBlocker(self.mode):
            if self.mode.currentIndex() >= 0 and n < (0, 1, 2)[self.mode.currentIndex()]:
                self.mode.setCurrentIndex(0)
        self.mode.setEnabled(n >= 1)
        if emit:
            self.changed.emit()

    # -- reading and setting ------------------------------------------------------------------------------
    def filters(self) -> Filters:
        attributes = parse_attributes(self.attributes.text())
        problem = None
        if attributes is None:
            problem = self.tr("Write attributes as key=value, for example age=12")
            attributes = {}
        return Filters(
            themes=tuple(self.themes.chosen()),
            mode=self.mode.currentData(),
            include_descendants=self.descendants.isChecked(),
            role=self.role.currentData(),
            participant=self.participant.currentData(),
            source=self.source.currentData(),
            coder=self.coder.currentData(),
            attributes=attributes,
            text=self.words.text().strip(),
            problem=problem,
        )

    def show_theme(self, theme_id: int | None, role: str | None = None, *, keep_role: bool = False) -> None:
        """Gather one theme (with its sub-themes; None: every theme) said by people of ``role``."""
        with QSignalBlocker(self.themes.checked), QSignalBlocker(self.descendants), QSignalBlocker(self.role):
            self.themes.checked.set_chosen([theme_id] if theme_id is not None else [])
            self.descendants.setChecked(True)
            if not keep_role:
                self.role.setCurrentIndex(max(self.role.findData(role), 0) if role else 0)
        self.themes._show_choice()
        self._themes_changed()

    def reset(self) -> None:
        """Every passage of every theme, as for a project just opened; the choices stay until ``load``."""
        with QSignalBlocker(self.themes.checked):
            self.themes.checked.set_chosen([])
        for widget in (self.mode, self.descendants, self.role, self.participant, self.source, self.coder):
            with QSignalBlocker(widget):
                if isinstance(widget, QComboBox):
                    widget.setCurrentIndex(0)
                else:
                    widget.setChecked(True)
        for edit in (self.words, self.attributes):
            with QSignalBlocker(edit):
                edit.clear()
        self._typing.stop()
        self.themes._show_choice()
        self._themes_changed(emit=False)

    def flush(self) -> None:
        """Apply what is being typed now, without waiting for the pause."""
        if self._typing.isActive():
            self._typing.stop()
            self.changed.emit()
