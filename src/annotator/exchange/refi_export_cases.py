"""Participants as REFI-QDA cases, their attributes as variables.

Each participant is a ``Case`` named by its code, with its role as the first line of the ``Description`` (its
notes, if any, after a blank line), a ``VariableValue`` for each attribute that has a value, and a ``SourceRef``
to each exported recording it is interviewed or speaks in and each document about it. Each attribute name is one
``Variable``, typed by the values the participants have: ``Boolean`` when all are true/false, ``Integer`` when all
are whole numbers, ``Float`` when all are numbers, ``Date`` when all are ISO dates (``2026-11-28``), else ``Text``.
Text values go through the pseudonymiser; numbers, dates and booleans cannot hold a name.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from annotator.core.models import Participant
from annotator.exchange.options import Redact
from annotator.exchange.refi_codebook import xml_text
from annotator.exchange.refi_common import derived_guid, format_guid

TEXT, BOOLEAN, INTEGER, FLOAT, DATE = "Text", "Boolean", "Integer", "Float", "Date"
_ELEMENT = {TEXT: "TextValue", BOOLEAN: "BooleanValue", INTEGER: "IntegerValue", FLOAT: "FloatValue", DATE: "DateValue"}


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def variable_type(values: Sequence[Any]) -> str:
    """The REFI-QDA type that holds every one of ``values``."""
    if all(isinstance(v, bool) for v in values):
        return BOOLEAN
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return INTEGER
    if all(_is_number(v) for v in values):
        return FLOAT
    if all(_is_date(v) for v in values):
        return DATE
    return TEXT


def value_text(value: Any, kind: str, redact: Redact) -> str:
    if kind == BOOLEAN:
        return "true" if value else "false"
    if kind == INTEGER:
        return str(value)
    if kind == FLOAT:  # xsd:decimal: no exponent
        return format(Decimal(repr(float(value))), "f")
    if kind == DATE:
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return xml_text(redact(text))


class Variables:
    """The variables of a set of participants: one per attribute name, in order of first appearance."""

    def __init__(self, participants: Iterable[Participant], scope: str) -> None:
        values: dict[str, list[Any]] = {}
        for participant in participants:
            for name, value in participant.attributes.items():
                if value is not None:
                    values.setdefault(name, []).append(value)
        self.types = {name: variable_type(found) for name, found in values.items()}
        self.guids = {name: derived_guid(scope, "variable", name) for name in values}

    def element(self, redact: Redact) -> ET.Element | None:
        if not self.types:
            return None
        root = ET.Element("Variables")
        for name, kind in self.types.items():
            ET.SubElement(root, "Variable", guid=self.guids[name], name=xml_text(redact(name)), typeOfVariable=kind)
        return root

    def values(self, parent: ET.Element, attributes: Mapping[str, Any], redact: Redact) -> None:
        for name, value in attributes.items():
            if value is None or name not in self.types:
                continue
            kind = self.types[name]
            holder = ET.SubElement(parent, "VariableValue")
            ET.SubElement(holder, "VariableRef", targetGUID=self.guids[name])
            ET.SubElement(holder, _ELEMENT[kind]).text = value_text(value, kind, redact)


def cases_element(
    participants: Sequence[Participant],
    variables: Variables,
    sources: Mapping[int, Sequence[str]],
    redact: Redact,
) -> ET.Element | None:
    """``Cases``: one per participant; ``sources`` gives, per participant id, the GUIDs of its sources."""
    if not participants:
        return None
    root = ET.Element("Cases")
    for participant in participants:
        case = ET.SubElement(root, "Case", guid=format_guid(participant.guid), name=xml_text(redact(participant.code)))
        description = participant.role
        if participant.notes.strip():
            description += "\n\n" + redact(participant.notes.strip())
        ET.SubElement(case, "Description").text = xml_text(description)
        variables.values(case, participant.attributes, redact)
        for guid in sources.get(participant.id, ()):
            ET.SubElement(case, "SourceRef", targetGUID=guid)
    return root
