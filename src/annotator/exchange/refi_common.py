"""What REFI-QDA (QDA-XML 1.0) export and import share: namespaces, archive layout, GUIDs, dates and colours.

Small and stable on purpose: :mod:`~annotator.exchange.refi_export` writes with it and
:mod:`~annotator.exchange.refi_import` reads with it.

- GUIDs are written in canonical form, lowercase ``8-4-4-4-12`` without braces (:func:`format_guid`); read in any
  case, with or without braces (:func:`normal_guid`). GUIDs the exporter makes up for things Annotator has no
  row for (sync points, selections, transcripts, variables) are derived from the GUIDs of the rows they belong to
  (:func:`derived_guid`), so exporting the same project twice gives the same file.
- Dates are ``xsd:dateTime`` in UTC with a ``Z`` (``2026-11-28T03:00:00Z``); Annotator stores naive UTC.
- Colours are ``#rrggbb``.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid

from annotator import __version__

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = f"Annotator {__version__}"

PROJECT_ENTRY = "project.qde"  # the XML inside a .qdpx (others may name it differently; always written so)
SOURCES_FOLDER = "sources"  # NVivo writes "Sources"
INTERNAL = "internal://"  # a file in the archive's sources folder
RELATIVE = "relative://"  # a file relative to the project's basePath
ABSOLUTE = "absolute://"  # a file anywhere

# Derived GUIDs live in their own name space, so they never collide with the uuid4 ones of rows.
_DERIVED = uuid.UUID("6f1d7c52-3a8e-4d0b-9f61-2c5e8a4b7d90")
_GUID = re.compile(r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$")
_COLOUR = re.compile(r"^#?(?:([0-9a-fA-F]{6})(?:[0-9a-fA-F]{2})?|([0-9a-fA-F]{3}))$")


def tag(name: str, namespace: str = PROJECT_NS) -> str:
    """An element or attribute name in Clark notation, as ElementTree wants it: ``{urn:...}Code``."""
    return f"{{{namespace}}}{name}"


# -- GUIDs ------------------------------------------------------------------------------------------------
def normal_guid(value: str) -> str:
    """The canonical form (lowercase, no braces) of a GUID written in any case, with or without braces.
    Raises ValueError for anything else."""
    match = _GUID.match(value.strip()) if isinstance(value, str) else None
    if match is None or value.strip().startswith("{") != value.strip().endswith("}"):
        raise ValueError(f"{value!r} is not a GUID")
    return match.group(1).lower()


def format_guid(value: str) -> str:
    """A stored GUID as written to a file (canonical form); ValueError when it is not one."""
    return normal_guid(value)


def derived_guid(*parts: object) -> str:
    """A GUID that always comes out the same for the same parts (e.g. a recording's GUID and "transcript")."""
    return str(uuid.uuid5(_DERIVED, "\x1f".join(str(p) for p in parts)))


# -- dates --------------------------------------------------------------------------------------------------
def format_datetime(value: dt.datetime) -> str:
    """``xsd:dateTime`` in UTC to the second: ``2026-11-28T03:00:00Z``. A naive value is taken as UTC (as the
    database stores it)."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.replace(microsecond=0).isoformat(timespec="seconds") + "Z"


def parse_datetime(text: str) -> dt.datetime | None:
    """A naive UTC datetime from an ``xsd:dateTime`` (``Z``, an offset, or none taken as UTC; fractions of a
    second kept; a space instead of ``T`` forgiven); None when it cannot be read."""
    text = text.strip().replace(" ", "T", 1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


# -- colours ------------------------------------------------------------------------------------------------
def normal_colour(value: str) -> str | None:
    """``#rrggbb`` (lowercase) from ``#RGB``, ``#RRGGBB`` or ``#RRGGBBAA`` (alpha dropped), None otherwise."""
    match = _COLOUR.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        return None
    digits = match.group(1) or "".join(c * 2 for c in match.group(2))
    return "#" + digits.lower()
