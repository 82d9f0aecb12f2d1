"""The recogniser: faster-whisper on CTranslate2, loaded once and used for every window and recording.

``device="auto"`` takes CUDA when it works and the CPU otherwise, with as many threads as cores. A
float16 failure falls back to int8 and a CUDA failure to the CPU, each with a warning.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import ctranslate2
import numpy as np
from faster_whisper import BatchedInferencePipeline, WhisperModel
from faster_whisper.transcribe import restore_speech_timestamps
from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

from annotator.core.services.transcript import NewSegment, NewWord
from annotator.errors import UserError
from annotator.transcription.audio import SAMPLE_RATE
from annotator.transcription.models import ModelInfo
from annotator.transcription.quality import SegmentScores, segment_flags

Warn = Callable[[str], None]
GAP_MIN_MS = 5_000  # stretches without speech longer than this are kept for the reviewer
MAX_SEGMENT_MS = 12_000  # longer segments are cut at sentence ends and pauses
MIN_SEGMENT_MS = 2_000
PAUSE_MS = 600
VAD_THRESHOLDS = {"low": 0.6, "normal": 0.5, "high": 0.35}  # "high" hears quiet voices (children)


@dataclass(frozen=True)
class Heard:
    gaps: list[tuple[int, int]]
    segments: Iterator[NewSegment]


@dataclass(frozen=True)
class DecodeOptions:
    language: str | None  # None: detect
    vocabulary: tuple[str, ...] = ()
    vad_threshold: float = VAD_THRESHOLDS["normal"]
    batch_size: int = 0  # 0: sequential; N: faster-whisper's batched pipeline
    beam_size: int = 5

    @property
    def hotwords(self) -> str | None:
        return ", ".join(self.vocabulary) or None

    def vad(self) -> VadOptions:
        """faster-whisper's own VAD settings for each pipeline, with the speech threshold the user chose.

        The batched pipeline transcribes each stretch of speech in one piece of at most 30 s: a longer one
        must be split by the VAD (left unsplit, it overruns the encoder's input).
        """
        if self.batch_size > 0:
            return VadOptions(threshold=self.vad_threshold, max_speech_duration_s=30, min_silence_duration_ms=160)
        return VadOptions(threshold=self.vad_threshold, min_silence_duration_ms=2000, speech_pad_ms=400)


def cpu_threads() -> int:
    return max(1, os.cpu_count() or 1)


def cuda_available() -> bool:
    try:
        return ctranslate2.get_cuda_device_count() > 0
    except Exception:  # noqa: BLE001 - a broken CUDA install says so in many ways
        return False


class Engine:
    """A loaded Whisper model that turns windows of audio into segments with timed, scored words."""

    def __init__(self, model: ModelInfo, device: str = "auto", compute_type: str = "auto", warn: Warn = print) -> None:
        if model.path is None:
            raise UserError(f"model {model.name!r} is not on this computer")
        self.info = model
        self.warn = warn
        self.device = "cuda" if device == "auto" and cuda_available() else ("cpu" if device == "auto" else device)
        self.compute_type = compute_type
        self.model = self._load(self.device, compute_type)
        self._batched: BatchedInferencePipeline | None = None
        self.last_language: str | None = None

    def _load(self, device: str, compute_type: str) -> WhisperModel:
        if compute_type == "auto":
            compute_type = "float16" if device == "cuda" else "int8"
        try:
            model = WhisperModel(
                str(self.info.path),
                device=device,
                compute_type=compute_type,
                cpu_threads=cpu_threads(),
                local_files_only=True,
            )
        except (RuntimeError, ValueError) as exc:
            if compute_type == "float16":
                self.warn(f"float16 is not supported here ({_short(exc)}); using int8")
                return self._load(device, "int8_float16" if device == "cuda" else "int8")
            if device == "cuda":
                self.warn(f"CUDA failed ({_short(exc)}); transcribing on the CPU")
                return self._load("cpu", "int8")
            raise UserError(
                f"model {self.info.name!r} at {self.info.path} could not be loaded ({_short(exc)})"
            ) from exc
        self.device, self.compute_type = device, compute_type
        return model

    def fall_back_to_cpu(self, exc: BaseException) -> None:
        """CUDA loaded but failed while decoding (a missing cuBLAS, say): go on with the CPU."""
        self.warn(f"CUDA failed while transcribing ({_short(exc)}); going on with the CPU")
        self.model = self._load("cpu", "int8")
        self._batched = None

    @property
    def multilingual(self) -> bool:
        return bool(self.model.model.is_multilingual)

    def hear(self, audio: np.ndarray, offset_ms: int, options: DecodeOptions, seed: int) -> Heard:
        """One window: where there is no speech, and the segments, with times from the start of the recording.

        The voice activity detector runs once: its speech chunks give the gaps and, for the sequential
        pipeline, the audio the model hears, as faster-whisper's own ``vad_filter`` would
        (concatenated speech, times mapped back).
        """
        vad = options.vad()
        chunks = get_speech_timestamps(audio, vad, sampling_rate=SAMPLE_RATE)
        gaps = [(offset_ms + a, offset_ms + b) for a, b in _silences(chunks, len(audio))]
        if not chunks:
            return Heard(gaps, iter(()))
        return Heard(gaps, self._segments(audio, chunks, offset_ms, options, seed))

    def _segments(
        self, audio: np.ndarray, chunks: list[dict], offset_ms: int, options: DecodeOptions, seed: int
    ) -> Iterator[NewSegment]:
        ctranslate2.set_random_seed(seed)  # temperature fallback samples: the same window gives the same text
        kwargs = dict(
            language=options.language,
            beam_size=options.beam_size,
            word_timestamps=True,
            condition_on_previous_text=False,  # long files: no loops fed by earlier text
            hotwords=options.hotwords,
        )
        if options.batch_size > 0:
            if self._batched is None:
                self._batched = BatchedInferencePipeline(self.model)
            segments, info = self._batched.transcribe(
                audio, batch_size=options.batch_size, vad_filter=True, vad_parameters=options.vad(), **kwargs
            )
        else:
            speech, _ = collect_chunks(audio, chunks, sampling_rate=SAMPLE_RATE)
            heard, info = self.model.transcribe(np.concatenate(speech), vad_filter=False, **kwargs)
            segments = restore_speech_timestamps(heard, chunks, SAMPLE_RATE)
        self.last_language = info.language  # what it detected, when no language was given
        for segment in segments:
            text = segment.text.strip()
            if not text:
                continue
            words = [
                NewWord(
                    start_ms=offset_ms + round(w.start * 1000),
                    end_ms=offset_ms + round(w.end * 1000),
                    text=w.word.strip(),
                    probability=round(float(w.probability), 4),
                )
                for w in (segment.words or [])
                if w.word.strip()
            ]
            scores = (segment.compression_ratio, segment.no_speech_prob, segment.avg_logprob)
            pieces = split_at_pauses(words) if len(words) > 1 else [words]
            for piece in pieces:
                piece_text = text if len(pieces) == 1 else " ".join(w.text for w in piece)
                yield NewSegment(
                    start_ms=piece[0].start_ms if piece else offset_ms + round(segment.start * 1000),
                    end_ms=piece[-1].end_ms if piece else offset_ms + round(segment.end * 1000),
                    text=piece_text,
                    words=piece,
                    flags=segment_flags(SegmentScores(piece_text, *scores, [w.probability or 0.0 for w in piece])),
                    avg_logprob=round(float(segment.avg_logprob), 4),
                    no_speech_prob=round(float(segment.no_speech_prob), 4),
                    compression_ratio=round(float(segment.compression_ratio), 4),
                )


def split_at_pauses(words: list[NewWord], longest_ms: int = MAX_SEGMENT_MS) -> list[list[NewWord]]:
    """Cut a long stretch (the batched pipeline returns up to 30 s at once) where a sentence ends or the
    speaker pauses, so that a segment stays a readable turn of a few seconds."""
    if not words or words[-1].end_ms - words[0].start_ms <= longest_ms:
        return [words]
    pieces: list[list[NewWord]] = [[]]
    for word, following in zip(words, [*words[1:], None], strict=True):
        pieces[-1].append(word)
        if following is None:
            break
        sentence_end = word.text[-1:] in ".?!…"
        pause = following.start_ms - word.end_ms >= PAUSE_MS
        long_enough = word.end_ms - pieces[-1][0].start_ms >= MIN_SEGMENT_MS
        too_long = following.end_ms - pieces[-1][0].start_ms > longest_ms
        if (long_enough and (sentence_end or pause)) or too_long:
            pieces.append([])
    return [piece for piece in pieces if piece]


def _silences(chunks: list[dict], length: int) -> list[tuple[int, int]]:
    """Stretches longer than GAP_MIN_MS between the speech chunks, in ms from the start of the audio."""
    edges = [0]
    for chunk in chunks:
        edges.extend((chunk["start"], chunk["end"]))
    edges.append(length)
    silences = [
        (a * 1000 // SAMPLE_RATE, b * 1000 // SAMPLE_RATE) for a, b in zip(edges[::2], edges[1::2], strict=True)
    ]
    return [(a, b) for a, b in silences if b - a >= GAP_MIN_MS]


def _short(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
