"""The ``annotator`` parser: every command with its arguments, and :func:`main`, which runs the one asked for.

A command is registered by the path of its function (``"project_commands:cmd_list"``, in this package); its module
is imported only when the command runs. Building the parser imports nothing but the standard library and a few
light modules, so ``annotator --help`` answers at once (``tests/cli/test_startup.py`` keeps it so).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from annotator import __version__
from annotator.cli.helpers import EXIT_USER_ERROR, ArgumentParser, run
from annotator.core.codebook import template_names
from annotator.exchange.export import FORMATS, MEDIA

# The core's own values, copied so that the parser need not load the database layer for them
# (tests/cli/test_startup.py checks that they still agree).
ROLES = ("resident", "staff", "interviewer", "other")  # core.services.participants.ROLES
MODES = ("any", "all", "co")  # core.services.coding.MODES
KINDS = ("person", "place", "other")  # core.services.pseudonyms.KINDS
STATUSES = ("asr", "edited", "verified")  # core.services.editing.STATUSES


Sub = ArgumentParser
Command = Callable[..., Sub]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-03-15") from exc


def _project_arg(sub: ArgumentParser) -> None:
    sub.add_argument("project", metavar="PROJECT", help="the project file (.annotator)")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="annotator",
        description="Transcribe interviews on this computer, check them against the audio, "
        "and code passages to themes. A project is one .annotator file.",
    )
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    def command(name: str, handler: str, help_text: str, json_output: bool = True, project: bool = True) -> Sub:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.set_defaults(handler=handler)
        if project:
            _project_arg(sub)
        if json_output:
            sub.add_argument("--json", action="store_true", help="print machine-readable JSON")
        return sub

    _project_commands(command)
    _transcription_commands(command)
    _coding_commands(command)
    _notes_commands(command)
    _exchange_commands(command)
    _app_commands(command)
    return parser


def _project_commands(command: Command) -> None:
    sub = command("new", "project_commands:cmd_new", "create a new project file")
    sub.add_argument(
        "--codebook",
        metavar="relationships|FILE",
        help=f"start from a template codebook ({', '.join(template_names())}) or a codebook file",
    )
    sub.add_argument("--language", default="id", help="default transcription language (default: id)")
    sub.add_argument("--name", help="the project's name (default: the file name)")

    sub = command("add", "project_commands:cmd_add", "add recordings (audio or video files) to a project")
    sub.add_argument("media", metavar="MEDIA", nargs="+", help="audio or video files")
    sub.add_argument("--participant", metavar="CODE", help="the participant interviewed (made if new)")
    sub.add_argument("--role", help=f"the participant's role: {', '.join(ROLES)}")
    sub.add_argument("--title", help="the recording's title (default: the file name)")
    sub.add_argument("--language", help="the recording's language if not the project's")
    sub.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="the interview date")

    command("list", "list_command:cmd_list", "list the recordings of a project")
    command("themes", "project_commands:cmd_themes", "show the theme tree with passage counts")

    sub = command("participants", "project_commands:cmd_participants", "list participants, or add one")
    sub.add_argument("--add", metavar="CODE", help="add a participant with this code or pseudonym")
    sub.add_argument("--role", help=f"role of the participant added: {', '.join(ROLES)}")
    sub.add_argument(
        "--attribute",
        action="append",
        metavar="NAME=VALUE",
        help="an attribute of the participant added, e.g. age=14 (repeatable)",
    )

    sub = command("rename", "project_commands:cmd_rename", "give a recording a new title", json_output=False)
    sub.add_argument("recording", metavar="RECORDING", help="id or title")
    sub.add_argument("title", metavar="TITLE")

    sub = command(
        "remove", "project_commands:cmd_remove", "remove a recording with its transcript and codings", json_output=False
    )
    sub.add_argument("recording", metavar="RECORDING", help="id or title")

    sub = command("locate", "project_commands:cmd_locate", "find moved media files again in a folder, by their content")
    sub.add_argument("folder", metavar="FOLDER", type=Path, help="where to look (subfolders too)")

    sub = command(
        "vocabulary", "project_commands:cmd_vocabulary", "show or change the names and local terms for transcription"
    )
    sub.add_argument("--add", metavar="TERMS", help='terms to add, e.g. "WBS, panti, piket"')
    sub.add_argument("--remove", metavar="TERMS", help="terms to remove")


def _transcription_commands(command: Command) -> None:
    sub = command(
        "transcribe",
        "transcription_commands:cmd_transcribe",
        "transcribe recordings on this computer",
        json_output=False,
    )
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

    sub = command("transcript", "transcription_commands:cmd_transcript", "print the stored transcript of a recording")
    sub.add_argument("recording", metavar="RECORDING", help="id or title")

    sub = command("edit", "edit_commands:cmd_edit", "correct the text of a transcript's segment, or mark it checked")
    sub.add_argument("recording", metavar="RECORDING", help="id or title")
    sub.add_argument(
        "segment",
        metavar="SEGMENT",
        help="a segment id (the id annotator transcript --json prints) or #N, the N-th segment in time order",
    )
    sub.add_argument("--text", help="the segment's new text (unchanged words keep their times and codings)")
    status = sub.add_mutually_exclusive_group()
    status.add_argument(
        "--verify",
        dest="status",
        action="store_const",
        const="verified",
        help="mark the segment verified (checked against the audio)",
    )
    status.add_argument("--status", choices=STATUSES, help="set the segment's status")


def _coding_commands(command: Command) -> None:
    sub = command("code", "coding_commands:cmd_code", "code the exact words of a transcript to a theme")
    sub.add_argument("--recording", required=True, metavar="ID", help="the recording: id or title")
    sub.add_argument("--theme", required=True, metavar="THEME", help="the theme: id, name or Parent/Child path")
    sub.add_argument(
        "--text",
        required=True,
        metavar="WORDS",
        help="the exact words to code (whole words, any case and spacing, within one segment)",
    )
    sub.add_argument("--all", action="store_true", help="code every occurrence, not just the first")
    sub.add_argument("--memo", default="", help="a memo for the passage")
    sub.add_argument("--coder", metavar="NAME", help="who codes (default: the project's coder)")

    sub = command(
        "passages", "coding_commands:cmd_passages", "list coded passages, by theme, with their speaker and time"
    )
    sub.add_argument(
        "--theme",
        action="extend",
        nargs="+",
        metavar="THEME",
        help="themes (id, name or path; default: every theme); a theme includes those below it",
    )
    sub.add_argument(
        "--mode",
        choices=MODES,
        default="any",
        help="any: coded with any of the themes; all: with every one; co: passages of the first theme that "
        "overlap a passage of another",
    )
    sub.add_argument("--no-subthemes", action="store_true", help="a theme does not include the themes below it")
    sub.add_argument("--recording", action="extend", nargs="+", metavar="ID", help="only these recordings")
    sub.add_argument("--role", action="extend", nargs="+", help=f"only passages said by: {', '.join(ROLES)}")
    sub.add_argument("--participant", action="extend", nargs="+", metavar="CODE", help="only these participants")
    sub.add_argument(
        "--attribute", action="append", metavar="NAME=VALUE", help="only participants with this attribute, e.g. age=14"
    )
    sub.add_argument("--coder", action="extend", nargs="+", metavar="NAME", help="only passages these coders coded")
    sub.add_argument("--contains", metavar="TEXT", help="only passages whose quote contains these words")

    sub = command(
        "speakers", "coding_commands:cmd_speakers", "list the speakers of a recording and who each is, or say who"
    )
    sub.add_argument("recording", metavar="RECORDING", help="the recording: id or title")
    sub.add_argument(
        "--map",
        action="append",
        metavar="LABEL=CODE",
        help='say which participant a speaker is, e.g. "Channel 2=WBS-01" (passages by role need it)',
    )


def _notes_commands(command: Command) -> None:
    sub = command(
        "notes", "notes_commands:cmd_notes", "list the field notes (text documents) of a project, or import some"
    )
    sub.add_argument(
        "--add", action="extend", nargs="+", metavar="FILE", help="import .txt, .md or .docx files as field notes"
    )
    sub.add_argument("--title", help="the title of the document imported (default: the file name)")
    sub.add_argument("--participant", metavar="CODE", help="whose notes these are (an existing participant)")

    sub = command(
        "search", "notes_commands:cmd_search", "find words in every transcript and field note, with their context"
    )
    sub.add_argument("words", metavar="WORDS", nargs="+", help="the words to find (any spacing between them)")
    sub.add_argument("--case-sensitive", action="store_true", help="match upper and lower case exactly")
    sub.add_argument("--whole-words", action="store_true", help="not inside longer words")
    sub.add_argument("--recording", action="extend", nargs="+", metavar="ID", help="only these recordings")
    sub.add_argument("--no-documents", action="store_true", help="search the transcripts only")
    sub.add_argument("--limit", type=int, metavar="N", help="at most N hits")
    sub.add_argument("--code", metavar="THEME", help="code every hit with this theme (id, name or path)")
    sub.add_argument("--memo", default="", help="a memo for the passages coded")
    sub.add_argument("--coder", metavar="NAME", help="who codes (default: the project's coder)")


def _exchange_commands(command: Command) -> None:
    sub = command(
        "export",
        "exchange_commands:cmd_export",
        "write coded passages, transcripts, clips or the project in another format",
    )
    sub.add_argument(
        "--format",
        required=True,
        metavar="FORMAT",
        help="; ".join(f"{name}: {what}" for name, what in FORMATS.items()).replace("%", "%%"),
    )
    sub.add_argument("--out", required=True, type=Path, metavar="PATH", help="the file to write (for clips: a folder)")
    sub.add_argument("--recording", action="extend", nargs="+", metavar="ID", help="only these recordings")
    sub.add_argument(
        "--theme", action="extend", nargs="+", metavar="THEME", help="only these themes (each with those below it)"
    )
    sub.add_argument(
        "--pseudonymize",
        action="store_true",
        help="replace every real name the project lists (see annotator pseudonyms) in everything written",
    )
    sub.add_argument(
        "--media",
        choices=MEDIA,
        default="internal",
        help="qdpx: pack the media into the file (internal) or refer to them beside it (external)",
    )

    sub = command(
        "import",
        "exchange_commands:cmd_import",
        "bring in REFI-QDA projects and codebooks, or a recording's transcript",
    )
    sub.add_argument(
        "files", metavar="FILE", nargs="+", type=Path, help=".qdpx, .qdc, or with --recording .srt, .vtt, .txt, .docx"
    )
    sub.add_argument("--recording", metavar="ID", help="the recording a transcript belongs to (id or title)")
    sub.add_argument(
        "--allow-external-media",
        action="store_true",
        help="let a .qdpx project refer to media outside the archive (absolute:// and relative:// paths)",
    )

    sub = command(
        "pseudonyms",
        "exchange_commands:cmd_pseudonyms",
        "list the real names replaced by codes in exports, or change them",
    )
    sub.add_argument(
        "--add", action="extend", nargs="+", metavar="REAL=CODE", help='names to list, e.g. "Sari Dewi=WBS-01"'
    )
    sub.add_argument("--kind", choices=KINDS, default="person", help="what the names added are (default: person)")
    sub.add_argument("--remove", action="extend", nargs="+", metavar="REAL", help="names to take off the list")


def _app_commands(command: Command) -> None:
    sub = command(
        "models",
        "transcription_commands:cmd_models",
        "list the speech recognition models on this computer",
        project=False,
    )
    sub.add_argument("--download", metavar="NAME", help="download a standard model (tiny ... large-v3, turbo)")
    sub.add_argument("--all", action="store_true", help="also list standard models that could be downloaded")

    sub = command("open", "project_commands:cmd_open", "open the desktop app", json_output=False, project=False)
    sub.add_argument("project", metavar="PROJECT", nargs="?", help="the project file to open")
    sub.add_argument(
        "--screenshot", metavar="OUT.png", type=Path, help="render the window off screen, save it as a PNG and exit"
    )
    sub.add_argument("--language", choices=("en", "id"), help="language of the window")
    sub.add_argument("--recording", type=int, metavar="ID", help="show this recording first")
    sub.add_argument("--passages", metavar="THEME", help="show the passages of this theme (name, path or id)")


def resolve(path: str) -> Callable[[argparse.Namespace], int]:
    """The function a command runs, from its path in this package; its module is imported now."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(f"annotator.cli.{module}"), name)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USER_ERROR
    return run(resolve(args.handler), args)
