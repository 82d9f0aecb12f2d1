"""``annotator notes`` and ``annotator search``: field notes and full-text search on the command line.

Registered in :mod:`annotator.cli.parser`, with the same conventions as the other commands: ``--json`` prints
machine-readable output; a user error is one line on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from annotator.cli.helpers import EXIT_OK, open_project, passage_json, plural, print_json, print_table
from annotator.core.services.search import Hit
from annotator.timefmt import clock


def cmd_notes(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        added = []
        if args.add:
            added = project.documents.import_files(args.add, title=args.title, participant=args.participant)
        documents = project.documents.list()
    if args.json:
        print_json(
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
    rows = [
        (str(d.id), d.title, str(d.characters), str(d.passages), d.participant or "-", d.source_path or "-")
        for d in documents
    ]
    print_table(header, rows)
    return EXIT_OK


def _hit_line(hit: Hit) -> str:
    if hit.recording_id is not None:
        who = f" {hit.speaker}:" if hit.speaker else ""
        where = f"{hit.recording} {clock(hit.start_ms or 0)}{who}"
    else:
        where = f"{hit.document}:"
    return f"{where} {hit.before}[{hit.match}]{hit.after}"


def cmd_search(args: argparse.Namespace) -> int:
    words = " ".join(args.words)
    with open_project(args.project) as project:
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
            data["coded"] = [passage_json(p) for p in coded]
        print_json(data)
        return EXIT_OK
    if not hits:
        print(f"No hits for “{words.strip()}”.")
        return EXIT_OK
    for hit in hits:
        print(_hit_line(hit))
    recordings = len({h.recording_id for h in hits if h.recording_id is not None})
    documents = len({h.document_id for h in hits if h.document_id is not None})
    places = [plural(n, word) for n, word in ((recordings, "recording"), (documents, "document")) if n]
    print(f"{plural(len(hits), 'hit')} in {' and '.join(places)}")
    if coded is not None:
        already = f" ({len(hits) - len(coded)} already coded)" if len(coded) < len(hits) else ""
        print(f"Coded {plural(len(coded), 'passage')} with '{theme}'{already}")
    return EXIT_OK
