"""Truncation checks (jogg_mcp.media.structure) on hand-built headers: no libmagic, no PyAV."""

from __future__ import annotations

import io
import struct

from jogg_mcp.media.structure import iso_truncated, riff_truncated, truncated


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def check_iso(data: bytes) -> bool:
    return iso_truncated(io.BytesIO(data), len(data))


def test_whole_iso_file_passes_and_a_cut_one_fails() -> None:
    whole = box(b"ftyp", b"isom" * 4) + box(b"mdat", b"\x00" * 100)
    assert not check_iso(whole)
    assert check_iso(whole[:-1])
    assert check_iso(whole[:-30])


def test_iso_sizes_64_bit_and_to_the_end() -> None:
    large = struct.pack(">I", 1) + b"mdat" + struct.pack(">Q", 16 + 10) + b"\x00" * 10
    assert not check_iso(box(b"ftyp", b"isom") + large)
    assert check_iso(box(b"ftyp", b"isom") + large[:-1])
    to_end = struct.pack(">I", 0) + b"mdat" + b"\x00" * 50
    assert not check_iso(box(b"ftyp", b"isom") + to_end)


def test_an_impossible_box_size_is_truncation() -> None:
    assert check_iso(struct.pack(">I", 4) + b"ftyp")


def riff(declared_extra: int, actual_payload: int) -> bytes:
    return b"RIFF" + struct.pack("<I", 4 + declared_extra) + b"WAVE" + b"\x00" * actual_payload


def test_riff_length_must_fit_the_file() -> None:
    assert not riff_truncated(io.BytesIO(riff(100, 100)), len(riff(100, 100)))
    short = riff(100, 60)
    assert riff_truncated(io.BytesIO(short), len(short))
    assert riff_truncated(io.BytesIO(b"RIFX...."), 8)


def test_image_end_markers() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100 + b"IEND\xaeB`\x82"
    assert not truncated("PNG", io.BytesIO(png), len(png))
    assert truncated("PNG", io.BytesIO(png[:-12]), len(png) - 12)
    jpeg = b"\xff\xd8" + b"\x00" * 100 + b"\xff\xd9"
    assert not truncated("JPEG", io.BytesIO(jpeg), len(jpeg))
    assert truncated("JPEG", io.BytesIO(jpeg[:-2]), len(jpeg) - 2)


def test_stream_formats_are_left_to_the_probe() -> None:
    assert not truncated("MP3", io.BytesIO(b"\x00"), 1)
    assert not truncated("WebM", io.BytesIO(b"\x00"), 1)
