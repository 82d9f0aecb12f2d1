"""Which codings cover which characters of each segment: the index the transcript editor paints from.

The index is built from the coded passages of one recording (one query, when codings change) and says which
segments' ranges changed, so the editor re-formats only those blocks. While a person types, the ranges of the
segment being edited move with the text (:meth:`CodingIndex.shift`), without a query; once the segment is
stored, the panel re-reads the codings of that segment (the editing service has put them back on their words).

Offsets here are ``str`` indices, as in the database; :func:`utf16` converts one to a position in a
QTextDocument block (Qt counts UTF-16 units) at the edge, when painting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor

from annotator.core.services.coding import PassageView

LANES = 3  # stacked underlines drawn under a line; more codings on the same words show as "+n"
TINT = 0.4  # how much of the theme colour the background of coded text takes


def utf16(text: str, offset: int) -> int:
    """A ``str`` offset into ``text`` as a Qt position (characters beyond the BMP take two units)."""
    head = text[:offset]
    return offset + sum(1 for ch in head if ord(ch) > 0xFFFF) if not head.isascii() else offset


def from_utf16(text: str, position: int) -> int:
    """A Qt position in ``text`` as a ``str`` offset."""
    if text.isascii():
        return position
    units = 0
    for index, ch in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def mix(colour: QColor, share: float) -> QColor:
    """``colour`` laid over white, ``share`` of it showing."""
    return QColor(
        round(255 + (colour.red() - 255) * share),
        round(255 + (colour.green() - 255) * share),
        round(255 + (colour.blue() - 255) * share),
    )


def line_colour(theme_colour: str) -> QColor:
    """The underline and bracket colour of a theme: its hue, saturated and deep enough to show as a thin line
    on white (codebook colours are often pastel, and pastel lines side by side all look grey)."""
    hue, saturation, lightness, _alpha = QColor(theme_colour).getHslF()
    if saturation < 0.05:  # a grey stays grey
        return QColor.fromHslF(0, 0, min(lightness, 0.45)).toRgb()
    return QColor.fromHslF(max(hue, 0.0), max(saturation, 0.65), min(max(lightness, 0.35), 0.5)).toRgb()


@dataclass(frozen=True, slots=True)
class Coded:
    """One coding's stretch of one segment: characters ``start`` .. ``end`` (``end`` None: to the end of the
    text), underlined in ``colour``."""

    coding_id: int
    start: int
    end: int | None
    colour: QColor

    def stop(self, length: int) -> int:
        return length if self.end is None else min(self.end, length)


class CodingIndex:
    def __init__(self) -> None:
        self.views: dict[int, PassageView] = {}
        self._ranges: dict[int, list[list]] = {}  # segment id -> [[start, end | None, coding id], ...]
        self._order: dict[int, int] = {}  # segment id -> its place in the transcript
        self._rank: dict[int, int] = {}  # coding id -> its place in the order the codings came (theme tree order)
        self._coded: dict[int, list[Coded]] = {}  # per segment, in passage order (made when first asked)
        self._runs: dict[tuple[int, int], list[tuple[int, int, QColor]]] = {}
        self._colours: dict[str, QColor] = {}
        self.columns: dict[int, int] = {}  # coding id -> its column in the coding bar
        self.column_count = 0
        self.generation = 0  # goes up whenever the index is rebuilt (what was worked out from it is stale)
        self._versions: dict[int, int] = {}  # segment id -> goes up whenever its codings change

    # -- building ---------------------------------------------------------------------------------------------
    def rebuild(self, views: Iterable[PassageView], segment_ids: Sequence[int]) -> set[int]:
        """Index these codings (those of the transcript at hand); returns the segments whose marks changed."""
        before = {sid: self._signature(sid) for sid in self._ranges}
        self._order = {sid: place for place, sid in enumerate(segment_ids)}
        self.views = {}
        self._ranges = {}
        self._rank = {}
        for view in views:
            self._add(view, segment_ids)
        self._coded.clear()
        self._runs.clear()
        self.generation += 1
        self._place_columns()
        after = {sid: self._signature(sid) for sid in self._ranges}
        return {sid for sid in before.keys() | after.keys() if before.get(sid) != after.get(sid)}

    def update(self, views: dict[int, PassageView | None], segment_ids: Sequence[int]) -> set[int]:
        """Codings read again (None: gone); returns the segments whose marks changed."""
        if not views:
            return set()
        touched = {sid for sid, ranges in self._ranges.items() if any(r[2] in views for r in ranges)}
        before = {sid: self._signature(sid) for sid in touched}
        for sid in touched:
            self._ranges[sid] = [r for r in self._ranges[sid] if r[2] not in views]
            if not self._ranges[sid]:
                del self._ranges[sid]
        for coding_id, view in views.items():
            self.views.pop(coding_id, None)
            if view is not None:
                touched |= self._add(view, segment_ids)
        for sid in touched:
            self._forget(sid)
        self._place_columns()
        return {sid for sid in touched if before.get(sid) != self._signature(sid)}

    def _add(self, view: PassageView, segment_ids: Sequence[int]) -> set[int]:
        first, last = self._order.get(view.start_segment_id), self._order.get(view.end_segment_id)  # type: ignore[arg-type]
        if view.recording_id is None or first is None or last is None:
            return set()
        self.views[view.id] = view
        self._rank.setdefault(view.id, len(self._rank))
        touched = set()
        for place in range(first, last + 1):
            sid = segment_ids[place]
            start = view.start_offset if place == first else 0
            end = view.end_offset if place == last else None
            self._ranges.setdefault(sid, []).append([start, end, view.id])
            touched.add(sid)
        return touched

    def _signature(self, segment_id: int) -> tuple:
        ranges = self._ranges.get(segment_id, ())
        return tuple(sorted((r[0], -1 if r[1] is None else r[1], r[2], self.views[r[2]].theme_color) for r in ranges))

    def _forget(self, segment_id: int) -> None:
        self._versions[segment_id] = self._versions.get(segment_id, 0) + 1
        self._coded.pop(segment_id, None)
        for key in [k for k in self._runs if k[0] == segment_id]:
            del self._runs[key]

    def _place_columns(self) -> None:
        """Columns of the coding bar: codings whose segments overlap stand side by side (first free column)."""
        spans = sorted(
            (self._order[v.start_segment_id], v.start_offset, -self._order[v.end_segment_id], v.id)  # type: ignore[index]
            for v in self.views.values()
        )
        ends: list[int] = []  # per column, the last segment it is taken up to
        self.columns = {}
        for first, _offset, last, coding_id in spans:
            column = next((c for c, end in enumerate(ends) if end < first), len(ends))
            if column == len(ends):
                ends.append(-last)
            ends[column] = -last
            self.columns[coding_id] = column
        self.column_count = len(ends)

    # -- typing -----------------------------------------------------------------------------------------------
    def shift(self, segment_id: int, offset: int, removed: int, added: int) -> bool:
        """Typing at ``offset`` replaced ``removed`` characters by ``added``: the codings on this segment move with
        the text (text typed right before or after a passage stays out of it). Returns whether any moved."""
        ranges = self._ranges.get(segment_id)
        if not ranges:
            return False
        delta, cut = added - removed, offset + removed
        moved = False
        for r in ranges:
            start, end = r[0], r[1]
            if start > offset or (start == offset and not removed):
                r[0] = start + delta if start >= cut else offset + added
            if end is not None and end > offset:
                r[1] = end + delta if end >= cut else offset + added
            moved = moved or (r[0], r[1]) != (start, end)
        if moved:
            self._forget(segment_id)
        return moved

    # -- reading ----------------------------------------------------------------------------------------------
    def colour(self, coding_id: int) -> QColor:
        name = self.views[coding_id].theme_color
        colour = self._colours.get(name)
        if colour is None:
            colour = self._colours[name] = line_colour(name)
        return colour

    def coded(self, segment_id: int) -> list[Coded]:
        """The codings on a segment in the order of their passages (where they start, then theme tree order):
        the painter stacks their underlines in this order."""
        found = self._coded.get(segment_id)
        if found is not None:
            return found

        def order(r: list) -> tuple:
            view = self.views[r[2]]
            return (self._order[view.start_segment_id], view.start_offset, self._rank[r[2]])  # type: ignore[index]

        ranges = sorted(self._ranges.get(segment_id, ()), key=order)
        found = [Coded(coding_id, start, end, self.colour(coding_id)) for start, end, coding_id in ranges]
        self._coded[segment_id] = found
        return found

    def runs(self, segment_id: int, length: int) -> list[tuple[int, int, QColor]]:
        """The background of coded text: (start, end, tint) runs, not overlapping. Where passages overlap, the
        innermost one's colour shows (a passage inside another stands out from it); the underlines show them all."""
        key = (segment_id, length)
        found = self._runs.get(key)
        if found is not None:
            return found
        coded = [(c.start, c.stop(length), c.coding_id) for c in self.coded(segment_id)]
        cuts = sorted({p for s, e, _id in coded if s < e for p in (s, e)})
        found = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            here = [(e - s, self._rank[cid], cid) for s, e, cid in coded if s <= a and b <= e]
            if here:
                innermost = min(here)[2]  # the shortest passage here; of those on the same words, the first theme
                tint = mix(QColor(self.views[innermost].theme_color), TINT)
                if found and found[-1][1] == a and found[-1][2] == tint:
                    found[-1] = (found[-1][0], b, tint)
                else:
                    found.append((a, b, tint))
        self._runs[key] = found
        return found

    def at(self, segment_id: int, offset: int) -> list[PassageView]:
        """The codings covering the character at ``offset`` of a segment."""
        return [
            self.views[r[2]]
            for r in self._ranges.get(segment_id, ())
            if r[0] <= offset and (r[1] is None or offset < r[1])
        ]

    def version(self, segment_id: int) -> tuple[int, int]:
        """Changes whenever the codings of a segment change (what is drawn from them must be worked out again)."""
        return self.generation, self._versions.get(segment_id, 0)

    def on_segment(self, segment_id: int) -> set[int]:
        return {r[2] for r in self._ranges.get(segment_id, ())}

    def __len__(self) -> int:
        return len(self.views)
