"""Fixtures only (helpers are in tests/support.py): one sandbox per session, reset before each test; a JoggAI
client with fast retries; the MCP server through the official client."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from mcp import Client

from jogg_mcp.api import JoggClient
from jogg_mcp.api.transport import forget_throttles
from jogg_mcp.sandbox import SandboxServer
from tests.support import free_port, make_client, mcp_client, server_settings, wait_for_port


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def pytest_configure(config: pytest.Config) -> None:
    """Nothing a test starts may write the spending ledger in the real home (servers started as subprocesses
    inherit this); each test then gets a ledger of its own below."""
    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="jogg-mcp-tests-state-")


@pytest.fixture(autouse=True)
def fresh_ledger(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with an empty spending ledger: identical requests in two tests are not duplicates."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


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


@pytest.fixture
async def jogg(sandbox: SandboxServer) -> AsyncIterator[JoggClient]:
    async with make_client(sandbox) as client:
        yield client


@pytest.fixture
async def mcp(sandbox: SandboxServer, tmp_path: Path) -> AsyncIterator[Client]:
    """The server against the sandbox, uploads allowed from tmp_path."""
    async with mcp_client(server_settings(sandbox, JOGG_ALLOWED_DIRS=str(tmp_path)), sandbox=True) as client:
        yield client


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free loopback port, for the shared ledger (scripts/test installs it)."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed: scripts/test installs it (Debian package redis-server)")
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    arguments = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)]
    process = subprocess.Popen([binary, *arguments], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def redis_url(redis_server: str) -> str:
    """The session's Redis, emptied for this test."""
    import redis

    with redis.Redis.from_url(redis_server) as client:
        client.flushall()
    return redis_server
