"""Duration, codecs and dimensions from container headers with PyAV: never decodes, reads about 0.5 MB."""

from __future__ import annotations

from dataclasses import dataclass


class ProbeError(Exception):
    """The container could not be parsed: corrupt, truncated, or not what its bytes claimed."""


@dataclass(frozen=True)
class Probe:
    duration_seconds: float | None
    video_codec: str | None  # FFmpeg canonical names: h264, hevc, vp8, vp9, av1, ...
    audio_codec: str | None
    width: int | None
    height: int | None
    audio_bit_rate: int | None = None  # bits per second, as the stream's header states it


def probe(path: str) -> Probe:
    import av  # heavy (FFmpeg): imported on first use so start-up does not pay for it

    try:
        with av.open(path, metadata_errors="ignore") as container:
            video = next(
                (s for s in container.streams.video if not s.disposition & av.stream.Disposition.attached_pic), None
            )  # cover art in an MP3 or M4A is a "video" stream, but not a video
            audio = next(iter(container.streams.audio), None)
            duration = container.duration / 1_000_000 if container.duration is not None else None
            if duration is None:
                timed = video or audio
                if timed is not None and timed.duration is not None and timed.time_base is not None:
                    duration = float(timed.duration * timed.time_base)
            return Probe(
                duration_seconds=duration,
                video_codec=_codec_name(video),
                audio_codec=_codec_name(audio),
                width=video.codec_context.width if video is not None else None,
                height=video.codec_context.height if video is not None else None,
                audio_bit_rate=(audio.bit_rate or audio.codec_context.bit_rate or None) if audio is not None else None,
            )
    except (av.error.FFmpegError, OSError, ValueError, UnicodeDecodeError) as error:
        raise ProbeError(str(error)) from error


def _codec_name(stream: object | None) -> str | None:
    if stream is None:
        return None
    context = stream.codec_context  # type: ignore[attr-defined]
    codec = context.codec
    # codec_context.name is the decoder (libdav1d, mp3float); the canonical name is the format (av1, mp3).
    return str(getattr(codec, "canonical_name", None) or context.name)


def duration_from_head(path: str, total_size: int | None, *, whole: bool) -> float | None:
    """How long a media file is, from its first bytes only (saved at `path`) and its full size.

    A header may state the length (MP3 Xing, MP4 moov) or only its bit rate (WAV, plain MP3); the larger of
    the stated length and size / bit rate is returned, so the estimate errs up, never down. `whole` means the
    bytes are the whole file. None when neither can be read.
    """
    try:
        facts = probe(path)
    except ProbeError:
        return None
    if not whole and total_size is None:
        return None  # a cut file's header may state only the part it holds (WAV does)
    candidates = [facts.duration_seconds] if facts.duration_seconds is not None else []
    if total_size is not None and facts.audio_bit_rate:
        candidates.append(total_size * 8 / facts.audio_bit_rate)
    return max(candidates) if candidates else None
