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
