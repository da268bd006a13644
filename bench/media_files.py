"""Large but valid media for the benchmarks, made quickly (sparse padding) and never committed."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests import mediagen


def video_with_moov_last(path: Path, total_bytes: int) -> Path:
    """An H.264 MP4 of exactly `total_bytes`: ftyp, mdat, a large `free` box, then moov at the very end.

    A prober has to find the index past the padding without reading it: the worst honest case for a
    header-only check. The padding is sparse, so making it costs no disk and no time.
    """
    small = mediagen.video(path.with_suffix(".src.mp4"), seconds=2, audio=True)
    data = small.read_bytes()
    small.unlink()
    boxes, offset = [], 0
    while offset < len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        boxes.append((kind, data[offset : offset + size]))
        offset += size
    head = b"".join(raw for kind, raw in boxes if kind != b"moov")
    (moov,) = [raw for kind, raw in boxes if kind == b"moov"]
    padding = total_bytes - len(head) - len(moov)
    with path.open("wb") as handle:
        handle.write(head)
        handle.write(struct.pack(">I4s", padding, b"free"))
        handle.seek(padding - 8, 1)
        handle.write(moov)
    assert path.stat().st_size == total_bytes
    return path
