"""The command line starts quickly: ``annotator --help`` and ``annotator list`` load no heavy library.

No timings here (machines are noisy; bench/cli_startup.py measures them): these tests look at what was imported,
so they fail when someone brings back an eager import of faster-whisper, PyAV, numpy, Word, Excel, Qt or Alembic.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import parser
from annotator.cli.parser import build_parser, resolve

# Libraries that take a tenth of a second or more to import, none of which --help or list needs.
HEAVY = (
    "faster_whisper",
    "ctranslate2",
    "av",
    "numpy",
    "docx",
    "openpyxl",
    "defusedxml",
    "xmlschema",
    "PySide6",
    "shiboken6",
    "alembic",
)


def _loaded_after(code: str) -> list[str]:
    """The top-level modules a fresh interpreter has loaded after running ``code``."""
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ""}
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_help_loads_neither_the_database_nor_any_heavy_library() -> None:
    code = (
        "from annotator.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "try:\n    main(['export', '--help'])\nexcept SystemExit:\n    pass\n"
    )
    loaded = _loaded_after(code)
    assert [m for m in (*HEAVY, "sqlalchemy") if m in loaded] == []


def test_building_the_parser_imports_no_command() -> None:
    code = "from annotator.cli.parser import build_parser\nbuild_parser().parse_args(['list', 'p.annotator'])"
    loaded = _loaded_after(code)
    assert [m for m in (*HEAVY, "sqlalchemy") if m in loaded] == []


def _loaded_by_list(cli, project_file: Path, wav: Path, *, touched: bool) -> list[str]:
    """What ``annotator list`` loads on a project with one recording (whose file was ``touched`` since)."""
    assert cli("add", project_file, wav).code == 0
    if touched:  # its whole sha256 must decide, and be stored: the project is opened the usual way
        os.utime(wav, (1_000_000_000, 1_000_000_000))
    return _loaded_after(f"from annotator.cli import main\nassert main(['list', {str(project_file)!r}]) == 0")


def test_list_of_a_current_project_loads_not_even_the_database_layer(
    cli, project_file: Path, media: dict[str, Path], tmp_path: Path
) -> None:
    loaded = _loaded_by_list(cli, project_file, Path(shutil.copy(media["wav"], tmp_path / "w.wav")), touched=False)
    assert "annotator" in loaded  # the check sees what it should
    assert [m for m in (*HEAVY, "sqlalchemy") if m in loaded] == []


def test_list_that_must_open_the_project_loads_no_heavy_library(
    cli, project_file: Path, media: dict[str, Path], tmp_path: Path
) -> None:
    loaded = _loaded_by_list(cli, project_file, Path(shutil.copy(media["wav"], tmp_path / "w.wav")), touched=True)
    assert "sqlalchemy" in loaded
    assert [m for m in HEAVY if m in loaded] == []


def test_every_command_runs_a_function_that_exists() -> None:
    commands = next(a for a in build_parser()._actions if a.dest == "command")
    paths = {name: sub.get_default("handler") for name, sub in commands.choices.items()}
    assert "edit" in paths and "list" in paths
    for name, path in paths.items():
        assert callable(resolve(path)), name


def test_the_parsers_copies_of_core_values_agree_with_the_core() -> None:
    from annotator.core.services.coding import MODES
    from annotator.core.services.editing import STATUSES
    from annotator.core.services.participants import ROLES
    from annotator.core.services.pseudonyms import KINDS

    assert (parser.ROLES, parser.MODES, parser.KINDS, parser.STATUSES) == (ROLES, MODES, KINDS, STATUSES)


def test_the_schema_revisions_read_without_alembic_are_alembics() -> None:
    from annotator.core import migrate

    scripts = migrate.script_directory()
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {r.revision for r in scripts.walk_revisions()}


@pytest.mark.parametrize("args", [["--help"], ["list", "--help"], ["edit", "--help"]])
def test_help_still_answers(cli, args: list[str]) -> None:
    result = cli(*args)
    assert result.code == 0
    assert result.out.startswith("usage: annotator")
