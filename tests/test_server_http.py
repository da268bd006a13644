"""Streamable HTTP: bearer token, DNS-rebinding protection, per-request JoggAI keys, stateless serving."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx2
import pytest
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

from jogg_mcp.sandbox import SandboxServer
from tests.support import http_server

pytestmark = pytest.mark.anyio

TOKEN = "t0ken-for-tests-0123456789"


@asynccontextmanager
async def http_client(url: str, **headers: str) -> AsyncIterator[Client]:
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30) as http,
        Client(streamable_http_client(url, http_client=http)) as client,
    ):
        yield client


async def test_bearer_token_is_required() -> None:
    with http_server("--sandbox", env={"JOGG_HTTP_TOKEN": TOKEN}) as (url, _):
        body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
        assert httpx2.post(url, json=body).status_code == 401
        wrong = httpx2.post(url, json=body, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"].startswith("Bearer")
        async with http_client(url, Authorization=f"Bearer {TOKEN}") as client:
            result = await client.call_tool("get_credits", {})
        assert result.structured_content is not None and result.structured_content["sandbox"] is True


async def test_foreign_host_header_is_refused() -> None:
    with http_server("--sandbox") as (url, _):
        response = httpx2.post(
            url,
            json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
            headers={"Host": "evil.example", "Accept": "application/json, text/event-stream"},
        )
        assert response.status_code == 421


async def test_beyond_loopback_only_the_named_hosts_are_served() -> None:
    """Bound to every interface, DNS-rebinding protection still holds: a Host not named is refused."""
    listed = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    accept = {"Accept": "application/json, text/event-stream", "Content-Type": "application/json"}
    every_interface = "0.0.0.0"  # noqa: S104 - the point of the test; requests still go to 127.0.0.1
    with http_server("--sandbox", "--host", every_interface, "--allowed-host", "mcp.example.com") as (url, _):
        foreign = httpx2.post(url, json=listed, headers={**accept, "Host": "evil.example"})
        assert foreign.status_code == 421
        named = httpx2.post(url, json=listed, headers={**accept, "Host": "mcp.example.com"})
        assert named.status_code == 200 and "upload_asset" in named.text


async def test_each_request_can_bring_its_own_jogg_key(sandbox: SandboxServer) -> None:
    env = {"JOGG_BASE_URL": sandbox.base_url}  # no JOGG_API_KEY on the server
    with http_server(env=env) as (url, process):
        async with http_client(url, **{"X-Jogg-Api-Key": sandbox.api_key}) as client:
            ok = await client.call_tool("get_credits", {})
            assert not ok.is_error and ok.structured_content is not None
            assert ok.structured_content["remaining_credits"] == 100
        async with http_client(url, **{"X-Jogg-Api-Key": "someone-elses-wrong-key"}) as client:
            refused = await client.call_tool("get_credits", {})
            assert refused.is_error and "rejected the API key" in refused.content[0].text  # type: ignore[union-attr]
            assert "someone-elses-wrong-key" not in refused.content[0].text  # type: ignore[union-attr]
        async with http_client(url) as client:
            missing = await client.call_tool("get_credits", {})
            assert missing.is_error and "JOGG_API_KEY" in missing.content[0].text  # type: ignore[union-attr]
    _, stderr = process.communicate()
    assert b"someone-elses-wrong-key" not in stderr


async def test_progress_arrives_over_http(sandbox: SandboxServer) -> None:
    sandbox.state.render_seconds = 600  # still rendering when the wait ends
    with http_server(env={"JOGG_BASE_URL": sandbox.base_url, "JOGG_API_KEY": sandbox.api_key}) as (url, _):
        async with http_client(url) as client:
            created = await client.call_tool(
                "create_avatar_video",
                {
                    "avatar_id": 81,
                    "avatar_type": "public",
                    "voice_id": "en-US-ChristopherNeural",
                    "aspect_ratio": "portrait",
                    "script": "Hello",
                },
            )
            assert created.structured_content is not None
            messages: list[str | None] = []

            async def on_progress(done: float, total: float | None, message: str | None) -> None:
                messages.append(message)

            result = await client.call_tool(
                "get_project",
                {"project_id": created.structured_content["project_id"], "wait_seconds": 6},
                progress_callback=on_progress,
            )
    assert result.structured_content is not None and result.structured_content["done"] is False
    assert messages and any(m and "checked" in m for m in messages)


async def test_oversized_request_body_is_refused() -> None:
    with http_server("--sandbox") as (url, _):
        huge = {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "tools/call",
            "params": {"name": "get_project", "arguments": {"project_id": "x" * (5 * 1024 * 1024)}},
        }
        response = httpx2.post(url, json=huge, headers={"Accept": "application/json, text/event-stream"})
        assert response.status_code == 413


async def test_bounded_load_on_loopback() -> None:
    """8 concurrent clients x 25 calls each: every call succeeds (latency is the benchmarks' business)."""
    import anyio

    clients, calls = 8, 25
    failures: list[str] = []
    done = 0
    with http_server("--sandbox") as (url, _):

        async def one_client(index: int) -> None:
            nonlocal done
            async with http_client(url) as client:
                for call in range(calls):
                    tool, args = [
                        ("get_credits", {}),
                        ("list_catalog", {"kind": "voices", "page_size": 5}),
                        ("list_catalog", {"kind": "visual_styles", "aspect_ratio": "portrait"}),
                    ][(index + call) % 3]
                    result = await client.call_tool(tool, args)
                    if result.is_error:
                        failures.append(f"{tool}: {result.content}")
                    done += 1

        with anyio.fail_after(120):
            async with anyio.create_task_group() as group:
                for index in range(clients):
                    group.start_soon(one_client, index)
    assert failures == [] and done == clients * calls
