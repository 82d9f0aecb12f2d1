"""Translations read straight from the Qt Linguist ``.ts`` files under ``resources/translations``.

Qt's own QTranslator wants compiled ``.qm`` files; compiling them would put generated binaries in the
repository or a build step in every install. A ``.ts`` file is small XML the project writes itself, so
this translator reads it directly. ``%n`` plurals take the first form (Indonesian has one).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405 - our own resource file, not user input
from pathlib import Path

from PySide6.QtCore import QObject, QTranslator

from annotator.resources import resource_path


def translation_file(language: str) -> Path:
    return resource_path("translations", f"annotator_{language}.ts")


class TsTranslator(QTranslator):
    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.messages: dict[tuple[str, str], str] = {}
        root = ET.parse(path).getroot()  # noqa: S314
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source")
                element = message.find("translation")
                if source is None or element is None or element.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                forms = [form.text or "" for form in element.iter("numerusform")]
                text = forms[0] if forms else (element.text or "")
                if text:
                    self.messages[(name, source)] = text

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self.messages

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        text = self.messages.get((context, source))
        if text is None:
            return None  # Qt falls back to the source text
        return text.replace("%n", str(n)) if n >= 0 else text


def translator_for(language: str, parent: QObject | None = None) -> TsTranslator | None:
    path = translation_file(language)
    return TsTranslator(path, parent) if path.is_file() else None
