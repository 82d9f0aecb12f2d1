"""A coded study exported by Annotator (refi_export) and imported into a new project comes back the same: themes
(names, colours, definitions, tree), passages (theme, text, times, memo, coder), transcripts (segments, speakers,
times), participants (codes, roles, attributes) and the recordings and documents they belong to, and notes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from annotator.core.models import Coding, Note, Participant, Recording, Segment, TextDocument, Theme
from annotator.core.project import Project
from annotator.exchange.options import ExportOptions, unchanged
from annotator.exchange.refi_import import import_qdpx
from tests.conftest import snapshot
from tests.core.test_coding import A1, B1, B2, C1, CLOSE, D1, NOTES, OPEN, RESPECT, SAFE, Study


def code_study(project: Project, media: dict[str, Path]) -> Study:
    study = Study(project, media)
    code = project.coding
    code.code_span(study.r1, study.b1, B1.index("nyaman"), study.b1, B1.index(" di panti"), [OPEN], memo="rasa aman")
    code.code_span(study.r1, study.a1, A1.index("merasa"), study.b1, B1.index(" karena"), [SAFE])  # two segments
    code.code_span(study.r1, study.b1, B1.index("pegawai"), study.c1, C1.index(" setiap"), [RESPECT, CLOSE])
    code.code_span(study.r1, study.d1, 0, study.d1, len(D1), [CLOSE], coder="Rina")  # a segment without words
    code.code_span(study.r2, study.b2, B2.index("we talk"), study.b2, len(B2), [OPEN])
    start = NOTES.index("Suasana")
    code.code_document(study.doc, start, start + len("Suasana terbuka"), [OPEN], memo="hangat")
    project.participants.update("STAF-01", attributes={"since": "2019-07-01", "full_time": True, "fte": 0.8})
    project.themes.set_definition(RESPECT, "Saling menghargai")
    with project.transaction() as session:
        theme = session.scalars(select(Theme).where(Theme.name == OPEN)).one()
        session.add_all(
            [
                Note(title="Catatan proyek", text="Izin dari panti"),
                Note(title="Rekaman", text="Datang terlambat", recording_id=study.r1),
                Note(title="Di dapur", text="Ditulis sore hari", document_id=study.doc),
                Note(title="", text="Definisi dibahas bersama", theme_id=theme.id),
            ]
        )
    return study


def state(project: Project) -> dict[str, Any]:
    """What must survive the trip, without ids and GUIDs of things a file has no place for."""
    with project.transaction() as session:
        themes = {t.id: t for t in session.scalars(select(Theme))}

        def path(theme_id: int | None) -> str | None:
            if theme_id is None:
                return None
            theme = themes[theme_id]
            return f"{path(theme.parent_id) or ''}/{theme.name}"

        recordings = {r.id: r for r in session.scalars(select(Recording))}
        documents = {d.id: d for d in session.scalars(select(TextDocument))}
        people = {p.id: p for p in session.scalars(select(Participant))}

        def source(recording_id: int | None, document_id: int | None) -> str | None:
            if recording_id is not None:
                return recordings[recording_id].title
            return documents[document_id].title if document_id is not None else None

        return {
            "themes": sorted((path(t.id), t.color, t.definition, t.position, t.guid) for t in themes.values()),
            "passages": sorted(
                (path(c.theme_id), source(c.recording_id, c.document_id), c.quote, c.start_ms, c.end_ms, c.memo)
                + (c.coder.name if c.coder else None, c.guid)
                for c in session.scalars(select(Coding))
            ),
            "segments": sorted(
                (recordings[s.recording_id].title, s.start_ms, s.end_ms, s.speaker.label if s.speaker else None, s.text)
                for s in session.scalars(select(Segment))
            ),
            "participants": sorted((p.code, p.role, p.attributes, p.guid) for p in people.values()),
            "belongs": sorted(
                (r.title, people[r.participant_id].code if r.participant_id else None)
                for r in [*recordings.values(), *documents.values()]
            ),
            "documents": sorted((d.title, d.text, d.guid) for d in documents.values()),
            "notes": sorted(
                (n.title, n.text, path(n.theme_id), source(n.recording_id, n.document_id))
                for n in session.scalars(select(Note))
            ),
        }


def test_an_exported_study_comes_back_the_same(project: Project, media: dict[str, Path], tmp_path: Path) -> None:
    refi_export = pytest.importorskip("annotator.exchange.refi_export")
    code_study(project, media)
    out = tmp_path / "studi.qdpx"
    refi_export.export_qdpx(project, out, ExportOptions(), unchanged)
    (tmp_path / "rekan").mkdir()
    with Project.create(tmp_path / "rekan" / "salinan.annotator", coder="rekan") as copy:
        summary = import_qdpx(copy, out)
        assert summary.skipped == []
        original, imported = state(project), state(copy)
        for part in original:
            assert imported[part] == original[part], part
        assert summary.added["passages"] == len(original["passages"]) == 7
        assert summary.added["recordings"] == 2 and summary.added["notes"] == 4
        assert sorted(p.name for p in (tmp_path / "rekan" / "salinan-media").iterdir()) == [
            "interview-staff.m4a",
            "wawancara-wbs.wav",
        ]
        before = snapshot(copy.path)
        again = import_qdpx(copy, out)
        assert set(again.added.values()) == {0}, again.lines()
        assert snapshot(copy.path) == before
