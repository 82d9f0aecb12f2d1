"""Building REFI-QDA files for the import tests, and reading back what an import stored."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

from sqlalchemy import select

from annotator.core.models import Coding, Segment, Theme
from annotator.core.project import Project

REFI_DATA = Path(__file__).resolve().parents[1] / "data" / "refi-qda"  # schemas and samples (see its README.md)
NS = "urn:QDA-XML:project:1.0"


# -- building files ------------------------------------------------------------------------------------------
def guid() -> str:
    return str(uuid.uuid4())


def project_xml(body: str, ns: str | None = NS) -> str:
    xmlns = f' xmlns="{ns}"' if ns else ""
    return f'<?xml version="1.0" encoding="utf-8"?>\n<Project{xmlns} name="Uji" origin="tests">{body}</Project>'


def qdpx(
    path: Path,
    qde: str | bytes,
    files: dict[str, bytes | str | Path] | None = None,
    qde_name: str = "project.qde",
    folder: str = "sources",
) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(qde_name, qde if isinstance(qde, bytes) else qde.encode("utf-8"))
        for name, data in (files or {}).items():
            if isinstance(data, Path):
                archive.write(data, f"{folder}/{name}")
            else:
                archive.writestr(f"{folder}/{name}", data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def utf16(text: str, start: int, end: int) -> tuple[int, int]:
    """Code point offsets as UTF-16 units (CRLF counted as two, as NVivo does)."""
    return len(text[:start].encode("utf-16-le")) // 2, len(text[:end].encode("utf-16-le")) // 2


def rows(project: Project, model: type) -> list:
    with project.transaction() as session:
        return list(session.scalars(select(model).order_by(model.id)))


def passages(project: Project) -> list[dict]:
    """Every coding with its theme's GUID and path and its coder's name, in the order they were made."""
    paths = theme_paths(project)
    with project.transaction() as session:
        return [
            {
                "guid": c.guid,
                "quote": c.quote,
                "times": (c.start_ms, c.end_ms),
                "theme": c.theme.guid,
                "path": paths[c.theme.guid],
                "coder": c.coder.name if c.coder else None,
                "memo": c.memo,
                "document_id": c.document_id,
                "offsets": (c.start_offset, c.end_offset),
            }
            for c in session.scalars(select(Coding).order_by(Coding.id))
        ]


def segments(project: Project) -> list[tuple[str, str | None, int, int]]:
    with project.transaction() as session:
        return [
            (s.text, s.speaker.label if s.speaker else None, s.start_ms, s.end_ms)
            for s in session.scalars(select(Segment).order_by(Segment.start_ms, Segment.id))
        ]


def theme_paths(project: Project) -> dict[str, str]:
    """Theme GUID -> path of names."""
    themes = {t.id: t for t in rows(project, Theme)}

    def path(theme: Theme) -> str:
        return path(themes[theme.parent_id]) + "/" + theme.name if theme.parent_id else theme.name

    return {t.guid: path(t) for t in themes.values()}


def code_xml(code: str, name: str = "Komunikasi Terbuka", inner: str = "") -> str:
    return f'<CodeBook><Codes><Code guid="{code}" name="{name}" isCodable="true">{inner}</Code></Codes></CodeBook>'


def selection_xml(start: int, end: int, code: str, name: str = "", extra: str = "") -> str:
    return (
        f'<PlainTextSelection guid="{guid()}" name="{name}" startPosition="{start}" endPosition="{end}">'
        f'<Coding guid="{guid()}"><CodeRef targetGUID="{code}"/></Coding>{extra}</PlainTextSelection>'
    )
