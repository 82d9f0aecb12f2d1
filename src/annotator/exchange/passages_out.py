"""Coded passages as tables: ``csv`` (UTF-8 with a byte order mark, so that Excel reads it as UTF-8) and ``xlsx``.

Both write one row per coding, in theme-tree order, then by recording (then field notes), then in the order of
the text (:meth:`~annotator.core.services.coding.CodingService.passages`), with the columns of :data:`COLUMNS`.
Times are ``hh:mm:ss`` for people and milliseconds for programs; a passage of field notes has none.

The workbook has a "Summary" sheet first: each theme of the selection in tree order (indented by depth), its own
passages, those with its sub-themes, and its passages by the role of who said them; then a sheet per theme that
has passages, named after it (Excel allows 31 characters, no ``[]:*?/\\``, and no two names alike in any case).

Every text goes through the export's :data:`~annotator.exchange.options.Redact`. A cell that would start a
formula (``=``, ``+``, ``-``, ``@``) is written as text: in the CSV with an apostrophe before it, as Excel itself
does; in the workbook by its cell type. :func:`select_passages` and the helpers below are shared with the Word
report (:mod:`~annotator.exchange.report`).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from annotator.core.models import Coder
from annotator.core.services.coding import PassageView
from annotator.core.services.participants import ROLES
from annotator.core.services.themes import ThemeNode
from annotator.errors import NotFound
from annotator.exchange.files import atomic_output
from annotator.exchange.options import ExportOptions, ExportResult, Redact

if TYPE_CHECKING:
    from annotator.core.project import Project

COLUMNS = (
    "theme",
    "quote",
    "speaker",
    "participant",
    "role",
    "source",
    "start",
    "end",
    "start_ms",
    "end_ms",
    "memo",
    "coder",
    "guid",
)
_WIDTHS = (32, 80, 14, 12, 12, 24, 10, 10, 10, 10, 40, 14, 38)
_WRAPPED = {"quote", "memo"}
SUMMARY = "Summary"
# Characters XML 1.0 cannot hold (the control characters but tab, line feed and carriage return).
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Selection:
    """What an export of coded passages takes: the themes chosen, in tree order with their depth below the theme
    chosen, and their passages."""

    themes: list[tuple[int, ThemeNode]]
    passages: list[PassageView]

    def own(self, theme_id: int) -> list[PassageView]:
        """The passages coded with this theme itself."""
        return [p for p in self.passages if p.theme_id == theme_id]


def select_passages(project: Project, options: ExportOptions) -> Selection:
    """The themes of ``options`` (each with its sub-themes; every theme when none is given) and the passages
    coded with them, from the recordings of ``options`` (every recording and the field notes when none is)."""
    tree = project.themes.tree()
    wanted = set(options.themes)
    found: set[int] = set()
    themes: list[tuple[int, ThemeNode]] = []

    def visit(node: ThemeNode, chosen: bool) -> None:
        if not chosen and node.id in wanted:
            chosen = True
            themes.extend(node.walk())
        found.add(node.id)
        for child in node.children:
            visit(child, chosen)

    for root in tree:
        if wanted:
            visit(root, False)
        else:
            themes.extend(root.walk())
    missing = sorted(wanted - found)
    if missing:
        raise NotFound(f"no theme {missing[0]} in this project")
    passages = project.coding.passages(list(options.themes) or None, recordings=list(options.recordings) or None)
    return Selection(themes, passages)


def hms(ms: int | None) -> str:
    """``hh:mm:ss`` (empty without a time)."""
    if ms is None:
        return ""
    seconds = max(ms, 0) // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def xml_safe(text: str) -> str:
    """The text without the characters a .xlsx or .docx part cannot hold."""
    return _NOT_XML.sub("", text)


def author(project: Project, options: ExportOptions, redact: Redact) -> str:
    """Who a document says wrote it: the project's first coder; nobody when the export is pseudonymised."""
    if options.pseudonymize:
        return ""
    with project.reading() as session:
        name = session.scalar(select(Coder.name).order_by(Coder.id).limit(1))
    return redact(name or "")


def source(p: PassageView) -> str:
    """The recording's title, or the document's."""
    return (p.recording if p.recording_id is not None else p.document) or ""


