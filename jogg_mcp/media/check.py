"""Decide, before any byte leaves the machine, whether JoggAI will accept a local media file.

Reads the head (libmagic), a few structural headers and the container header (PyAV): never the whole file.
Every refusal says what was measured, what the limit is, and how to fix it.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from jogg_mcp.media.formats import (
    BY_MAGIC,
    BY_NAME,
    FIX_CODEC,
    FIX_DURATION,
    FIX_SIZE,
    FIX_TYPE,
    FIX_WEBM_CODEC,
    ISO_BMFF,
    MB,
    MediaFormat,
    MediaKind,
    same_family,
    size_label,
)
from jogg_mcp.media.probe import Probe, ProbeError, probe
from jogg_mcp.media.sniff import sniff
from jogg_mcp.media.structure import truncated

# What a person would call the things libmagic finds that we refuse.
_DESCRIPTIONS = {
    "text/html": "an HTML page",
    "image/svg+xml": "an SVG drawing",
    "application/zip": "a ZIP archive",
    "text/plain": "plain text",
    "application/pdf": "a PDF document",
    "image/heic": "a HEIC photo",
    "image/avif": "an AVIF image",
    "image/bmp": "a BMP image",
    "image/tiff": "a TIFF image",
    "video/x-matroska": "a Matroska (MKV) video",
    "video/3gpp": "a 3GP phone video",
    "audio/x-hx-aac-adts": "a raw AAC stream",
    "audio/flac": "a FLAC file",
    "audio/ogg": "an Ogg file",
    "application/octet-stream": "data of an unknown type",
    "application/x-empty": "empty",
}


_PLURAL = {"image": "images", "video": "videos", "audio": "audio files"}


class MediaRejected(ValueError):
    """The file would be refused by JoggAI (or cannot be read as what it claims to be)."""

    def __init__(self, path: Path, problem: str, fix: str) -> None:
        self.path = path
        self.problem = problem
        self.fix = fix
        super().__init__(f"{path.name}: {problem} {fix}".strip())


class MediaFacts(BaseModel):
    """What was measured, and how the file is declared to JoggAI (upload_asset's result repeats these)."""

    model_config = ConfigDict(frozen=True)

    filename: str  # the name sent to JoggAI: the extension matches the real content
    content_type: str
    kind: MediaKind
    format: str
    size_bytes: int
    duration_seconds: float | None = None
    codec: str | None = None
    width: int | None = None
    height: int | None = None


class MediaReport(MediaFacts):
    """The facts, with the file they are about."""

    path: Path
    corrected_extension_from: str | None = None

    def facts(self) -> MediaFacts:
        return MediaFacts.model_validate(self.model_dump(include=set(MediaFacts.model_fields)))


def inspect_media(path: Path) -> MediaReport:
    """Check `path` against JoggAI's documented formats and limits. Raises MediaRejected."""
    size = path.stat().st_size
    if size == 0:
        raise MediaRejected(path, "is empty (0 bytes).", "Export or download it again.")
    with path.open("rb") as handle:
        mime = sniff(handle)
        fmt = BY_MAGIC.get(mime)
        if fmt is None:
            described = _DESCRIPTIONS.get(mime, mime)
            raise MediaRejected(path, f"is {described} (detected {mime}), which JoggAI does not accept.", FIX_TYPE)
        if mime not in ISO_BMFF:
            _check_size(path, fmt, size)
        if truncated(fmt.name, handle, size):
            raise MediaRejected(
                path,
                f"is truncated or corrupt: its {fmt.name} structure ends before the data does.",
                "Copy or export the file again completely.",
            )
    facts = _probe(path, fmt)
    if mime in ISO_BMFF:
        fmt = _iso_format(facts)
        _check_size(path, fmt, size)
    codec = _check_streams(path, fmt, facts)

    suffix = path.suffix.lower()
    corrected = None if suffix in fmt.extensions else (path.suffix or "(none)")
    filename = path.name if corrected is None else f"{path.stem}{fmt.extensions[0]}"
    return MediaReport(
        path=path,
        filename=filename,
        content_type=fmt.content_type,
        kind=fmt.kind,
        format=fmt.name,
        size_bytes=size,
        duration_seconds=None
        if fmt.kind == "image" or facts.duration_seconds is None
        else round(facts.duration_seconds, 3),
        codec=codec,
        width=facts.width,
        height=facts.height,
        corrected_extension_from=corrected,
    )


def recheck(report: MediaReport) -> None:
    """Right before the bytes go: the file must still have the size and type it was checked with."""
    path = report.path
    size = path.stat().st_size
    with path.open("rb") as handle:
        mime_now = sniff(handle)
    if size != report.size_bytes:
        raise MediaRejected(
            path,
            f"changed size since it was checked ({report.size_bytes} → {size} bytes).",
            "Wait until it is completely written, then upload it again.",
        )
    if not same_family(mime_now, report.content_type):
        raise MediaRejected(
            path, f"changed type since it was checked (now {mime_now}).", "Upload it again once it is final."
        )


def _check_size(path: Path, fmt: MediaFormat, size: int) -> None:
    if size > fmt.max_bytes:
        raise MediaRejected(
            path,
            f"is {size / MB:.1f} MB ({size} bytes); JoggAI accepts {fmt.name} {_PLURAL[fmt.kind]} up to "
            f"{size_label(fmt.max_bytes)} ({fmt.max_bytes} bytes).",
            FIX_SIZE[fmt.kind],
        )


def _probe(path: Path, fmt: MediaFormat) -> Probe:
    try:
        return probe(os.fspath(path))
    except ProbeError as error:
        raise MediaRejected(
            path,
            f"looks like {fmt.name} but cannot be read as one ({error}): it is corrupt or truncated.",
            "Export or download it again.",
        ) from error


def _iso_format(facts: Probe) -> MediaFormat:
    """An ISO-BMFF file is a video when it has a real video stream, else M4A audio."""
    return BY_NAME["MP4"] if facts.video_codec else BY_NAME["M4A"]


def _check_streams(path: Path, fmt: MediaFormat, facts: Probe) -> str | None:
    """Codec and duration rules; returns the codec worth reporting."""
    if fmt.kind == "image":
        if facts.width is None:
            raise MediaRejected(path, f"is a {fmt.name} with no readable image in it.", "Export it again.")
        return None
    if fmt.kind == "video":
        if facts.video_codec is None:
            what = "only audio" if facts.audio_codec else "no streams at all"
            raise MediaRejected(
                path,
                f"is a {fmt.name} file with {what}: JoggAI needs a video stream.",
                "Upload audio as MP3, WAV or M4A, or export the video again.",
            )
        if fmt.codecs is not None and facts.video_codec not in fmt.codecs:
            fix = FIX_WEBM_CODEC if fmt.name == "WebM" else FIX_CODEC
            raise MediaRejected(
                path,
                f"uses the {facts.video_codec} video codec; JoggAI accepts {fmt.name} only with {fmt.codec_names}.",
                fix,
            )
        codec = facts.video_codec
    else:
        if facts.audio_codec is None:
            raise MediaRejected(path, f"is a {fmt.name} file with no audio stream.", "Export the audio again.")
        codec = facts.audio_codec
    if facts.duration_seconds is None:
        raise MediaRejected(
            path,
            "has no duration in its header, so its length cannot be checked.",
            "Re-save it so the header carries its length, e.g. `ffmpeg -i input -c copy output.mp4`.",
        )
    if fmt.max_seconds is not None and facts.duration_seconds > fmt.max_seconds:
        raise MediaRejected(
            path,
            f"is {_clock(facts.duration_seconds)} long; JoggAI accepts {fmt.kind} up to {_clock(fmt.max_seconds)}.",
            FIX_DURATION[fmt.kind],
        )
    return codec


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d} ({seconds:g} s)"


