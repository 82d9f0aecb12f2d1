"""``annotator edit``: correct a segment of a transcript, or mark it checked, as the transcript editor does.

The change goes through :class:`~annotator.core.services.editing.EditingService`, so words that did not change keep
their times and a coded passage stays on its words. Registered in :mod:`annotator.cli.parser`, with the same
conventions as the other commands: ``--json`` prints machine-readable output; a user error is one line on stderr
and exit status 2.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from annotator.cli.helpers import EXIT_OK, open_project, plural, print_json
from annotator.errors import NotFound, UserError
from annotator.timefmt import clock

if TYPE_CHECKING:
    from annotator.core.models import Recording
    from annotator.core.project import Project
    from annotator.core.services.transcript_views import SegmentView


def cmd_edit(args: argparse.Namespace) -> int:
    if args.text is None and args.status is None:
        raise UserError("nothing to change: give --text, --verify or --status")
    text = None if args.text is None else args.text.strip()
    if text == "":
        raise UserError("--text is empty; give the segment's words")
    with open_project(args.project) as project:
        recording = project.recordings.get(args.recording)
        segment = find_segment(project, recording, args.segment)
        if text is not None:
            segment = project.editing.edit_text(segment.id, text)
        if args.status is not None:
            segment = project.editing.set_status(segment.id, args.status)
    if args.json:
        print_json({"recording": recording.id, "segment": segment.as_dict()})
    else:
        speaker = f" {segment.speaker}:" if segment.speaker else ":"
        print(f"Segment {segment.id} [{clock(segment.start_ms)}]{speaker} {segment.text} ({segment.status})")
    return EXIT_OK


def find_segment(project: Project, recording: Recording, ref: str) -> SegmentView:
    """A segment of ``recording`` by its id, or by ``#N``: the N-th in time order, from 1."""
    ref = ref.strip()
    number = ref.removeprefix("#")
    if not number.isdigit() or int(number) == 0:
        raise UserError(f"segment {ref!r}: give a segment id (see annotator transcript --json) or #N, e.g. #3")
    segments = project.editing.load(recording.id).segments
    named = f"recording {recording.id} ({recording.title})"
    if ref.startswith("#"):
        if not segments:
            raise NotFound(f"{named} has no transcript yet, so no segment {ref}")
        if int(number) > len(segments):
            raise NotFound(f"{named} has {plural(len(segments), 'segment')}, so no segment {ref}")
        return segments[int(number) - 1]
    for segment in segments:
        if segment.id == int(number):
            return segment
    project.editing.segment(int(number))  # "no segment N in this project" when there is none at all
    raise UserError(f"segment {number} belongs to another recording, not to {named}")
