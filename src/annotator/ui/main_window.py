"""The main window: assembles the panels; the panels do the work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QSplitter

from annotator.core.project import Project
from annotator.errors import UserError
from annotator.ui.overview import RecordingsPanel, ThemesPanel


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.project: Project | None = None
        self.recordings = RecordingsPanel(self)
        self.themes = ThemesPanel(self)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        splitter = QSplitter(self)
        splitter.addWidget(self.recordings)
        splitter.addWidget(self.placeholder)
        splitter.addWidget(self.themes)
        splitter.setSizes([440, 420, 420])
        self.setCentralWidget(splitter)
        self._build_menu()
        self._show_state()

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        for text, shortcut, slot in (
            (self.tr("&New project..."), QKeySequence.StandardKey.New, self._new_project),
            (self.tr("&Open project..."), QKeySequence.StandardKey.Open, self._choose_project),
            (self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close),
        ):
            action = QAction(text, self)
            action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)

    def _show_state(self) -> None:
        if self.project is None:
            self.setWindowTitle(self.tr("Annotator"))
            self.placeholder.setText(self.tr("Open a project (File > Open) or create one (File > New) to begin."))
            return
        info = self.project.info()
        self.setWindowTitle(self.tr("{name} - Annotator").format(name=info.name))
        count = len(self.recordings.summaries)
        self.placeholder.setText(info.name + "\n" + self.tr("%n recording(s)", "", count))

    def open_project(self, path: Path) -> None:
        try:
            project = Project.open(path)
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot open project"), str(exc))
            return
        self._set_project(project)

    def _set_project(self, project: Project) -> None:
        if self.project is not None:
            self.project.close()
        self.project = project
        self.recordings.load(project)
        self.themes.load(project)
        self._show_state()

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
        except UserError as exc:
            QMessageBox.warning(self, self.tr("Cannot create project"), str(exc))
            return
        self._set_project(project)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.project is not None:
            self.project.close()
            self.project = None
        super().closeEvent(event)
