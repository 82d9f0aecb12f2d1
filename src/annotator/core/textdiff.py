"""Text and timing of a segment being edited, without the database: its words, how their times carry over a
change of text, and where offsets into the old text land in the new one.

Used by :mod:`annotator.core.services.editing` (DESIGN.md, "Data conventions"): words that did not change keep
their times and probability, new or changed words get times spread evenly between the kept words around them;
a coded passage's anchors are mapped through a character diff of the old and new text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from difflib import SequenceMatcher

from annotator.core.services.transcript_views import WordView

START, END = "start", "end"  # the side of a passage an anchor is on

_TOKEN = re.compile(r"\S+")
_RUNS = re.compile(r"\s+|\S+")


def tokens(text: str) -> list[tuple[int, int, str]]:
    """The words of a text: (char_start, char_end, word), split on whitespace."""
    return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


def retime_words(old: Sequence[WordView], text: str, start_ms: int, end_ms: int) -> list[WordView]:
    """The words of ``text``: those found unchanged in ``old`` keep their times and probability; the others get
    times spread evenly between the kept words around them (``start_ms``/``end_ms`` at the edges)."""
    toks = tokens(text)
    kept: list[WordView | None] = [None] * len(toks)
    matcher = SequenceMatcher(None, [w.text for w in old], [t[2] for t in toks], autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            w, (cs, ce, word) = old[a + k], toks[b + k]
            kept[b + k] = WordView(w.start_ms, w.end_ms, word, cs, ce, w.probability)
    words: list[WordView] = []
    j = 0
    while j < len(toks):
        if (found := kept[j]) is not None:
            words.append(found)
            j += 1
            continue
        k = j
        while k < len(toks) and kept[k] is None:
            k += 1
        lo = words[-1].end_ms if words else start_ms
        after = kept[k] if k < len(toks) else None
        hi = after.start_ms if after is not None else end_ms
        lo = min(lo, hi)
        n = k - j
        for m in range(n):
            cs, ce, word = toks[j + m]
            words.append(WordView(lo + (hi - lo) * m // n, lo + (hi - lo) * (m + 1) // n, word, cs, ce, None))
        j = k
    return words


def char_diff(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """Opcodes (as SequenceMatcher's) of a character diff that first lines up whole words and spaces, so that
    a deleted word is not stitched to letters of its neighbours, then compares the characters of changed runs."""
    a, b = _RUNS.findall(old), _RUNS.findall(new)
    at_a, at_b = [0], [0]
    for run in a:
        at_a.append(at_a[-1] + len(run))
    for run in b:
        at_b.append(at_b[-1] + len(run))
    ops = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        c1, c2, d1, d2 = at_a[i1], at_a[i2], at_b[j1], at_b[j2]
        if tag != "replace":
            ops.append((tag, c1, c2, d1, d2))
            continue
        inner = SequenceMatcher(None, old[c1:c2], new[d1:d2], autojunk=False).get_opcodes()
        ops.extend((t, c1 + k1, c1 + k2, d1 + m1, d1 + m2) for t, k1, k2, m1, m2 in inner)
    return ops


class TextMap:
    """Where offsets into an old text go in a new one, by a character diff."""

    def __init__(self, old: str, new: str) -> None:
        self.old_len, self.new_len = len(old), len(new)
        self.ops = [op for op in char_diff(old, new) if op[1] < op[2]]  # the blocks that hold old characters
        self.firsts = [op[1] for op in self.ops]

    def candidates(self, offset: int, side: str) -> tuple[int, ...]:
        """New offsets for an anchor, best first. A start anchor follows the character after it, an end anchor
        the character before it, so text typed at a passage's edge stays outside it."""
        char = offset if side == START else offset - 1
        if char < 0:
            return (0,)
        if char >= self.old_len:
            return (self.new_len,)
        tag, i1, i2, j1, j2 = self.ops[bisect_right(self.firsts, char) - 1]
        if tag == "equal":
            return (j1 + offset - i1,)
        if tag == "delete":
            return (j1,)
        if offset == i1:
            return (j1,)
        if offset == i2:
            return (j2,)
        nearer_first = offset - i1 < i2 - offset or (offset - i1 == i2 - offset and side == START)
        return (j1, j2) if nearer_first else (j2, j1)


def pick_anchors(starts: tuple[int, ...], ends: tuple[int, ...], same_segment: bool) -> tuple[int, int]:
    """A start and an end from :meth:`TextMap.candidates`: within one segment, the best pair that keeps the
    passage from becoming empty."""
    if same_segment:
        for s in starts:
            for e in ends:
                if s < e:
                    return s, e
    return starts[0], ends[0]


def text_pattern(text: str, *, case_sensitive: bool, whole_words: bool) -> re.Pattern[str]:
    """A literal search; whole words means no word character may touch a word-character end of ``text``."""
    body = re.escape(text)
    if whole_words and re.match(r"\w", text[0]):
        body = r"(?<!\w)" + body
    if whole_words and re.match(r"\w", text[-1]):
        body += r"(?!\w)"
    return re.compile(body, 0 if case_sensitive else re.IGNORECASE)
