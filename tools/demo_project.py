"""Make a small demo study: spoken Indonesian interviews (espeak-ng), transcribed on this machine.

    .venv/bin/python tools/demo_project.py OUT_FOLDER [--model base]

Writes OUT_FOLDER/studi-demo.annotator with the relationships codebook and two interviews: a resident
and a staff member, each a stereo recording with the interviewer on the left channel. It is what the
README's screenshots show. Needs espeak-ng and sox.
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
    print(project)


if __name__ == "__main__":
    main()
