"""A window typing into a transcript, for the kill -9 sweep (tests/ui/test_durable_typing.py).

``python -m tests.ui.typing_child PROJECT SETTINGS TEXT GAP_MS``: opens PROJECT in a real main window (offscreen),
puts the cursor at the end of the first segment and types TEXT one key at a time; after each key it lets the
window run for GAP_MS and then prints ``typed N``. Then it waits to be killed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.ui.main_window import MainWindow  # noqa: E402
from annotator.ui.settings import Settings  # noqa: E402


def main() -> None:
    project, settings_file, text, gap_ms = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    app = QApplication([])
    window = MainWindow(Settings(QSettings(settings_file, QSettings.Format.IniFormat)))
    window.resize(1200, 800)
    window.show()
    assert window.open_project(Path(project))
    editor = window.transcript.editor
    editor.setFocus()
    cursor = QTextCursor(editor.document())
    cursor.setPosition(
        editor.document().findBlockByNumber(0).position() + editor.document().findBlockByNumber(0).length() - 1
    )
    editor.setTextCursor(cursor)
    QTest.qWait(200)
    print("ready", flush=True)
    for number, key in enumerate(text, start=1):
        QTest.keyClicks(editor, key)
        QTest.qWait(gap_ms)
        print(f"typed {number}", flush=True)
    QTest.qWait(600_000)
    app.quit()


if __name__ == "__main__":
    main()
