"""``annotator notes`` and ``annotator search``: field notes and full-text search on the command line.

Registered by :func:`annotator.cli.build_parser` through :func:`add_commands`, with the same conventions as the
other commands: ``--json`` prints machine-readable output; a user error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from annotator.cli import EXIT_OK, ArgumentParser, _print_json
from annotator.cli.coding_commands import _passage_json
from annotator.core.project import Project
from annotator.core.services.search import Hit
from annotator.timefmt import clock

Command = Callable[..., ArgumentParser]


def cmd_notes(args: argparse.Namespace) -> int:
    with Project.open(args.project) as project:
        added = []
        if args.add:
            added = project.documents.import_files(args.add, title=args.title, participant=args.participant)
        documents = project.documents.list()
    if args.json:
        _print_json(
            {
                "added": [{k: v for k, v in asdict(d).items() if k != "text"} for d in added],
                "documents": [asdict(d) for d in documents],
            }
        )
        return EXIT_OK
    for d in added:
        print(f"Added document {d.id}: {d.title} ({len(d.text)} characters) from {d.source_path}")
    if not documents:
        print("No field notes yet; add a .txt, .md or .docx file with: annotator notes PROJECT --add FILE")
        return EXIT_OK
    header = ("id", "title", "characters", "passages", "participant", "source")
    table = [header] + [
        (str(d.id), d.title, str(d.characters), str(d.passages), d.participant or "-", d.source_path or "-")
        for d in documents
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def _hit_line(hit: Hit) -> str:
    if hit.recording_id is not None:
        who = f" {hit.speaker}:" if hit.speaker else ""
        where = f"{hit.recording} {clock(hit.start_ms or 0)}{who}"
    else:
        where = f"{hit.document}:"
    return f"{where} {hit.before}[{hit.match}]{hit.after}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def cmd_search(args: argparse.Namespace) -> int:
    words = " ".join(args.words)
    with Project.open(args.project) as project:
        hits = project.search.find(
            words,
            case_sensitive=args.case_sensitive,
            whole_words=args.whole_words,
            recordings=args.recording,
            documents=not args.no_documents,
            limit=args.limit,
        )
        coded = project.search.code_hits(hits, args.code, args.memo, args.coder) if args.code else None
        theme = project.themes.get(args.code).name if args.code else None
    if args.json:
        data: dict[str, Any] = {"hits": [asdict(h) for h in hits]}
        if coded is not None:
            data["coded"] = [_passage_json(p) for p in coded]
        _print_json(data)
        return EXIT_OK
    if not hits:
        print(f"No hits for “{words.strip()}”.")
        return EXIT_OK
    for hit in hits:
        print(_hit_line(hit))
    recordings = len({h.recording_id for h in hits if h.recording_id is not None})
    documents = len({h.document_id for h in hits if h.document_id is not None})
    places = [_plural(n, word) for n, word in ((recordings, "recording"), (documents, "document")) if n]
    print(f"{_plural(len(hits), 'hit')} in {' and '.join(places)}")
    if coded is not None:
        already = f" ({len(hits) - len(coded)} already coded)" if len(coded) < len(hits) else ""
        print(f"Coded {_plural(len(coded), 'passage')} with '{theme}'{already}")
    return EXIT_OK


def add_commands(command: Command, project_arg: Callable[[ArgumentParser], None]) -> None:
    """Add the commands to the parser, with :func:`annotator.cli.build_parser`'s own helpers."""
    sub = command("notes", cmd_notes, "list the field notes (text documents) of a project, or import some")
    project_arg(sub)
    sub.add_argument(
        "--add", action="extend", nargs="+", metavar="FILE", help="import .txt, .md or .docx files as field notes"
    )
    sub.add_argument("--title", help="the title of the document imported (default: the file name)")
    sub.add_argument("--participant", metavar="CODE", help="whose notes these are (an existing participant)")

    sub = command("search", cmd_search, "find words in every transcript and field note, with their context")
    project_arg(sub)
    sub.add_argument("words", metavar="WORDS", nargs="+", help="the words to find (any spacing between them)")
    sub.add_argument("--case-sensitive", action="store_true", help="match upper and lower case exactly")
    sub.add_argument("--whole-words", action="store_true", help="not inside longer words")
    sub.add_argument("--recording", action="extend", nargs="+", metavar="ID", help="only these recordings")
    sub.add_argument("--no-documents", action="store_true", help="search the transcripts only")
    sub.add_argument("--limit", type=int, metavar="N", help="at most N hits")
    sub.add_argument("--code", metavar="THEME", help="code every hit with this theme (id, name or path)")
    sub.add_argument("--memo", default="", help="a memo for the passages coded")
    sub.add_argument("--coder", metavar="NAME", help="who codes (default: the project's coder)")
