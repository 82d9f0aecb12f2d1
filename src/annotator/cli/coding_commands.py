"""``annotator code`` and ``annotator passages``: coding transcripts and gathering coded passages.

Registered in :mod:`annotator.cli.parser`, with the same conventions as the other commands: ``--json`` prints
machine-readable output; a user error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict

from annotator.cli.helpers import EXIT_OK, attributes, open_project, passage_json, plural, print_json
from annotator.core.services.coding import PassageView
from annotator.errors import UserError
from annotator.timefmt import clock


def cmd_code(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        made = project.coding.code_text(
            args.recording, args.theme, args.text, all_hits=args.all, memo=args.memo, coder=args.coder
        )
        recording = project.recordings.get(args.recording)
        theme = project.themes.get(args.theme)
    if args.json:
        print_json({"passages": [passage_json(p) for p in made]})
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
    with open_project(args.project) as project:
        found = project.coding.passages(
            args.theme,
            mode=args.mode,
            include_descendants=not args.no_subthemes,
            recordings=args.recording,
            roles=args.role,
            participants=args.participant,
            coders=args.coder,
            attributes=attributes(args.attribute) or None,
            text=args.contains,
        )
    if args.json:
        print_json({"passages": [passage_json(p) for p in found]})
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
        print(plural(len(found), "passage"))
    return EXIT_OK


def _time_range(p: PassageView) -> str:
    return f"{clock(p.start_ms or 0)}–{clock(p.end_ms or 0)}"


def cmd_speakers(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        for item in args.map or ():
            label, sep, code = item.partition("=")
            if not sep or not label.strip():
                raise UserError(f'--map {item!r}: write it as LABEL=CODE, e.g. "Channel 2=WBS-01" (CODE empty: nobody)')
            project.recordings.map_speaker(args.recording, label, code.strip() or None)
        speakers = project.recordings.speakers(args.recording)
    if args.json:
        print_json({"speakers": [asdict(s) for s in speakers]})
        return EXIT_OK
    if not speakers:
        print("This recording has no speakers yet (transcribe it, or name speakers in the window).")
    for s in speakers:
        who = f"{s.participant} ({s.role})" if s.participant else "nobody yet: --map to say who"
        print(f"{s.label}: {who}, {s.segments} segment(s)")
    return EXIT_OK
