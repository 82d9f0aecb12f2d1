"""Project settings: name, default transcription language, vocabulary of names and local terms."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.core.models import ProjectInfo
from annotator.core.services.base import Service
from annotator.errors import UserError

_LANGUAGE = re.compile(r"^(auto|[a-z]{2,3})$")


def check_language(code: str) -> str:
    """A language code as Whisper knows them (``id``, ``en``, ``jw`` ...) or ``auto``."""
    code = code.strip().lower()
    if not _LANGUAGE.match(code):
        raise UserError(f"{code!r} is not a language code; use a code such as id, en or auto")
    return code


def split_terms(text: str) -> list[str]:
    """``"WBS, panti; piket"`` -> ``["WBS", "panti", "piket"]``."""
    return [term.strip() for term in re.split(r"[,;\n]", text) if term.strip()]


class SettingsService(Service):
    @staticmethod
    def _info(session: Session) -> ProjectInfo:
        return session.scalars(select(ProjectInfo)).one()

    def get(self) -> ProjectInfo:
        with self.transaction() as session:
            return self._info(session)

    def rename(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise UserError("a project needs a name")
        with self.transaction() as session:
            self._info(session).name = name

    def set_language(self, code: str) -> None:
        code = check_language(code)
        with self.transaction() as session:
            self._info(session).language = code

    def add_vocabulary(self, terms: list[str]) -> list[str]:
        """Add terms (names, places, local words) the recogniser should know; returns the whole list."""
        with self.transaction() as session:
            info = self._info(session)
            known = {term.casefold() for term in info.vocabulary}
            added = []
            for term in (t.strip() for t in terms):
                if term and term.casefold() not in known:
                    known.add(term.casefold())
                    added.append(term)
            info.vocabulary = [*info.vocabulary, *added]
            return list(info.vocabulary)

    def remove_vocabulary(self, terms: list[str]) -> list[str]:
        drop = {term.strip().casefold() for term in terms}
        with self.transaction() as session:
            info = self._info(session)
            info.vocabulary = [term for term in info.vocabulary if term.casefold() not in drop]
            return list(info.vocabulary)
