"""``annotator new``, ``add``, ``list``, ``themes``, ``participants``, ``rename``, ``remove``, ``locate``,
``vocabulary`` and ``open``: a project, its recordings and its people on the command line.

The parser (:mod:`annotator.cli.parser`) reads the arguments; ``--json`` prints machine-readable output; a user error
is one line on stderr and exit status 2 (:func:`annotator.cli.helpers.run`).
"""

from __future__ import annotations

import argparse
from dataclasses import asdict

from annotator.cli.helpers import EXIT_OK, attributes, open_project, print_json
from annotator.core.codebook import load_codebook
from annotator.core.db import is_database_url
from annotator.core.project import Project, project_path
from annotator.core.services.settings import check_language, split_terms
from annotator.errors import UserError
from annotator.timefmt import clock


def cmd_new(args: argparse.Namespace) -> int:
    language = check_language(args.language)
    codebook = load_codebook(args.codebook) if args.codebook else None
    with Project.create(args.project, name=args.name, language=language) as project:
        themes = project.themes.import_codebook(codebook, language) if codebook else 0
        path = project.path
    if args.json:
        print_json({"project": str(path), "language": language, "themes": themes})
    else:
        print(f"Created {path} (language {language}, {themes} themes)")
    return EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
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
        print_json({"recordings": rows})
    else:
        for row in rows:
            print(f"Added recording {row['id']}: {row['title']} ({clock(row['duration_ms'])})")
    return EXIT_OK


def cmd_themes(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        tree = project.themes.tree()
    if args.json:
        print_json({"themes": [node.as_dict() for node in tree]})
        return EXIT_OK
    if not tree:
        print("No themes yet.")
    for root in tree:
        for depth, node in root.walk():
            count = f"{node.total_passages}" if not node.children else f"{node.passages}/{node.total_passages}"
            print(f"{'  ' * depth}{node.name}  [{count}]  {node.color}  (id {node.id})")
    return EXIT_OK


def cmd_participants(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        if args.add:
            project.participants.add(args.add, args.role or "other", attributes(args.attribute))
        people = project.participants.list()
    if args.json:
        print_json({"participants": [asdict(p) for p in people]})
    else:
        for p in people:
            described = ", ".join(f"{k}={v}" for k, v in p.attributes.items())
            print(f"{p.code}  {p.role}  recordings: {p.recordings}  {described}".rstrip())
    return EXIT_OK


def cmd_rename(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        recording = project.recordings.rename(args.recording, args.title)
    print(f"Recording {recording.id} is now titled {recording.title}")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        recording = project.recordings.get(args.recording)
        project.recordings.delete(recording.id)
    print(
        f"Removed recording {recording.id} ({recording.title}) with its transcript and codings; "
        f"the media file {recording.media_abspath} was not touched"
    )
    return EXIT_OK


def cmd_locate(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        found = project.recordings.relocate(args.folder)
        missing = [s for s in project.recordings.summaries() if not s.media_ok]
    if args.json:
        print_json(
            {
                "found": [{"id": f.recording_id, "title": f.title, "media": str(f.path)} for f in found],
                "missing": [{"id": s.id, "title": s.title, "media_status": s.media_status} for s in missing],
            }
        )
        return EXIT_OK
    for f in found:
        print(f"Found recording {f.recording_id} ({f.title}) at {f.path}")
    for s in missing:
        still = "changed (not the file it was)" if s.media_status == "changed" else "missing"
        print(f"Still {still}: recording {s.id} ({s.title})")
    if not found and not missing:
        print("Every recording's media file is in place.")
    return EXIT_OK


def cmd_vocabulary(args: argparse.Namespace) -> int:
    with open_project(args.project) as project:
        terms = project.settings.get().vocabulary
        if args.add:
            terms = project.settings.add_vocabulary(split_terms(args.add))
        if args.remove:
            terms = project.settings.remove_vocabulary(split_terms(args.remove))
    if args.json:
        print_json({"vocabulary": terms})
    else:
        print(", ".join(terms) if terms else "The vocabulary is empty.")
    return EXIT_OK


def cmd_open(args: argparse.Namespace) -> int:
    missing = args.project is not None and not is_database_url(args.project) and not project_path(args.project).exists()
    if args.project is not None and not (missing and args.screenshot is None):  # the window offers to create it
        with open_project(args.project) as project:  # refuse a bad project (or theme) here, in one line
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
