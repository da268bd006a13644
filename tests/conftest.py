"""Shared fixtures: one sandbox server per session (reset before each test), and a client with fast retries."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from jogg_mcp.api import JoggClient
from jogg_mcp.api.transport import RetrySettings, Throttle, forget_throttles
from jogg_mcp.sandbox import SandboxServer

# Valid arguments for the two creating tools (create_video also needs a product_id).
VIDEO = {
    "aspect_ratio": "portrait",
    "video_length": 15,
    "language": "english",
    "avatar_id": 127,
    "avatar_type": "public",
    "voice_id": "en-US-ChristopherNeural",
    "script_style": "Don't Worry",
    "visual_style": "FullScreen",
}
AVATAR = {
    "avatar_id": 81,
    "avatar_type": "public",
    "voice_id": "en-US-ChristopherNeural",
    "aspect_ratio": "portrait",
    "script": "Hello there",
}

FAST_RETRY = RetrySettings(max_retries=3, base_delay=0.01, max_delay=0.05, max_total=10.0)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def fresh_throttles() -> Iterator[None]:
    """Each test is a fresh process as far as the per-key POST throttle goes (the sandbox resets its own)."""
    forget_throttles()
    yield
    forget_throttles()


@pytest.fixture(scope="session")
def sandbox_server() -> Iterator[SandboxServer]:
    with SandboxServer(render_seconds=0) as server:
        yield server


@pytest.fixture
def sandbox(sandbox_server: SandboxServer) -> Iterator[SandboxServer]:
    """The session's sandbox, clean: no faults, full credits, no records. Renders are instant."""
    sandbox_server.reset()
    yield sandbox_server
    sandbox_server.reset()


def make_client(sandbox: SandboxServer, **overrides: object) -> JoggClient:
    options: dict[str, object] = {
        "api_key": sandbox.api_key,
        "base_url": sandbox.base_url,
        "read_timeout": 2.0,
        "retry": FAST_RETRY,
        "throttle": Throttle(limit=1000, window=60.0),
    }
    options.update(overrides)
    return JoggClient(**options)  # type: ignore[arg-type]


@pytest.fixture
async def jogg(sandbox: SandboxServer) -> AsyncIterator[JoggClient]:
    async with make_client(sandbox) as client:
        yield client


# --- the MCP server, driven through the official SDK client ---------------------------------------------

from contextlib import asynccontextmanager  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from mcp import Client  # noqa: E402
from mcp.types import ListRootsResult, Root  # noqa: E402
from pydantic import FileUrl  # noqa: E402

from jogg_mcp.config import Settings  # noqa: E402
from jogg_mcp.server import Runtime, build_server  # noqa: E402


def server_settings(sandbox: SandboxServer, **env: str) -> Settings:
    return Settings.load(
        {"JOGG_API_KEY": sandbox.api_key, "JOGG_BASE_URL": sandbox.base_url, "JOGG_READ_TIMEOUT": "5", **env}
    )


@asynccontextmanager
async def mcp_client(
    settings: Settings,
    *,
    roots: list[Path] | None = None,
    poll_interval: float = 0.2,
    mode: str = "auto",
    **runtime: Any,
) -> AsyncIterator[Client]:
    """A real MCP client session with a server built from `settings` (in memory, JSON-RPC in between)."""
    server = build_server(Runtime(settings=settings, poll_interval=poll_interval, **runtime))
    callback = None
    if roots is not None:
        offered = ListRootsResult(roots=[Root(uri=FileUrl(p.as_uri()), name=p.name) for p in roots])

        async def callback(context: object) -> ListRootsResult:
            return offered

    async with Client(server, list_roots_callback=callback, mode=mode) as client:  # type: ignore[arg-type]
        yield client


@pytest.fixture
async def mcp(sandbox: SandboxServer, tmp_path: Path) -> AsyncIterator[Client]:
    """The server against the sandbox, uploads allowed from tmp_path."""
    async with mcp_client(server_settings(sandbox, JOGG_ALLOWED_DIRS=str(tmp_path)), sandbox=True) as client:
        yield client
