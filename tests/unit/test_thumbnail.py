"""Thumbnails of covers: small whatever the cover, or none at all."""

from __future__ import annotations

import io
import random

import av
from PIL import Image

from jogg_mcp.media.thumbnail import MAX_BYTES, MAX_SIDE, thumbnail_jpeg


def noisy_png(width: int, height: int) -> bytes:
    """The worst case for JPEG: every pixel random (seeded, so the test is the same each run)."""
    noise = random.Random(7)
    image = Image.frombytes("RGB", (width, height), bytes(noise.getrandbits(8) for _ in range(width * height * 3)))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_large_noisy_cover_gives_a_small_jpeg() -> None:
    jpeg = thumbnail_jpeg(noisy_png(1280, 720))
    assert jpeg is not None and jpeg.startswith(b"\xff\xd8") and len(jpeg) <= MAX_BYTES
    with av.open(io.BytesIO(jpeg)) as container:
        frame = next(container.decode(video=0))
    assert (frame.width, frame.height) == (MAX_SIDE, 90)  # the cover's shape kept


def test_what_is_not_an_image_gives_none() -> None:
    assert thumbnail_jpeg(b"<html>not an image</html>") is None
    assert thumbnail_jpeg(b"") is None
