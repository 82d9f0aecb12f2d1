"""Real speech for tests: espeak-ng speaks, sox and PyAV convert. No silence, no sine waves."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import av
import pytest

SENTENCES = {
    "id": "Saya merasa nyaman tinggal di panti, karena pegawai mau mendengarkan cerita saya.",
    "en": "I feel safe here, because the staff listen to me when I have a problem.",
}
VOICES = {"id": "id", "en": "en-us"}


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed; ./test installs it (apt-get install espeak-ng sox)")
    return path


def speak(text: str, out: Path, language: str = "en", speed: int = 160) -> Path:
    """A mono 22.05 kHz WAV of espeak-ng reading ``text``."""
    subprocess.run(
        [require("espeak-ng"), "-v", VOICES.get(language, language), "-s", str(speed), "-w", str(out), text],
        check=True,
        capture_output=True,
    )
    return out


def sox(*args: str | Path) -> None:
    subprocess.run([require("sox"), *map(str, args)], check=True, capture_output=True)


def encode(source: Path, out: Path, codec: str, container_format: str | None = None, rate: int | None = None) -> Path:
    """Re-encode with PyAV (libmp3lame writes a proper Xing header; aac into .m4a)."""
    with av.open(str(source)) as src, av.open(str(out), "w", format=container_format) as dst:
        audio = src.streams.audio[0]
        stream = dst.add_stream(codec, rate=rate or audio.rate)
        stream.layout = "mono"
        for frame in src.decode(audio):
            frame.pts = None
            for packet in stream.encode(frame):
                dst.mux(packet)
        for packet in stream.encode(None):
            dst.mux(packet)
    return out


def media_set(folder: Path) -> dict[str, Path]:
    """Indonesian and English speech as WAV, MP3 and M4A, plus a stereo interview."""
    folder.mkdir(parents=True, exist_ok=True)
    wav_id = speak(SENTENCES["id"], folder / "wawancara-wbs.wav", "id")
    wav_en = speak(SENTENCES["en"], folder / "interview-staff.wav", "en")
    mp3 = encode(wav_id, folder / "wawancara-wbs.mp3", "libmp3lame")
    m4a = encode(wav_en, folder / "interview-staff.m4a", "aac", "mp4", rate=44100)
    stereo = folder / "two-voices.wav"
    sox("-M", wav_id, wav_en, stereo)  # left: the child, right: the interviewer
    return {"wav": wav_id, "wav_en": wav_en, "mp3": mp3, "m4a": m4a, "stereo": stereo}
