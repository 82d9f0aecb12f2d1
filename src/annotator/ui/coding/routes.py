"""How the window's coding panels talk to each other: the routes between them, kept out of the main window.

The transcript and the field notes code what is selected; the themes panel, the passage browser and the search
dialog ask for passages to be shown, opened in context or played. :class:`CodingRoutes` connects the window's
coding actions (Ctrl+K, the pinned themes Ctrl+1..9, passages, search, field notes) to whichever text is shown,
and sends "open this passage" and "play this passage" to the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from annotator.core.project import Project
from annotator.core.services.coding import PassageView
from annotator.core.services.search import Hit
from annotator.errors import NotFound
from annotator.ui.coding.controller import Touched
from annotator.ui.dialogs.export import export_from
from annotator.ui.dialogs.import_files import import_into
from annotator.ui.dialogs.pseudonyms import edit_pseudonyms
from annotator.ui.notes.panel import NotesPanel
from annotator.ui.search.dialog import SearchDialog
from annotator.ui.transcript.panel import TranscriptPanel

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

PINNED = 9


class CodingRoutes(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.search: SearchDialog | None = None
        self._text_changed = QTimer(self)
        self._text_changed.setSingleShot(True)
        self._text_changed.setInterval(0)
        self._text_changed.timeout.connect(self._refresh_search)
        w, a = window, window.actions
        a.connect("code.assign", lambda: self.text_panel().assign_theme())
        for number in range(1, PINNED + 1):
            a.connect(f"code.pinned{number}", lambda n=number: self.text_panel().code_with_pinned(n))
        a.connect("code.passages", self.toggle_passages)
        a.connect("code.search", self.open_search)
        a.connect("file.new_notes", self._new_notes)
        a.connect("file.import_notes", self._import_notes)
        a.connect("file.export", self.export)
        a.connect("file.import", self.import_files)
        a.connect("file.pseudonyms", self.pseudonyms)
        w.coding.message.connect(self._say)
        w.coding.changed.connect(self._coding_changed)
        w.notes.message.connect(self._say)
        w.themes.themeActivated.connect(self._theme_activated)
        w.themes.showPassagesRequested.connect(self.show_passages_of)
        w.themes.pinsChanged.connect(self.label_pins)
        w.passages.playRequested.connect(lambda view: self.play([view]))
        w.passages.playAllRequested.connect(self.play)
        w.passages.openRequested.connect(self.open_passage)
        w.transcript.changed.connect(lambda _rid: self._text_changed.start())
        w.playback.started.connect(self._playing)
        self.label_pins()

    # -- the project --------------------------------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        w = self.window
        w.coding.set_project(project)
        w.themes.set_project(project, w.coding)
        w.documents.set_project(project, w.coding)
        w.notes.set_project(project, w.coding)
        w.passages.set_project(project, w.coding)
        if self.search is not None:
            self.search.set_project(project, w.coding)
        self.label_pins()

    def text_panel(self) -> TranscriptPanel | NotesPanel:
        """The text being read: the transcript, or the field notes."""
        return self.window.notes if self.window.pages.currentWidget() is self.window.notes else self.window.transcript

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    def _coding_changed(self, touched: Touched) -> None:
        if touched.codebook:
            self.label_pins()

    def _refresh_search(self) -> None:
        """Typing changes what a search found (and where): an open search dialog searches again."""
        if self.search is not None and self.search.isVisible():
            self.search.refresh()

    # -- pinned themes ------------------------------------------------------------------------------------------
    def label_pins(self) -> None:
        """The pinned-theme actions carry their theme's name (or say that nothing is pinned at that number)."""
        project = self.window.project
        names: dict[int, str] = {}
        if project is not None:
            tree = {node.id: node.name for root in project.themes.tree() for _depth, node in root.walk()}
            names = {n: tree[tid] for n, tid in enumerate(project.themes.pinned(), start=1) if tid in tree}
        for number in range(1, PINNED + 1):
            action = self.window.actions[f"code.pinned{number}"]
            if number in names:
                action.setText(self.tr("&{n} {theme}").format(n=number, theme=names[number]))
            action.setEnabled(number in names)
            action.setVisible(number in names)  # the menu lists the pinned themes only
        self.window.pinned_menu.setEnabled(bool(names))

    # -- themes -------------------------------------------------------------------------------------------------
    def _theme_activated(self, theme_id: int) -> None:
        """A double-click on a theme codes the words selected with it; with nothing selected, shows its passages."""
        panel = self.text_panel()
        if panel.selected_span() is not None:
            panel.code_selection([theme_id])
        else:
            self.show_passages_of(theme_id)

    def show_passages_of(self, theme_id: int) -> None:
        self.window.passages_dock.show()
        self.window.passages_dock.raise_()
        self.window.passages.show_theme(theme_id)

    def toggle_passages(self) -> None:
        dock = self.window.passages_dock
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            dock.hide()
            return
        dock.show()
        dock.raise_()
        theme = self.window.themes.current_theme()
        if theme is not None:
            self.window.passages.show_theme(theme)
        else:
            self.window.passages.refresh()

    # -- opening and playing ------------------------------------------------------------------------------------
    def open_passage(self, view: PassageView) -> bool:
        """Show a passage in its transcript or its field notes, selected (where it is now: the text may have been
        edited since the list was read)."""
        w = self.window
        if w.project is None:
            return False
        try:
            view = w.project.coding.get(view.id)
        except NotFound:
            self._say(self.tr("That passage is gone (its words were deleted, or it was removed)."))
            return False
        if view.recording_id is not None:
            if not w.open_recording(view.recording_id):
                return False
            shown = w.transcript.show_passage(view)
            if shown and view.start_ms is not None:
                w.player.seek(view.start_ms)
            return shown
        if view.document_id is not None:
            w.select_document(view.document_id)
            return w.notes.show_passage(view)
        return False

    def play(self, views: list[PassageView]) -> None:
        if self.window.playback.play(views) == 0:
            self._say(self.tr("These passages have no audio (they are in field notes)."))

    def _playing(self, view: PassageView) -> None:
        self.window.transcript.show_passage(view)
        where = view.participant or view.speaker or ""
        self._say(self.tr("Playing: “{quote}” {where}").format(quote=_short(view.text), where=where).strip())

    # -- search -------------------------------------------------------------------------------------------------
    def open_search(self) -> None:
        w = self.window
        if w.project is None:
            self._say(self.tr("Open or create a project first."))
            return
        if self.search is None:
            self.search = SearchDialog(w)
            self.search.set_project(w.project, w.coding)
            self.search.openRequested.connect(self.open_hit)
            self.search.playRequested.connect(self.play_hit)
            self.search.message.connect(self._say)
        panel = self.text_panel()
        span = panel.selected_span()
        words = span.text if span is not None and "\n" not in span.text and len(span.text) < 80 else ""
        self.search.open_with(words)

    def open_hit(self, hit: Hit) -> bool:
        w = self.window
        if hit.recording_id is not None and hit.segment_id is not None:
            if not w.open_recording(hit.recording_id):
                return False
            if hit.start_ms is not None:
                w.player.seek(hit.start_ms)
            return w.transcript.show_span(hit.segment_id, hit.start, hit.segment_id, hit.end)
        if hit.document_id is not None:
            w.select_document(hit.document_id)
            w.notes.editor.select_range(hit.start, hit.end)
            return True
        return False

    def play_hit(self, hit: Hit) -> None:
        if hit.recording_id is None or hit.start_ms is None or hit.end_ms is None:
            return
        if self.open_hit(hit) and self.window.player.path is not None:
            self.window.player.play_range(max(0, hit.start_ms - 150), max(hit.end_ms, hit.start_ms + 1))

    # -- field notes --------------------------------------------------------------------------------------------
    def _new_notes(self) -> None:
        if self.window.project is None:
            self._say(self.tr("Open or create a project first."))
            return
        made = self.window.notes.new_document(self.window)
        if made:
            self.window.select_document(made[0])

    def _import_notes(self) -> None:
        if self.window.project is None:
            self._say(self.tr("Open or create a project first."))
            return
        made = self.window.notes.import_documents(self.window)
        if made:
            self.window.select_document(made[0])

    # -- exchange -----------------------------------------------------------------------------------------------
    def export(self) -> None:
        """File > Export: the recording shown and the theme chosen are ticked to start with."""
        w = self.window
        if w.project is None:
            self._say(self.tr("Open or create a project first."))
            return
        w.transcript.editor.commit()
        w.notes.commit()
        theme = w.themes.current_theme()
        export_from(w, w.project, theme_ids=(theme,) if theme is not None else ())

    def import_files(self) -> None:
        w = self.window
        if w.project is None:
            self._say(self.tr("Open or create a project first."))
            return
        w.transcript.editor.commit()
        w.notes.commit()
        if import_into(w, w.project, recording_id=w.recording_id) is not None:
            w.refresh_recordings()  # new recordings, themes, notes and passages: everything reads again
            if w.recording_id is not None:
                w.transcript.reload()
            w.coding.changed.emit(Touched(codebook=True))

    def pseudonyms(self) -> None:
        if self.window.project is None:
            self._say(self.tr("Open or create a project first."))
            return
        edit_pseudonyms(self.window, self.window.project)


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
