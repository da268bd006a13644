"""Audio this server did not upload is measured from its first bytes over HTTP, so a video made from it is
priced from its real length (docs/architecture.md, "Spending").

The server fetches a URL a model gave it, so it reads only what it may: JoggAI's own host (or the sandbox's),
or https on public addresses; never a private, loopback or link-local one. It reads at most HEAD_BYTES, for at
most TOTAL_SECONDS, and sends no API key.
"""

from __future__ import annotations

import ipaddress
import os
import tempfile
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import anyio
from mcp.server.mcpserver import Context

from jogg_mcp.api import JoggClient
from jogg_mcp.api.assets import read_head
from jogg_mcp.api.errors import JoggError
from jogg_mcp.media.probe import duration_from_head
from jogg_mcp.server.runtime import runtime_of
from jogg_mcp.server.spending import known_audio_seconds, remember_upload

HEAD_BYTES = 256_000
TOTAL_SECONDS = 8.0


async def audio_seconds(ctx: Context, jogg: JoggClient, url: str) -> float | None:
    """The audio's length: recorded at upload, else measured from its header; None when neither works."""
    known = await known_audio_seconds(ctx, url)
    if known is not None:
        return known
    if not await may_read(url, runtime_of(ctx).settings.base_url):
        return None
    try:
        with anyio.fail_after(TOTAL_SECONDS):
            head, total, whole = await read_head(jogg.http, url, max_bytes=HEAD_BYTES, stall_seconds=5.0)
    except (JoggError, TimeoutError):
        return None
    seconds = await anyio.to_thread.run_sync(_measure, head, total, whole, PurePosixPath(urlsplit(url).path).suffix)
    if seconds is not None:
        await remember_upload(ctx, url, seconds)  # a second look at the same URL costs nothing
    return seconds


def _measure(head: bytes, total: int | None, whole: bool, suffix: str) -> float | None:
    handle, path = tempfile.mkstemp(suffix=suffix[:10] or ".bin", prefix="jogg-mcp-head-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(head)
        return duration_from_head(path, total, whole=whole)
    finally:
        os.unlink(path)


async def may_read(url: str, api_base_url: str) -> bool:
    """Whether the server may fetch `url` itself (see the module's docstring)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host and parts.netloc == urlsplit(api_base_url).netloc:
        return parts.scheme in ("http", "https")  # the API's own origin (the sandbox's, when it is one)
    if parts.scheme != "https" or not host:
        return False
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        pass
    try:
        with anyio.fail_after(3):
            addresses = await anyio.getaddrinfo(host, parts.port or 443)
    except (OSError, TimeoutError):
        return False
    return bool(addresses) and all(ipaddress.ip_address(entry[4][0]).is_global for entry in addresses)
