"""``annotator export``, ``annotator import`` and ``annotator pseudonyms``: exchange on the command line.

Registered by :func:`annotator.cli.build_parser` through :func:`add_commands`, with the same conventions as the
other commands: ``--json`` prints machine-readable output; a user error is one line on stderr and exit status 2.
The work is done by :mod:`annotator.exchange.export` and the pseudonym service; this module reads the arguments
and prints what was done.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from annotator.cli import EXIT_OK, ArgumentParser, _print_json
from annotator.core.project import Project
from annotator.core.services.pseudonyms import KINDS
from annotator.errors import UserError
from annotator.exchange.export import FORMATS, MEDIA, check_format, export, import_files
from annotator.exchange.options import ExportOptions, ImportSummary

Command = Callable[..., ArgumentParser]


def cmd_export(args: argparse.Namespace) -> int:
    fmt = check_format(args.format)
    with Project.open(args.project) as project:
        options = ExportOptions(
            recordings=tuple(project.recordings.get(ref).id for ref in args.recording or ()),
            themes=tuple(project.themes.get(ref).id for ref in args.theme or ()),
            pseudonymize=args.pseudonymize,
            media=args.media,
        )
        unlisted = args.pseudonymize and not project.pseudonyms.list()
        result = export(project, fmt, args.out, options)
    if unlisted:
        print(
            "annotator: warning: --pseudonymize, but the project lists no real names, so none were replaced "
            '(list them with: annotator pseudonyms PROJECT --add "REAL NAME=CODE")',
            file=sys.stderr,
        )
    if args.json:
        _print_json({"format": fmt, "paths": [str(p) for p in result.paths], "counts": result.counts})
    else:
        print(result.summary())
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    def say(summary: ImportSummary) -> None:  # as each file comes in: a later file refused does not hide it
        if not args.json:
            print("\n".join(summary.lines()), flush=True)

    with Project.open(args.project) as project:
        summaries = import_files(
            project, args.files, recording=args.recording, allow_external_media=args.allow_external_media, on_done=say
        )
    if args.json:
        _print_json({"imports": [asdict(s) for s in summaries]})
    return EXIT_OK


def _pair(item: str) -> tuple[str, str]:
    real, sep, code = item.partition("=")
    if not sep or not real.strip() or not code.strip():
        raise UserError(f'--add {item!r}: write it as REAL=CODE, e.g. "Sari Dewi=WBS-01"')
    return real, code


def cmd_pseudonyms(args: argparse.Namespace) -> int:
    pairs = [_pair(item) for item in args.add or ()]
    with Project.open(args.project) as project:
        added, removed = project.pseudonyms.change(pairs, args.remove or (), args.kind)
        entries = project.pseudonyms.list()
    if args.json:
        _print_json({"pseudonyms": [asdict(e) for e in entries]})
        return EXIT_OK
    for entry in removed:
        print(f"Removed {entry.real} (was replaced by {entry.replacement})")
    for entry in added:
        print(f"Added {entry.real} = {entry.replacement} ({entry.kind})")
    if not entries:
        print('No real names listed yet; add one with: annotator pseudonyms PROJECT --add "Sari Dewi=WBS-01"')
        return EXIT_OK
    if added or removed:
        print()
    width = max(len(e.real) for e in entries)
    for e in entries:
        print(f"{e.real.ljust(width)}  {e.replacement}  ({e.kind})")
    return EXIT_OK


def add_commands(command: Command, project_arg: Callable[[ArgumentParser], None]) -> None:
    """Add the commands to the parser, with :func:`annotator.cli.build_parser`'s own helpers."""
    sub = command("export", cmd_export, "write coded passages, transcripts, clips or the project in another format")
    project_arg(sub)
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

    sub = command("import", cmd_import, "bring in REFI-QDA projects and codebooks, or a recording's transcript")
    project_arg(sub)
    sub.add_argument(
        "files", metavar="FILE", nargs="+", type=Path, help=".qdpx, .qdc, or with --recording .srt, .vtt, .txt, .docx"
    )
    sub.add_argument("--recording", metavar="ID", help="the recording a transcript belongs to (id or title)")
    sub.add_argument(
        "--allow-external-media",
        action="store_true",
        help="let a .qdpx project refer to media outside the archive (absolute:// and relative:// paths)",
    )

    sub = command("pseudonyms", cmd_pseudonyms, "list the real names replaced by codes in exports, or change them")
    project_arg(sub)
    sub.add_argument(
        "--add", action="extend", nargs="+", metavar="REAL=CODE", help='names to list, e.g. "Sari Dewi=WBS-01"'
    )
    sub.add_argument("--kind", choices=KINDS, default="person", help="what the names added are (default: person)")
    sub.add_argument("--remove", action="extend", nargs="+", metavar="REAL", help="names to take off the list")
