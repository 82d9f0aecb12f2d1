"""How long adding a long interview takes: probing every packet with PyAV, and hashing the file.

    .venv/bin/python bench/add_recording.py [--hours 3] [--format mp3|wav|m4a]

Makes a recording of the given length from espeak-ng speech (repeated with sox), then times
``probe`` (which reads every audio packet to find the true length and notice a cut-short file),
``sha256_file``, and the whole ``annotator add``. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.project import Project  # noqa: E402
from annotator.media.probe import probe, sha256_file  # noqa: E402
from tests.speech import SENTENCES, encode, sox, speak  # noqa: E402


def make_long_recording(folder: Path, hours: float, fmt: str) -> Path:
    one = speak(" ".join(SENTENCES.values()), folder / "one.wav", "id")
    seconds = float(probe(one).duration_ms) / 1000
    repeats = max(1, int(hours * 3600 / seconds))
    long_wav = folder / "long.wav"
    sox(one, long_wav, "repeat", str(repeats - 1))
    if fmt == "wav":
        return long_wav
    if fmt == "mp3":
        out = folder / "long.mp3"
        sox(long_wav, "-C", "64", out)
        return out
    return encode(long_wav, folder / "long.m4a", "aac", "mp4")


def timed(label: str, action):  # noqa: ANN001, ANN201
    start = time.perf_counter()
    result = action()
    print(f"{label:<28} {time.perf_counter() - start:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=3.0)
    parser.add_argument("--format", choices=("mp3", "wav", "m4a"), default="mp3")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        media = timed("make the recording", lambda: make_long_recording(folder, args.hours, args.format))
        size_mb = media.stat().st_size / 1e6
        info = timed("probe (every packet)", lambda: probe(media))
        timed("sha256", lambda: sha256_file(media))
        with Project.create(folder / "bench.annotator") as project:
            timed("annotator add (all of it)", lambda: project.recordings.add(media))
        print(
            f"{args.format}: {size_mb:.0f} MB, {info.duration_ms / 3_600_000:.2f} h, "
            f"{info.channels} channel(s) at {info.sample_rate} Hz"
        )


if __name__ == "__main__":
    main()
