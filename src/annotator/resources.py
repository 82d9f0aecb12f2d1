"""Where the files under the repository's ``resources/`` folder are, installed or not.

A wheel carries them as ``annotator/resources``; an editable install reads them from the checkout.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parents[1] / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Annotator's resources folder is missing; reinstall Annotator")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