def row(p: PassageView, redact: Redact) -> list[Any]:
    """A passage's cells, in the order of :data:`COLUMNS`."""
    texts = (p.theme_path, p.text, p.speaker or "", p.participant or "", p.role or "", source(p))
    after = (p.memo, p.coder or "")
    return [
        *(redact(t) for t in texts),
        hms(p.start_ms),
        hms(p.end_ms),
        p.start_ms if p.start_ms is not None else "",
        p.end_ms if p.end_ms is not None else "",
        *(redact(t) for t in after),
        p.guid,
    ]


# -- CSV ---------------------------------------------------------------------------------------
def _csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_csv(project: Project, out: Path, options: ExportOptions, redact: Redact) -> ExportResult:
    """Every passage of the selection, one row each, in a CSV file Excel opens as UTF-8."""
    chosen = select_passages(project, options)
    with atomic_output(out) as part, part.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for p in chosen.passages:
            writer.writerow([_csv_cell(value) for value in row(p, redact)])
    return ExportResult([Path(out)], {"passages": len(chosen.passages)})


# -- XLSX --------------------------------------------------------------------------------------
def sheet_name(name: str, used: set[str]) -> str:
    """A sheet name Excel accepts, unlike any in ``used`` (compared without regard to case); added to it."""
    base = _NOT_IN_SHEET_NAMES.sub("-", xml_safe(" ".join(name.split()))).strip("'").strip() or "Theme"
    candidate, n = base[:31], 1
    while candidate.casefold() in used or candidate.casefold() == "history":  # Excel keeps "History" for itself
        n += 1
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)].rstrip() + suffix
    used.add(candidate.casefold())
    return candidate


def export_xlsx(project: Project, out: Path, options: ExportOptions, redact: Redact) -> ExportResult:
    """A summary sheet of counts per theme and role, then a sheet of passages per theme that has any."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    chosen = select_passages(project, options)
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY
    used = {SUMMARY.casefold()}
    bold = Font(bold=True)

    def put(sheet: Any, values: list[Any]) -> None:
        sheet.append([xml_safe(v) if isinstance(v, str) else v for v in values])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it begins with "=": never a formula

    roles = [*ROLES, "unknown"]
    put(summary, ["theme", "passages", "with sub-themes", *roles])
    sheets: list[tuple[str, list[PassageView]]] = []
    for depth, node in chosen.themes:
        own = chosen.own(node.id)
        below = {t.id for _, t in node.walk()}
        by_role = Counter(p.role or "unknown" for p in own)
        put(summary, [redact(node.name), len(own), sum(p.theme_id in below for p in chosen.passages)])
        for column, role in enumerate(roles, start=4):
            summary.cell(summary.max_row, column, by_role.get(role, 0))
        name_cell = summary.cell(summary.max_row, 1)
        name_cell.alignment = Alignment(indent=depth)
        if own:
            sheets.append((sheet_name(redact(node.name), used), own))
            quoted = sheets[-1][0].replace("'", "''")
            name_cell.hyperlink = Hyperlink(ref=name_cell.coordinate, location=f"'{quoted}'!A1")
    put(summary, ["total", len(chosen.passages), ""])
    by_role = Counter(p.role or "unknown" for p in chosen.passages)
    for column, role in enumerate(roles, start=4):
        summary.cell(summary.max_row, column, by_role.get(role, 0))
    for cell in (*summary[1], *summary[summary.max_row]):
        cell.font = bold
    summary.freeze_panes = "B2"
    summary.column_dimensions["A"].width = 48
    for column in range(2, 4 + len(roles)):
        summary.column_dimensions[get_column_letter(column)].width = 14

    wrapped = Alignment(wrap_text=True, vertical="top")
    for name, own in sheets:
        sheet = book.create_sheet(name)
        put(sheet, list(COLUMNS))
        for p in own:
            put(sheet, row(p, redact))
        for cell in sheet[1]:
            cell.font = bold
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for column, (heading, width) in enumerate(zip(COLUMNS, _WIDTHS, strict=True), start=1):
            letter = get_column_letter(column)
            sheet.column_dimensions[letter].width = width
            if heading in _WRAPPED:
                for cell in sheet[letter][1:]:
                    cell.alignment = wrapped

    book.properties.title = xml_safe(redact(f"Coded passages: {project.info().name}"))
    book.properties.creator = book.properties.lastModifiedBy = xml_safe(author(project, options, redact))
    with atomic_output(out) as part:
        book.save(part)
    return ExportResult([Path(out)], {"passages": len(chosen.passages), "themes": len(sheets)})
