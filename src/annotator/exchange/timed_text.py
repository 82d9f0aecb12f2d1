"""Timed text: the time codes of SRT, WebVTT and timestamped transcripts, written and read.

Reading is liberal in what it accepts, because transcripts come from many hands and tools:

- SRT: numbered cues (the numbers are not checked), ``00:01:02,500 --> 00:01:04,000`` (a point for the comma
  and hours left out are accepted too), text lines joined with a space; formatting tags (``<i>``, ``{\\an8}``)
  are dropped.
- WebVTT: the ``WEBVTT`` header, cues with or without identifiers and settings, ``NOTE``/``STYLE``/``REGION``
  blocks skipped; ``<v Name>`` gives the speaker, other tags are dropped and entities (``&amp;``) decoded.
- Timestamped text (lines of a .txt file or paragraphs of a .docx): ``[hh:mm:ss]`` or ``(hh:mm:ss)`` anywhere
  in a line (``[mm:ss]`` and fractions ``[00:01:02.5]`` too), MAXQDA's and f4/f5's ``#00:01:02-3#`` (tenths),
  a bare ``00:01:02`` at the start of a line, and a span ``0:00:01.0 - 0:00:04.5`` (NVivo) that gives an end.
  Text after a time code starts there; text before the first time code of a line (``I: text #00:00:12-5#``, as
  f4 writes it) runs from the time before up to it. A short line just above a timestamped line, such as
  ``Anak`` in Annotator's own ``qda-txt``, names the speaker of the lines below it until a blank line.

In cue text of every format, ``Name: text`` at the start gives the speaker when ``Name`` looks like a label: at
most four words and 40 characters, each word beginning with a capital or a digit ("Anak", "SPEAKER_00", "Ibu
Siti", "P1"), without sentence punctuation; so "Ada tiga hal: ..." stays text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.errors import UserError

_SPEAKER = re.compile(r"^\s*([^\s:.,;!?\"'()\[\]#<>][^:.,;!?\"()\[\]#<>]{0,39}?)\s*:\s+(\S.*)$", re.DOTALL)
_LABEL = re.compile(r"^\s*([^\s:.,;!?\"'()\[\]#<>][^:.,;!?\"()\[\]#<>]{0,39}?)\s*:?\s*$")


@dataclass
class Cue:
    """A stretch of text with its times, as a file gives it (``end_ms`` None: until the next cue)."""

    line: int  # where it begins in the file, counting from 1
    start_ms: int
    end_ms: int | None
    text: str
    speaker: str | None = None
    unit: str = "line"  # what ``line`` counts: lines of a text file, paragraphs of a Word document


# -- writing -----------------------------------------------------------------------------------------
def hms(ms: int) -> str:
    """``00:01:02``: hours, minutes and seconds, as the QDA programs write them."""
    seconds = max(ms, 0) // 1000
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def srt_time(ms: int) -> str:
    return f"{hms(ms)},{max(ms, 0) % 1000:03d}"


def vtt_time(ms: int) -> str:
    return f"{hms(ms)}.{max(ms, 0) % 1000:03d}"


def one_line(text: str) -> str:
    """A text on one line: line breaks (which would end a cue or a paragraph) become spaces."""
    return re.sub(r"\s*[\r\n]+\s*", " ", text).strip()


def looks_like_label(text: str) -> bool:
    return bool(_LABEL.match(text)) and len(text.split()) <= 4


def split_speaker(text: str) -> tuple[str | None, str]:
    """``("Anak", "Saya ...")`` from ``"Anak: Saya ..."``; ``(None, text)`` when the start is no label."""
    match = _SPEAKER.match(text)
    if match and len(words := match.group(1).split()) <= 4 and all(w[0].isupper() or w[0].isdigit() for w in words):
        return match.group(1).strip(), match.group(2).strip()
    return None, text.strip()


# -- time codes --------------------------------------------------------------------------------------
_CLOCK = r"(?:(\d{1,2}):)?(\d{1,3}):(\d{1,2})(?:[.,](\d{1,3}))?"  # [hh:]mm:ss[.fff]
_HCLOCK = r"(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?"  # hh:mm:ss[.fff]
_SRT_TIMING = re.compile(rf"^\s*{_CLOCK}\s*-->\s*{_CLOCK}(?:\s.*)?$")
_VTT_TAGS = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")  # every tag; a "<" of the text is written "&lt;"
_SRT_TAGS = re.compile(r"</?(?:i|b|u|s|font)(?:\s[^>]*)?>|\{\\[^}]*\}", re.IGNORECASE)  # SRT's few; no entities
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")


def _ms(groups: Iterable[str | None], source: str, line: int, text: str, unit: str = "line") -> int:
    hours, minutes, seconds, fraction = groups
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise UserError(f"{source}: {unit} {line}: {text.strip()!r} is not a time (minutes and seconds go up to 59)")
    ms = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000
    return ms + (int(fraction.ljust(3, "0")[:3]) if fraction else 0)


def _clean(text: str, vtt: bool) -> str:
    text = html.unescape(_VTT_TAGS.sub("", text)) if vtt else _SRT_TAGS.sub("", text)
    return " ".join(text.split())


def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Groups of lines separated by blank lines, with the number of each group's first line."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append((first, current))
            current = []
    if current:
        blocks.append((first, current))
    return blocks


def _cue(source: str, first: int, lines: list[str], vtt: bool) -> Cue | None:
    """A cue of a subtitle file: [identifier], the timing line, the text; None for a block of another kind."""
    at = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
    if at is None:
        return None
    match = _SRT_TIMING.match(lines[at])
    if match is None:
        raise UserError(
            f"{source}: line {first + at}: {lines[at].strip()!r} is not a time line like 00:00:01,000 --> 00:00:02,500"
        )
    groups = match.groups()
    start = _ms(groups[:4], source, first + at, lines[at])
    end = _ms(groups[4:], source, first + at, lines[at])
    payload = " ".join(line.strip() for line in lines[at + 1 :])
    voice = _VOICE.search(payload)
    if voice and vtt:
        speaker, text = " ".join(html.unescape(voice.group(1)).split()), _clean(payload, vtt)
    else:
        speaker, text = split_speaker(_clean(payload, vtt))
    return Cue(first + at, start, end, text, speaker[:100] if speaker else None)


def read_srt(text: str, source: str) -> list[Cue]:
    cues = []
    for first, lines in _blocks(text):
        cue = _cue(source, first, lines, vtt=False)
        if cue is None:
            shown = lines[0].strip()[:60]
            raise UserError(
                f"{source}: line {first}: {shown!r} is not a subtitle (no time line like 00:00:01,000 --> 00:00:02,500)"
            )
        cues.append(cue)
    return cues


def read_vtt(text: str, source: str) -> list[Cue]:
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    if not re.match(r"WEBVTT(?:[ \t].*)?$", header.strip()):
        raise UserError(f"{source}: line 1: not a WebVTT file (it must begin with WEBVTT)")
    cues = []
    for first, lines in _blocks(text)[1:]:
        if re.match(r"(NOTE|STYLE|REGION)\b", lines[0]):
            continue
        cue = _cue(source, first, lines, vtt=True)
        if cue is None:
            raise UserError(f"{source}: line {first}: {lines[0].strip()[:60]!r} is not a cue (no time line)")
        cues.append(cue)
    return cues


# -- timestamped text --------------------------------------------------------------------------------
_BRACKETED = rf"[\[(]{_CLOCK}[\])]"
_HASH = r"#(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[-.,](\d{1,3}))?#"
_STAMP = re.compile(
    rf"(?P<span>[\[(]?{_HCLOCK}\s*[-–]\s*{_HCLOCK}[\])]?)|(?P<bracketed>{_BRACKETED})|(?P<hash>{_HASH})"
)
_BARE = re.compile(rf"^\s*{_CLOCK}(?=[^\d:.,]|$)")
_BARE_NEEDS_HOURS = re.compile(r"^\s*\d{1,2}:\d{1,2}:\d{1,2}")


@dataclass
class _Stamp:
    start: int  # offsets in the line
    end: int
    ms: int
    until_ms: int | None = None  # a span's end


def _stamps(line: str, number: int, source: str, unit: str) -> list[_Stamp]:
    def ms(groups: Iterable[str | None], text: str) -> int:
        return _ms(groups, source, number, text, unit)

    found: list[_Stamp] = []
    bare = _BARE.match(line) if _BARE_NEEDS_HOURS.match(line) else None
    if bare is not None and not _STAMP.match(line.lstrip()):
        found.append(_Stamp(bare.start(), bare.end(), ms(bare.groups(), bare.group())))
    for match in _STAMP.finditer(line, bare.end() if found else 0):
        groups = match.groups()
        if match.group("span"):
            found.append(
                _Stamp(
                    match.start(),
                    match.end(),
                    ms(groups[1:5], match.group()),
                    ms(groups[5:9], match.group()),
                )
            )
        elif match.group("bracketed"):
            found.append(_Stamp(match.start(), match.end(), ms(groups[10:14], match.group())))
        else:
            found.append(_Stamp(match.start(), match.end(), ms(groups[15:19], match.group())))
    return found


def read_lines(lines: list[str], source: str, unit: str = "line") -> tuple[list[Cue], list[str]]:
    """Cues from timestamped lines (see the module's description), and notes on lines that were left out."""
    cues: list[Cue] = []
    notes: list[str] = []
    stamped = [_stamps(line, number, source, unit) for number, line in enumerate(lines, 1)]
    block_speaker: str | None = None
    last_ms = 0  # the latest time point seen
    for index, (line, stamps) in enumerate(zip(lines, stamped, strict=True)):
        number = index + 1
        if not line.strip():
            block_speaker = None
            continue
        if not stamps:
            following = stamped[index + 1] if index + 1 < len(lines) else []
            if following and not lines[index + 1][: following[0].start].strip() and looks_like_label(line):
                block_speaker = line.strip().rstrip(":").strip()  # a speaker line above the lines it names
                continue
            speaker, text = split_speaker(line)
            if speaker is not None and cues:  # a new turn without a time: it starts at the last time point
                cues.append(Cue(number, last_ms, None, text, speaker, unit))
            elif cues:
                cues[-1].text = f"{cues[-1].text} {line.strip()}".strip()
            else:
                notes.append(f"{unit} {number}: no time stamp before it ({line.strip()[:40]!r}): left out")
            continue
        pieces = [(line[: stamps[0].start], None)] + [
            (line[s.end : (stamps[k + 1].start if k + 1 < len(stamps) else len(line))], s) for k, s in enumerate(stamps)
        ]
        line_speaker = block_speaker
        for k, (piece, stamp) in enumerate(pieces):
            following_stamp = stamps[k] if k < len(stamps) else None
            text = re.sub(r"^\s*[-–:]\s+", "", piece).strip()
            if stamp is not None:
                last_ms = stamp.ms
            if k == 0 and text.endswith(":") and looks_like_label(text):  # "Anak: [00:00:03] text"
                line_speaker, text = text.rstrip(":").strip(), ""
            if text:
                speaker, text = split_speaker(text)
                end = stamp.until_ms if stamp is not None and stamp.until_ms is not None else None
                if end is None and following_stamp is not None:
                    end = following_stamp.ms
                cues.append(Cue(number, last_ms, end, text, speaker or line_speaker, unit))
            if stamp is not None and stamp.until_ms is not None:
                last_ms = stamp.until_ms
    return cues, notes
