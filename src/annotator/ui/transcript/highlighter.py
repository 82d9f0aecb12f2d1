"""Marks in the transcript text: words the recogniser was unsure of, segments it flagged, and coded passages.

A QSyntaxHighlighter formats one block (one segment) at a time, only when Qt asks for it, so a 3-hour
transcript is not re-formatted whole when one segment changes (QualCoder's users know why that matters). Coded
text gets a light tint of its theme's colour (a blend where passages overlap), from the editor's coding index;
when codings change, the editor asks for the blocks that changed only (``rehighlightBlock``). The underlines of
each coding are painted by the editor (:mod:`~annotator.ui.transcript.coding_paint`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.services.editing import SegmentView

DOUBTFUL = QColor("#e07b00")
FLAGGED_BACKGROUND = QColor("#fff1d6")

Runs = list[tuple[int, int, QColor]]  # (start, end, background) in Qt positions, in order, not overlapping


def no_runs(_block_number: int, _text: str) -> Runs:
    return []


class TranscriptHighlighter(QSyntaxHighlighter):
    def __init__(
        self,
        document: QTextDocument,
        segment_at: Callable[[int], SegmentView | None],
        parent: QObject | None = None,
        coded_runs: Callable[[int, str], Runs] = no_runs,
    ) -> None:
        super().__init__(parent)
        self._segment_at = segment_at
        self._coded_runs = coded_runs
        self._tints: dict[int, QTextCharFormat] = {}
        self.threshold = 0.6
        self._doubtful = QTextCharFormat()
        self._doubtful.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._doubtful.setUnderlineColor(DOUBTFUL)
        self._flagged = QTextCharFormat()
        self._flagged.setBackground(FLAGGED_BACKGROUND)
        self.setDocument(document)

    def set_threshold(self, threshold: float) -> None:
        self.threshold = threshold
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        block_number = self.currentBlock().blockNumber()
        segment = self._segment_at(block_number)
        if segment is None:
            return
        flagged = bool(segment.flags) and segment.status != "verified"
        if flagged:
            self.setFormat(0, len(text), self._flagged)
        runs = self._coded_runs(block_number, text)
        for start, end, tint in runs:
            self.setFormat(start, end - start, self._tint(tint))
        for word in segment.words:
            if word.probability is not None and word.probability < self.threshold and word.char_start is not None:
                end = word.char_end or word.char_start
                for piece_start, piece_end, background in _pieces(word.char_start, end, runs, flagged):
                    fmt = QTextCharFormat(self._doubtful)
                    if background is not None:
                        fmt.setBackground(background)
                    self.setFormat(piece_start, piece_end - piece_start, fmt)

    def _tint(self, colour: QColor) -> QTextCharFormat:
        fmt = self._tints.get(colour.rgb())
        if fmt is None:
            fmt = self._tints[colour.rgb()] = QTextCharFormat()
            fmt.setBackground(colour)
        return fmt


def _pieces(start: int, end: int, runs: Runs, flagged: bool) -> list[tuple[int, int, QColor | None]]:
    """A word cut where the coded runs begin and end, each piece with the background it lies on."""
    plain = FLAGGED_BACKGROUND if flagged else None
    if not runs:
        return [(start, end, plain)]
    pieces: list[tuple[int, int, QColor | None]] = []
    here = start
    for run_start, run_end, tint in runs[max(bisect_right([r[0] for r in runs], start) - 1, 0) :]:
        if run_start >= end:
            break
        if run_end <= here:
            continue
        if run_start > here:
            pieces.append((here, run_start, plain))
        pieces.append((max(here, run_start), min(end, run_end), tint))
        here = min(end, run_end)
    if here < end:
        pieces.append((here, end, plain))
    return pieces
