"""Times as people read them: ``clock(4_323_000) == "1:12:03"``."""

from __future__ import annotations


def clock(ms: int) -> str:
    """Hours, minutes and seconds of a time in milliseconds (negative times count as zero)."""
    seconds = max(ms, 0) // 1000
    return f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
