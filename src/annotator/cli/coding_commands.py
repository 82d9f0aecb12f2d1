"""``annotator code`` and ``annotator passages``: coding transcripts and gathering coded passages.

Registered by :func:`annotator.cli.build_parser` through :func:`add_commands`, with the same conventions as the
other commands: ``--json`` prints machine-readable output; a user error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from annotator.cli import EXIT_OK, ArgumentParser, _attributes, _print_json
from annotator.core.project import Project
from annotator.core.services.coding import MODES, PassageView
from annotator.core.services.participants import ROLES
from annotator.errors import UserError
from annotator.timefmt import clock

Command = Callable[..., ArgumentParser]


def _passage_json(p: PassageView) -> dict[str, Any]:
    return {
        "id": p.id,
        "theme": p.theme,
        "theme_path": p.theme_path,
        "recording": p.recording,
        "recording_id": p.recording_id,
        "document": p.document,
        "document_id": p.document_id,
        "speaker": p.speaker,
        "participant": p.participant,
        "role": p.role,
        "start_ms": p.start_ms,
        "end_ms": p.end_ms,
        "text": p.text,
        "memo": p.memo,
        "coder": p.coder,
    }


def cmd_code(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        made = project.coding.code_text(
            args.recording, args.theme, args.text, all_hits=args.all, memo=args.memo, coder=args.coder
        )
        recording = project.recordings.get(args.recording)
        theme = project.themes.get(args.theme)
    if args.json:
        _print_json({"passages": [_passage_json(p) for p in made]})
        return EXIT_OK
    where = f"in recording {recording.id}"
    if not made:
        print(f"Nothing to do: “{args.text.strip()}” {where} is already coded with '{theme.name}'")
    elif len(made) == 1:
        p = made[0]
        print(f"Coded 1 passage of '{theme.name}' {where} at {clock(p.start_ms or 0)}: “{p.text}”")
    else:
        print(f"Coded {len(made)} passages of '{theme.name}' {where}:")
        for p in made:
            print(f"  {clock(p.start_ms or 0)}: “{p.text}”")
    return EXIT_OK


def cmd_passages(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        found = project.coding.passages(
            args.theme,
            mode=args.mode,
            include_descendants=not args.no_subthemes,
            recordings=args.recording,
            roles=args.role,
            participants=args.participant,
            coders=args.coder,
            attributes=_attributes(args.attribute) or None,
            text=args.contains,
        )
    if args.json:
        _print_json({"passages": [_passage_json(p) for p in found]})
        return EXIT_OK
    if not found:
        print("No passages.")
    for p in found:
        who = p.speaker or p.participant
        if p.speaker and p.participant:
            who = f"{p.speaker} ({p.participant})"
        where = p.document if p.recording_id is None else f"{p.recording} {_time_range(p)}"
        print(f"[{p.theme}] {where} {who}: “{p.text}”" if who else f"[{p.theme}] {where}: “{p.text}”")
        if p.memo:
            print(f"    memo: {p.memo}")
    if found:
        print(f"{len(found)} passage{'s' if len(found) != 1 else ''}")
    return EXIT_OK


def _time_range(p: PassageView) -> str:
    return f"{clock(p.start_ms or 0)}–{clock(p.end_ms or 0)}"


def cmd_speakers(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        for item in args.map or ():
            label, sep, code = item.partition("=")
            if not sep or not label.strip():
                raise UserError(f'--map {item!r}: write it as LABEL=CODE, e.g. "Channel 2=WBS-01" (CODE empty: nobody)')
            project.recordings.map_speaker(args.recording, label, code.strip() or None)
        speakers = project.recordings.speakers(args.recording)
    if args.json:
        _print_json({"speakers": [asdict(s) for s in speakers]})
        return EXIT_OK
    if not speakers:
        print("This recording has no speakers yet (transcribe it, or name speakers in the window).")
    for s in speakers:
        who = f"{s.participant} ({s.role})" if s.participant else "nobody yet: --map to say who"
        print(f"{s.label}: {who}, {s.segments} segment(s)")
    return EXIT_OK


def add_commands(command: Command, project_arg: Callable[[ArgumentParser], None]) -> None:
    sub = command("code", cmd_code, "code the exact words of a transcript to a theme")
    project_arg(sub)
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

    sub = command("passages", cmd_passages, "list coded passages, by theme, with their speaker and time")
    project_arg(sub)
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

    sub = command("speakers", cmd_speakers, "list the speakers of a recording and who each is, or say who")
    project_arg(sub)
    sub.add_argument("recording", metavar="RECORDING", help="the recording: id or title")
    sub.add_argument(
        "--map",
        action="append",
        metavar="LABEL=CODE",
        help='say which participant a speaker is, e.g. "Channel 2=WBS-01" (passages by role need it)',
    )
