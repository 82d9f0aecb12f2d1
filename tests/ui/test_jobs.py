"""The jobs panel follows a real transcription in a child process, and Cancel stops it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.ui.jobs.panel import JobsPanel
from tests.conftest import snapshot
from tests.transcription.conftest import new_project, speech  # noqa: F401 - the session fixture

TINY = ["--model", "tiny.en"]


def _segments(project: Path) -> int:
    with sqlite3.connect(project) as connection:
        return connection.execute("SELECT count(*) FROM segments").fetchone()[0]


def test_panel_follows_a_transcription_to_the_end(qtbot, tmp_path: Path, speech) -> None:  # noqa: F811
    project = new_project(tmp_path / "p.annotator", speech["english"])
    panel = JobsPanel()
    qtbot.addWidget(panel)
    seen: list[int] = []
    panel.progressed.connect(lambda rid, segments: seen.append(segments))
    with qtbot.waitSignal(panel.recordingFinished, timeout=120_000) as finished:
        panel.transcribe(project, [(1, "english")], TINY)
        assert panel.running()
    assert finished.args[:2] == [1, "done"]
    qtbot.waitUntil(lambda: not panel.running(), timeout=10_000)
    assert seen and seen == sorted(seen)  # segments appeared one after another, while they were stored
    assert seen[-1] == _segments(project) >= 3
    value, detail = panel.row_state(1)
    assert value == 1000 and detail == "done"


def test_cancel_stops_the_child_and_leaves_a_whole_database(qtbot, tmp_path: Path, speech) -> None:  # noqa: F811
    project = new_project(tmp_path / "p.annotator", speech["long_english"])
    panel = JobsPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.progressed, timeout=120_000, check_params_cb=lambda rid, n: n >= 1):
        panel.transcribe(project, [(1, "long english")], TINY)
    with qtbot.waitSignal(panel.recordingFinished, timeout=30_000) as finished:
        panel.cancel(1)
    assert finished.args[:2] == [1, "cancelled"]
    qtbot.waitUntil(lambda: not panel.running(), timeout=10_000)
    value, detail = panel.row_state(1)
    assert 0 < value < 1000 and detail == "cancelled"
    snapshot(project)  # integrity_check: ok
    assert 1 <= _segments(project)


def test_a_failing_child_is_reported(qtbot, tmp_path: Path, speech) -> None:  # noqa: F811
    project = new_project(tmp_path / "p.annotator", speech["english"])
    panel = JobsPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.recordingFinished, timeout=60_000) as finished:
        panel.transcribe(project, [(1, "english")], ["--model", str(tmp_path / "no-such-model")])
    assert finished.args[:2] == [1, "failed"]
    assert "no-such-model" in finished.args[2]


def test_stop_all_on_close_leaves_no_child(qtbot, tmp_path: Path, speech) -> None:  # noqa: F811
    project = new_project(tmp_path / "p.annotator", speech["long_english"])
    panel = JobsPanel()
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.progressed, timeout=120_000):
        panel.transcribe(project, [(1, "long english")], TINY)
    panel.stop_all()
    assert not panel.running()
