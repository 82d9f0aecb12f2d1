"""Writers at once lose nothing: a transcription stores segments while a person types, codes and verifies in the
window and a script edits, codes, imports a transcript and adds field notes from the command line.

Every write waits for the others (BEGIN IMMEDIATE with a busy timeout) instead of failing; the test counts what
each writer did and finds all of it in the project file at the end.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from annotator.core.project import Project
from annotator.ui.main_window import MainWindow
from annotator.ui.settings import Settings
from tests.transcription.conftest import new_project, speech  # noqa: F401 - the session fixture
from tests.ui.test_transcript import place

TINY = ["--model", "tiny.en"]
TYPED = " (dicek oleh peneliti: anak itu berbicara pelan sekali, dengar lagi di menit kedua)"
SRT = """1
00:00:00,500 --> 00:00:03,000
Saya merasa aman di panti ini.

2
00:00:03,500 --> 00:00:06,000
Pegawai mau mendengarkan cerita saya.

3
00:00:06,500 --> 00:00:09,000
Kami bermain bola setiap minggu.
"""


def _cli(results: list[tuple[list[str], int, str]], *args: str | Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True, timeout=300
    )
    results.append(([str(a) for a in args], done.returncode, done.stderr))


def _script(project: Path, folder: Path, results: list, go: threading.Event) -> None:
    """What a script does meanwhile on the command line, one command after another."""
    srt = folder / "wawancara-2.srt"
    srt.write_text(SRT, encoding="utf-8")
    notes = folder / "catatan.txt"
    notes.write_text("Anak-anak bermain di halaman sore itu.\n", encoding="utf-8")
    go.wait(timeout=300)
    _cli(results, "import", project, srt, "--recording", "2")
    _cli(results, "code", project, "--recording", "2", "--theme", "Rasa aman", "--text", "merasa aman")
    _cli(results, "edit", project, "2", "#2", "--text", "Pegawai mau mendengarkan cerita kami.")
    _cli(results, "notes", project, "--add", notes, "--title", "Catatan sore")
    _cli(results, "code", project, "--recording", "2", "--theme", "Kegiatan bersama", "--text", "bermain bola")
    _cli(results, "edit", project, "2", "#1", "--verify")
    _cli(results, "code", project, "--recording", "2", "--theme", "Komunikasi terbuka", "--text", "mendengarkan")
    for round_ in range(6):  # and corrects the same segment again and again
        _cli(results, "edit", project, "2", "#3", "--text", f"Kami bermain bola setiap minggu ({round_}).")


def _rows(project: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(project) as connection:
        return connection.execute(sql, args).fetchall()


def test_a_transcription_the_window_and_the_command_line_write_at_once(
    qtbot: QtBot,
    tmp_path: Path,
    speech,  # noqa: F811
) -> None:
    project = new_project(tmp_path / "p.annotator", speech["long_english"], speech["english"])
    with Project.open(project) as opened:
        for name in ("Rasa aman", "Komunikasi terbuka", "Kegiatan bersama"):
            opened.themes.create(name)
        window_theme = opened.themes.get("Komunikasi terbuka").id

    window = MainWindow(Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    assert window.open_project(project, recording_id=1)
    failures: list[str] = []
    window.transcript.writeFailed.connect(lambda text: failures.append(text) if text else None)
    elsewhere = QLineEdit(window)  # focus away from the editor lets the window show new segments

    results: list[tuple[list[str], int, str]] = []
    go = threading.Event()
    script = threading.Thread(target=_script, args=(project, tmp_path, results, go))
    script.start()
    try:
        with qtbot.waitSignal(window.jobs.recordingFinished, timeout=600_000) as finished:
            window.transcription.transcribe([(1, "long-english")], TINY)
            qtbot.waitUntil(lambda: len(window.transcript.editor.segments) >= 3, timeout=300_000)
            go.set()  # the script starts now, while segments are still coming
            editor = window.transcript.editor
            editor.setFocus()
            place(window, 0, len(editor.document().findBlockByNumber(0).text()))
            for key in TYPED:  # each key stored as it is typed: a write every few tens of milliseconds
                QTest.keyClicks(editor, key)
                qtbot.wait(30)
            place(window, 1, 0, anchor=(1, len(editor.document().findBlockByNumber(1).text())))
            coded = window.transcript.code_selection([window_theme])
            assert coded, "the window could not code"
            place(window, 2, 0)
            window.transcript.verify_current()
            typed_segment, coded_segment, verified_segment = (editor.segments[i].id for i in range(3))
            elsewhere.setFocus()
        assert finished.args[:2] == [1, "done"], finished.args
    finally:
        go.set()
        script.join(timeout=600)

    # every command of the script went through
    assert [(args[0], code, err) for args, code, err in results if code != 0] == []
    assert len(results) == 13
    # the window never failed to store, and shows what is stored
    assert failures == []
    qtbot.waitUntil(lambda: not window.transcript.editor.has_unstored_typing(), timeout=5_000)
    window.transcript.reload()
    stored = _rows(project, "SELECT id, text FROM segments WHERE recording_id = 1 ORDER BY start_ms, id")
    assert [text for _id, text in stored] == window.transcript.editor.toPlainText().split("\n")

    by_id = dict(stored)
    assert by_id[typed_segment].endswith(TYPED)
    assert _rows(project, "SELECT status FROM segments WHERE id = ?", verified_segment) == [("verified",)]
    assert _rows(
        project, "SELECT count(*) FROM codings WHERE start_segment_id = ? AND theme_id = ?", coded_segment, window_theme
    ) == [(1,)]
    # the transcription heard the whole recording
    assert _rows(project, "SELECT max(end_ms) FROM segments WHERE recording_id = 1")[0][0] > 60_000
    # the script's work on recording 2 and its notes
    second = _rows(project, "SELECT text, status FROM segments WHERE recording_id = 2 ORDER BY start_ms")
    assert [t for t, _s in second] == [
        "Saya merasa aman di panti ini.",
        "Pegawai mau mendengarkan cerita kami.",
        "Kami bermain bola setiap minggu (5).",
    ]
    assert second[0][1] == "verified"
    themes = _rows(
        project,
        "SELECT t.name, c.quote FROM codings c JOIN themes t ON t.id = c.theme_id WHERE c.recording_id = 2 "
        "ORDER BY t.name",
    )
    assert themes == [
        ("Kegiatan bersama", "bermain bola"),
        ("Komunikasi terbuka", "mendengarkan"),
        ("Rasa aman", "merasa aman"),
    ]
    assert _rows(project, "SELECT title FROM documents") == [("Catatan sore",)]
    window.close()
