"""Real media made at test time (never committed): PyAV encoders for audio and video, Pillow for images."""

from __future__ import annotations

from pathlib import Path

import av
from PIL import Image


def image(path: Path, fmt: str = "PNG", size: tuple[int, int] = (64, 48), **save: object) -> Path:
    Image.new("RGB", size, (200, 60, 30)).save(path, format=fmt, **save)
    return path


def video(
    path: Path,
    *,
    container: str | None = None,
    codec: str = "libx264",
    seconds: float = 1.0,
    fps: int = 10,
    size: tuple[int, int] = (64, 48),
    audio: bool = False,
) -> Path:
    """A video of solid frames; `fps` can be 1 to make long files fast."""
    with av.open(str(path), "w", format=container) as output:
        stream = output.add_stream(codec, rate=fps)
        assert isinstance(stream, av.VideoStream)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv420p" if codec != "mjpeg" else "yuvj420p"
        sound = output.add_stream("aac", rate=8000) if audio else None
        frames = max(1, round(seconds * fps))
        for index in range(frames):
            frame = av.VideoFrame(size[0], size[1], stream.pix_fmt)
            for plane, value in zip(frame.planes, (16 + (index * 7) % 200, 128, 128), strict=True):
                plane.update(bytes([value]) * plane.buffer_size)
            frame.pts = index
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
        if sound is not None:
            assert isinstance(sound, av.AudioStream)
            _silence(output, sound, seconds, 8000)
    return path


def audio(
    path: Path, *, container: str | None = None, codec: str = "libmp3lame", seconds: float = 1.0, rate: int = 8000
) -> Path:
    with av.open(str(path), "w", format=container) as output:
        stream = output.add_stream(codec, rate=rate)
        assert isinstance(stream, av.AudioStream)
        stream.layout = "mono"
        _silence(output, stream, seconds, rate)
    return path


def _silence(output: av.container.OutputContainer, stream: av.AudioStream, seconds: float, rate: int) -> None:
    sample_format = stream.codec_context.format.name
    samples = stream.codec_context.frame_size or 1024
    total = round(seconds * rate)
    for start in range(0, total, samples):
        frame = av.AudioFrame(format=sample_format, layout="mono", samples=samples)
        for plane in frame.planes:
            plane.update(bytes(plane.buffer_size))
        frame.sample_rate, frame.pts = rate, start
        for packet in stream.encode(frame):
            output.mux(packet)
    for packet in stream.encode():
        output.mux(packet)


def pad_iso(path: Path, total_bytes: int) -> Path:
    """Grow an MP4/MOV/M4A to `total_bytes` with a trailing `free` box: still valid, and sparse on disk."""
    size = path.stat().st_size
    extra = total_bytes - size
    assert extra >= 8
    with path.open("r+b") as handle:
        handle.seek(size)
        handle.write(extra.to_bytes(4, "big") + b"free")
        handle.truncate(total_bytes)
    return path


def pad_tail(path: Path, total_bytes: int) -> Path:
    """Grow any file to `total_bytes` with zeros (sparse)."""
    with path.open("r+b") as handle:
        handle.truncate(total_bytes)
    return path


def noise_png(path: Path, side: int) -> Path:
    """An incompressible PNG: side x side random pixels, about 3 * side^2 bytes."""
    import os

    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path, format="PNG", compress_level=0)
    return path


def with_id3(path: Path, cover_bytes: int) -> Path:
    """Prefix an MP3 with an ID3v2.3 tag holding `cover_bytes` of JPEG cover art (as music players write)."""
    import io

    cover = io.BytesIO()
    Image.frombytes("RGB", (64, 64), bytes(64 * 64 * 3)).save(cover, format="JPEG")
    picture = cover.getvalue() + bytes(max(0, cover_bytes - len(cover.getvalue())))
    frame_body = b"\x00image/jpeg\x00\x03\x00" + picture
    frame = b"APIC" + len(frame_body).to_bytes(4, "big") + b"\x00\x00" + frame_body
    size = len(frame)
    synchsafe = bytes(((size >> 21) & 0x7F, (size >> 14) & 0x7F, (size >> 7) & 0x7F, size & 0x7F))
    path.write_bytes(b"ID3\x03\x00\x00" + synchsafe + frame + path.read_bytes())
    return path


def matroska_as_webm(path: Path) -> Path:
    """Relabel a Matroska file's DocType as webm, keeping its (non-WebM) codec: a WebM with a wrong codec."""
    data = path.read_bytes()
    old = b"\x42\x82\x88matroska"
    assert old in data
    # DocType "webm" (4 bytes) plus a 4-byte EBML Void element keeps every size in the header unchanged.
    path.write_bytes(data.replace(old, b"\x42\x82\x84webm\xec\x82\x00\x00", 1))
    return path


def noise_wav(path: Path, total_bytes: int, seed: int = 7) -> Path:
    """A valid 16-bit mono WAV of pseudo-random samples: multi-megabyte, and no chunk repeats another."""
    import random
    import wave

    frames = random.Random(seed).randbytes((total_bytes - 44) // 2 * 2)
    with wave.open(str(path), "wb") as output:
        output.setnchannels(1)
        output.setsampwidth(2)
        output.setframerate(44100)
        output.writeframes(frames)
    return path
