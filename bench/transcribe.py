"""Transcription speed and memory: plain faster-whisper against ``annotator transcribe``.

    .venv/bin/python bench/transcribe.py [--minutes 10] [--model tiny.en] [--language en]
    .venv/bin/python bench/transcribe.py --memory-hours 3

On the same audio and model, with the same options (VAD, word timestamps, beam 5, no conditioning on
previous text), each run in a fresh process, it prints:
  - the wall time of plain faster-whisper (sequential), of ``annotator transcribe`` sequential and
    batched, and the ratios the targets speak of;
  - the time from the start of ``annotator transcribe`` to its first stored segment;
  - peak memory (max RSS) of each process.
``--memory-hours`` makes a recording that long, lets ``annotator transcribe`` work through its first
windows, stops it with SIGTERM, and prints the peak memory next to the size of the model.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.speech import sox, speak  # noqa: E402
from tests.transcription.conftest import ENGLISH, INDONESIAN  # noqa: E402

PLAIN = """
import sys, time
from faster_whisper import WhisperModel
from faster_whisper.vad import VadOptions
path, model, language, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
start = time.perf_counter()
whisper = WhisperModel(model, device="cpu", compute_type="int8", cpu_threads=threads, local_files_only=True)
segments, _ = whisper.transcribe(path, language=language, beam_size=5, word_timestamps=True, vad_filter=True,
    vad_parameters=VadOptions(threshold=0.5, min_silence_duration_ms=2000, speech_pad_ms=400),
    condition_on_previous_text=False)
count = sum(1 for _ in segments)
print(count, time.perf_counter() - start)
"""


def make_speech(folder: Path, minutes: float, language: str) -> Path:
    """Sentences with pauses between them, repeated to the length asked."""
    parts = []
    for i, text in enumerate(ENGLISH if language == "en" else INDONESIAN):
        said = speak(text, folder / f"s{i}.wav", language, speed=150)
        padded = folder / f"p{i}.wav"
        sox(said, padded, "pad", "0", str(0.5 + (i % 3) * 0.5))
        parts.append(padded)
    block = folder / "block.wav"
    sox(*parts, block)
    seconds = float(subprocess.run(["soxi", "-D", str(block)], capture_output=True, text=True).stdout)
    out = folder / "speech.wav"
    sox(block, out, "repeat", str(max(0, int(minutes * 60 / seconds) - 1)))
    return out


def child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run_plain(audio: Path, model_path: Path, language: str) -> tuple[float, float]:
    before = child_rss_mb()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", PLAIN, str(audio), str(model_path), language, str(os.cpu_count())],
        check=True,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - start, max(child_rss_mb(), before)


def run_annotator(
    folder: Path, audio: Path, model: str, language: str, batch: int, name: str, stop_at_ms: int = 0
) -> tuple[float, float | None, int]:
    """Wall time, time to the first stored segment, and peak RSS (MB) of one ``annotator transcribe``."""
    project = folder / f"{name}.annotator"
    subprocess.run(
        [sys.executable, "-m", "annotator", "new", str(project), "--language", language],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "-m", "annotator", "add", str(project), str(audio)], check=True, capture_output=True
    )
    command = [
        sys.executable,
        "-m",
        "annotator",
        "transcribe",
        str(project),
        "--model",
        model,
        "--progress",
        "json",
        "--batch-size",
        str(batch),
    ]
    start = time.perf_counter()
    first = None
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        for line in process.stdout:
            event = json.loads(line)
            if first is None and event.get("segments"):
                first = time.perf_counter() - start
            if stop_at_ms and event.get("done_ms", 0) >= stop_at_ms and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                stop_at_ms = 0
        process.wait()
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, first, int(usage)


def model_folder(model: str, language: str) -> Path:
    from annotator.transcription.models import resolve_model

    info = resolve_model(model, language)
    assert info.path is not None
    return info.path


def speed(args: argparse.Namespace) -> None:
    """Plain, sequential and batched runs in turn, ``--repeat`` times; the medians are compared."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        audio = make_speech(folder, args.minutes, args.language)
        path = model_folder(args.model, args.language)
        print(
            f"audio: {args.minutes:g} min of espeak-ng speech ({args.language}); model {args.model}; "
            f"{os.cpu_count()} CPU threads; {args.repeat} runs of each, in turn"
        )
        plain, sequential, batched, firsts = [], [], [], []
        for run in range(args.repeat):
            plain.append(run_plain(audio, path, args.language)[0])
            wall, first, _ = run_annotator(folder, audio, args.model, args.language, 0, f"sequential{run}")
            sequential.append(wall)
            firsts.append(first)
            wall, first_batched, _ = run_annotator(
                folder, audio, args.model, args.language, args.batch_size, f"batched{run}"
            )
            batched.append(wall)
            print(
                f"  run {run + 1}: plain {plain[-1]:.1f} s, sequential {sequential[-1]:.1f} s, "
                f"batched {batched[-1]:.1f} s"
            )
        p, s, b = median(plain), median(sequential), median(batched)
        print(f"{'plain faster-whisper, sequential':<40} {p:8.1f} s (median)")
        print(
            f"{'annotator transcribe, sequential':<40} {s:8.1f} s (median)   first segment after {median(firsts):.1f} s"
        )
        print(
            f"{f'annotator transcribe, batched ({args.batch_size})':<40} {b:8.1f} s (median)   "
            f"first segment after {first_batched:.1f} s"
        )
        print(f"sequential / plain: {s / p:.3f}  (target: at most 1.05)")
        print(f"sequential / batched: {s / b:.2f}x  (target: at least 1.3x)")
        print(f"peak RSS of any run: {child_rss_mb():.0f} MB")


def memory(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        audio = make_speech(folder, args.memory_hours * 60, args.language)
        path = model_folder(args.model, args.language)
        model_mb = (path / "model.bin").stat().st_size / 1e6
        wall, first, rss = run_annotator(
            folder, audio, args.model, args.language, 0, "memory", stop_at_ms=int(args.stop_minutes * 60_000)
        )
        print(
            f"{args.memory_hours:g} h recording ({audio.stat().st_size / 1e9:.2f} GB WAV), model {args.model} "
            f"({model_mb:.0f} MB): stopped by SIGTERM after {args.stop_minutes:g} min of audio, in {wall:.0f} s"
        )
        print(f"peak RSS {rss} MB; model + 1 GB = {model_mb + 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--language", default="en")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--memory-hours", type=float, default=0)
    parser.add_argument(
        "--stop-minutes",
        type=float,
        default=40,
        help="with --memory-hours: stop after this much audio (past the first long window)",
    )
    args = parser.parse_args()
    memory(args) if args.memory_hours else speed(args)


if __name__ == "__main__":
    main()
