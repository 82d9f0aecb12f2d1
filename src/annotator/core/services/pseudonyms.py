"""Pseudonyms: the real names of a study (children, staff, places) and the codes that replace them in exports.

The list is the project's own: ``Sari Dewi`` becomes ``WBS-01``, ``Panti Harapan`` becomes ``PANTI-A``. An export
with ``--pseudonymize`` passes every text it writes through a :class:`Redactor` made from the list
(:func:`annotator.exchange.redact.redactor`), so that no listed name leaves the laptop unless the researcher wants
it to.

How names are found in a text:

- As whole words, without regard to case, with any whitespace (spaces, a line break, a non-breaking space)
  between the words of a name: ``ibu  Sari\\nDewi`` is ``Ibu Sari Dewi``.
- Longest names first, in one pass: ``Ibu Sari Dewi`` is replaced as a whole before ``Sari`` could be, and a
  replacement is never searched again.
- Indonesian clitics written onto a name (``Sarinya``, ``Dewilah``, ``Ranimupun``) are kept and the name replaced
  (``WBS-01nya``): the suffix would otherwise hide the name from a whole-word match.
- Every other character of the text is kept as it was.

So that a redacted text can never hold a listed name, a code may not contain a listed real name, and a real name
may not appear in a listed code; as codes go into file names, they hold no ``/`` or ``\\``. Each public method is
one short transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.core.models import Pseudonym
from annotator.core.services.base import Service
from annotator.errors import NotFound, UserError

KINDS = ("person", "place", "other")
# Written onto a word in Indonesian: a possessive, then a particle ("Sarinya", "Sarilah", "Sarinyalah").
CLITICS = r"(?:nya|ku|mu)?(?:lah|kah|pun)?"
NAME_LENGTH = 200


@dataclass(frozen=True)
class PseudonymView:
    id: int
    guid: str
    real: str  # the name as written, its spaces made single
    replacement: str  # the code that stands for it in exports
    kind: str  # person, place or other
    created_at: dt.datetime


def _tidy(text: str) -> str:
    return " ".join(text.split())


def _pattern(name: str, index: int) -> str:
    """One name as a pattern: whole words, any whitespace between them, a clitic allowed after the last."""
    words = name.split()
    body = r"\s+".join(re.escape(word) for word in words)
    if re.match(r"\w", words[0][0]):
        body = r"(?<!\w)" + body
    body = f"(?P<n_{index}>{body})"
    if re.match(r"\w", words[-1][-1]):
        body += f"(?P<c_{index}>{CLITICS})(?!\\w)"
    return body


class Redactor:
    """Replaces every listed name in a text by its code (see the module's notes). Made once per export."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        ordered = sorted(((_tidy(real), code) for real, code in pairs), key=lambda pair: (-len(pair[0]), pair[0]))
        self.names = [real for real, _ in ordered]
        self._codes = [code for _, code in ordered]
        self._clitic = [f"c_{i}" if re.search(r"\w$", real) else None for i, real in enumerate(self.names)]
        alternatives = "|".join(_pattern(real, i) for i, real in enumerate(self.names))
        self._regex = re.compile(alternatives, re.IGNORECASE) if self.names else None

    def __call__(self, text: str) -> str:
        if self._regex is None or not text:
            return text
        return self._regex.sub(self._replace, text)

    def finds(self, text: str) -> str | None:
        """The first listed name in ``text`` (as the list writes it), if any."""
        match = self._regex.search(text) if self._regex is not None else None
        return self.names[self._index(match)] if match else None

    @staticmethod
    def _index(match: re.Match[str]) -> int:
        assert match.lastgroup is not None
        return int(match.lastgroup.split("_")[1])

    def _replace(self, match: re.Match[str]) -> str:
        index = self._index(match)
        clitic = self._clitic[index]
        return self._codes[index] + ((match.group(clitic) or "") if clitic else "")


class PseudonymService(Service):
    # -- lookup --------------------------------------------------------------------------------
    @staticmethod
    def find(session: Session, real: str) -> Pseudonym:
        """The entry for a real name (without regard to case or spacing)."""
        wanted = _tidy(real).casefold()
        for entry in session.scalars(select(Pseudonym)):
            if entry.real.casefold() == wanted:
                return entry
        raise NotFound(f"no pseudonym for {_tidy(real)!r} in this project")

    def list(self) -> list[PseudonymView]:
        """Every entry, by kind (people, places, others) then by name."""
        with self.transaction() as session:
            entries = list(session.scalars(select(Pseudonym)))
            entries.sort(key=lambda e: (KINDS.index(e.kind) if e.kind in KINDS else len(KINDS), e.real.casefold()))
            return [self._view(e) for e in entries]

    # -- changing ------------------------------------------------------------------------------
    def add(self, real: str, replacement: str, kind: str = "person") -> PseudonymView:
        """List a real name with the code that replaces it."""
        with self.transaction() as session:
            return self._add(session, real, replacement, kind)

    def remove(self, real: str) -> PseudonymView:
        """Take a name off the list; returns the entry as it was."""
        with self.transaction() as session:
            return self._remove(session, real)

    def change(
        self, add: Sequence[tuple[str, str]] = (), remove: Sequence[str] = (), kind: str = "person"
    ) -> tuple[list[PseudonymView], list[PseudonymView]]:
        """Remove, then add, in one transaction: all of it or, when one is refused, none of it. Returns the
        entries added and those removed."""
        with self.transaction() as session:
            removed = [self._remove(session, real) for real in remove]
            added = [self._add(session, real, code, kind) for real, code in add]
            return added, removed

    def _add(self, session: Session, real: str, replacement: str, kind: str) -> PseudonymView:
        real, replacement, kind = _tidy(real), _tidy(replacement), kind.strip().casefold()
        if kind not in KINDS:
            raise UserError(f"{kind!r} is not a kind of name; use one of {', '.join(KINDS)}")
        if not real:
            raise UserError("a pseudonym needs the real name it replaces")
        if not re.search(r"\w", real):
            raise UserError(f"{real!r} is not a name: it has no letters or digits")
        if not replacement:
            raise UserError(f"{real!r}: give the code that replaces it, e.g. {real}=WBS-01")
        if re.search(r"[/\\]", replacement):
            raise UserError(f"{real!r}: its code {replacement!r} cannot hold / or \\ (codes go into file names)")
        for text in (real, replacement):
            if len(text) > NAME_LENGTH:
                raise UserError(f"{text[:40]!r}...: longer than {NAME_LENGTH} characters")
        entries = list(session.scalars(select(Pseudonym)))
        for entry in entries:
            if entry.real.casefold() == real.casefold():
                raise UserError(f"{real!r} is listed already (replaced by {entry.replacement!r})")
        listed = Redactor([(e.real, e.replacement) for e in entries] + [(real, replacement)]).finds(replacement)
        if listed is not None:
            raise UserError(f"{real!r}: its code {replacement!r} contains the listed real name {listed!r}")
        alone = Redactor([(real, replacement)])
        for entry in entries:
            if alone.finds(entry.replacement):
                raise UserError(
                    f"{real!r} is in the code of {entry.real!r} ({entry.replacement!r}); a code cannot hold a real name"
                )
        entry = Pseudonym(real=real, replacement=replacement, kind=kind)
        session.add(entry)
        session.flush()
        return self._view(entry)

    def _remove(self, session: Session, real: str) -> PseudonymView:
        entry = self.find(session, real)
        view = self._view(entry)
        session.delete(entry)
        session.flush()
        return view

    # -- redacting -----------------------------------------------------------------------------
    def redactor(self) -> Redactor:
        """A redactor for the list as it is now (an empty list makes one that changes nothing)."""
        with self.transaction() as session:
            return Redactor(
                (real, code) for real, code in session.execute(select(Pseudonym.real, Pseudonym.replacement))
            )

    def redact(self, text: str) -> str:
        """``text`` with every listed name replaced by its code."""
        return self.redactor()(text)

    @staticmethod
    def _view(entry: Pseudonym) -> PseudonymView:
        return PseudonymView(entry.id, entry.guid, entry.real, entry.replacement, entry.kind, entry.created_at)
