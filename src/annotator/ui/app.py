"""The desktop app's composition root: QApplication, translations, the main window."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from annotator.errors import UserError
from annotator.ui.settings import MemoryStore, Settings
from annotator.ui.translations import translator_for

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


def _install_translations(app: QApplication, language: str | None) -> None:
    """The window's language: asked for, else the system's; English needs no translation."""
    code = language or QLocale.system().name().split("_")[0]
    qt_own = QTranslator(app)
    if qt_own.load(QLocale(code), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
    ours = translator_for(code, app)
    if ours is not None:
        app.installTranslator(ours)


def _settle(app: QApplication, window: QWidget, timeout_s: float = 5.0) -> None:
    """Let loading finish before a screenshot: the media's length, the waveform, the layout."""
    from PySide6.QtCore import QThreadPool

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        app.processEvents()
        player = getattr(window, "player", None)
        media_ready = player is None or player.path is None or player.duration_ms > 0
        if media_ready and QThreadPool.globalInstance().activeThreadCount() == 0:
            break
        time.sleep(0.02)
    app.processEvents()


def open_or_create(window: MainWindow, path: Path, recording: int | None = None) -> bool:
    """Open the project at ``path`` in the window. When there is none, ask whether to create one there: Create
    makes it and opens it; Cancel leaves the window without a project. Whether a project is open."""
    from annotator.core import db
    from annotator.core.project import Project, project_path

    if db.is_database_url(path) or project_path(path).exists():
        return window.open_project(path, recording)
    path = project_path(path)
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("App", "New project"), "", parent=window)
    box.setText(
        QCoreApplication.translate("App", "There is no project at {path}. Create a new project there?").format(
            path=path
        )
    )
    create = box.addButton(QCoreApplication.translate("App", "Create"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(create)
    box.exec()
    if box.clickedButton() is not create:
        return False
    try:
        Project.create(path).close()
    except UserError as exc:
        QMessageBox.warning(window, QCoreApplication.translate("App", "Cannot create project"), str(exc))
        return False
    return window.open_project(path, recording)


def _save_png(image: QPixmap, path: Path) -> None:
    """Write a PNG whole or not at all, private to the user (also over a file that was readable by all)."""
    from annotator.exchange.files import atomic_output

    with atomic_output(Path(path)) as part:
        if not image.save(str(part), "PNG"):
            raise UserError(f"{path}: the screenshot could not be written")


def run(
    project: Path | None,
    *,
    screenshot: Path | None = None,
    language: str | None = None,
    recording: int | None = None,
    passages: str | None = None,
) -> int:
    """Show the main window; with ``screenshot``, render it off screen to a PNG and return. Whatever the window
    writes (settings, screenshots, Qt's own files) is private to the user: the umask is 077 while it runs."""
    umask = os.umask(0o077)
    try:
        return _run(project, screenshot=screenshot, language=language, recording=recording, passages=passages)
    finally:
        os.umask(umask)


def _run(
    project: Path | None,
    *,
    screenshot: Path | None,
    language: str | None,
    recording: int | None,
    passages: str | None,
) -> int:
    if screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setOrganizationName("Annotator")
    _install_translations(app, language)

    from annotator.ui.main_window import MainWindow

    settings = None
    if screenshot is not None:  # a picture must not change the user's recent projects or positions
        settings = Settings(MemoryStore())  # nor leave a folder of settings behind
    window = MainWindow(settings)
    window.claims_project = screenshot is None
    window.resize(1360, 860)
    if project is not None and screenshot is not None:
        window.open_project(project, recording)
    elif project is not None:
        open_or_create(window, project, recording)
        if passages is not None and window.project is not None:
            window.routes.show_passages_of(window.project.themes.get(passages).id)
    if screenshot is not None:
        window.show()
        _settle(app, window)
        image = window.grab()
        window.close()
        try:
            _save_png(image, screenshot)
        except UserError as exc:
            print(f"annotator: error: {exc}", file=sys.stderr)
            return 2
        return 0
    from annotator.ui import error_hook

    hook = error_hook.install(lambda: window)
    window.show()
    QTimer.singleShot(0, window.raise_)
    try:
        return app.exec()
    finally:
        sys.excepthook = hook.previous
