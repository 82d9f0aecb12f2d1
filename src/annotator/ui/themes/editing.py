"""The actions of the themes panel: new theme and sub-theme, rename, colour, definition, pin, merge, delete.

Each change of the codebook asks what it needs (a name, a colour, a target, a confirmation) and then goes
through the coding controller as one undo step; pins and starting from the template codebook go to the
project directly.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox

from annotator.core.codebook import Codebook, load_codebook
from annotator.errors import UserError
from annotator.ui.coding.controller import Touched

if TYPE_CHECKING:
    from annotator.core.services.themes import ThemeNode
    from annotator.ui.themes.panel import ThemesPanel

TEMPLATE = "relationships"


@cache
def template_codebook() -> Codebook:
    return load_codebook(TEMPLATE)


class ThemeActions(QObject):
    """The panel's QActions by name (``actions["delete"]``) and what they do."""

    def __init__(self, panel: ThemesPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self._actions: dict[str, QAction] = {}
        self._add("new", self.tr("New theme…"), self.new_theme, self.tr("New theme"))
        self._add("new_child", self.tr("New sub-theme…"), self.new_subtheme, self.tr("New sub-theme"))
        self._add("rename", self.tr("Rename"), self.rename, shortcut=QKeySequence(Qt.Key.Key_F2))
        self._add("colour", self.tr("Colour…"), self.recolour)
        self._add("definition", self.tr("Definition…"), self.edit_definition)
        self._add("pin", self.tr("Pin to a number shortcut"), self.toggle_pin)
        self._add("show_passages", self.tr("Show passages"), self.show_passages)
        self._add("merge", self.tr("Merge into…"), self.merge)
        self._add("delete", self.tr("Delete…"), self.delete, self.tr("Delete"))
        self["delete"].setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self["new"].setToolTip(self.tr("A new theme at the top level of the codebook"))
        self["new_child"].setToolTip(self.tr("A new theme below the selected one"))
        self["delete"].setToolTip(self.tr("Delete the selected theme with its sub-themes and passages"))

    def _add(
        self,
        name: str,
        text: str,
        slot: object,
        icon_text: str | None = None,
        shortcut: QKeySequence | None = None,
    ) -> QAction:
        action = QAction(text, self.panel)
        if icon_text:
            action.setIconText(icon_text)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.panel.addAction(action)
        self._actions[name] = action
        return action

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def update_enabled(self) -> None:
        panel = self.panel
        editable = panel.model.editable
        theme_id = panel.current_theme()
        for name in ("new", "new_child", "rename", "colour", "definition", "merge", "delete"):
            self[name].setEnabled(editable and (name == "new" or theme_id is not None))
        self["merge"].setEnabled(editable and theme_id is not None and len(panel.model.themes()) > 1)
        self["show_passages"].setEnabled(theme_id is not None)
        self["pin"].setEnabled(panel.project is not None and theme_id is not None)
        number = panel.model.pin_number(theme_id) if theme_id is not None else None
        self["pin"].setText(
            self.tr("Unpin from number {number}").format(number=number)
            if number
            else self.tr("Pin to a number shortcut")
        )

    # -- helpers ----------------------------------------------------------------------------------------------
    def _current(self) -> ThemeNode | None:
        theme_id = self.panel.current_theme()
        return self.panel.model.theme(theme_id) if theme_id is not None else None

    def _change(self, text: str, op: str, **kwargs: object) -> object:
        controller = self.panel.controller
        if controller is None or self.panel.project is None:
            return None
        return controller.change_themes(text, op, **kwargs)

    def _say(self, text: str) -> None:
        if self.panel.controller is not None:
            self.panel.controller.message.emit(text)
        else:
            QMessageBox.information(self.panel, self.tr("Themes"), text)

    def _undo_key(self) -> str:
        return QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)

    def _passages(self, count: int) -> str:
        return self.tr("one passage") if count == 1 else self.tr("{count} passages").format(count=count)

    def _subthemes(self, count: int) -> str:
        return self.tr("one sub-theme") if count == 1 else self.tr("{count} sub-themes").format(count=count)

    # -- creating ---------------------------------------------------------------------------------------------
    def new_theme(self, parent: int | None = None) -> int | None:
        """Ask for a name and make a theme (at the end of the top level, or below ``parent``); returns its id."""
        if parent is None:
            title, label = self.tr("New theme"), self.tr("Name of the new theme:")
        else:
            title = self.tr("New sub-theme")
            label = self.tr("Name of the new theme below “{parent}”:").format(parent=self.panel.model.path(parent))
        name, ok = QInputDialog.getText(self.panel, title, label)
        name = " ".join(name.split())
        if not ok or not name:
            return None
        change = self._change(self.tr("New theme “{name}”").format(name=name), "create", name=name, parent=parent)
        if change is None or not getattr(change, "changed", False):
            return None
        theme_id = int(change.result)  # type: ignore[attr-defined]
        self.panel.select_theme(theme_id)
        return theme_id

    def new_subtheme(self) -> int | None:
        node = self._current()
        return self.new_theme(node.id) if node is not None else None

    def start_from_template(self) -> int:
        """Add the template codebook's themes, named in the project's language if the codebook has it."""
        project = self.panel.project
        if project is None:
            return 0
        codebook = template_codebook()
        language = project.info().language
        if language not in codebook.names:
            language = "en"
        try:
            count = project.themes.import_codebook(codebook, language)
        except UserError as exc:
            self._say(str(exc))
            return 0
        if self.panel.controller is not None:
            self.panel.controller.changed.emit(Touched(codebook=True))
        else:
            self.panel.reload()
        return count

    # -- changing ---------------------------------------------------------------------------------------------
    def rename(self) -> None:
        node = self._current()
        if node is not None:
            self.panel.edit_name(node.id)

    def recolour(self) -> None:
        node = self._current()
        if node is None:
            return
        title = self.tr("Colour of “{name}”").format(name=node.name)
        colour = QColorDialog.getColor(QColor(node.color), self.panel, title)
        if not colour.isValid() or colour.name() == node.color.lower():
            return
        self._change(title, "recolour", ref=node.id, color=colour.name())

    def edit_definition(self) -> None:
        node = self._current()
        if node is None:
            return
        text, ok = QInputDialog.getMultiLineText(
            self.panel,
            self.tr("Definition of “{name}”").format(name=node.name),
            self.tr("When is a passage coded “{name}”? (shown when the pointer rests on the theme)").format(
                name=node.name
            ),
            node.definition,
        )
        if ok and text.strip() != node.definition:
            self._change(
                self.tr("Definition of “{name}”").format(name=node.name), "set_definition", ref=node.id, definition=text
            )

    def toggle_pin(self) -> None:
        node, project = self._current(), self.panel.project
        if node is None or project is None:
            return
        try:
            if self.panel.model.pin_number(node.id) is not None:
                project.themes.unpin(node.id)
            else:
                project.themes.pin(node.id)
        except UserError as exc:
            self._say(str(exc))
            return
        self.panel.reload()
        self.update_enabled()

    def show_passages(self) -> None:
        node = self._current()
        if node is not None:
            self.panel.showPassagesRequested.emit(node.id)

    # -- merging and deleting ---------------------------------------------------------------------------------
    def merge(self) -> None:
        node = self._current()
        if node is None:
            return
        model = self.panel.model
        below = model.below(node.id)
        targets = {model.path(n.id): n.id for _depth, n in model.themes() if n.id not in below}
        if not targets:
            return
        path, ok = QInputDialog.getItem(
            self.panel,
            self.tr("Merge into"),
            self.tr("Merge “{name}” into which theme?").format(name=node.name),
            list(targets),
            0,
            False,
        )
        if not ok or path not in targets:
            return
        target = model.theme(targets[path])
        assert target is not None
        source, into = node.name, target.name
        sentences = [self.tr("Merge “{source}” into “{target}”?").format(source=source, target=into)]
        if node.passages:
            sentences.append(
                self.tr("{passages} of “{source}” will be coded “{target}”.").format(
                    passages=self._passages(node.passages).capitalize(), source=source, target=into
                )
            )
        if node.children:
            sentences.append(
                self.tr("{subthemes} will move under “{target}”.").format(
                    subthemes=self._subthemes(len(node.children)).capitalize(), target=into
                )
            )
        if not node.passages and not node.children:
            sentences.append(self.tr("“{source}” has no passages to move.").format(source=source))
        sentences.append(
            self.tr("“{source}” is then removed; Undo ({key}) brings it back.").format(
                source=source, key=self._undo_key()
            )
        )
        answer = QMessageBox.question(self.panel, self.tr("Merge themes"), "\n\n".join(sentences))
        if answer == QMessageBox.StandardButton.Yes:
            text = self.tr("Merge “{source}” into “{target}”").format(source=source, target=into)
            if self._change(text, "merge", source=node.id, target=target.id) is not None:
                self.panel.select_theme(target.id)

    def delete_message(self, node: ThemeNode) -> str:
        """The question before deleting: the theme, how many sub-themes and passages go with it, and Undo."""
        subthemes = len(self.panel.model.below(node.id)) - 1
        passages = node.total_passages
        if subthemes and passages:
            question = self.tr("Delete the theme “{name}”, its {subthemes} and the {passages} coded with them?")
        elif subthemes:
            question = self.tr("Delete the theme “{name}” and its {subthemes}? No passages are coded with them.")
        elif passages:
            question = self.tr("Delete the theme “{name}” and its {passages}?")
        else:
            question = self.tr("Delete the theme “{name}”? It has no sub-themes and no passages.")
        question = question.format(
            name=node.name, subthemes=self._subthemes(subthemes), passages=self._passages(passages)
        )
        if subthemes or passages:
            undo = self.tr("Undo ({key}) brings them all back.")
        else:
            undo = self.tr("Undo ({key}) brings it back.")
        return f"{question}\n\n{undo.format(key=self._undo_key())}"

    def delete(self) -> None:
        node = self._current()
        if node is None:
            return
        answer = QMessageBox.question(
            self.panel,
            self.tr("Delete theme"),
            self.delete_message(node),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._change(self.tr("Delete “{name}”").format(name=node.name), "delete", ref=node.id)
