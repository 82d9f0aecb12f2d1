"""The window's files are private to the user: the settings file (0600, its folder 0700) and a screenshot, which
leaves no temporary folder behind."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from annotator.core.project import Project
from annotator.ui.settings import RECENT_PROJECTS, MemoryStore, Settings


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_the_settings_file_and_its_folder_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "config" / "Annotator" / "Annotator.conf"
        settings = Settings(QSettings(str(path), QSettings.Format.IniFormat))
        settings.add_recent("/data/studi-panti.annotator")
        assert mode(path) == 0o600 and mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700
        path.chmod(0o644)  # as an older version left it
        path.parent.chmod(0o755)
        again = Settings(QSettings(str(path), QSettings.Format.IniFormat))
        assert mode(path) == 0o600 and mode(path.parent) == 0o700
        assert again.get(RECENT_PROJECTS) == ["/data/studi-panti.annotator"]
    finally:
        os.umask(old)


def test_memory_settings_are_written_nowhere(tmp_path: Path) -> None:
    settings = Settings(MemoryStore())
    settings.add_recent("/data/a.annotator")
    settings.set_position("guid", 1500)
    assert settings.get(RECENT_PROJECTS) == ["/data/a.annotator"] and settings.position("guid") == 1500


def test_a_screenshot_is_private_and_leaves_no_temporaries(tmp_path: Path) -> None:
    """The screenshot's settings used to go into a folder in /tmp, left behind with a world-readable file, and the
    PNG took the umask's mode."""
    path = tmp_path / "studi.annotator"
    Project.create(path).close()
    home, scratch = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    scratch.mkdir()
    out = tmp_path / "layar.png"
    out.write_bytes(b"an older picture, readable by all")
    out.chmod(0o644)
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "TMPDIR": str(scratch)}
    done = subprocess.run(
        [sys.executable, "-c", "import os; os.umask(0o022); from annotator.cli import main; raise SystemExit(main())"]
        + ["open", str(path), "--screenshot", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\x89PNG") and mode(out) == 0o600
    assert not [p for p in scratch.iterdir() if p.name.startswith("annotator")]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    written = [p for p in (*home.rglob("*"), *scratch.rglob("*")) if not p.is_symlink()]
    assert [str(p) for p in written if mode(p) & 0o077] == []  # Qt's and the sound system's files too
