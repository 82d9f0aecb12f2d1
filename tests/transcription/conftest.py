"""Speech for transcription tests, and running ``annotator transcribe`` as the window does: a child process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from tests.speech import sox, speak

# What espeak-ng says in the English interview: short sentences a resident might say.
ENGLISH = [
    "I feel safe here because the staff listen to me.",
    "We play football together on Sunday afternoon.",
    "Sometimes I am sad and I do not want to talk.",
    "My favourite teacher helps me with my homework.",
    "On the trip we went to the beach with everyone.",
    "I want to finish school and become a nurse.",
]
INDONESIAN = [
    "Saya merasa nyaman tinggal di panti.",
    "Pegawai di sini mau mendengarkan cerita saya.",
    "Kami bermain bola bersama setiap hari minggu.",
]


def _interview(folder: Path, name: str, sentences: list[str], language: str, pause_s: float = 0.8) -> Path:
    parts = []
    for i, sentence in enumerate(sentences):
        part = speak(sentence, folder / f"{name}-{i}.wav", language, speed=150)
        padded = folder / f"{name}-{i}-padded.wav"
        sox(part, padded, "pad", "0", str(pause_s))
        parts.append(padded)
    out = folder / f"{name}.wav"
    sox(*parts, out)
    return out


@pytest.fixture(scope="session")
def speech(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("speech")
    english = _interview(folder, "english", ENGLISH, "en")
    long_english = folder / "long-english.wav"
    sox(english, english, english, long_english)  # over a minute: several windows of 15 s
    indonesian = _interview(folder, "indonesian", INDONESIAN, "id")
    # A pause of eight seconds in the middle of an answer, as children leave.
    first = _interview(folder, "before", ENGLISH[:2], "en")
    second = _interview(folder, "after", ENGLISH[2:4], "en")
    with_gap = folder / "with-gap.wav"
    silence = folder / "silence.wav"
    sox("-n", "-r", "22050", "-c", "1", "-b", "16", silence, "trim", "0", "8")
    sox(first, silence, second, with_gap)
    # Two voices, one per channel: the interviewer on the left asks, the child on the right answers.
    question = speak("What do you do on Sunday?", folder / "question.wav", "en", speed=150)
    answer = speak("We play football together.", folder / "answer.wav", "en", speed=150)
    left = folder / "left.wav"
    right = folder / "right.wav"
    sox(question, left, "pad", "0", "4")
    sox(answer, right, "pad", "3", "1")
    stereo = folder / "stereo.wav"
    sox("-M", left, right, stereo)
    return {
        "english": english,
        "long_english": long_english,
        "indonesian": indonesian,
        "with_gap": with_gap,
        "stereo": stereo,
    }


def new_project(path: Path, *media: Path, language: str = "en") -> Path:
    assert main(["new", str(path), "--language", language]) == 0
    if media:
        assert main(["add", str(path), *map(str, media)]) == 0
    return path


def annotator(*args: str | Path, check: bool = False, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def transcript(project: Path, recording: int | str = 1) -> dict:
    return json.loads(annotator("transcript", project, str(recording), "--json", check=True).stdout)
