"""Indonesian is the first translation: every visible string of the window has one, and it is shown."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from annotator.ui.translations import TsTranslator, translation_file

SRC = Path(__file__).resolve().parents[2] / "src" / "annotator" / "ui"


def _sources(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
        if (
            message.find("translation") is None
            or message.find("translation").get("type") not in ("vanished", "obsolete")
        )
    }


def test_every_string_of_the_window_is_in_the_translation_file(tmp_path: Path) -> None:
    """lupdate over the code finds no string that the committed .ts lacks (a new tr() needs its translation)."""
    fresh = tmp_path / "fresh.ts"
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    files = sorted(str(p) for p in SRC.rglob("*.py"))
    subprocess.run([str(lupdate), *files, "-ts", str(fresh)], check=True, capture_output=True)
    missing = _sources(fresh) - _sources(translation_file("id"))
    assert not missing, f"add these to resources/translations/annotator_id.ts: {sorted(missing)}"


def test_every_message_is_translated() -> None:
    translator = TsTranslator(translation_file("id"))
    assert len(translator.messages) == len(_sources(translation_file("id")))
    for (context, source), text in translator.messages.items():
        assert text.strip(), (context, source)
        for placeholder in ("{title}", "{path}", "{share", "{pct", "{time}", "{seconds}", "%n"):
            assert (placeholder in source) == (placeholder in text), (context, source, text)


def test_translator_answers_in_indonesian() -> None:
    translator = TsTranslator(translation_file("id"))
    assert translator.translate("MainWindow", "&File") == "&Berkas"
    assert translator.translate("JobsPanel", "%n segment(s)", None, 12) == "12 segmen"
    assert translator.translate("MainWindow", "a string nobody wrote") is None


def test_the_window_speaks_indonesian(qtbot, tmp_path: Path) -> None:
    from annotator.ui.main_window import MainWindow
    from annotator.ui.settings import Settings

    app = QApplication.instance()
    translator = TsTranslator(translation_file("id"))
    app.installTranslator(translator)
    try:
        window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
        qtbot.addWidget(window)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["&Berkas", "&Sunting", "&Putar", "&Kode", "&Transkripsi"]
        assert window.actions["play.toggle"].text() == "&Putar / jeda"
        assert QCoreApplication.translate("RecordingsModel", "Residents") == "WBS"
        window.close()
    finally:
        app.removeTranslator(translator)
