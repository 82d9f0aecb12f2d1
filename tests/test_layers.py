"""The layers of DESIGN.md hold: nothing below ui/ imports Qt, and imports point down."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "annotator"
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_qt_below_ui() -> None:
    offenders = {
        str(path.relative_to(SRC)): sorted(n for n in _imports(path) if n.split(".")[0] in QT)
        for path in SRC.rglob("*.py")
        if "ui" not in path.relative_to(SRC).parts
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_ui_does_import_qt() -> None:
    """The check above looks at the right files: the window's modules do use Qt."""
    assert any("PySide6.QtWidgets" in _imports(path) for path in (SRC / "ui").rglob("*.py"))


def test_command_modules_import_only_the_helpers_of_the_command_line() -> None:
    """cli/__init__.py imports the parser, which names the command modules without importing them; a command
    module that imported the package (or the parser, or another command) back would close a circle."""
    cli = SRC / "cli"
    allowed = {"__init__.py": {"annotator.cli.parser"}, "parser.py": {"annotator.cli.helpers"}, "helpers.py": set()}
    found = {
        path.name: {n for n in _imports(path) if n == "annotator.cli" or n.startswith("annotator.cli.")}
        for path in cli.glob("*.py")
    }
    assert set(allowed) <= set(found) and len(found) > len(allowed)
    wrong = {name: names - allowed.get(name, {"annotator.cli.helpers"}) for name, names in found.items()}
    assert {name: sorted(names) for name, names in wrong.items() if names} == {}


def test_import_linter_contracts_hold() -> None:
    linter = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(linter), "--no-cache"], capture_output=True, text=True, cwd=SRC.parents[1])
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Contracts: 2 kept, 0 broken." in done.stdout


def test_code_style() -> None:
    """ruff's checks (pyflakes, pycodestyle, isort, bugbear, pyupgrade) and its formatting."""
    ruff = Path(sys.executable).with_name("ruff")
    root = SRC.parents[1]
    for args in (["check", "src", "tests", "bench", "tools"], ["format", "--check", "src", "tests", "bench", "tools"]):
        done = subprocess.run([str(ruff), *args], capture_output=True, text=True, cwd=root)
        assert done.returncode == 0, done.stdout + done.stderr
