"""Reading REFI-QDA XML (a project's .qde, a .qdc codebook) into plain records, trusting nothing.

The XML is parsed with defusedxml and may declare no DTD and no entities (an XXE or "billion laughs" file is
refused with a message). Namespaces vary between exporters (``urn:QDA-XML:project:1.0``, ``...:1.5``, Transana's
``...:0:10``, none at all): any ``urn:QDA-XML:`` namespace, or none, is read as REFI-QDA; elements of other
namespaces (an exporter's extensions) are left alone. Elements are found by name wherever they stand among their
siblings, so an exporter that writes them out of order is read all the same.

GUIDs are read in any case, with or without braces, and compared in canonical form (:func:`key`). This module
only reads: what becomes of each record is :mod:`~annotator.exchange.refi_import`'s business.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

import defusedxml
import defusedxml.ElementTree as DefusedET

from annotator.errors import UserError
from annotator.exchange.refi_common import derived_guid, normal_colour, normal_guid, parse_datetime

REFI_NAMESPACE = "urn:QDA-XML:"
MAX_CODE_DEPTH = 100  # levels of codes inside codes; real codebooks have a handful
Element = ET.Element


# -- records ------------------------------------------------------------------------------------------------
@dataclass
class Code:
    guid: str
    name: str
    description: str = ""
    color: str | None = None
    codable: bool = True
    notes: list[str] = field(default_factory=list)
    children: list[Code] = field(default_factory=list)

    def walk(self) -> list[Code]:
        """This code and every code below it, depth first."""
        found, stack = [], [self]
        while stack:
            code = stack.pop()
            found.append(code)
            stack.extend(reversed(code.children))
        return found


@dataclass
class Coding:
    guid: str
    code: str | None  # the CodeRef's target (None when there is none)
    user: str | None
    created: Any = None  # a naive UTC datetime, or None
    notes: list[str] = field(default_factory=list)


@dataclass
class Selection:
    """A PlainTextSelection (start, end), a TranscriptSelection (from, to: sync point GUIDs) or an
    Audio/VideoSelection (begin, end: milliseconds)."""

    kind: str
    guid: str
    name: str
    start: str | None  # as written: offsets, milliseconds or a sync point's GUID
    end: str | None
    user: str | None
    codings: list[Coding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class SyncPoint:
    guid: str
    position: int | None
    time_ms: int | None


@dataclass
class Text:
    """Where a text comes from: ``content`` written inside the XML, else a ``path`` (``internal://...``)."""

    content: str | None = None
    path: str | None = None


@dataclass
class Transcript:
    guid: str
    name: str
    text: Text
    sync_points: list[SyncPoint] = field(default_factory=list)
    selections: list[Selection] = field(default_factory=list)


@dataclass
class Source:
    """A TextSource, AudioSource or VideoSource (``kind``: text, audio, video); others are not read."""

    kind: str
    guid: str
    name: str
    text: Text = field(default_factory=Text)  # a text source's own text
    path: str | None = None  # a media source's file
    current_path: str | None = None
    transcripts: list[Transcript] = field(default_factory=list)
    selections: list[Selection] = field(default_factory=list)
    codings: list[Coding] = field(default_factory=list)  # of the whole source
    notes: list[str] = field(default_factory=list)
    has_variables: bool = False


@dataclass
class Case:
    guid: str
    name: str
    description: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    codes: int = 0  # CodeRefs (not kept)
    selections: int = 0  # SelectionRefs (not kept)


@dataclass
class Note:
    guid: str
    name: str
    text: Text
    user: str | None
    created: Any = None


@dataclass
class ProjectFile:
    name: str
    base_path: str
    users: dict[str, str] = field(default_factory=dict)  # guid -> name
    codes: list[Code] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    notes: dict[str, Note] = field(default_factory=dict)
    project_notes: list[str] = field(default_factory=list)  # the Project's own NoteRefs
    unsupported: list[str] = field(default_factory=list)  # what is not read, one reason each


# -- XML ----------------------------------------------------------------------------------------------------
def parse(data: bytes, where: str, root_name: str) -> Element:
    """The root element of untrusted XML, namespaces of REFI-QDA taken off; a UserError naming ``where``."""
    if not data.strip():
        raise UserError(f"{where}: is empty; there is no XML in it")
    try:
        root = DefusedET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        raise UserError(
            f"{where}: declares a DTD (<!DOCTYPE ...>), which can make a reader fetch other files or swell without "
            "end; REFI-QDA files have none, so it is refused"
        ) from None
    except defusedxml.EntitiesForbidden:
        raise UserError(f"{where}: declares XML entities (a way to attack a reader); refused") from None
    except defusedxml.ExternalReferenceForbidden:
        raise UserError(f"{where}: refers to external files from inside the XML; refused") from None
    except ET.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        reason = str(exc).split(":")[0]
        raise UserError(f"{where}: is not well-formed XML ({reason} at line {line}, column {column + 1})") from None
    namespace, local = _split(root.tag)
    if namespace is not None and not namespace.startswith(REFI_NAMESPACE):
        raise UserError(f"{where}: is not REFI-QDA (its root element is {local!r} in the namespace {namespace!r})")
    for element in root.iter():
        if isinstance(element.tag, str):
            ns, name = _split(element.tag)
            if ns is None or ns.startswith(REFI_NAMESPACE):
                element.tag = name
    if root.tag != root_name:
        raise UserError(f"{where}: is not a REFI-QDA {root_name} (its root element is {local!r})")
    return root


def _split(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return None, tag


def _all(element: Element | None, name: str) -> list[Element]:
    """The children of that name ("*": every child), in document order."""
    if element is None:
        return []
    return [c for c in element if name == "*" or c.tag == name]


def _one(element: Element | None, name: str) -> Element | None:
    found = _all(element, name)
    return found[0] if found else None


def _text(element: Element | None, name: str) -> str:
    child = _one(element, name)
    return (child.text or "") if child is not None else ""


def key(value: str | None) -> str | None:
    """A GUID in canonical form; something else as a derived GUID (so references to it still match); None."""
    if value is None or not value.strip():
        return None
    try:
        return normal_guid(value)
    except ValueError:
        return derived_guid("refi-import", value.strip().strip("{}").lower())


def _guid(element: Element) -> str:
    return key(element.get("guid")) or derived_guid("refi-import", "no guid", id(element))


def _refs(element: Element, name: str) -> list[str]:
    return [k for k in (key(r.get("targetGUID")) for r in _all(element, name)) if k]


def _int(value: str | None) -> int | None:
    try:
        return int(str(value).strip())
    except ValueError:
        return None


# -- codes ----------------------------------------------------------------------------------------------------
def read_codes(parent: Element | None, where: str = "the file") -> list[Code]:
    """The code tree under a ``Codes`` element (read without recursion: a file may nest codes thousands deep);
    a UserError naming ``where`` when codes are nested deeper than :data:`MAX_CODE_DEPTH` levels."""
    roots: list[Code] = []
    stack: list[tuple[Element | None, list[Code], int]] = [(parent, roots, 1)]
    while stack:
        element, into, depth = stack.pop()
        for child in _all(element, "Code"):
            if depth > MAX_CODE_DEPTH:
                raise UserError(
                    f"{where}: its codes are nested more than {MAX_CODE_DEPTH} levels deep (code "
                    f"{(child.get('name') or '').strip()[:40]!r}); no codebook needs that many, the file is refused"
                )
            code = Code(
                guid=_guid(child),
                name=(child.get("name") or "").strip(),
                description=_text(child, "Description").strip(),
                color=normal_colour(child.get("color") or ""),
                codable=(child.get("isCodable") or "true").strip().lower() not in ("false", "0"),
                notes=_refs(child, "NoteRef"),
            )
            into.append(code)
            stack.append((child, code.children, depth + 1))
    return roots


def read_codebook(root: Element, where: str = "the file") -> tuple[list[Code], int]:
    """A .qdc: its codes, and how many sets it has (not kept)."""
    return read_codes(_one(root, "Codes"), where), len(_all(_one(root, "Sets"), "Set"))


# -- the project ----------------------------------------------------------------------------------------------
def read_project(root: Element, where: str = "the file") -> ProjectFile:
    project = ProjectFile(name=root.get("name") or "", base_path=root.get("basePath") or "")
    for user in _all(_one(root, "Users"), "User"):
        project.users[_guid(user)] = (user.get("name") or user.get("id") or "").strip()
    codebook = _one(root, "CodeBook")
    project.codes = read_codes(_one(codebook, "Codes"), where)
    variables: dict[str, tuple[str, str]] = {}
    for variable in _all(_one(root, "Variables"), "Variable"):
        variables[_guid(variable)] = ((variable.get("name") or "").strip(), variable.get("typeOfVariable") or "Text")
    project.cases = [_case(c, variables) for c in _all(_one(root, "Cases"), "Case")]
    for element in _all(_one(root, "Sources"), "*"):
        if element.tag in ("TextSource", "AudioSource", "VideoSource"):
            project.sources.append(_source(element))
        elif element.tag in ("PDFSource", "PictureSource"):
            what = "PDF documents" if element.tag == "PDFSource" else "pictures"
            project.unsupported.append(
                f"{element.tag} {element.get('name') or _guid(element)!r}: Annotator has no {what}"
            )
    for note in _all(_one(root, "Notes"), "Note"):
        project.notes[_guid(note)] = Note(
            guid=_guid(note),
            name=(note.get("name") or "").strip(),
            text=_content(note),
            user=key(note.get("creatingUser")),
            created=parse_datetime(note.get("creationDateTime") or ""),
        )
    project.project_notes = _refs(root, "NoteRef")
    for container, item, what in (("Sets", "Set", "sets"), ("Graphs", "Graph", "graphs"), ("Links", "Link", "links")):
        n = len(_all(_one(root, container), item))
        if n:
            project.unsupported.append(f"{n} {what if n > 1 else what[:-1]}: Annotator has no {what}")
    return project


def _content(element: Element) -> Text:
    inline = _one(element, "PlainTextContent")
    if inline is not None:
        return Text(content=inline.text or "")
    return Text(path=element.get("plainTextPath"))


def _case(element: Element, variables: dict[str, tuple[str, str]]) -> Case:
    case = Case(
        guid=_guid(element),
        name=(element.get("name") or "").strip(),
        description=_text(element, "Description").strip(),
        sources=_refs(element, "SourceRef"),
        codes=len(_all(element, "CodeRef")),
        selections=len(_all(element, "SelectionRef")),
    )
    for value in _all(element, "VariableValue"):
        ref_element = _one(value, "VariableRef")
        ref = key(ref_element.get("targetGUID")) if ref_element is not None else None
        name = variables.get(ref, ("", ""))[0] if ref else ""
        if not name:
            continue
        case.values[name] = _variable_value(value)
    return case


def _variable_value(element: Element) -> Any:
    for child in element:
        text = (child.text or "").strip()
        if child.tag == "BooleanValue":
            return text.lower() in ("true", "1")
        if child.tag == "IntegerValue":
            number = _int(text)
            return number if number is not None else text
        if child.tag == "FloatValue":
            try:
                return float(text)
            except ValueError:
                return text
        if child.tag in ("TextValue", "DateValue", "DateTimeValue"):
            return text
    return ""


def _codings(element: Element) -> list[Coding]:
    codings = []
    for coding in _all(element, "Coding"):
        ref = _one(coding, "CodeRef")
        codings.append(
            Coding(
                guid=_guid(coding),
                code=key(ref.get("targetGUID")) if ref is not None else None,
                user=key(coding.get("creatingUser")),
                created=parse_datetime(coding.get("creationDateTime") or ""),
                notes=_refs(coding, "NoteRef"),
            )
        )
    return codings


def _selection(element: Element, kind: str, start: str, end: str) -> Selection:
    return Selection(
        kind=kind,
        guid=_guid(element),
        name=element.get("name") or "",
        start=element.get(start),
        end=element.get(end),
        user=key(element.get("creatingUser")),
        codings=_codings(element),
        notes=_refs(element, "NoteRef"),
    )


def _source(element: Element) -> Source:
    kind = {"TextSource": "text", "AudioSource": "audio", "VideoSource": "video"}[element.tag]
    source = Source(
        kind=kind,
        guid=_guid(element),
        name=(element.get("name") or "").strip(),
        path=element.get("path"),
        current_path=element.get("currentPath"),
        codings=_codings(element),
        notes=_refs(element, "NoteRef"),
        has_variables=bool(_all(element, "VariableValue")),
    )
    if kind == "text":
        source.text = _content(element)
        source.selections = [
            _selection(s, "text", "startPosition", "endPosition") for s in _all(element, "PlainTextSelection")
        ]
        return source
    for transcript in _all(element, "Transcript"):
        source.transcripts.append(
            Transcript(
                guid=_guid(transcript),
                name=(transcript.get("name") or "").strip(),
                text=_content(transcript),
                sync_points=[
                    SyncPoint(_guid(p), _int(p.get("position")), _int(p.get("timeStamp")))
                    for p in _all(transcript, "SyncPoint")
                ],
                selections=[
                    _selection(s, "transcript", "fromSyncPoint", "toSyncPoint")
                    for s in _all(transcript, "TranscriptSelection")
                ],
            )
        )
    media_selection = "AudioSelection" if kind == "audio" else "VideoSelection"
    source.selections = [_selection(s, "media", "begin", "end") for s in _all(element, media_selection)]
    return source
