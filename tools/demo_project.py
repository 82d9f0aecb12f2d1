"""Make a small demo study: spoken Indonesian interviews (espeak-ng), transcribed on this machine.

    .venv/bin/python tools/demo_project.py OUT_FOLDER [--model base]

Writes OUT_FOLDER/studi-demo.annotator with the relationships codebook and two interviews: a resident
and a staff member, each a stereo recording with the interviewer on the left channel. The speakers are
named, the answers coded to themes, four themes pinned, and a page of field notes added and coded. It is
what the README's screenshots show. Needs espeak-ng and sox.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.speech import sox, speak  # noqa: E402

INTERVIEWS = {
    "wbs-01": (
        "WBS-01",
        "resident",
        [
            (
                "Bagaimana perasaanmu tinggal di panti?",
                "Saya merasa nyaman tinggal di panti, karena pegawai mau mendengarkan.",
            ),
            ("Apa yang kamu lakukan bersama pegawai?", "Kami bermain bola bersama setiap hari minggu."),
            ("Kalau ada masalah, kamu cerita kepada siapa?", "Kadang saya malu, tapi ibu asrama sabar sekali."),
        ],
    ),
    "staf-01": (
        "STAF-01",
        "staff",
        [
            ("Bagaimana Ibu menghadapi anak yang menarik diri?", "Saya tetap ramah dan mengajak mereka ikut piket."),
            ("Apa harapan Ibu untuk anak-anak?", "Semoga mereka menjadi anak yang baik dan sekolahnya lancar."),
        ],
    ),
}


def interview(folder: Path, name: str, turns: list[tuple[str, str]]) -> Path:
    """Questions on the left channel, answers on the right, one after the other."""
    left_parts, right_parts = [], []
    for i, (question, answer) in enumerate(turns):
        q = speak(question, folder / f"{name}-q{i}.wav", "id", speed=140)
        a = speak(answer, folder / f"{name}-a{i}.wav", "id", speed=135)
        q_len = float(subprocess.run(["soxi", "-D", str(q)], capture_output=True, text=True).stdout)
        a_len = float(subprocess.run(["soxi", "-D", str(a)], capture_output=True, text=True).stdout)
        left, right = folder / f"{name}-l{i}.wav", folder / f"{name}-r{i}.wav"
        sox(q, left, "pad", "0", f"{a_len + 1.2:.2f}")
        sox(a, right, "pad", f"{q_len + 0.6:.2f}", "0.6")
        left_parts.append(left)
        right_parts.append(right)
    left_all, right_all, out = folder / f"{name}-L.wav", folder / f"{name}-R.wav", folder / f"{name}.wav"
    sox(*left_parts, left_all)
    sox(*right_parts, right_all)
    sox("-M", left_all, right_all, out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()
    folder = args.folder.absolute()
    audio = folder / "rekaman"
    audio.mkdir(parents=True, exist_ok=True)
    project = folder / "studi-demo.annotator"
    run = [sys.executable, "-m", "annotator"]
    subprocess.run([*run, "new", str(project), "--codebook", "relationships", "--name", "Studi demo"], check=True)
    for name, (code, role, turns) in INTERVIEWS.items():
        media = interview(audio, name, turns)
        subprocess.run(
            [
                *run,
                "add",
                str(project),
                str(media),
                "--participant",
                code,
                "--role",
                role,
                "--title",
                f"{code}, sesi 1",
            ],
            check=True,
        )
    model = ["--model", args.model] if args.model else []
    subprocess.run(
        [*run, "transcribe", str(project), "--speakers-by-channel", "--vad-sensitivity", "high", *model], check=True
    )
    code_the_study(project)
    print(project)


NOTES = (
    "Sore hari anak-anak bermain bola bersama pegawai di halaman. Suasananya hangat dan terbuka.\n"
    "Seorang anak duduk sendiri di teras; ibu asrama menghampirinya dan mengajaknya bicara dengan sabar."
)
# (recording, answer number (0-based), themes): whole answers coded, as a researcher would.
CODES = [
    (1, 0, ["Komunikasi Terbuka", "Bersedia Menjadi Pendengar"]),
    (1, 1, ["Kesempatan Berpartisipasi dalam Kegiatan Bersama"]),
    (1, 2, ["Perbedaan Keterbukaan tentang Masalah", "Bersikap Sabar"]),
    (2, 0, ["Tetap Bersikap Ramah", "WBS yang Menarik Diri"]),
    (2, 1, ["Tumbuh Menjadi Anak yang Baik"]),
]


def code_the_study(path: Path) -> None:
    """Name the speakers, code the answers, pin themes and add coded field notes (as the window would)."""
    from annotator.core.project import Project

    with Project.open(path) as project:
        project.participants.add("PEW-01", "interviewer")
        for rid, answerer in ((1, ("Anak", "WBS-01")), (2, ("Staf", "STAF-01"))):
            for old, (new, code) in (("Channel 1", ("Pewawancara", "PEW-01")), ("Channel 2", answerer)):
                project.editing.apply("rename_speaker", recording_id=rid, old_label=old, new_label=new)
                project.recordings.set_speaker(rid, new, code)
        for rid, answer, themes in CODES:
            segments = [s for s in project.editing.load(rid).segments if s.speaker != "Pewawancara"]
            if answer < len(segments):
                seg = segments[answer]
                project.coding.code_span(rid, seg.id, 0, seg.id, len(seg.text), themes)
        notes = project.documents.create("Observasi sore, 15 Maret", NOTES, participant="STAF-01")
        first = NOTES.index(".") + 1
        project.coding.code_document(notes.id, 0, first, ["Kesempatan Berpartisipasi dalam Kegiatan Bersama"])
        second = NOTES.index("ibu asrama")
        project.coding.code_document(notes.id, second, len(NOTES), ["Bersikap Sabar", "Kehangatan dan Kepedulian"])
        for name in ("Komunikasi Terbuka", "Rasa Saling Menghargai", "Kegiatan Bersama Lainnya", "Bersikap Sabar"):
            project.themes.pin(project.themes.get(name).id)


if __name__ == "__main__":
    main()
