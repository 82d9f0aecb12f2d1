"""Quality guards: loops, repeats across segments, and the recogniser's own scores become review flags."""

from __future__ import annotations

import pytest

from annotator.transcription.quality import (
    HIGH_COMPRESSION,
    LOW_CONFIDENCE,
    NO_SPEECH,
    REPETITION,
    RepeatWatch,
    SegmentScores,
    has_loop,
    segment_flags,
)


@pytest.mark.parametrize(
    "text",
    [
        "Terima kasih. Terima kasih. Terima kasih.",
        "saya tidak tahu saya tidak tahu saya tidak tahu saya tidak tahu",
        "and then and then and then we went home",
        "Pegawai di sini baik. Pegawai di sini baik! Kami main bola. Pegawai di sini baik.",
        "nyaman nyaman nyaman nyaman",
    ],
)
def test_loops_are_found(text: str) -> None:
    assert has_loop(text)


@pytest.mark.parametrize(
    "text",
    [
        "Saya merasa nyaman tinggal di panti karena pegawai mau mendengarkan.",
        "ya ya ya, saya ingat",  # how people talk, not a loop
        "We play football, then football again, then home.",
        "",
    ],
)
def test_ordinary_speech_is_not_a_loop(text: str) -> None:
    assert not has_loop(text)


def test_scores_become_flags() -> None:
    clean = SegmentScores("Saya senang di sini.", 1.2, 0.01, -0.2, [0.9, 0.8, 0.95])
    assert segment_flags(clean) == []
    looped = SegmentScores("Terima kasih. " * 5, 3.1, 0.02, -0.3, [0.9] * 10)
    assert segment_flags(looped) == [REPETITION, HIGH_COMPRESSION]
    invented = SegmentScores("Thank you for watching.", 1.1, 0.8, -1.4, [0.3, 0.2, 0.4, 0.5])
    assert segment_flags(invented) == [NO_SPEECH, LOW_CONFIDENCE]


def test_the_same_sentence_three_segments_in_a_row() -> None:
    watch = RepeatWatch()
    assert not watch.seen("Terima kasih.")
    assert not watch.seen("terima kasih")
    assert watch.seen("Terima kasih!")  # the third in a row, whatever the punctuation
    assert not watch.seen("Sama-sama.")
    assert not watch.seen("Terima kasih.")
