"""The theme tree as REFI-QDA codes: the ``CodeBook`` of a project (.qdpx) and a codebook file of its own (.qdc).

Each theme is a ``Code`` (its GUID, name, ``isCodable="true"``, its ``#rrggbb`` colour) with its definition as the
``Description`` and its sub-themes nested inside, in the tree's order. ``ExportOptions.themes`` narrows the tree
to the subtrees of the themes chosen (a theme inside another chosen one is not repeated). A codebook file is
``CodeBook`` in the namespace ``urn:QDA-XML:codebook:1.0`` (Codebook.xsd): codes only, no notes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.core.models import Theme
from annotator.errors import UserError
from annotator.exchange.files import atomic_output
from annotator.exchange.options import ExportOptions, ExportResult, Redact
from annotator.exchange.refi_common import CODEBOOK_NS, ORIGIN, format_guid, normal_colour

if TYPE_CHECKING:
    from annotator.core.project import Project

_INVALID_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF], "\ufffd")


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: control characters (and lone surrogates) become U+FFFD, one for one."""
    text = text.translate(_INVALID_XML)
    if any("\ud800" <= c <= "\udfff" for c in text):
        text = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


@dataclass
class ThemeNode:
    id: int
    guid: str
    name: str
    definition: str
    color: str
    children: list[ThemeNode] = field(default_factory=list)

    def walk(self) -> Iterator[ThemeNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def theme_tree(session: Session, chosen: Sequence[int], out: Path) -> list[ThemeNode]:
    """The roots of the tree to export, in order: every theme, or the subtrees of ``chosen`` (theme ids)."""
    rows = session.execute(
        select(Theme.id, Theme.guid, Theme.parent_id, Theme.name, Theme.definition, Theme.color).order_by(
            Theme.position, Theme.id
        )
    ).all()
    nodes = {r.id: ThemeNode(r.id, r.guid, r.name, r.definition, r.color) for r in rows}
    parents = {r.id: r.parent_id for r in rows}
    roots: list[ThemeNode] = []
    for r in rows:  # in position order, so children arrive in order
        (nodes[r.parent_id].children if r.parent_id in nodes else roots).append(nodes[r.id])
    if not chosen:
        return roots
    missing = [str(i) for i in chosen if i not in nodes]
    if missing:
        raise UserError(f"{out}: no theme {', '.join(missing)} in this project; nothing was written")

    def inside_another(theme_id: int) -> bool:
        parent = parents[theme_id]
        while parent is not None:
            if parent in chosen:
                return True
            parent = parents.get(parent)
        return False

    order = {node.id: rank for rank, node in enumerate(n for root in roots for n in root.walk())}
    picked = sorted({i for i in chosen if not inside_another(i)}, key=order.__getitem__)
    return [nodes[i] for i in picked]


def code_elements(
    parent: ET.Element,
    roots: Sequence[ThemeNode],
    redact: Redact,
    notes: Mapping[int, Sequence[str]] | None = None,
) -> None:
    """Append a ``Code`` for each theme (and, nested, its sub-themes) to ``parent``. ``notes``: per theme id,
    the GUIDs of its notes, referred to by ``NoteRef`` (a project's codebook only)."""
    for node in roots:
        code = ET.SubElement(parent, "Code")
        code.set("guid", format_guid(node.guid))
        code.set("name", xml_text(redact(node.name)))
        code.set("isCodable", "true")
        colour = normal_colour(node.color)
        if colour:
            code.set("color", colour)
        if node.definition.strip():
            ET.SubElement(code, "Description").text = xml_text(redact(node.definition))
        for note in (notes or {}).get(node.id, ()):
            ET.SubElement(code, "NoteRef", targetGUID=note)
        code_elements(code, node.children, redact, notes)


def write_xml(root: ET.Element, path: Path) -> None:
    """An XML file, UTF-8 with a declaration, indented."""
    ET.indent(root, space="  ")
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def export_qdc(project: Project, out: Path, options: ExportOptions, redact: Redact) -> ExportResult:
    """The codebook alone (.qdc): the theme tree, or the subtrees of ``options.themes``."""
    out = Path(out)
    with project.transaction() as session:
        roots = theme_tree(session, options.themes, out)
    if not roots:
        raise UserError(f"{out}: the project has no themes; a codebook needs at least one")
    root = ET.Element("CodeBook", xmlns=CODEBOOK_NS, origin=ORIGIN)
    code_elements(ET.SubElement(root, "Codes"), roots, redact)
    with atomic_output(out) as temporary:
        write_xml(root, temporary)
    themes = sum(1 for node in roots for _ in node.walk())
    return ExportResult([out], {"themes": themes})
