"""The transcript editor on a 3-hour interview: open time, keystroke time, cost of the follow highlight.

    .venv/bin/python bench/editor.py [--segments 2500] [--words 12]

Generates a transcript of that size (2,500 segments and 30,000 words by default, Indonesian words with
recogniser scores) in a new project, then, in the real main window on the offscreen platform:
  - opens the project and shows the recording (target: under 1 s);
  - types 100 characters in the middle of it, timing each keystroke (target: under 20 ms);
  - plays 60 s of position ticks every 30 ms through the word highlight, and prints its CPU time.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from annotator.core.models import Recording, Segment, Word, new_guid  # noqa: E402
from annotator.core.project import Project  # noqa: E402

WORDS = (
    "saya merasa nyaman tinggal di panti karena pegawai mau mendengarkan cerita kami bermain bola "
    "bersama setiap hari minggu kadang sedih tidak mau bicara guru membantu pekerjaan rumah"
).split()


def make_project(folder: Path, segments: int, words_per_segment: int) -> Path:
    path = folder / "bench.annotator"
    rng = random.Random(7)
    with Project.create(path) as project:
        with project.transaction() as session:
            recording = Recording(
                title="Wawancara 3 jam",
                media_abspath=str(folder / "absent.wav"),
                sha256="0" * 64,
                size_bytes=1,
                duration_ms=segments * 4_300,
                channels=1,
                sample_rate=16_000,
            )
            session.add(recording)
            session.flush()
            rows, word_rows, t = [], [], 0
            for _ in range(segments):
                start = t
                texts = [rng.choice(WORDS) for _ in range(words_per_segment)]
                rows.append(
                    {
                        "guid": new_guid(),
                        "recording_id": recording.id,
                        "start_ms": start,
                        "end_ms": start + 330 * words_per_segment,
                        "text": " ".join(texts),
                        "status": "asr",
                        "flags": [],
                    }
                )
                t += 330 * words_per_segment + 300
            session.execute(insert(Segment), rows)
            ids = [
                row[0]
                for row in session.execute(
                    Segment.__table__.select().with_only_columns(Segment.id).order_by(Segment.id)
                )
            ]
            for segment_id, row in zip(ids, rows, strict=True):
                offset, start = 0, row["start_ms"]
                for position, text in enumerate(row["text"].split()):
                    word_rows.append(
                        {
                            "segment_id": segment_id,
                            "position": position,
                            "start_ms": start,
                            "end_ms": start + 300,
                            "text": text,
                            "char_start": offset,
                            "char_end": offset + len(text),
                            "probability": round(rng.random(), 3),
                        }
                    )
                    offset += len(text) + 1
                    start += 330
            session.execute(insert(Word), word_rows)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=2500)
    parser.add_argument("--words", type=int, default=12)
    args = parser.parse_args()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.ui.main_window import MainWindow
    from annotator.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = make_project(folder, args.segments, args.words)
        from PySide6.QtCore import QSettings

        window = MainWindow(Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)))
        window.resize(1360, 860)
        window.show()
        app.processEvents()
        start = time.perf_counter()
        window.open_project(path)
        app.processEvents()
        opened = time.perf_counter() - start
        editor = window.transcript.editor
        print(f"{args.segments} segments, {args.segments * args.words} words")
        print(f"open the project and show the transcript: {opened * 1000:8.0f} ms  (target: under 1000 ms)")

        editor.move_to(args.segments // 2, 5)
        editor.setFocus()
        times = []
        for char in "tambahan kata " * 7 + "xx":
            t0 = time.perf_counter()
            QTest.keyClick(editor, char)
            app.processEvents()
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(
            f"keystroke (100 typed): median {times[len(times) // 2]:.2f} ms, 95th {times[94]:.2f} ms, "
            f"max {times[-1]:.2f} ms  (target: under 20 ms)"
        )
        editor.commit()
        app.processEvents()

        segment = editor.segments[args.segments // 3]
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for tick in range(2000):  # 60 s of playback at one position tick every 30 ms
            editor.show_position(segment.start_ms + tick * 30)
            if tick % 10 == 0:
                app.processEvents()
        cpu = time.process_time() - cpu0
        print(
            f"follow highlight: {cpu * 1000 / 2000:.3f} ms CPU per 30-ms tick "
            f"({100 * cpu / 60:.2f}% of one core while playing; wall {time.perf_counter() - wall0:.2f} s)"
        )
        window.close()
        window.deleteLater()
        app.processEvents()
        del Qt


if __name__ == "__main__":
    main()
