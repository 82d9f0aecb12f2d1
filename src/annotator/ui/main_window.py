"""The main window: assembles the panels and routes the actions; the panels do the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core import locks
from annotator.core.project import Project
from annotator.errors import UserError
from annotator.media.peaks import peaks_for
from annotator.ui import project_claim
from annotator.ui.actions import Actions
from annotator.ui.coding.controller import CodingController, Touched
from annotator.ui.coding.routes import CodingRoutes
from annotator.ui.dialogs.find_replace import FindReplaceDialog
from annotator.ui.dialogs.preferences import PreferencesDialog
from annotator.ui.dialogs.speakers import ask_segment_speaker, ask_speaker_rename
from annotator.ui.dialogs.who_speaks import ask_who_speaks
from annotator.ui.jobs.panel import JobsPanel
from annotator.ui.jobs.routes import TranscriptionRoutes
from annotator.ui.notes.model import DOCUMENT_ID_ROLE
from annotator.ui.notes.panel import NotesPanel
from annotator.ui.passages.panel import PassagesPanel
from annotator.ui.passages.playback import PassagePlayback
from annotator.ui.player.bar import PlayerBar
from annotator.ui.player.player import Player
from annotator.ui.settings import CONFIDENCE_THRESHOLD, RECENT_PROJECTS, REWIND_ON_RESUME_MS, SKIP_SECONDS, Settings
from annotator.ui.sidebar.model import RECORDING_ID_ROLE
from annotator.ui.sidebar.pane import SourcesPane
from annotator.ui.themes.panel import ThemesPanel
from annotator.ui.transcript.panel import TranscriptPanel
from annotator.ui.workers import run_in_background

NUDGE_MS = 100
MEDIA_FILTER = "*.wav *.mp3 *.m4a *.aac *.flac *.ogg *.opus *.wma *.mp4 *.mov *.mkv *.webm *.avi"


class MainWindow(QMainWindow):
    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.project: Project | None = None
        self._claim: locks.Held | None = None  # this window's hold on its project (one window per project)
        self.claims_project = True  # False for a window that only takes a picture: it changes nothing, asks nothing
        self.recording_id: int | None = None
        self.undo_stack = QUndoStack(self)
        self.coding = CodingController(self.undo_stack, self)
        self.find_dialog: FindReplaceDialog | None = None
        self.actions = Actions(self.settings, self)
        self.player = Player(self)
        self.player.rewind_on_resume_ms = self.settings.get(REWIND_ON_RESUME_MS)

        self.sources = SourcesPane(self)
        self.recordings, self.sidebar = self.sources.recordings, self.sources.recordings_view
        self.documents, self.notes_list = self.sources.documents, self.sources.notes_view
        self.sidebar.selectionModel().currentChanged.connect(self._recording_chosen)
        self.sidebar.clicked.connect(lambda index: self._recording_chosen(index, index))  # back from field notes
        self.notes_list.selectionModel().currentChanged.connect(self._document_chosen)

        self.transcript = TranscriptPanel(self.undo_stack, self, controller=self.coding)
        self.notes = NotesPanel(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.transcript)
        self.pages.addWidget(self.notes)
        self.themes = ThemesPanel(self)
        self.player_bar = PlayerBar(self.player, self, skip_seconds=self.settings.get(SKIP_SECONDS))
        self.jobs = JobsPanel(self)
        self.passages = PassagesPanel(self)
        self.playback = PassagePlayback(
            self.player, lambda rid: self.open_recording(rid) and self.player.path is not None, self
        )

        splitter = QSplitter(self)
        splitter.addWidget(self.sources)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.themes)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 640, 300])
        centre = QWidget(self)
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.player_bar)
        self.setCentralWidget(centre)
        self.jobs_dock = QDockWidget(self.tr("Transcriptions"), self)
        self.jobs_dock.setObjectName("jobs")
        self.jobs_dock.setWidget(self.jobs)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.jobs_dock)
        self.jobs_dock.hide()
        self.passages_dock = QDockWidget(self.tr("Passages"), self)
        self.passages_dock.setObjectName("passages")
        self.passages_dock.setWidget(self.passages)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.passages_dock)
        self.tabifyDockWidget(self.jobs_dock, self.passages_dock)
        self.passages_dock.hide()
        self.setAcceptDrops(True)

        self.verified_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.verified_label)
        self._connect()
        self._build_menus()
        self.routes = CodingRoutes(self)
        self.transcription = TranscriptionRoutes(self)
        self._share_keys_with_editor()
        self._show_state()

    # -- wiring -----------------------------------------------------------------------------------------------
    def _connect(self) -> None:
        a = self.actions
        a.connect("file.new", self._new_project)
        a.connect("file.open", self._choose_project)
        a.connect("file.add_media", self._choose_media)
        a.connect("file.quit", self.close)
        a.connect("edit.undo", self._undo)
        a.connect("edit.redo", self._redo)
        self.undo_stack.canUndoChanged.connect(a["edit.undo"].setEnabled)
        self.undo_stack.canRedoChanged.connect(a["edit.redo"].setEnabled)
        a.connect("edit.split", self.transcript.editor.request_split)
        a.connect("edit.merge", self._merge_current)
        a.connect("edit.verify", self.transcript.verify_current)
        a.connect("edit.next_doubtful", lambda: self.transcript.next_doubtful(self.settings.get(CONFIDENCE_THRESHOLD)))
        a.connect("edit.next_unverified", self.transcript.next_unverified)
        a.connect("play.toggle", self.player.toggle)
        a.connect("play.back", lambda: self.player.skip(-self.player_bar.skip_seconds))
        a.connect("play.forward", lambda: self.player.skip(self.player_bar.skip_seconds))
        a.connect("play.slower", lambda: self.player.set_rate(max(0.5, round(self.player.rate - 0.1, 2))))
        a.connect("play.faster", lambda: self.player.set_rate(min(2.0, round(self.player.rate + 0.1, 2))))
        a.connect("play.loop", self._loop_current)
        a.connect("play.follow", lambda: self.transcript.editor.set_following(True))
        a.connect("edit.find", self._find_replace)
        a.connect("edit.set_speaker", self._set_speaker)
        a.connect("edit.rename_speaker", self._rename_speaker)
        a.connect("edit.who_speaks", self._who_speaks)
        a.connect("edit.start_earlier", lambda: self.transcript.nudge(start_delta=-NUDGE_MS))
        a.connect("edit.start_later", lambda: self.transcript.nudge(start_delta=NUDGE_MS))
        a.connect("edit.end_earlier", lambda: self.transcript.nudge(end_delta=-NUDGE_MS))
        a.connect("edit.end_later", lambda: self.transcript.nudge(end_delta=NUDGE_MS))
        a.connect("edit.preferences", self._preferences)
        self.transcript.seekRequested.connect(self.player.seek)
        self.transcript.playRequested.connect(self._play_stretch)
        self.transcript.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.transcript.changed.connect(self._transcript_changed)
        self.transcript.editor.highlighter.threshold = self.settings.get(CONFIDENCE_THRESHOLD)
        self.player.positionChanged.connect(self.transcript.editor.show_position)
        self.player.errorOccurred.connect(lambda text: self.statusBar().showMessage(text, 10000))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        titles = {
            "file": self.tr("&File"),
            "edit": self.tr("&Edit"),
            "play": self.tr("&Playback"),
            "code": self.tr("&Code"),
            "transcribe": self.tr("&Transcribe"),
        }
        for key, title in titles.items():
            menu = bar.addMenu(title)
            for action in self.actions.in_menu(key):
                menu.addAction(action)
                self.addAction(action)  # shortcuts work wherever the focus is
            if key == "code":
                self.pinned_menu = menu.addMenu(self.tr("Code with a &pinned theme"))
                for action in self.actions.in_menu("code.pinned"):
                    self.pinned_menu.addAction(action)
                    self.addAction(action)
            if key == "file":
                self.recent_menu = QMenu(self.tr("Open &recent"), self)
                menu.insertMenu(self.actions["file.add_media"], self.recent_menu)
                self._fill_recent()
        self.actions["edit.undo"].setEnabled(False)
        self.actions["edit.redo"].setEnabled(False)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.get(RECENT_PROJECTS):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_project(Path(p)))
        self.recent_menu.setEnabled(bool(self.settings.get(RECENT_PROJECTS)))

    # -- projects ---------------------------------------------------------------------------------------------
    def open_project(self, path: Path, recording_id: int | None = None) -> bool:
        try:
            project = Project.open(path)
            held = project_claim.claim(self, project, Path(path).name) if self.claims_project else None
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot open project"), str(exc))
            return False
        if held is None and self.claims_project:  # open in another window, and the user chose not to open it twice
            project.close()
            return False
        self._set_project(project, recording_id)
        self._claim = held
        return True

    def _set_project(self, project: Project, recording_id: int | None = None) -> None:
        self._leave_recording()
        self.recording_id = None
        self.playback.stop()
        self.transcript.show_recording(project, None)
        self.player.unload()
        self.undo_stack.clear()  # undo belongs to the project at hand
        self._close_project()
        self.project = project
        if project.path is not None:
            self.settings.add_recent(str(project.path))
            self._fill_recent()
        self.refresh_recordings()
        self.routes.set_project(project)
        self.pages.setCurrentWidget(self.transcript)
        self._show_state()
        first = recording_id or next((s.id for s in self.recordings.summaries()), None)
        if first is not None:
            self.select_recording(first)

    def refresh_recordings(self) -> None:
        if self.project is None:
            return
        current = self.recording_id
        self.recordings.reload(self.project.recordings.summaries())
        self.sidebar.expandAll()
        if current is not None:
            index = self.recordings.index_of(current)
            self.sidebar.selectionModel().blockSignals(True)
            self.sidebar.setCurrentIndex(index)
            self.sidebar.selectionModel().blockSignals(False)

    def select_recording(self, recording_id: int) -> None:
        index = self.recordings.index_of(recording_id)
        if index.isValid():
            self.sidebar.setCurrentIndex(index)
            self._recording_chosen(index, index)  # the one already current: show its transcript again

    def select_document(self, document_id: int) -> None:
        index = self.documents.index_of(document_id)
        if index.isValid():
            self.notes_list.setCurrentIndex(index)
        self._show_document(document_id)

    def _document_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        document_id = current.data(DOCUMENT_ID_ROLE) if current.isValid() else None
        if document_id is not None:
            self._show_document(document_id)

    def _show_document(self, document_id: int) -> None:
        self.transcript.editor.commit()
        if self.notes.current_document() != document_id:
            self.notes.show_document(document_id)
        self.pages.setCurrentWidget(self.notes)

    def _recording_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        recording_id = current.data(RECORDING_ID_ROLE) if current.isValid() else None
        if recording_id is None or self.project is None:
            return
        self._show_transcript_page()
        if recording_id == self.recording_id:
            return
        self._leave_recording()
        self.recording_id = recording_id
        self.transcript.show_recording(self.project, recording_id)
        recording = self.project.recordings.get(recording_id)
        state = self.project.recordings.media_state(recording)
        media = state.path
        self.player_bar.set_peaks(None)
        if media is None or not state.ok:  # never play a file that is not the recording's
            self.player.unload()
            if state.status == "changed":
                message = self.tr(
                    "Media file changed since it was added (another file in its place): {path}; "
                    "find the original with: annotator locate"
                ).format(path=media)
            else:
                message = self.tr("Media file not found: {path}").format(path=recording.media_abspath)
            self.statusBar().showMessage(message)
        else:
            self.player.load(media, self.settings.position(recording.guid))
            run_in_background(
                lambda: peaks_for(media, recording.sha256),
                lambda peaks, rid=recording_id: self._peaks_ready(rid, peaks),
                lambda message: self.statusBar().showMessage(message, 5000),
                self,
            )
        self._show_state()

    def _show_transcript_page(self) -> None:
        if self.pages.currentWidget() is not self.transcript:
            self.notes.commit()
            self.notes_list.selectionModel().clearCurrentIndex()
            self.pages.setCurrentWidget(self.transcript)

    def open_recording(self, recording_id: int) -> bool:
        """Show a recording's transcript (and load its media); False if there is no such recording."""
        self.select_recording(recording_id)
        self._show_transcript_page()
        return self.recording_id == recording_id

    def _peaks_ready(self, recording_id: int, peaks: object) -> None:
        if recording_id == self.recording_id:
            self.player_bar.set_peaks(peaks)

    def _leave_recording(self) -> None:
        """Store what was typed and where playback stood."""
        self.transcript.editor.commit()
        self.notes.commit()
        if self.project is not None and self.recording_id is not None and self.player.is_loaded:
            guid = self.project.recordings.get(self.recording_id).guid
            self.settings.set_position(guid, self.player.position_ms)
        self.player.pause()

    def _transcript_changed(self, recording_id: int) -> None:
        segments = [(s.start_ms, s.end_ms) for s in self.transcript.editor.segments]
        self.player_bar.set_segments(segments)
        if self.project is not None:
            share = self.project.editing.verified_share(recording_id)
            self.verified_label.setText(self.tr("{share:.0f}% of this recording verified").format(share=share))

    def _show_state(self) -> None:
        if self.project is None:
            self.setWindowTitle(self.tr("Annotator"))
            return
        name = self.project.info().name
        self.setWindowTitle(self.tr("{name} - Annotator").format(name=name))

    # -- dialogs ----------------------------------------------------------------------------------------------
    def _choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open project"), "", self.tr("Annotator projects (*.annotator)")
        )
        if path:
            self.open_project(Path(path))

    def _new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New project"), "", self.tr("Annotator projects (*.annotator)")
        )
        if not path:
            return
        try:
            project = Project.create(path)
            held = project_claim.claim(self, project, Path(path).name)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot create project"), str(exc))
            return
        self._set_project(project)
        self._claim = held

    def _choose_media(self) -> None:
        if self.project is None:
            self.statusBar().showMessage(self.tr("Open or create a project first."), 5000)
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add recordings"), "", self.tr("Audio and video ({patterns})").format(patterns=MEDIA_FILTER)
        )
        if paths:
            self.add_media([Path(p) for p in paths])

    def add_media(self, paths: list[Path]) -> None:
        assert self.project is not None
        try:
            added = self.project.recordings.add_many(paths)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot add recordings"), str(exc))
            return
        self.refresh_recordings()
        self.statusBar().showMessage(self.tr("Added %n recording(s).", "", len(added)), 5000)
        self.select_recording(added[0].id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if self.project is not None and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.add_media(paths)

    # -- playback and editing helpers -------------------------------------------------------------------------
    def _play_stretch(self, start_ms: int, end_ms: int) -> None:
        self.player.seek(start_ms)
        self.player.play()

    def _loop_current(self) -> None:
        segment = self.transcript.editor.current_segment()
        if self.player.loop_range is not None or segment is None:
            self.player.clear_loop()
        else:
            self.player.loop(segment.start_ms, segment.end_ms)

    def _merge_current(self) -> None:
        segment = self.transcript.editor.current_segment()
        if segment is not None:
            self.transcript.editor.commit()
            self.transcript.editor.mergeRequested.emit(segment.id)

    def _share_keys_with_editor(self) -> None:
        """The editor lets these keys through to the window's actions (its own undo, word moves ...)."""
        keys = {
            action.shortcut().toString() for action in self.actions.by_id.values() if not action.shortcut().isEmpty()
        }
        self.transcript.editor.window_keys = keys
        self.notes.editor.window_keys = keys

    def _undo(self) -> None:
        self.transcript.editor.commit()  # what was just typed is the last change, not the one before it
        self.notes.commit()
        self.undo_stack.undo()

    def _redo(self) -> None:
        self.transcript.editor.commit()
        self.notes.commit()
        self.undo_stack.redo()

    def _find_replace(self) -> None:
        if self.find_dialog is None:
            self.find_dialog = FindReplaceDialog(self)
            self.find_dialog.findNext.connect(self.transcript.find_next)
            self.find_dialog.replaceAll.connect(self.transcript.replace_all)
            self.transcript.message.connect(self.find_dialog.show_result)
        self.find_dialog.show()
        self.find_dialog.raise_()

    def _set_speaker(self) -> None:
        ask_segment_speaker(self, self.transcript)

    def _rename_speaker(self) -> None:
        message = ask_speaker_rename(self, self.transcript)
        if message:
            self.statusBar().showMessage(message, 5000)

    def _who_speaks(self) -> None:
        if self.project is None or self.recording_id is None:
            self.statusBar().showMessage(self.tr("Choose a recording first."), 5000)
            return
        if ask_who_speaks(self, self.project, self.recording_id):
            self.refresh_recordings()
            self.coding.changed.emit(Touched(recordings=frozenset({self.recording_id})))  # passages change hands

    def _preferences(self) -> None:
        if PreferencesDialog(self.settings, self.actions, self).exec():
            self.player_bar.skip_seconds = self.settings.get(SKIP_SECONDS)
            self.player.rewind_on_resume_ms = self.settings.get(REWIND_ON_RESUME_MS)
            self.transcript.editor.highlighter.set_threshold(self.settings.get(CONFIDENCE_THRESHOLD))
            self._share_keys_with_editor()

    # -- closing ----------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._leave_recording()
        self.jobs.stop_all()
        self.player.unload()
        self._close_project()
        super().closeEvent(event)

    def _close_project(self) -> None:
        if self._claim is not None:
            self._claim.release()
            self._claim = None
        if self.project is not None:
            self.project.close()
            self.project = None
