"""A small JPEG from a render's cover image, to show in a chat without sending the video: PyAV decodes the
cover (PNG, JPEG, WebP) and encodes one scaled-down frame."""

from __future__ import annotations

import fractions
import io

MAX_SIDE = 160
MAX_BYTES = 40_000  # a thumbnail that would be larger is not worth its place in the conversation
QUALITIES = (5, 10, 20)  # MJPEG qscale: lower is better; tried in turn until the result is small enough


def thumbnail_jpeg(image: bytes) -> bytes | None:
    """The image scaled to fit MAX_SIDE, as JPEG of at most MAX_BYTES; None when it cannot be made."""
    import av  # heavy (FFmpeg): only when a thumbnail is first made

    try:
        with av.open(io.BytesIO(image), mode="r") as container:
            frame = next(container.decode(video=0))
        scale = min(1.0, MAX_SIDE / max(frame.width, frame.height))
        width = max(2, int(frame.width * scale) // 2 * 2)
        height = max(2, int(frame.height * scale) // 2 * 2)
        small = frame.reformat(width=width, height=height, format="yuvj420p")
        for quality in QUALITIES:
            encoder = av.CodecContext.create("mjpeg", "w")
            encoder.width, encoder.height, encoder.pix_fmt = width, height, "yuvj420p"
            encoder.time_base = fractions.Fraction(1, 1)
            encoder.options = {"q:v": str(quality)}
            jpeg = b"".join(bytes(packet) for packet in [*encoder.encode(small), *encoder.encode(None)])
            if 0 < len(jpeg) <= MAX_BYTES:
                return jpeg
    except (av.error.FFmpegError, StopIteration, ValueError, OSError):
        return None
    return None
