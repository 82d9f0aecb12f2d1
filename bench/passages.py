"""Gathering coded passages across a whole study: 200 interviews, 500,000 words, 20,000 codings.

    .venv/bin/python bench/passages.py [--interviews 200] [--words 500000] [--codings 20000] [--keep DIR]

Generates the study with bulk inserts in a new project with the relationships codebook (37 themes): one
participant per interview (residents and staff by turns) and an interviewer, segments of 12 words with timed
words, and codings spread evenly over the themes, some of them running across two segments. Then times, in the
core (median of 5 calls, after one first call):
  - every passage of one theme (about 1/37 of the codings; target: under 100 ms);
  - every passage of a top-level theme with the themes below it (target: under 100 ms);
  - the same, said by staff only; and the counts per theme and role.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, insert, select  # noqa: E402

from annotator.core.codebook import load_codebook  # noqa: E402
from annotator.core.models import (  # noqa: E402
    Coding,
    Participant,
    Recording,
    Segment,
    Speaker,
    Theme,
    Word,
    new_guid,
)
from annotator.core.project import Project  # noqa: E402

WORDS = (
    "saya merasa nyaman tinggal di panti karena pegawai mau mendengarkan cerita kami bermain bola "
    "bersama setiap hari minggu kadang sedih tidak mau bicara guru membantu pekerjaan rumah"
).split()
WORDS_PER_SEGMENT = 12
TARGET_MS = 100


def make_project(path: Path, interviews: int, words: int, codings: int) -> None:
    rng = random.Random(11)
    per_interview = max(1, words // interviews)
    sizes = [WORDS_PER_SEGMENT] * (per_interview // WORDS_PER_SEGMENT)
    if per_interview % WORDS_PER_SEGMENT:
        sizes.append(per_interview % WORDS_PER_SEGMENT)  # a shorter last segment
    codings_per_interview = max(1, codings // interviews)
    with Project.create(path) as project:
        project.themes.import_codebook(load_codebook("relationships"), "id")
        with project.transaction() as session:
            theme_ids = list(session.scalars(select(Theme.id).order_by(Theme.id)))
            coder_id = 1
            session.execute(
                insert(Participant),
                [{"guid": new_guid(), "code": "PEW-01", "role": "interviewer", "attributes": {}}]
                + [
                    {
                        "guid": new_guid(),
                        "code": f"{'WBS' if i % 2 == 0 else 'STAF'}-{i:03d}",
                        "role": "resident" if i % 2 == 0 else "staff",
                        "attributes": {"age": 12 + i % 6} if i % 2 == 0 else {"years": i % 10},
                    }
                    for i in range(interviews)
                ],
            )
            people = list(session.scalars(select(Participant.id).order_by(Participant.id)))
            interviewer, interviewees = people[0], people[1:]
            length = len(sizes) * 4_300
            session.execute(
                insert(Recording),
                [
                    {
                        "guid": new_guid(),
                        "title": f"Wawancara {i + 1:03d}",
                        "media_abspath": f"/absent/wawancara-{i + 1:03d}.wav",
                        "sha256": f"{i:064x}",
                        "size_bytes": 1,
                        "duration_ms": length,
                        "channels": 1,
                        "sample_rate": 16_000,
                        "participant_id": interviewees[i],
                        "transcribed_ms": length,
                        "transcription": {"status": "done"},
                    }
                    for i in range(interviews)
                ],
            )
            recordings = list(session.scalars(select(Recording.id).order_by(Recording.id)))
            session.execute(
                insert(Speaker),
                [
                    {"guid": new_guid(), "recording_id": rid, "label": label, "participant_id": pid}
                    for rid, person in zip(recordings, interviewees, strict=True)
                    for label, pid in (("Pewawancara", interviewer), ("Narasumber", person))
                ],
            )
            speakers = {
                (rid, label): sid
                for sid, rid, label in session.execute(select(Speaker.id, Speaker.recording_id, Speaker.label))
            }
            first_segment = (session.scalar(select(func.max(Segment.id))) or 0) + 1
            seg_rows, word_rows, coding_rows = [], [], []
            for rid in recordings:
                segs = []  # (id, start_ms, text, [(char_start, char_end, start_ms, end_ms)])
                for k, size in enumerate(sizes):
                    sid, start = first_segment + len(seg_rows), k * 4_300
                    tokens = [rng.choice(WORDS) for _ in range(size)]
                    text = " ".join(tokens)
                    label = "Pewawancara" if k % 3 == 0 else "Narasumber"
                    seg_rows.append(
                        {
                            "id": sid,
                            "guid": new_guid(),
                            "recording_id": rid,
                            "start_ms": start,
                            "end_ms": start + 330 * size,
                            "speaker_id": speakers[(rid, label)],
                            "text": text,
                            "status": "asr",
                            "flags": [],
                        }
                    )
                    timed, cursor = [], 0
                    for position, token in enumerate(tokens):
                        t = start + position * 330
                        timed.append((cursor, cursor + len(token), t, t + 300))
                        word_rows.append(
                            {
                                "segment_id": sid,
                                "position": position,
                                "start_ms": t,
                                "end_ms": t + 300,
                                "text": token,
                                "char_start": cursor,
                                "char_end": cursor + len(token),
                                "probability": round(rng.random(), 3),
                            }
                        )
                        cursor += len(token) + 1
                    segs.append((sid, start, text, timed))
                for _ in range(codings_per_interview):
                    k = rng.randrange(len(segs))
                    last = min(k + (1 if rng.random() < 0.2 else 0), len(segs) - 1)
                    a, b = segs[k], segs[last]
                    i = rng.randrange(len(a[3]))
                    j = rng.randrange(len(b[3])) if last > k else rng.randrange(i, len(b[3]))
                    soff, eoff = a[3][i][0], b[3][j][1]
                    quote = a[2][soff:eoff] if last == k else f"{a[2][soff:]} {b[2][:eoff]}"
                    coding_rows.append(
                        {
                            "guid": new_guid(),
                            "theme_id": theme_ids[len(coding_rows) % len(theme_ids)],
                            "coder_id": coder_id,
                            "recording_id": rid,
                            "start_segment_id": a[0],
                            "start_offset": soff,
                            "end_segment_id": b[0],
                            "end_offset": eoff,
                            "start_ms": a[3][i][2],
                            "end_ms": b[3][j][3],
                            "quote": quote,
                            "memo": "",
                        }
                    )
            session.execute(insert(Segment), seg_rows)
            session.execute(insert(Word), word_rows)
            session.execute(insert(Coding), coding_rows)


def timed(call: Callable[[], object], runs: int = 5) -> tuple[float, float, object]:
    """(first call, median of ``runs`` more) in ms, and the result."""
    start = time.perf_counter()
    result = call()
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=200)
    parser.add_argument("--words", type=int, default=500_000)
    parser.add_argument("--codings", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="make the project in DIR and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        path = folder / "passages-bench.annotator"
        started = time.perf_counter()
        make_project(path, args.interviews, args.words, args.codings)
        made = time.perf_counter() - started
        with Project.open(path) as project:
            with project.transaction() as session:
                counts = [session.scalar(select(func.count()).select_from(t)) for t in (Recording, Word, Coding, Theme)]
            print(
                f"{counts[0]} interviews, {counts[1]:,} words, {counts[2]:,} codings, {counts[3]} themes "
                f"(generated in {made:.1f} s)"
            )
            coding = project.coding
            theme = "Komunikasi Terbuka"
            top = "Cara Pegawai Menghadapi Tantangan"
            rows = [
                (f"one theme ({theme})", lambda: coding.passages([theme]), True),
                (f"top-level theme with descendants ({top})", lambda: coding.passages([top]), True),
                (f"{theme}, said by staff", lambda: coding.passages([theme], roles=["staff"]), False),
                (f"{theme} or {top}, mode co", lambda: coding.passages([theme, top], mode="co"), False),
                ("every passage (no theme given)", lambda: coding.passages(), False),
                ("counts per theme and role", coding.counts_by_theme_and_role, False),
            ]
            print(f"{'query':<66} {'rows':>6} {'first':>9} {'median of 5':>12}")
            for label, call, target in rows:
                first, median, result = timed(call)
                n = len(result) if isinstance(result, list | dict) else 0
                goal = f"  (target: under {TARGET_MS} ms)" if target else ""
                print(f"{label:<66} {n:>6} {first:>7.1f} ms {median:>9.1f} ms{goal}")


if __name__ == "__main__":
    main()
