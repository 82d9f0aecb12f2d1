"""The window's settings, declared once and typed, kept in QSettings (per user, not per project).

The settings file (``~/.config/Annotator/Annotator.conf`` on Linux) names the projects a user worked on, so it is
private like everything else the app writes: the file 0600, its folder 0700. QSettings keeps the mode of a file
that exists, so the file is made (empty, private) before QSettings first writes it, and put right at startup if an
older version left it readable by others. A screenshot's settings live in memory only (:class:`MemoryStore`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QSettings

from annotator.fileio import private_folder

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T


SKIP_SECONDS = Option("player/skip_seconds", 5)
REWIND_ON_RESUME_MS = Option("player/rewind_on_resume_ms", 2000)
PLAYBACK_RATE = Option("player/rate", 1.0)
VOLUME = Option("player/volume", 0.8)
CONFIDENCE_THRESHOLD = Option("transcript/confidence_threshold", 0.6)
FOLLOW_PLAYBACK = Option("transcript/follow_playback", True)
RECENT_PROJECTS = Option("projects/recent", [])
SHORTCUTS = Option("shortcuts/map", {})
LANGUAGE = Option("window/language", "")
MAX_RECENT = 8


class MemoryStore:
    """Settings that are never written anywhere (what a screenshot changes must not outlive it)."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def value(self, key: str) -> Any:
        return self._values.get(key)

    def setValue(self, key: str, value: Any) -> None:  # noqa: N802 - QSettings' name
        self._values[key] = value

    def sync(self) -> None:
        pass


class Settings:
    """Typed access: ``settings.get(SKIP_SECONDS)``; values are stored as JSON text."""

    def __init__(self, qsettings: QSettings | MemoryStore | None = None) -> None:
        self._store = qsettings if qsettings is not None else QSettings()
        if isinstance(self._store, QSettings):
            make_private(self._store)

    def get(self, option: Option[T]) -> T:
        raw = self._store.value(option.key)
        if raw is None:
            return option.default
        try:
            value = json.loads(str(raw))
        except json.JSONDecodeError:
            return option.default
        return value if isinstance(value, type(option.default)) or _numeric(value, option.default) else option.default

    def set(self, option: Option[T], value: T) -> None:
        self._store.setValue(option.key, json.dumps(value))
        self._store.sync()
        if isinstance(self._store, QSettings):
            _chmod(Path(self._store.fileName()), 0o600)

    # -- recent projects and positions ------------------------------------------------------------------------
    def add_recent(self, path: str) -> list[str]:
        recent = [p for p in self.get(RECENT_PROJECTS) if p != path]
        recent = [path, *recent][:MAX_RECENT]
        self.set(RECENT_PROJECTS, recent)
        return recent

    def position(self, recording_guid: str) -> int:
        raw = self._store.value(f"positions/{recording_guid}")
        try:
            return int(raw) if raw is not None else 0
        except (TypeError, ValueError):
            return 0

    def set_position(self, recording_guid: str, ms: int) -> None:
        self._store.setValue(f"positions/{recording_guid}", int(ms))


def _numeric(value: Any, default: Any) -> bool:
    return isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool)


def make_private(store: QSettings) -> None:
    """Make the settings file private before QSettings writes it (0600, its folder 0700), or put it right."""
    if store.format() == QSettings.Format.NativeFormat and sys.platform in ("win32", "darwin"):
        return  # the registry, or a plist among every program's in ~/Library/Preferences
    path = Path(store.fileName())
    if not path.is_absolute():
        return
    folder = path.parent
    with contextlib.suppress(OSError):
        if not folder.exists():
            private_folder(folder)
        elif folder.name in (QCoreApplication.organizationName(), "Annotator"):  # ours alone, not ~/.config
            _chmod(folder, 0o700)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        _chmod(path, 0o600)


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        if path.exists() and (path.stat().st_mode & 0o777) != mode:
            os.chmod(path, mode)
