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


# A 3x5 pixel font for the mark a preview carries, so a person (or a test) can tell a preview at a glance.
_GLYPHS = {
    "P": ("111", "101", "111", "100", "100"),
    "R": ("110", "101", "110", "101", "101"),
    "E": ("111", "100", "110", "100", "111"),
    "V": ("101", "101", "101", "101", "010"),
    "I": ("111", "010", "010", "010", "111"),
    "W": ("101", "101", "101", "111", "101"),
}
MARK_TOP, MARK_LEFT, MARK_SCALE = 4, 4, 2  # where the mark sits in each frame, and its pixel size
MARK_INK, MARK_BACKGROUND = 235, 16  # white letters on a black band (luma)
FRAME_SIZE = 64


def mark_pixels(text: str) -> set[tuple[int, int]]:
    """The (row, column) luma pixels the letters of `text` cover in a frame."""
    pixels = set()
    for index, letter in enumerate(text):
        for row, line in enumerate(_GLYPHS[letter]):
            for column, ink in enumerate(line):
                if ink == "1":
                    top = MARK_TOP + row * MARK_SCALE
                    left = MARK_LEFT + (index * 4 + column) * MARK_SCALE
                    pixels |= {(top + dy, left + dx) for dy in range(MARK_SCALE) for dx in range(MARK_SCALE)}
    return pixels


def _luma(shade: int, mark: str) -> bytes:
    plane = bytearray([shade]) * (FRAME_SIZE * FRAME_SIZE)
    if mark:
        band = range((MARK_TOP - 2) * FRAME_SIZE, (MARK_TOP + 5 * MARK_SCALE + 2) * FRAME_SIZE)
        plane[band.start : band.stop] = bytes([MARK_BACKGROUND]) * len(band)
        for row, column in mark_pixels(mark):
            plane[row * FRAME_SIZE + column] = MARK_INK
    return bytes(plane)


@functools.cache
def sample_video(container: str = "mp4", seconds: float = 1.0, mark: str = "") -> bytes:
    """A tiny real video: H.264 in MP4, or VP9 in WebM (what a transparent-background render returns); `mark`
    (e.g. "PREVIEW") is drawn across the top of every frame."""
    import av  # heavy: only when a rendered video is first fetched

    codec = "libx264" if container == "mp4" else "libvpx-vp9"
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=container) as output:
        stream = output.add_stream(codec, rate=10)
        if not isinstance(stream, av.VideoStream):
            raise TypeError(f"{codec} did not give a video stream")
        stream.width, stream.height, stream.pix_fmt = FRAME_SIZE, FRAME_SIZE, "yuv420p"
        for index in range(max(10, round(10 * seconds))):  # 10 frames a second, as long as the render says
            frame = av.VideoFrame(FRAME_SIZE, FRAME_SIZE, "yuv420p")
            luma, chroma_u, chroma_v = frame.planes
            luma.update(_luma(16 + index * 20 % 220, mark))
            for plane in (chroma_u, chroma_v):
                plane.update(bytes([128]) * plane.buffer_size)
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
