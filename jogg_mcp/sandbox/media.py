"""Small real media the sandbox serves as rendered videos, covers and crawled product images."""

from __future__ import annotations

import functools
import io
import struct
import zlib


@functools.cache
def sample_png(red: int = 40, green: int = 120, blue: int = 200, size: int = 32) -> bytes:
    """A solid-colour RGB PNG, written by hand so the sandbox needs no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes((red, green, blue)) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b"")
    )


@functools.cache
def sample_video(container: str = "mp4", seconds: int = 1) -> bytes:
    """A tiny real video: H.264 in MP4, or VP9 in WebM (what a transparent-background render returns)."""
    import av  # heavy: only when a rendered video is first fetched

    codec = "libx264" if container == "mp4" else "libvpx-vp9"
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=container) as output:
        stream = output.add_stream(codec, rate=10)
        if not isinstance(stream, av.VideoStream):
            raise TypeError(f"{codec} did not give a video stream")
        stream.width, stream.height, stream.pix_fmt = 64, 64, "yuv420p"
        for index in range(10 * seconds):
            frame = av.VideoFrame(64, 64, "yuv420p")
            for plane, value in zip(frame.planes, (16 + index * 20 % 220, 128, 128), strict=True):
                plane.update(bytes([value]) * plane.buffer_size)
            frame.pts = index
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
    return buffer.getvalue()


def probe_duration(path: str) -> float | None:
    """Duration of a stored upload from its container header, or None when it has none."""
    import av

    try:
        with av.open(path) as container:
            if container.duration is None:
                return None
            return float(container.duration) / 1_000_000
    except (av.error.FFmpegError, OSError, ValueError):
        return None


@functools.cache
def sample_audio() -> bytes:
    """One second of silence as MP3 (voice previews and music tracks)."""
    import av

    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mp3") as output:
        stream = output.add_stream("libmp3lame", rate=44100)
        stream.layout = "mono"
        for index in range(40):
            frame = av.AudioFrame(format="s16", layout="mono", samples=1152)
            frame.planes[0].update(bytes(frame.planes[0].buffer_size))
            frame.sample_rate = 44100
            frame.pts = index * 1152
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
    return buffer.getvalue()
