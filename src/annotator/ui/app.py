"""The desktop app's composition root: QApplication, translations, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from annotator.resources import resources_dir


def _install_translations(app: QApplication, language: str | None) -> None:
    locale = QLocale(language) if language else QLocale.system()
    for folder, name in (
        (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), "qtbase"),
        (str(resources_dir() / "translations"), "annotator"),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)


def run(project: Path | None, *, screenshot: Path | None = None, language: str | None = None) -> int:
    """Show the main window; with ``screenshot``, render it off screen to a PNG and return."""
    if screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setOrganizationName("Annotator")
    _install_translations(app, language)

    from annotator.ui.main_window import MainWindow

    window = MainWindow()
    if project is not None:
        window.open_project(project)
    window.resize(1280, 800)
    if screenshot is not None:
        window.show()
        app.processEvents()
        ok = window.grab().save(str(screenshot))
        window.close()
        if not ok:
            print(f"annotator: error: {screenshot}: the screenshot could not be written", file=sys.stderr)
            return 2
        return 0
    window.show()
    QTimer.singleShot(0, window.raise_)
    return app.exec()
