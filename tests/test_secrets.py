"""Secret hygiene: a recognisable fake key runs the whole flow, and shows up in no tool result, progress
message, log line, error text or HTTP response; signed upload URLs show up in no error."""

from __future__ import annotations

import json
import os
import shlex
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from jogg_mcp.sandbox import SandboxServer
from tests import mediagen as g
from tests.support import VIDEO, http_server

pytestmark = pytest.mark.anyio

CANARY = "jk-LEAK-CANARY-7f3a9c2e51b04d6d"


class Transcript:
    """Everything the client side saw."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    async def progress(self, done: float, total: float | None, message: str | None) -> None:
        self.seen.append(f"progress {done} {total} {message}")

    async def call(self, client: Client, tool: str, **arguments: Any) -> dict[str, Any]:
        result = await client.call_tool(tool, arguments, progress_callback=self.progress)
        self.seen.append(result.model_dump_json())
        return result.structured_content or {}


async def whole_flow(client: Client, sandbox: SandboxServer, folder: Path, log: Transcript) -> None:
    image = await log.call(client, "upload_asset", path=str(g.image(folder / "a.png", "PNG")))
    audio = await log.call(client, "upload_asset", path=str(g.audio(folder / "v.mp3")))
    product = await log.call(client, "create_product_from_url", url="https://shop.example/p/9")
    await log.call(
        client,
        "update_product",
        product_id=product["product_id"],
        name="New",
        media=[{"type": "image", "url": image["asset_url"]}],
    )
    video = await log.call(
        client,
        "create_video",
        product_id=product["product_id"],
        **VIDEO,
    )
    avatar = await log.call(
        client,
        "create_avatar_video",
        avatar_id=81,
        avatar_type="public",
        voice_id="en-US-ChristopherNeural",
        aspect_ratio="portrait",
        audio_url=audio["asset_url"],
    )
    for created in (video, avatar):
        await log.call(client, "get_project", project_id=created["project_id"], wait_seconds=3)
    for kind in ("avatars", "voices", "visual_styles", "templates", "music"):
        await log.call(client, "list_catalog", kind=kind)
    await log.call(client, "get_credits")
    # And the error paths: storage refusals, lost answers, JoggAI error codes, bad ids.
    sandbox.faults.inject(path="/upload/*", kind="forbid_put")
    await log.call(client, "upload_asset", path=str(g.image(folder / "b.png", "PNG")))
    sandbox.faults.inject(path="/upload/*", kind="reset", before_processing=True, count=10)
    await log.call(client, "upload_asset", path=str(g.image(folder / "c.png", "PNG")))
    sandbox.faults.inject(path="/v1/create_video_from_url", kind="reset")
    await log.call(client, "create_video", product_id=product["product_id"], new_take=True, **VIDEO)
    await log.call(client, "create_video", product_id=product["product_id"], **VIDEO)  # the ledger's answer
    await log.call(client, "list_projects")
    for code in (10105, 18025, 40000, 50000):
        sandbox.faults.inject(path="/v2/voices", kind="error_code", code=code, count=5)
        await log.call(client, "list_catalog", kind="voices")
    # An error message that quotes the key back (some APIs do): the key must still reach no one.
    echo = f"Parameter error: x-api-key {CANARY} is not allowed for this endpoint"
    sandbox.faults.inject(path="/v2/visual_styles", kind="error_code", code=40000, message=echo)
    echoed = await log.call(client, "list_catalog", kind="visual_styles")
    assert echoed == {}, "the echoed error must be an error"
    await log.call(client, "get_project", project_id="0" * 32)


def assert_clean(texts: list[str], where: str) -> None:
    joined = "\n".join(texts)
    assert CANARY not in joined, f"the API key leaked into {where}"
    assert "signature=" not in joined.lower(), f"a signed upload URL leaked into {where}"


@pytest.fixture
def canary_sandbox() -> Any:
    with SandboxServer(api_key=CANARY, render_seconds=1) as sandbox:
        yield sandbox


@asynccontextmanager
async def stdio_client(sandbox: SandboxServer, folder: Path, stderr_file: Path) -> AsyncIterator[Client]:
    env = {
        **os.environ,
        "JOGG_API_KEY": CANARY,
        "JOGG_BASE_URL": sandbox.base_url,
        "JOGG_ALLOWED_DIRS": str(folder),
        "JOGG_LOG_LEVEL": "DEBUG",
        "JOGG_MAX_RETRIES": "1",
    }
    command = f"exec {shlex.quote(sys.executable)} -m jogg_mcp serve 2>>{shlex.quote(str(stderr_file))}"
    async with Client(StdioServerParameters(command="bash", args=["-c", command], env=env)) as client:
        yield client


async def test_no_leak_over_stdio(canary_sandbox: SandboxServer, tmp_path: Path) -> None:
    stderr_file = tmp_path / "server.log"
    transcript = Transcript()
    async with stdio_client(canary_sandbox, tmp_path, stderr_file) as client:
        await whole_flow(client, canary_sandbox, tmp_path, transcript)
    assert len(transcript.seen) > 25 and any(s.startswith("progress") for s in transcript.seen)
    assert any("is not allowed for this endpoint" in s for s in transcript.seen)  # the echo arrived, redacted
    assert any('"isError":true' in s or '"is_error":true' in s for s in transcript.seen)
    assert_clean(transcript.seen, "tool results and progress")
    log = stderr_file.read_text()
    assert "DEBUG" in log and "JoggAI call failed" in log  # the log was verbose, and saw the failures
    assert_clean([log], "the server log")


async def test_no_leak_over_http(canary_sandbox: SandboxServer, tmp_path: Path) -> None:
    responses: list[str] = []

    async def keep(response: httpx2.Response) -> None:
        responses.append(f"{response.status_code} {dict(response.headers)}")

    env = {
        "JOGG_API_KEY": CANARY,
        "JOGG_BASE_URL": canary_sandbox.base_url,
        "JOGG_ALLOWED_DIRS": str(tmp_path),
        "JOGG_LOG_LEVEL": "DEBUG",
        "JOGG_MAX_RETRIES": "1",
        "JOGG_HTTP_TOKEN": "http-token-0123456789abcdef",
    }
    transcript = Transcript()
    with http_server(env=env) as (url, process):
        headers = {"Authorization": "Bearer http-token-0123456789abcdef"}
        async with (
            httpx2.AsyncClient(headers=headers, timeout=30, event_hooks={"response": [keep]}) as http,
            Client(streamable_http_client(url, http_client=http)) as client,
        ):
            await whole_flow(client, canary_sandbox, tmp_path, transcript)
        raw = [
            httpx2.post(url, json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"}).text,
            httpx2.post(url, json={}, headers={**headers, "Host": "evil.example"}).text,
        ]
    _, stderr = process.communicate()
    assert_clean(transcript.seen + responses + raw, "HTTP responses")
    assert_clean([stderr.decode()], "the HTTP server log")
    assert json.loads(raw[0])["error"] == "unauthorized"
