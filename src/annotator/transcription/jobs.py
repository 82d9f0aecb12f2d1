"""``annotator transcribe``: pick the recordings and the model, run, report progress, stop cleanly.

The desktop app runs exactly this as a child process with ``--progress json`` and reads one JSON
object per line. SIGTERM or SIGINT asks the run to stop between two segments; the database stays whole.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import select

from annotator.core.models import Recording
from annotator.core.project import Project
from annotator.core.services.recordings import RecordingService
from annotator.errors import UserError
from annotator.timefmt import clock
from annotator.transcription.engine import VAD_THRESHOLDS, Engine
from annotator.transcription.models import ModelInfo, resolve_model
from annotator.transcription.runner import DEFAULT_WINDOW_MS, Outcome, RunSettings, TranscriptionRun


@dataclass
class TranscribeRequest:
    recordings: Sequence[str]  # ids or titles; none: every recording not yet transcribed
    model: str | None = None
    language: str | None = None  # None: the recording's, else the project's; "auto": detect
    device: str = "auto"
    compute_type: str = "auto"
    vocabulary: Sequence[str] = ()
    batch_size: int = 0
    restart: bool = False
    vad_sensitivity: str = "normal"
    speakers_by_channel: bool = False
    window_ms: int = DEFAULT_WINDOW_MS


class JsonReporter:
    """One JSON object per line, flushed at once (the window reads them as they come)."""

    def __init__(self, out: TextIO = sys.stdout) -> None:
        self.out = out

    def __call__(self, event: dict[str, Any]) -> None:
        self.out.write(json.dumps(event, ensure_ascii=False) + "\n")
        self.out.flush()


class TextReporter:
    """A progress line on stderr for people at a terminal."""

    def __init__(self, titles: dict[int, str], out: TextIO = sys.stderr) -> None:
        self.titles = titles
        self.out = out

    def __call__(self, event: dict[str, Any]) -> None:
        title = self.titles.get(event["recording"], str(event["recording"]))
        if "status" in event:
            detail = event.get("message") or f"{event.get('segments', 0)} segments"
            self.out.write(f"\r\033[K{title}: {event['status']} ({detail})\n")
        else:
            done, total = event["done_ms"], max(event["total_ms"], 1)
            eta = event.get("eta_s")
            left = f", {clock(int(eta * 1000))} left" if eta is not None else ""
            self.out.write(
                f"\r\033[K{title}: {clock(done)} / {clock(total)} ({100 * done // total}%), "
                f"{event['segments']} segments{left}"
            )
        self.out.flush()


@contextmanager
def stop_on_signals(cancel: threading.Event) -> Iterator[None]:
    """SIGTERM/SIGINT ask the run to stop between segments; a second SIGINT stops at once."""

    def ask(signum: int, _frame: object) -> None:
        if cancel.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        cancel.set()

    previous = {sig: signal.signal(sig, ask) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def select_recordings(project: Project, refs: Sequence[str]) -> list[Recording]:
    with project.transaction() as session:
        if refs:
            chosen = [RecordingService.find(session, ref) for ref in refs]
            return list({r.id: r for r in chosen}.values())
        everything = session.scalars(select(Recording).order_by(Recording.id))
        return [r for r in everything if (r.transcription or {}).get("status") != "done"]


def transcribe(
    project: Project,
    request: TranscribeRequest,
    report: Callable[[dict[str, Any]], None],
    warn: Callable[[str], None],
    cancel: threading.Event | None = None,
) -> list[Outcome]:
    if request.vad_sensitivity not in VAD_THRESHOLDS:
        raise UserError(f"--vad-sensitivity must be one of {', '.join(VAD_THRESHOLDS)}")
    if request.batch_size < 0:
        raise UserError("--batch-size must be 0 (sequential) or more")
    cancel = cancel or threading.Event()
    recordings = select_recordings(project, request.recordings)
    if not recordings:
        return []
    if request.restart:  # before anything is loaded or changed
        for recording in recordings:
            project.transcripts.check_restart(recording.id)
    info = project.settings.get()
    vocabulary = list(dict.fromkeys([*info.vocabulary, *request.vocabulary]))
    languages = {_language(request.language, r.language, info.language) for r in recordings}
    model = resolve_model(request.model, next(iter(languages)) if len(languages) == 1 else None, warn)
    models = {model_spec(model): model}

    def load_engine(spec: str) -> Engine:
        if spec not in models:  # a recording that began with another model goes on with it
            models[spec] = resolve_model(spec, None, warn)
        return Engine(models[spec], request.device, request.compute_type, warn)

    outcomes = []
    run = TranscriptionRun(project, load_engine, report, cancel, warn)
    for recording in recordings:
        if cancel.is_set():
            break
        settings = RunSettings(
            model=model_spec(model),
            language=_language(request.language, recording.language, info.language),
            vocabulary=vocabulary,
            vad_threshold=VAD_THRESHOLDS[request.vad_sensitivity],
            speakers_by_channel=request.speakers_by_channel,
            window_ms=request.window_ms,
            batch_size=request.batch_size,
        )
        outcomes.append(run.transcribe(recording, settings, request.restart))
    return outcomes


def model_spec(model: ModelInfo) -> str:
    """What finds the model again: its name, or its folder when the user gave one."""
    return str(model.path) if model.source == "folder" and model.path else model.name


def _language(requested: str | None, recording: str | None, project: str) -> str | None:
    code = requested or recording or project
    return None if code == "auto" else code
