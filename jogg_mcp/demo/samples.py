"""Sample media and a sample product page for the demo, made on the spot with PyAV (no files shipped)."""

from __future__ import annotations

import http.server
import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRODUCT_PAGE = """<!doctype html>
<html><head>
<title>Aurora Trail Runner 2 | Demo Shop</title>
<meta property="og:title" content="Aurora Trail Runner 2">
<meta name="description" content="A featherweight, waterproof trail shoe with a grippy Vibram sole, made for muddy
mornings and long mountain runs.">
<meta property="og:image" content="/shoe.png">
</head><body><h1>Aurora Trail Runner 2</h1><p>Free shipping. 60-day returns.</p></body></html>
"""


def gradient_png(path: Path, width: int = 640, height: int = 360) -> Path:
    """A colourful banner-sized PNG."""
    import av

    rows = bytearray()
    for y in range(height):
        for x in range(width):
            rows += bytes((40 + 200 * x // width, 60 + 120 * y // height, 180 - 120 * x // width))
    frame = av.VideoFrame(width, height, "rgb24")
    frame.planes[0].update(bytes(rows))
    encoder = av.CodecContext.create("png", "w")
    encoder.width, encoder.height, encoder.pix_fmt = width, height, "rgb24"
    data = b"".join(bytes(packet) for packet in encoder.encode(frame))
    path.write_bytes(data + b"".join(bytes(p) for p in encoder.encode(None)))
    return path


def tone_mp3(path: Path, seconds: float = 4.0, rate: int = 22050) -> Path:
    """A gentle two-note chime, as a stand-in for a voice-over."""
    import av

    with av.open(str(path), "w", format="mp3") as output:
        stream = output.add_stream("libmp3lame", rate=rate)
        if not isinstance(stream, av.AudioStream):
            raise TypeError("libmp3lame did not give an audio stream")
        stream.layout = "mono"
        samples = stream.codec_context.frame_size or 1152
        total = int(seconds * rate)
        for start in range(0, total, samples):
            pcm = bytearray()
            for n in range(start, start + samples):
                pitch = 523.25 if n < total / 2 else 659.25
                fade = max(0.0, 1 - (n % (total // 2)) / (total / 2))
                value = int(8000 * fade * math.sin(2 * math.pi * pitch * n / rate))
                pcm += value.to_bytes(2, "little", signed=True)
            frame = av.AudioFrame(format="s16", layout="mono", samples=samples)
            frame.planes[0].update(bytes(pcm))
            frame.sample_rate, frame.pts = rate, start
            for packet in stream.encode(frame):
                output.mux(packet)
        for packet in stream.encode():
            output.mux(packet)
    return path


@contextmanager
def product_site(folder: Path) -> Iterator[str]:
    """Serve a sample product page (and its image) on loopback; yields the page's URL."""
    (folder / "product.html").write_text(PRODUCT_PAGE)
    gradient_png(folder / "shoe.png", 400, 400)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/product.html"
    finally:
        server.shutdown()
        server.server_close()
