"""``annotator open`` (and ``./run FILE``) on a project file that does not exist yet: the window offers to create it."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_open_a_missing_project_goes_on_to_the_window(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import annotator.ui.app as app

    calls: list[tuple] = []
    monkeypatch.setattr(app, "run", lambda path, **options: calls.append((path, options)) or 0)
    result = cli("open", tmp_path / "baru.annotator")
    assert result.code == 0, result.err
    assert "no such project file" not in result.err
    assert calls and calls[0][0] == tmp_path / "baru.annotator"
    assert not (tmp_path / "baru.annotator").exists()  # made only when the user says Create


def test_open_a_broken_project_is_still_refused_in_one_line(cli, tmp_path: Path) -> None:
    broken = tmp_path / "rusak.annotator"
    broken.write_bytes(b"not a database at all")
    result = cli("open", broken)
    assert result.code == 2 and "not an Annotator project" in result.err
