"""``annotator export``, ``annotator import`` and ``annotator pseudonyms``: exchange on the command line.

Registered in :mod:`annotator.cli.parser`, with the same conventions as the other commands: ``--json`` prints
machine-readable output; a user error is one line on stderr and exit status 2.
The work is done by :mod:`annotator.exchange.export` and the pseudonym service; this module reads the arguments
and prints what was done.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from annotator.cli.helpers import EXIT_OK, open_project, print_json
from annotator.errors import UserError
from annotator.exchange.export import check_format, export, import_files
from annotator.exchange.options import ExportOptions, ImportSummary


def cmd_export(args: argparse.Namespace) -> int:
    fmt = check_format(args.format)
    with open_project(args.project) as project:
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
        print_json({"format": fmt, "paths": [str(p) for p in result.paths], "counts": result.counts})
    else:
        print(result.summary())
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    def say(summary: ImportSummary) -> None:  # as each file comes in: a later file refused does not hide it
        if not args.json:
            print("\n".join(summary.lines()), flush=True)

    with open_project(args.project) as project:
        summaries = import_files(
            project, args.files, recording=args.recording, allow_external_media=args.allow_external_media, on_done=say
        )
    if args.json:
        print_json({"imports": [asdict(s) for s in summaries]})
    return EXIT_OK


def _pair(item: str) -> tuple[str, str]:
    real, sep, code = item.partition("=")
    if not sep or not real.strip() or not code.strip():
        raise UserError(f'--add {item!r}: write it as REAL=CODE, e.g. "Sari Dewi=WBS-01"')
    return real, code


def cmd_pseudonyms(args: argparse.Namespace) -> int:
    pairs = [_pair(item) for item in args.add or ()]
    with open_project(args.project) as project:
        added, removed = project.pseudonyms.change(pairs, args.remove or (), args.kind)
        entries = project.pseudonyms.list()
    if args.json:
        print_json({"pseudonyms": [asdict(e) for e in entries]})
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
