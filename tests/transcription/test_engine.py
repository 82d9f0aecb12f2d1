"""The engine on this machine's hardware: fallbacks with warnings, one model for many recordings."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from annotator.core.project import Project
from annotator.transcription import jobs
from annotator.transcription.engine import Engine
from annotator.transcription.models import resolve_model
from tests.transcription.conftest import new_project


@pytest.fixture(scope="module")
def tiny():  # noqa: ANN201
    return resolve_model("tiny.en", "en")


def test_cpu_engine_uses_every_core_and_int8(tiny) -> None:
    warnings: list[str] = []
    engine = Engine(tiny, device="cpu", warn=warnings.append)
    assert (engine.device, engine.compute_type) == ("cpu", "int8")
    assert not engine.multilingual
    assert warnings == []


def test_cuda_failure_falls_back_to_the_cpu_with_a_warning(tiny, monkeypatch: pytest.MonkeyPatch) -> None:
    """No GPU here: asking for CUDA fails for real, and the run goes on on the CPU."""
    import ctranslate2

    if ctranslate2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a working GPU; the fallback cannot be seen here")
    warnings: list[str] = []
    engine = Engine(tiny, device="cuda", warn=warnings.append)
    assert engine.device == "cpu"
    assert any("CUDA failed" in w and "CPU" in w for w in warnings), warnings


def test_float16_failure_falls_back_to_int8(tiny, monkeypatch: pytest.MonkeyPatch) -> None:
    """Failure injection: a device that refuses float16, as older GPUs do."""
    import annotator.transcription.engine as engine_module

    real = engine_module.WhisperModel

    def picky(path, device, compute_type, **kwargs):  # noqa: ANN001, ANN003, ANN202
        if compute_type == "float16":
            raise ValueError("Requested float16 compute type, but the target device does not support it")
        return real(path, device=device, compute_type=compute_type, **kwargs)

    monkeypatch.setattr(engine_module, "WhisperModel", picky)
    warnings: list[str] = []
    engine = Engine(tiny, device="cpu", compute_type="float16", warn=warnings.append)
    assert engine.compute_type == "int8"
    assert any("float16" in w and "int8" in w for w in warnings), warnings


def test_many_recordings_share_one_loaded_model(tmp_path: Path, speech, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[str] = []
    real_init = Engine.__init__

    def counting(self, model, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        loads.append(model.name)
        real_init(self, model, *args, **kwargs)

    monkeypatch.setattr(Engine, "__init__", counting)
    path = new_project(tmp_path / "p.annotator", speech["english"], speech["stereo"])
    events: list[dict] = []
    with Project.open(path) as project:
        outcomes = jobs.transcribe(
            project, jobs.TranscribeRequest(recordings=[], model="tiny.en"), events.append, print, threading.Event()
        )
    assert [o.status for o in outcomes] == ["done", "done"]
    assert loads == ["tiny.en"]
    assert {e["recording"] for e in events if e.get("status") == "done"} == {1, 2}


def test_cancel_before_start_transcribes_nothing(tmp_path: Path, speech) -> None:
    path = new_project(tmp_path / "p.annotator", speech["english"])
    cancel = threading.Event()
    cancel.set()
    with Project.open(path) as project:
        outcomes = jobs.transcribe(
            project, jobs.TranscribeRequest(recordings=[], model="tiny.en"), lambda e: None, print, cancel
        )
        assert outcomes == []
        assert project.transcripts.segment_count(1) == 0
