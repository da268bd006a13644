"""Cheap structural checks that catch truncated files without reading them: a few header reads each."""

from __future__ import annotations

import struct
from typing import IO

ISO_MAX_BOXES = 4096


def iso_truncated(handle: IO[bytes], size: int) -> bool:
    """MP4/MOV/M4A: walk the top-level boxes; a box that runs past the end of the file means truncation."""
    offset = 0
    for _ in range(ISO_MAX_BOXES):
        if offset == size:
            return False
        if size - offset < 8:
            return True
        handle.seek(offset)
        header = handle.read(16)
        box_size = struct.unpack(">I", header[:4])[0]
        if box_size == 1:  # 64-bit size follows the type
            if len(header) < 16:
                return True
            box_size = struct.unpack(">Q", header[8:16])[0]
        elif box_size == 0:  # the box runs to the end of the file
            return False
        if box_size < 8:
            return True
        offset += box_size
        if offset > size:
            return True
    return False


def riff_truncated(handle: IO[bytes], size: int) -> bool:
    """WAV/WebP: the RIFF header states the file's length."""
    handle.seek(0)
    header = handle.read(12)
    if len(header) < 12 or header[:4] != b"RIFF":
        return True
    declared: int = struct.unpack("<I", header[4:8])[0]
    return declared + 8 > size


def tail_missing(handle: IO[bytes], size: int, marker: bytes, window: int = 64) -> bool:
    """PNG, JPEG and GIF end with a known marker; a cut file does not (a little trailing padding is allowed)."""
    handle.seek(max(0, size - window))
    return marker not in handle.read(window)


def truncated(format_name: str, handle: IO[bytes], size: int) -> bool:
    if format_name in ("MP4", "MOV", "M4A"):
        return iso_truncated(handle, size)
    if format_name in ("WAV", "WebP"):
        return riff_truncated(handle, size)
    if format_name == "PNG":
        return tail_missing(handle, size, b"IEND")
    if format_name == "JPEG":
        return tail_missing(handle, size, b"\xff\xd9")
    if format_name == "GIF":
        return tail_missing(handle, size, b"\x3b", window=8)
    return False  # MP3 frames and WebM clusters stand alone: the probe judges those
