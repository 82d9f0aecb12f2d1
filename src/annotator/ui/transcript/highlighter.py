"""Marks in the transcript text: words the recogniser was unsure of, and segments it flagged.

A QSyntaxHighlighter formats one block (one segment) at a time, only when Qt asks for it, so a 3-hour
transcript is not re-formatted whole when one segment changes (QualCoder's users know why that matters).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from annotator.core.services.editing import SegmentView

DOUBTFUL = QColor("#e07b00")
FLAGGED_BACKGROUND = QColor("#fff1d6")


class TranscriptHighlighter(QSyntaxHighlighter):
    def __init__(
        self, document: QTextDocument, segment_at: Callable[[int], SegmentView | None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._segment_at = segment_at
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
        segment = self._segment_at(self.currentBlock().blockNumber())
        if segment is None:
            return
        if segment.flags and segment.status != "verified":
            self.setFormat(0, len(text), self._flagged)
        for word in segment.words:
            if word.probability is not None and word.probability < self.threshold and word.char_start is not None:
                length = (word.char_end or word.char_start) - word.char_start
                fmt = QTextCharFormat(self._doubtful)
                if segment.flags and segment.status != "verified":
                    fmt.setBackground(FLAGGED_BACKGROUND)
                self.setFormat(word.char_start, length, fmt)
