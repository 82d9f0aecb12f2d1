"""Every action of the window, with its default shortcut, in one registry.

The shortcut map is the user's to change (Preferences, or a foot pedal that sends keys): the window
asks the registry for the key of each action, and the registry takes the user's choice over the default.
Plain Space is never a shortcut: it must keep typing in the transcript.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from annotator.ui.settings import SHORTCUTS, Settings


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str  # translated when the action is made
    shortcut: str  # portable text, e.g. "Ctrl+Space"; "" for none
    menu: str


SPECS = (
    ActionSpec("file.new", QT_TRANSLATE_NOOP("Actions", "&New project…"), "Ctrl+N", "file"),
    ActionSpec("file.open", QT_TRANSLATE_NOOP("Actions", "&Open project…"), "Ctrl+O", "file"),
    ActionSpec("file.add_media", QT_TRANSLATE_NOOP("Actions", "&Add recordings…"), "Ctrl+Shift+A", "file"),
    ActionSpec("file.new_notes", QT_TRANSLATE_NOOP("Actions", "New field &notes…"), "", "file"),
    ActionSpec("file.import_notes", QT_TRANSLATE_NOOP("Actions", "&Import field notes (.txt, .docx)…"), "", "file"),
    ActionSpec("file.export", QT_TRANSLATE_NOOP("Actions", "&Export…"), "Ctrl+Shift+X", "file"),
    ActionSpec("file.import", QT_TRANSLATE_NOOP("Actions", "I&mport (REFI-QDA, transcripts)…"), "Ctrl+Shift+I", "file"),
    ActionSpec("file.pseudonyms", QT_TRANSLATE_NOOP("Actions", "Pse&udonyms…"), "", "file"),
    ActionSpec("file.quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "Ctrl+Q", "file"),
    ActionSpec("edit.undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), "Ctrl+Z", "edit"),
    ActionSpec("edit.redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), "Ctrl+Shift+Z", "edit"),
    ActionSpec("edit.find", QT_TRANSLATE_NOOP("Actions", "&Find and replace…"), "Ctrl+F", "edit"),
    ActionSpec("edit.split", QT_TRANSLATE_NOOP("Actions", "&Split segment at cursor"), "Ctrl+Return", "edit"),
    ActionSpec("edit.merge", QT_TRANSLATE_NOOP("Actions", "&Merge with next segment"), "Ctrl+Shift+M", "edit"),
    ActionSpec("edit.verify", QT_TRANSLATE_NOOP("Actions", "Mark segment &verified"), "Ctrl+E", "edit"),
    ActionSpec("edit.next_doubtful", QT_TRANSLATE_NOOP("Actions", "Next &doubtful word"), "Ctrl+D", "edit"),
    ActionSpec(
        "edit.next_unverified", QT_TRANSLATE_NOOP("Actions", "Next &unverified segment"), "Ctrl+Shift+E", "edit"
    ),
    ActionSpec("edit.set_speaker", QT_TRANSLATE_NOOP("Actions", "Set segment &speaker…"), "Ctrl+Shift+S", "edit"),
    ActionSpec("edit.rename_speaker", QT_TRANSLATE_NOOP("Actions", "Re&name a speaker…"), "", "edit"),
    ActionSpec("edit.who_speaks", QT_TRANSLATE_NOOP("Actions", "&Who is each speaker…"), "", "edit"),
    ActionSpec("edit.start_earlier", QT_TRANSLATE_NOOP("Actions", "Segment starts earlier"), "Alt+Left", "edit"),
    ActionSpec("edit.start_later", QT_TRANSLATE_NOOP("Actions", "Segment starts later"), "Alt+Right", "edit"),
    ActionSpec("edit.end_earlier", QT_TRANSLATE_NOOP("Actions", "Segment ends earlier"), "Alt+Shift+Left", "edit"),
    ActionSpec("edit.end_later", QT_TRANSLATE_NOOP("Actions", "Segment ends later"), "Alt+Shift+Right", "edit"),
    ActionSpec("edit.preferences", QT_TRANSLATE_NOOP("Actions", "&Preferences…"), "Ctrl+,", "edit"),
    ActionSpec("play.toggle", QT_TRANSLATE_NOOP("Actions", "&Play / pause"), "Ctrl+Space", "play"),
    ActionSpec("play.back", QT_TRANSLATE_NOOP("Actions", "Skip &back"), "Ctrl+Left", "play"),
    ActionSpec("play.forward", QT_TRANSLATE_NOOP("Actions", "Skip &forward"), "Ctrl+Right", "play"),
    ActionSpec("play.slower", QT_TRANSLATE_NOOP("Actions", "S&lower"), "Ctrl+-", "play"),
    ActionSpec("play.faster", QT_TRANSLATE_NOOP("Actions", "F&aster"), "Ctrl+=", "play"),
    ActionSpec("play.loop", QT_TRANSLATE_NOOP("Actions", "&Loop segment"), "Ctrl+L", "play"),
    ActionSpec("play.follow", QT_TRANSLATE_NOOP("Actions", "F&ollow playback"), "Ctrl+J", "play"),
    ActionSpec("code.assign", QT_TRANSLATE_NOOP("Actions", "&Code selection with…"), "Ctrl+K", "code"),
    *(
        ActionSpec(f"code.pinned{n}", text, f"Ctrl+{n}", "code.pinned")
        for n, text in enumerate(
            (
                QT_TRANSLATE_NOOP("Actions", "Code with pinned theme 1"),
                QT_TRANSLATE_NOOP("Actions", "Code with pinned theme 2"),
                QT_TRANSLATE_NOOP("Actions", "Code with pinned theme 3"),
                QT_TRANSLATE_NOOP("Actions", "Code with pinned theme 4"),
                QT_TRANSLATE_NOOP("Actions", "Code with pinned theme 5"),
                QT_TRANSLATE_NOOP("Actions", "Code with pinned theme 6"),
                QT_TRANSLATE_NOOP("Actions", "Code with pinned theme 7"),
                QT_TRANSLATE_NOOP("Actions", "Code with pinned theme 8"),
                QT_TRANSLATE_NOOP("Actions", "Code with pinned theme 9"),
            ),
            start=1,
        )
    ),
    ActionSpec("code.passages", QT_TRANSLATE_NOOP("Actions", "&Passages…"), "Ctrl+Shift+P", "code"),
    ActionSpec("code.search", QT_TRANSLATE_NOOP("Actions", "&Search transcripts and notes…"), "Ctrl+Shift+F", "code"),
    ActionSpec("transcribe.one", QT_TRANSLATE_NOOP("Actions", "&Transcribe this recording"), "Ctrl+T", "transcribe"),
    ActionSpec("transcribe.all", QT_TRANSLATE_NOOP("Actions", "Transcribe &all recordings"), "", "transcribe"),
    ActionSpec("transcribe.cancel", QT_TRANSLATE_NOOP("Actions", "&Cancel transcriptions"), "", "transcribe"),
)


class Actions(QObject):
    """The QActions of one window, by id."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.by_id: dict[str, QAction] = {}
        overrides = settings.get(SHORTCUTS)
        for spec in SPECS:
            action = QAction(_tr(spec.text), parent)
            key = overrides.get(spec.id, spec.shortcut)
            if key:
                action.setShortcut(QKeySequence(key))
            action.setData(spec.id)
            self.by_id[spec.id] = action

    def __getitem__(self, action_id: str) -> QAction:
        return self.by_id[action_id]

    def connect(self, action_id: str, slot: Callable[[], object]) -> None:
        self.by_id[action_id].triggered.connect(lambda _checked=False: slot())

    def in_menu(self, menu: str) -> list[QAction]:
        return [self.by_id[spec.id] for spec in SPECS if spec.menu == menu]

    def set_shortcut(self, action_id: str, key: str) -> None:
        """Remap one action (empty: no key) and remember it."""
        if key.strip().lower() == "space":
            raise ValueError("plain Space types a space in the transcript; choose another key")
        self.by_id[action_id].setShortcut(QKeySequence(key))
        overrides = dict(self.settings.get(SHORTCUTS))
        overrides[action_id] = key
        self.settings.set(SHORTCUTS, overrides)
