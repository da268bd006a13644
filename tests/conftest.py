"""Shared fixtures: one sandbox server per session (reset before each test), and a client with fast retries."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from jogg_mcp.api import JoggClient
from jogg_mcp.api.transport import RetrySettings, Throttle
from jogg_mcp.sandbox import SandboxServer

FAST_RETRY = RetrySettings(max_retries=3, base_delay=0.01, max_delay=0.05, max_total=10.0)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


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
