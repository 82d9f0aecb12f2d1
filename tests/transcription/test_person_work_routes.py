"""Transcription never overwrites a person's work, on every route: a resumed run after Cancel, SIGTERM or kill -9,
a transcript imported from a REFI-QDA project, and two runs of one recording at once.

Each run is a child process with the real tiny.en model, as the window runs it.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from annotator.core.project import Project
from tests.conftest import snapshot
from tests.transcription.conftest import annotator, events, new_project, transcript
from tests.transcription.test_transcribe import _start

TINY = ("--model", "tiny.en")


def _pending(project: Path) -> list[tuple[int, int, int, str]]:
    """Segments stored after the last checkpoint (id, start, end, text), read without disturbing the writer."""
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as connection:
        since = connection.execute("SELECT transcribed_ms FROM recordings WHERE id = 1").fetchone()[0]
        return connection.execute(
            "SELECT id, start_ms, end_ms, text FROM segments WHERE recording_id = 1 AND start_ms >= ? "
            "ORDER BY start_ms",
            (since,),
        ).fetchall()


def _stop_with_pending(process: subprocess.Popen[str], project: Path, how: signal.Signals) -> None:
    """Stop the run (``how``) at a moment when at least two of its segments lie after its last checkpoint: the run
    is frozen (SIGSTOP) after each new segment and looked at, and let go on when there are not yet two."""
    assert process.stdout is not None
    for line in process.stdout:
        event = json.loads(line)
        if "done_ms" not in event:
            continue
        process.send_signal(signal.SIGSTOP)
        if len(_pending(project)) >= 2:
            process.send_signal(how)
            process.send_signal(signal.SIGCONT)
            process.communicate(timeout=120)
            return
        process.send_signal(signal.SIGCONT)
    pytest.fail("the run ended before two segments lay after a checkpoint")


def _work_on(project: Path, segment_id: int, other_id: int) -> dict:
    """What a person does to a segment stored after the checkpoint: correct it, code it with a memo; and give
    another one a speaker."""
    with Project.open(project) as opened:
        theme = opened.themes.create("Komunikasi terbuka")
        opened.editing.edit_text(segment_id, "Teks yang sudah dikoreksi oleh peneliti")
        coded = opened.coding.code_span(1, segment_id, 5, segment_id, 18, [theme.id], memo="kutipan penting")
        opened.editing.set_speaker(other_id, "Anak")
        return {"coding": coded[0].id, "theme": theme.id}


def _check_kept(project: Path, segment_id: int, other_id: int, made: dict) -> None:
    data = transcript(project)
    assert data["recording"]["transcription"]["status"] == "done"
    by_id = {s["id"]: s for s in data["segments"]}
    mine = by_id[segment_id]
    assert mine["text"] == "Teks yang sudah dikoreksi oleh peneliti" and mine["status"] == "edited"
    assert by_id[other_id]["speaker"] == "Anak"
    with Project.open(project) as opened:
        passages = opened.coding.passages()
    assert [(p.id, p.memo, p.text) for p in passages] == [(made["coding"], "kutipan penting", "yang sudah di")]
    # heard only around it: no segment of the recogniser's says the same stretch again
    for segment in data["segments"]:
        if segment["id"] != segment_id:
            overlap = min(segment["end_ms"], mine["end_ms"]) - max(segment["start_ms"], mine["start_ms"])
            assert overlap < 0.5 * (mine["end_ms"] - mine["start_ms"]), (segment, mine)
    starts = [s["start_ms"] for s in data["segments"]]
    assert starts == sorted(starts)
    assert data["segments"][-1]["end_ms"] > 60_000  # and the rest of the recording was heard


def _cancel_with_pending(project: Path) -> None:
    """Cancel as the window's Cancel and SIGTERM do (between two segments, before the window's checkpoint), at the
    first moment two segments lie after the checkpoint: in this process, so that the moment is exact."""
    from annotator.transcription.jobs import TranscribeRequest, transcribe

    cancel = threading.Event()

    def report(event: dict) -> None:
        if "done_ms" in event and len(_pending(project)) >= 2:
            cancel.set()

    with Project.open(project) as opened:
        request = TranscribeRequest(recordings=["1"], model="tiny.en", window_ms=15_000)
        outcomes = transcribe(opened, request, report, lambda _text: None, cancel)
    assert [o.status for o in outcomes] == ["cancelled"]


@pytest.mark.parametrize("how", ["cancel", "kill-9"])
def test_resume_keeps_what_a_person_did_after_the_checkpoint(tmp_path: Path, speech, how: str) -> None:
    project = new_project(tmp_path / "p.annotator", speech["long_english"])
    if how == "cancel":
        _cancel_with_pending(project)
    else:
        _stop_with_pending(_start(project, "--window", "15"), project, signal.SIGKILL)
    pending = _pending(project)
    assert len(pending) >= 2
    segment_id, other_id = pending[1][0], pending[0][0]
    made = _work_on(project, segment_id, other_id)

    resumed = annotator("transcribe", project, *TINY, "--progress", "json", check=True)
    assert events(resumed.stdout)[-1]["status"] == "done"
    _check_kept(project, segment_id, other_id, made)


def test_transcribing_an_imported_transcript_needs_restart_and_keeps_it(tmp_path: Path, speech) -> None:
    source = new_project(tmp_path / "source.annotator", speech["english"])
    annotator("transcribe", source, *TINY, check=True)
    with Project.open(source) as opened:
        first = opened.editing.load(1).segments[0]
        opened.editing.edit_text(first.id, first.text + " (dikoreksi)")
        theme = opened.themes.create("Rasa aman")
        opened.coding.code_span(1, first.id, 0, first.id, 5, [theme.id])
        opened.coding.code_span(1, first.id, 7, first.id, 12, [theme.id])
    exported = tmp_path / "studi.qdpx"
    annotator("export", source, "--format", "qdpx", "--out", exported, check=True)

    target = new_project(tmp_path / "target.annotator")
    annotator("import", target, exported, check=True)
    before = snapshot(target)
    assert len(before["codings"]) == 2 and before["segments"]

    done = annotator("transcribe", target, *TINY)  # every recording not transcribed yet: none
    assert done.returncode == 0 and "Nothing to transcribe" in done.stdout, (done.stdout, done.stderr)
    assert snapshot(target) == before
    named = annotator("transcribe", target, "1", *TINY, "--progress", "json")
    assert named.returncode == 0, named.stderr
    assert "imported from REFI-QDA project" in events(named.stdout)[-1]["message"]
    assert snapshot(target) == before

    restart = annotator("transcribe", target, "1", *TINY, "--restart")
    assert restart.returncode == 2 and "would lose them" in restart.stderr and "Traceback" not in restart.stderr
    assert snapshot(target) == before


def test_a_transcript_from_elsewhere_with_no_record_of_its_source_is_kept(tmp_path: Path, speech) -> None:
    """A project imported by an older version kept no record of where its transcript came from."""
    project = new_project(tmp_path / "p.annotator", speech["english"])
    annotator("transcribe", project, *TINY, check=True)
    with sqlite3.connect(project) as connection:
        connection.execute("UPDATE recordings SET transcription = '{}', transcribed_ms = 0")
    before = snapshot(project)
    done = annotator("transcribe", project, *TINY, "--progress", "json", check=True)
    assert "not transcribed here" in events(done.stdout)[-1]["message"]
    assert snapshot(project) == before


def test_two_runs_of_one_recording_at_once(tmp_path: Path, speech) -> None:
    project = new_project(tmp_path / "p.annotator", speech["long_english"])
    first = _start(project, "--window", "15")
    assert first.stdout is not None
    for line in first.stdout:  # the first run holds the recording now
        if "done_ms" in json.loads(line):
            break
    second = annotator("transcribe", project, "1", *TINY, "--progress", "json")
    rest, _err = first.communicate(timeout=300)
    assert events(rest)[-1]["status"] == "done"
    final = events(second.stdout)[-1]
    assert final["status"] == "failed" and "is being transcribed by another process" in final["message"]
    assert f"process {first.pid}" in final["message"]
    data = transcript(project)
    assert data["recording"]["transcription"]["status"] == "done"
    said = [(s["start_ms"], s["text"]) for s in data["segments"]]
    assert len(said) == len(set(said)), "a segment was stored twice"
    starts = [s["start_ms"] for s in data["segments"]]
    assert all(b >= a for a, b in zip(starts, starts[1:], strict=False))
