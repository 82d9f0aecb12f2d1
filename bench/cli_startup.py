"""How long the command line takes to answer: ``annotator --help`` and ``annotator list`` on a small project.

    .venv/bin/python bench/cli_startup.py [--runs 15] [--src DIR]

Makes a project with the command line in a temporary folder (the relationships codebook and a 2-second WAV),
then runs each command N times, each run a fresh ``python -m annotator`` process timed from start to exit, the
commands taking turns. For scale it also times the interpreter alone and ``import sqlalchemy.orm``, the floor
under any command that opens a project. ``--src`` times another checkout's ``src/`` folder instead (e.g. an
older commit from ``git archive COMMIT src resources | tar -x -C DIR``). Prints median and minimum; asserts
nothing.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"annotator --help": 0.3, "annotator list PROJECT": 0.5}


def tone(path: Path, seconds: float = 2.0, rate: int = 16_000) -> Path:
    """A mono 16-bit WAV of a 440 Hz tone."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = (int(8000 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(int(seconds * rate)))
        out.writeframes(b"".join(struct.pack("<h", f) for f in frames))
    return path


def run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=15, metavar="N", help="runs of each command (default 15)")
    options.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ folder to time (default: this one)")
    args = options.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.src.resolve())}
    annotator = [sys.executable, "-m", "annotator"]
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "studi.annotator"
        subprocess.run([*annotator, "new", str(project), "--codebook", "relationships"], env=env, check=True)
        media = tone(Path(folder) / "wawancara.wav")
        subprocess.run([*annotator, "add", str(project), str(media)], env=env, check=True)
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "python -c 'import sqlalchemy.orm'": [sys.executable, "-c", "import sqlalchemy.orm"],
            "annotator --help": [*annotator, "--help"],
            "annotator list PROJECT": [*annotator, "list", str(project)],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # once each first: files read into the cache, .pyc written
            run(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(run(command, env))
    print(f"{args.runs} runs each, source {args.src}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"{'command':<36} {'median':>8} {'min':>8}  target")
    for name, figures in times.items():
        target = f"under {TARGETS[name]:.1f} s" if name in TARGETS else ""
        print(f"{name:<36} {statistics.median(figures):>7.3f}s {min(figures):>7.3f}s  {target}")


if __name__ == "__main__":
    main()
