"""Quality guards: mark what a person should listen to again, rather than hide it.

Whisper's known failures on long interviews are repetition loops (the same phrase over and over),
text invented over silence, and the same sentence returned for several stretches in a row. The
recogniser's own scores point at them; these checks turn the scores into review flags.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

REPETITION = "repetition"
HIGH_COMPRESSION = "high_compression"
NO_SPEECH = "no_speech"
LOW_CONFIDENCE = "low_confidence"

COMPRESSION_RATIO_LIMIT = 2.4  # faster-whisper's own threshold for a failed decode
NO_SPEECH_LIMIT = 0.6
LOG_PROB_LIMIT = -1.0
LOW_CONFIDENCE_LIMIT = 0.45  # mean word probability
_REPEATS = 3  # "the same sentence three times or more"
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+")


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def has_loop(text: str, repeats: int = _REPEATS, longest: int = 8) -> bool:
    """A run of 1..``longest`` words said ``repeats`` times or more in a row, or a sentence repeated so."""
    words = _WORD.findall(text.casefold())
    for size in range(1, longest + 1):
        for start in range(0, len(words) - size * repeats + 1):
            phrase = words[start : start + size]
            if all(words[start + k * size : start + (k + 1) * size] == phrase for k in range(1, repeats)):
                if size > 1 or len(phrase[0]) > 2 or repeats > 3:  # "ya ya ya" is how people talk
                    return True
    sentences = [normalise(s) for s in _SENTENCE_END.split(text) if normalise(s)]
    return any(sentences.count(s) >= repeats for s in set(sentences))


@dataclass
class SegmentScores:
    text: str
    compression_ratio: float | None
    no_speech_prob: float | None
    avg_logprob: float | None
    word_probabilities: list[float]


def segment_flags(scores: SegmentScores) -> list[str]:
    flags = []
    if has_loop(scores.text):
        flags.append(REPETITION)
    if scores.compression_ratio is not None and scores.compression_ratio > COMPRESSION_RATIO_LIMIT:
        flags.append(HIGH_COMPRESSION)
    if (
        scores.no_speech_prob is not None
        and scores.avg_logprob is not None
        and scores.no_speech_prob > NO_SPEECH_LIMIT
        and scores.avg_logprob < LOG_PROB_LIMIT
    ):
        flags.append(NO_SPEECH)
    probabilities = scores.word_probabilities
    if probabilities and sum(probabilities) / len(probabilities) < LOW_CONFIDENCE_LIMIT:
        flags.append(LOW_CONFIDENCE)
    return flags


class RepeatWatch:
    """Notices the same sentence returned for several segments in a row (a hallucinated repeat)."""

    def __init__(self, repeats: int = _REPEATS) -> None:
        self.repeats = repeats
        self._recent: deque[str] = deque(maxlen=repeats)

    def seen(self, text: str) -> bool:
        """Add a segment's text; True when it completes a run of ``repeats`` identical segments."""
        key = normalise(text)
        self._recent.append(key)
        return bool(key) and len(self._recent) == self.repeats and len(set(self._recent)) == 1
