"""The single source of JoggAI's upload rules (docs/joggai-api.md, "Uploads"; MB means 10^6 bytes).

The limits resource, every refusal message and the README's limits table are generated from FORMATS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MediaKind = Literal["image", "video", "audio"]

MB = 1_000_000


@dataclass(frozen=True)
class MediaFormat:
    name: str
    kind: MediaKind
    content_type: str  # what we declare to JoggAI and send on the PUT
    extensions: tuple[str, ...]  # the first is the one we correct a wrong extension to
    magic_types: tuple[str, ...]  # what libmagic calls it
    max_bytes: int
    max_seconds: float | None = None
    codecs: frozenset[str] | None = None  # allowed video codecs (FFmpeg names), for video formats

    @property
    def codec_names(self) -> str:
        labels = {"h264": "H.264", "hevc": "H.265", "vp8": "VP8", "vp9": "VP9", "av1": "AV1"}
        return ", ".join(labels[c] for c in sorted(self.codecs or ()))


_MP4_CODECS = frozenset({"h264", "hevc"})
_WEBM_CODECS = frozenset({"vp8", "vp9", "av1"})

FORMATS: tuple[MediaFormat, ...] = (
    MediaFormat("JPEG", "image", "image/jpeg", (".jpg", ".jpeg"), ("image/jpeg",), 10 * MB),
    MediaFormat("PNG", "image", "image/png", (".png",), ("image/png",), 10 * MB),
    MediaFormat("WebP", "image", "image/webp", (".webp",), ("image/webp",), 10 * MB),
    MediaFormat("GIF", "image", "image/gif", (".gif",), ("image/gif",), 10 * MB),
    MediaFormat(
        "MP4", "video", "video/mp4", (".mp4", ".m4v"), ("video/mp4", "video/x-m4v"), 100 * MB, 300, _MP4_CODECS
    ),
    MediaFormat("MOV", "video", "video/quicktime", (".mov", ".qt"), ("video/quicktime",), 100 * MB, 300, _MP4_CODECS),
    MediaFormat("WebM", "video", "video/webm", (".webm",), ("video/webm",), 100 * MB, 300, _WEBM_CODECS),
    MediaFormat("MP3", "audio", "audio/mpeg", (".mp3",), ("audio/mpeg",), 20 * MB, 600),
    MediaFormat("WAV", "audio", "audio/wav", (".wav",), ("audio/x-wav", "audio/wav", "audio/vnd.wave"), 20 * MB, 600),
    MediaFormat("M4A", "audio", "audio/mp4", (".m4a",), ("audio/x-m4a", "audio/mp4"), 20 * MB, 600),
)

BY_NAME = {f.name: f for f in FORMATS}
BY_MAGIC = {magic_type: fmt for fmt in FORMATS for magic_type in fmt.magic_types}
BY_EXTENSION = {extension: fmt for fmt in FORMATS for extension in fmt.extensions}
# MP4 and M4A share one container (ISO BMFF): libmagic cannot tell them apart, the streams decide.
ISO_BMFF = frozenset(BY_NAME["MP4"].magic_types + BY_NAME["M4A"].magic_types)


def same_family(magic_type: str, content_type: str) -> bool:
    """Whether a file libmagic now calls `magic_type` is still the kind declared as `content_type`."""
    declared = next((f for f in FORMATS if f.content_type == content_type), None)
    if declared is None:
        return False
    if magic_type in ISO_BMFF:
        return bool(ISO_BMFF & set(declared.magic_types))
    return magic_type in declared.magic_types


# How to fix each kind of refusal, in the spirit of the upload guide's own commands.
FIX_SIZE = {
    "image": "Shrink it, e.g. `convert input.jpg -resize 1920x1080 -quality 85 output.jpg`.",
    "video": "Compress it, e.g. `ffmpeg -i input.mp4 -vcodec h264 -crf 23 -preset medium -vf scale=1920:1080 "
    "-acodec aac -b:a 192k output.mp4`.",
    "audio": "Convert it to MP3 at 192 kbps, e.g. `ffmpeg -i input.wav -codec:a libmp3lame -b:a 192k output.mp3`.",
}
FIX_DURATION = {
    "video": "Trim it to 5 minutes, e.g. `ffmpeg -i input.mp4 -t 300 -c copy output.mp4`.",
    "audio": "Trim it to 10 minutes, e.g. `ffmpeg -i input.mp3 -t 600 -c copy output.mp3`.",
}
FIX_CODEC = (
    "Transcode it to H.264, e.g. `ffmpeg -i input.mov -c:v libx264 -crf 23 -preset medium -c:a aac "
    "-b:a 192k output.mp4`."
)
FIX_WEBM_CODEC = (
    "Re-encode it as VP9, e.g. `ffmpeg -i input.webm -c:v libvpx-vp9 -b:v 2M -c:a libopus output.webm`, "
    "or as MP4 with H.264."
)
FIX_TYPE = (
    "Convert it to a supported format: JPG or PNG for images (`convert input.heic output.jpg`), MP4 with "
    "H.264 for video (`ffmpeg -i input.mkv -c:v libx264 -c:a aac output.mp4`), MP3 for audio "
    "(`ffmpeg -i input.flac -codec:a libmp3lame -b:a 192k output.mp3`)."
)


def human_size(size: float) -> str:
    """Sizes as people read them, in the same decimal units as the limits."""
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{size / 1000:.0f} KB" if size >= 1000 else f"{size:.0f} bytes"


def size_label(limit: int) -> str:
    return f"{limit // MB} MB"


def limits_sentence() -> str:
    """The rules in one line, for the upload tool's description (each kind shares one size and length)."""
    parts = []
    for kind in ("image", "video", "audio"):
        formats = [f for f in FORMATS if f.kind == kind]
        names = ", ".join(f.name for f in formats)  # codecs: in jogg://limits, and in a refusal's message
        rule = f"up to {size_label(formats[0].max_bytes)}"
        if formats[0].max_seconds:
            rule += f" and {formats[0].max_seconds / 60:g} minutes"
        parts.append(f"{kind}: {names}, {rule}")
    return "; ".join(parts)


def limits_markdown() -> str:
    """The limits table, as the README and the limits resource show it."""
    rows = ["| Kind | Format | Extensions | Max size | Max duration | Video codecs |", "|---|---|---|---|---|---|"]
    for fmt in FORMATS:
        duration = f"{fmt.max_seconds / 60:g} min" if fmt.max_seconds else "-"
        rows.append(
            f"| {fmt.kind} | {fmt.name} | {', '.join(fmt.extensions)} | {size_label(fmt.max_bytes)} | {duration} "
            f"| {fmt.codec_names or '-'} |"
        )
    return "\n".join(rows)
