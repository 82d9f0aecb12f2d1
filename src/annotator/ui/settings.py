"""The window's settings, declared once and typed, kept in QSettings (per user, not per project)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

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


class Settings:
    """Typed access: ``settings.get(SKIP_SECONDS)``; values are stored as JSON text."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._store = qsettings or QSettings()

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
