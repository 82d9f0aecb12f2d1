"""The transcript editor on a 3-hour interview: open time, keystroke time, cost of the follow highlight, coding.

    .venv/bin/python bench/editor.py [--segments 2500] [--words 12] [--codings 2000]

Generates a transcript of that size (2,500 segments and 30,000 words by default, Indonesian words with
recogniser scores) in a new project with the relationships codebook and dense, overlapping codings: 2,000 by
default on the 500 segments in the middle of the interview (four on each, in turns of several themes on the same
words, passages inside passages, and passages across two segments). Then, in the real main window on the
offscreen platform:
  - opens the project and shows the recording (target: under 1 s);
  - types 100 characters in the middle of it, inside coded passages, timing each keystroke (target: under 20 ms);
  - keeps the typed text at once, as every key does (core.services.typing);
  - stores the typed segment (the pause in typing) and reads its codings again;
  - codes a selection there and repaints (one undo step, the recording's codings read again);
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

from annotator.core.codebook import load_codebook  # noqa: E402
from annotator.core.models import Coding, Recording, Segment, Theme, Word, new_guid  # noqa: E402
from annotator.core.project import Project  # noqa: E402

WORDS = (
    "saya merasa nyaman tinggal di panti karena pegawai mau mendengarkan cerita kami bermain bola "
    "bersama setiap hari minggu kadang sedih tidak mau bicara guru membantu pekerjaan rumah"
).split()


def make_project(folder: Path, segments: int, words_per_segment: int, codings: int = 0) -> Path:
    path = folder / "bench.annotator"
    rng = random.Random(7)
    with Project.create(path) as project:
        project.themes.import_codebook(load_codebook("relationships"), "id")
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
            theme_ids = [row[0] for row in session.execute(Theme.__table__.select().with_only_columns(Theme.id))]
            if codings:
                session.execute(insert(Coding), dense_codings(rng, recording.id, ids, rows, theme_ids, codings))
    return path


def dense_codings(
    rng: random.Random, recording_id: int, ids: list[int], rows: list[dict], theme_ids: list[int], count: int
) -> list[dict]:
    """``count`` codings, four on each segment of the middle of the transcript: several themes on the same words,
    a passage inside another, and one in five running on into the next segment."""
    per_segment = 4
    first = max(0, len(ids) // 2 - count // per_segment // 2)
    made: list[dict] = []

    def add(k: int, start_word: int, last: int, end_word: int) -> None:
        a, b = rows[k]["text"].split(), rows[last]["text"].split()
        soff = sum(len(w) + 1 for w in a[:start_word])
        eoff = sum(len(w) + 1 for w in b[: end_word + 1]) - 1
        text_a, text_b = rows[k]["text"], rows[last]["text"]
        quote = text_a[soff:eoff] if last == k else f"{text_a[soff:]} {text_b[:eoff]}"
        made.append(
            {
                "guid": new_guid(),
                "theme_id": theme_ids[rng.randrange(len(theme_ids))],
                "recording_id": recording_id,
                "start_segment_id": ids[k],
                "start_offset": soff,
                "end_segment_id": ids[last],
                "end_offset": eoff,
                "start_ms": rows[k]["start_ms"] + 330 * start_word,
                "end_ms": rows[last]["start_ms"] + 330 * end_word + 300,
                "quote": quote,
                "memo": "",
            }
        )

    k = first
    while len(made) < count and k < len(ids):
        n = len(rows[k]["text"].split())
        i = rng.randrange(n // 2)
        j = rng.randrange(i + 1, n)
        add(k, i, k, j)  # a passage
        add(k, i, k, j)  # another theme on the same words
        add(k, i + (j - i) // 2, k, j)  # a passage inside it
        last = min(k + 1, len(ids) - 1) if rng.random() < 0.2 else k
        add(k, rng.randrange(n), last, n - 1 if last == k else rng.randrange(n))  # another, maybe on into the next
        k += 1
    made = [m for m in made if m["quote"].strip()][:count]
    # A theme codes a span at most once: drop the repeats the random themes made.
    seen, unique = set(), []
    for m in made:
        key = (m["theme_id"], m["start_segment_id"], m["start_offset"], m["end_segment_id"], m["end_offset"])
        if key not in seen:
            seen.add(key)
            unique.append(m)
    return unique


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=2500)
    parser.add_argument("--words", type=int, default=12)
    parser.add_argument("--codings", type=int, default=2000)
    args = parser.parse_args()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.ui.main_window import MainWindow
    from annotator.ui.settings import Settings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = make_project(folder, args.segments, args.words, args.codings)
        from PySide6.QtCore import QSettings

        window = MainWindow(Settings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)))
        window.resize(1360, 860)
        window.show()
        app.processEvents()
        start = time.perf_counter()
        window.open_project(path)
        app.processEvents()
        opened = time.perf_counter() - start
        panel = window.transcript
        editor = panel.editor
        middle = args.segments // 2
        print(
            f"{args.segments} segments, {args.segments * args.words} words, {len(editor.codings)} codings "
            f"({len(editor.codings.coded(editor.segments[middle].id))} on the segment typed in, "
            f"{editor.codings.column_count} columns in the coding bar)"
        )
        print(f"open the project and show the transcript: {opened * 1000:8.0f} ms  (target: under 1000 ms)")

        editor.move_to(middle, 5)
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
        typed_id = editor.segments[middle].id
        typed_text = editor.document().findBlockByNumber(middle).text()
        kept = []
        for _ in range(20):  # what each key does (at most every 50 ms): keep the text typed so far
            t0 = time.perf_counter()
            window.project.typing.keep(typed_text, segment_id=typed_id)
            kept.append((time.perf_counter() - t0) * 1000)
        kept.sort()
        print(f"keep the typed text at once (20 times): median {kept[10]:.2f} ms, max {kept[-1]:.2f} ms")
        t0 = time.perf_counter()
        editor.commit()  # what the pause in typing does: store the segment, read its codings again
        app.processEvents()
        stored = time.perf_counter() - t0
        typed_in = editor.segments[middle].id
        t0 = time.perf_counter()
        panel._refresh_codings_of(typed_in)
        print(
            f"store the typed segment: {stored * 1000:.1f} ms, of which reading its "
            f"{len(editor.codings.on_segment(typed_in))} codings again {(time.perf_counter() - t0) * 1000:.1f} ms"
        )

        t0 = time.perf_counter()
        passages = window.project.coding.passages(recordings=[editor.recording_id])
        print(f"read every coding of the recording ({len(passages)}): {(time.perf_counter() - t0) * 1000:.1f} ms")
        coded = []
        for k in (2, 4):  # the first also compiles the coding statements; the second is what a person sees after
            editor.move_to(middle + k, 0, 20)
            t0 = time.perf_counter()
            made = panel.code_selection([passages[0].theme_id if passages else 1])
            app.processEvents()
            coded.append(((time.perf_counter() - t0) * 1000, len(made)))
        print(
            f"code a selection and repaint (undo step, re-read, reformat, paint): {coded[1][0]:.1f} ms "
            f"(the first one: {coded[0][0]:.1f} ms; {coded[0][1] + coded[1][1]} made)"
        )
        t0 = time.perf_counter()
        for _ in range(20):
            editor.viewport().repaint()
            editor.bar.repaint()
        print(f"paint the view (text, underlines, coding bar): {(time.perf_counter() - t0) * 1000 / 20:.2f} ms")

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
