"""``annotator list``: the recordings of a project with their length, transcript, codings and media state.

Quick: a project file at the current schema is read with sqlite3 alone (core/listing.py), without SQLAlchemy;
any other (an upgrade to make, typing to recover, a media file whose whole sha256 must decide) is opened the usual
way.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from annotator.cli.helpers import EXIT_OK, open_project, print_json, print_table
from annotator.core.listing import RecordingSummary, quick_summaries
from annotator.timefmt import clock


def summaries_of(target: str) -> list[RecordingSummary]:
    quick = quick_summaries(Path(target).expanduser().absolute()) if "://" not in target else None
    if quick is not None:
        return quick
    with open_project(target) as project:
        return project.recordings.summaries()


def cmd_list(args: argparse.Namespace) -> int:
    summaries = summaries_of(args.project)
    if args.json:
        print_json({"recordings": [asdict(s) for s in summaries]})
        return EXIT_OK
    if not summaries:
        print("No recordings yet; add one with: annotator add PROJECT MEDIA")
        return EXIT_OK
    header = ("id", "title", "length", "segments", "verified", "codings", "participant", "media")
    rows = [
        (
            str(s.id),
            s.title,
            clock(s.duration_ms),
            str(s.segments),
            f"{s.verified_pct:.0f}%",
            str(s.codings),
            f"{s.participant} ({s.role})" if s.participant else "-",
            "ok" if s.media_ok else s.media_status.upper(),
        )
        for s in summaries
    ]
    print_table(header, rows)
    return EXIT_OK
