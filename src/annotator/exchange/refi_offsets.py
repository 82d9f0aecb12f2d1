"""The texts inside a REFI-QDA project, and where its offsets point in them.

A text is decoded from its bytes here (never in text mode, which would turn CRLF into LF and shift every offset):
a byte order mark (UTF-8 or UTF-16) is taken off, else UTF-8, else Windows-1252. Annotator keeps ``\\n`` newlines,
so :class:`SourceText` holds the text as Annotator stores it and maps the file's offsets onto it.

Exporters count offsets differently. The specification says Unicode code points from 0, end exclusive; NVivo
counts UTF-16 units (a character outside the Basic Multilingual Plane counts two), and CRLF counts two characters
in some exporters and one in others. :func:`detect` tries each way (:data:`MODES`) on one source's selections and
keeps the one under which they line up best: a selection whose ``name`` is its quote must match the text, and a
selection should begin and end at the edges of words. A tie goes to the specification's way.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from annotator.errors import UserError

MODES = ("code points", "UTF-16 units", "code points, CRLF as one", "UTF-16 units, CRLF as one")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SPACES = re.compile(r"\s+")
_ELLIPSIS = ("…", "...")


def decode(data: bytes, where: str) -> str:
    """The text of a file's bytes, byte order mark taken off, newlines as written."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UserError(f"{where}: is not valid {encoding.upper()} text (a bad byte at {exc.start})") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise UserError(
                f"{where}: is not text (neither UTF-8 nor Windows-1252; a bad byte at {exc.start})"
            ) from exc


def normal_spaces(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def same_quote(name: str, quote: str) -> bool:
    """Whether a selection's name is the text it covers (or the beginning of it, cut short with or without …)."""
    name, quote = normal_spaces(name).casefold(), normal_spaces(quote).casefold()
    if not name:
        return False
    if name == quote:
        return True
    for mark in _ELLIPSIS:
        name = name.removesuffix(mark).rstrip()
    return len(name) >= 8 and quote.startswith(name)


class SourceText:
    """A text as written in the file (``raw``) and as Annotator keeps it (``text``, newlines as ``\\n``), with the
    file's offsets, counted in any of :data:`MODES`, mapped onto ``text``."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.text = raw.replace("\r\n", "\n").replace("\r", "\n")
        self.simple = raw.isascii() and "\r" not in raw
        self._starts: dict[str, np.ndarray] = {}
        self._kept: np.ndarray | None = None

    def _tables(self, mode: str) -> tuple[np.ndarray, np.ndarray]:
        if mode not in self._starts:
            codes = np.frombuffer(self.raw.encode("utf-32-le"), dtype=np.uint32)
            joined = np.zeros(len(codes), dtype=bool)  # the CR of a CRLF: gone from ``text``
            if len(codes) > 1:
                joined[:-1] = (codes[:-1] == 13) & (codes[1:] == 10)
            widths = np.ones(len(codes), dtype=np.int64)
            if "UTF-16" in mode:
                widths += codes > 0xFFFF
            if "CRLF as one" in mode:
                widths[joined] = 0
            self._starts[mode] = np.concatenate(([0], np.cumsum(widths)))
            if self._kept is None:
                self._kept = np.concatenate(([0], np.cumsum(~joined)))
        assert self._kept is not None
        return self._starts[mode], self._kept

    def units(self, mode: str) -> int:
        """The text's length counted that way."""
        return len(self.raw) if self.simple else int(self._tables(mode)[0][-1])

    def index(self, offset: int, mode: str) -> int | None:
        """Where an offset counted that way falls in ``text`` (inside a character: at its start); None if outside."""
        if offset < 0 or offset > self.units(mode):
            return None
        if self.simple:
            return offset
        starts, kept = self._tables(mode)
        char = int(np.searchsorted(starts, offset, side="right")) - 1
        return int(kept[char])

    def span(self, start: int, end: int, mode: str) -> tuple[int, int] | None:
        a, b = self.index(start, mode), self.index(end, mode)
        if a is None or b is None or b < a:
            return None
        return a, b


@dataclass(frozen=True)
class Span:
    """Offsets as the file gives them, with the selection's name (maybe its quote)."""

    start: int
    end: int
    name: str = ""


Quote = Callable[[int, int], str]  # what a span of ``SourceText.text`` says, as a selection's name would say it


def _edge(text: str, i: int) -> bool:
    return i <= 0 or i >= len(text) or not (text[i - 1].isalnum() and text[i].isalnum())


def score(source: SourceText, spans: Sequence[Span], mode: str, quote: Quote | None = None) -> int:
    """How well the spans line up with the text when counted that way: edges of words, names that match."""
    total = 0
    for span in spans:
        found = source.span(span.start, span.end, mode)
        if found is None:
            total -= 4
            continue
        a, b = found
        total += _edge(source.text, a) + _edge(source.text, b)
        if span.name.strip():
            said = quote(a, b) if quote else source.text[a:b]
            total += 4 if same_quote(span.name, said) else 0
    return total


def detect(source: SourceText, spans: Sequence[Span], quote: Quote | None = None) -> str:
    """The way of counting under which these selections line up best with the text (see the module's rules)."""
    if source.simple or not spans:
        return MODES[0]
    scores = [score(source, spans, mode, quote) for mode in MODES]
    return MODES[scores.index(max(scores))]


def names_are_quotes(source: SourceText, spans: Sequence[Span], mode: str, quote: Quote | None = None) -> bool:
    """Whether this exporter writes each selection's quote as its name: most named selections match their text."""
    named = [s for s in spans if s.name.strip()]
    if not named:
        return False
    matching = 0
    for span in named:
        found = source.span(span.start, span.end, mode)
        if found is not None:
            said = quote(*found) if quote else source.text[found[0] : found[1]]
            matching += same_quote(span.name, said)
    return matching * 2 > len(named)