def inspect_video(path: Path) -> MediaFacts:
    """A video that was downloaded (a finished render): a whole MP4 or WebM with a video stream, read from its
    head and container header like an upload, but with no upload limit applied. Raises MediaRejected."""
    size = path.stat().st_size
    if size == 0:
        raise MediaRejected(path, "is empty (0 bytes).", "Download it again.")
    with path.open("rb") as handle:
        mime = sniff(handle)
        fmt = BY_MAGIC.get(mime)
        if fmt is None or fmt.kind == "image" or (fmt.kind == "audio" and mime not in ISO_BMFF):
            described = _DESCRIPTIONS.get(mime, mime)
            raise MediaRejected(path, f"is {described} (detected {mime}), not a video.", "Download it again.")
        if truncated(fmt.name, handle, size):
            raise MediaRejected(path, f"is truncated: its {fmt.name} structure ends early.", "Download it again.")
    facts = _probe(path, fmt)
    if facts.video_codec is None:
        raise MediaRejected(path, "has no video stream.", "Download it again.")
    fmt = _iso_format(facts) if mime in ISO_BMFF else fmt
    return MediaFacts(
        filename=path.name,
        content_type=fmt.content_type,
        kind="video",
        format=fmt.name,
        size_bytes=size,
        duration_seconds=None if facts.duration_seconds is None else round(facts.duration_seconds, 3),
        codec=facts.video_codec,
        width=facts.width,
        height=facts.height,
    )
