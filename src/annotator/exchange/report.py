"""Coded passages as a findings report in Word (``docx``): what a researcher hands to a supervisor.

The report opens with its title, the project's name, the date and what it holds; then, for each theme of the
selection in tree order, a heading (Heading 1 for a theme chosen, one level deeper for each sub-theme), the
theme's definition in italics, and its passages: each quote as a block quote ending in who said it and where
(``— WBS-01 (resident), Anak, wawancara-wbs, 00:01:03–00:01:09``), then its memo. A theme without passages is
left out unless a theme below it has some, so that the tree stays readable.

Every text goes through the export's :data:`~annotator.exchange.options.Redact`, the document's properties
too: the title, the subject and the author (the project's first coder; nobody when the export is
pseudonymised). The comments python-docx leaves in its template are cleared.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.services.coding import PassageView
from annotator.exchange.files import atomic_output
from annotator.exchange.options import ExportOptions, ExportResult, Redact
from annotator.exchange.passages_out import Selection, author, hms, select_passages, source, xml_safe

if TYPE_CHECKING:
    from annotator.core.project import Project

# The report is written in the project's language (Indonesian or English): it is handed to a supervisor.
WORDS = {
    "en": {
        "title": "Coded passages",
        "project": "Project",
        "date": "Date",
        "memo": "Memo",
        "none": "No coded passages.",
        "holds": "{passages} from {sources}.",
        "and": " and ",
        "passage": ("passage", "passages"),
        "recording": ("recording", "recordings"),
        "document": ("field notes document", "field notes documents"),
        "roles": {},
    },
    "id": {
        "title": "Kutipan yang dikodekan",
        "project": "Proyek",
        "date": "Tanggal",
        "memo": "Memo",
        "none": "Tidak ada kutipan yang dikodekan.",
        "holds": "{passages} dari {sources}.",
        "and": " dan ",
        "passage": ("kutipan", "kutipan"),
        "recording": ("rekaman", "rekaman"),
        "document": ("dokumen catatan lapangan", "dokumen catatan lapangan"),
        "roles": {"resident": "WBS", "staff": "pegawai", "interviewer": "pewawancara", "other": "lainnya"},
    },
}
TITLE = WORDS["en"]["title"]


def words_for(language: str) -> dict[str, Any]:
    return WORDS.get(language, WORDS["en"])


def reference(p: PassageView, words: dict[str, Any] | None = None) -> str:
    """Who said a passage, and where: ``WBS-01 (resident), Anak, wawancara-wbs, 00:01:03–00:01:09``."""
    roles = (words or WORDS["en"])["roles"]
    parts = []
    if p.participant:
        parts.append(f"{p.participant} ({roles.get(p.role, p.role)})" if p.role else p.participant)
    if p.speaker and p.speaker != p.participant:
        parts.append(p.speaker)
    parts.append(source(p))
    if p.recording_id is not None:
        parts.append(f"{hms(p.start_ms)}–{hms(p.end_ms)}")
    return ", ".join(part for part in parts if part)


def _contents(chosen: Selection, words: dict[str, Any] | None = None) -> str:
    """What the report holds: ``12 passages from 2 recordings and 1 field notes document``."""
    words = words or WORDS["en"]

    def plural(n: int, key: str) -> str:
        one, many = words[key]
        return f"{n} {one if n == 1 else many}"

    recordings = len({p.recording_id for p in chosen.passages if p.recording_id is not None})
    documents = len({p.document_id for p in chosen.passages if p.document_id is not None})
    sources = [plural(n, key) for n, key in ((recordings, "recording"), (documents, "document")) if n]
    if not sources:
        return words["none"]
    return words["holds"].format(passages=plural(len(chosen.passages), "passage"), sources=words["and"].join(sources))


def export_report_docx(project: Project, out: Path, options: ExportOptions, redact: Redact) -> ExportResult:
    """A Word report of the selection's passages, theme by theme in tree order."""
    import docx

    def text(value: str) -> str:
        return xml_safe(redact(value))

    chosen = select_passages(project, options)
    info = project.info()
    name, words = info.name, words_for(info.language)
    today = dt.date.today()
    document = docx.Document()
    document.add_heading(text(words["title"]), level=0)
    document.add_paragraph(text(f"{words['project']}: {name}"))
    document.add_paragraph(f"{words['date']}: {today.isoformat()}")
    document.add_paragraph(text(_contents(chosen, words)))

    with_passages = {p.theme_id for p in chosen.passages}
    themes = 0
    for depth, node in chosen.themes:
        if not any(t.id in with_passages for _, t in node.walk()):
            continue
        themes += 1
        document.add_heading(text(node.name), level=min(depth + 1, 9))
        if node.definition:
            document.add_paragraph().add_run(text(node.definition)).italic = True
        for p in chosen.own(node.id):
            quote = document.add_paragraph(style="Quote")
            quote.add_run(text(f"“{p.text}”"))
            quote.add_run().add_break()
            quote.add_run(text(f"— {reference(p, words)}"))
            if p.memo:
                memo = document.add_paragraph()
                memo.add_run(f"{words['memo']}: ").bold = True
                memo.add_run(text(p.memo))

    properties = document.core_properties
    properties.title = text(f"{words['title']}: {name}")
    properties.subject = text(name)
    properties.author = properties.last_modified_by = xml_safe(author(project, options, redact))
    properties.comments = properties.keywords = properties.category = ""
    properties.created = properties.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.revision = 1
    with atomic_output(out) as part:
        document.save(str(part))
    return ExportResult([Path(out)], {"passages": len(chosen.passages), "themes": themes})
