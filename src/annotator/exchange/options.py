"""What every exporter and importer shares: the choices of an export, its outcome, and an import's summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Redact = Callable[[str], str]  # text in, text with every listed real name replaced out (or the text as it is)


def counted(n: int, things: str) -> str:
    """``2 passages``, ``1 passage``: the names counted here all make their plural with an s."""
    return f"{n} {things[:-1] if n == 1 and things.endswith('s') else things}"


def unchanged(text: str) -> str:
    """The identity :data:`Redact`: an export without pseudonymisation."""
    return text


@dataclass(frozen=True)
class ExportOptions:
    recordings: tuple[int, ...] = ()  # recording ids; empty: every recording
    themes: tuple[int, ...] = ()  # theme ids, each standing for itself and its sub-themes; empty: every theme
    pseudonymize: bool = False
    media: str = "internal"  # qdpx: "internal" packs the media into the archive, "external" refers to them


@dataclass
class ExportResult:
    """What an export wrote."""

    paths: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # e.g. {"passages": 12, "recordings": 2}

    def summary(self) -> str:
        what = ", ".join(counted(n, name) for name, n in self.counts.items())
        where = str(self.paths[0]) if len(self.paths) == 1 else f"{len(self.paths)} files"
        return f"Wrote {where}" + (f" ({what})" if what else "")


@dataclass
class ImportSummary:
    """What an import brought in, and what it left out and why (one line each)."""

    source: str
    added: dict[str, int] = field(default_factory=dict)  # e.g. {"themes": 37, "passages": 120}
    skipped: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        added = ", ".join(counted(n, name) for name, n in self.added.items() if n) or "nothing"
        lines = [f"{self.source}: added {added}"]
        lines += [f"  skipped: {reason}" for reason in self.skipped]
        return lines
