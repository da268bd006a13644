"""The real type of a file, from its first bytes, with libmagic (never the extension, never the whole file)."""

from __future__ import annotations

import functools
import threading
from typing import IO, Any

HEAD_BYTES = 8192
_lock = threading.Lock()


@functools.cache
def _magic() -> Any:
    import magic  # loads libmagic and its database: only when a file is first checked

    return magic.Magic(mime=True)


def id3_tag_length(head: bytes) -> int:
    """Bytes taken by an ID3v2 tag at the start of `head` (0 when there is none).

    libmagic cannot see past a large tag (cover art is often megabytes), so we skip it and sniff what follows.
    """
    if len(head) < 10 or head[:3] != b"ID3" or any(b & 0x80 for b in head[6:10]):
        return 0
    size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]  # synchsafe integer
    footer = 10 if head[5] & 0x10 else 0
    return 10 + size + footer


def sniff(handle: IO[bytes]) -> str:
    """MIME type of the open file, as libmagic names it. Reads at most 16 KiB."""
    handle.seek(0)
    head = handle.read(HEAD_BYTES)
    skip = id3_tag_length(head)
    if skip:
        handle.seek(skip)
        head = handle.read(HEAD_BYTES)
        if not head:
            return "application/x-empty"
    with _lock:
        return str(_magic().from_buffer(head))
