"""Retries: safe calls survive transient faults; a billable create is never sent twice."""

from __future__ import annotations

import time
from pathlib import Path

import httpx2
import pytest

from jogg_mcp.api import JoggClient
from jogg_mcp.api import errors as e
from jogg_mcp.api.models import AvatarVideoRequest, CreateProductRequest
from jogg_mcp.api.transport import RetrySettings, Throttle
from jogg_mcp.api.vocabulary import AspectRatio, AvatarType
from jogg_mcp.sandbox import SandboxServer
from tests.support import FAST_RETRY, make_client, url_video

pytestmark = pytest.mark.anyio

TRANSIENT = ["http_500", "http_502", "http_503", "code_50000", "code_429", "reset", "hang", "truncated_json"]


def calls_to(sandbox: SandboxServer, path: str) -> int:
    return sum(1 for r in sandbox.state.requests if r.path == path)


@pytest.mark.parametrize("kind", TRANSIENT)
async def test_get_survives_two_transient_faults(sandbox: SandboxServer, kind: str) -> None:
    sandbox.faults.inject(path="/v2/user/remaining_quota", kind=kind, count=2, delay=1.0)
    async with make_client(sandbox, read_timeout=0.3) as jogg:
        assert await jogg.catalog.remaining_credits() == 100
    assert calls_to(sandbox, "/v2/user/remaining_quota") == 3


async def test_retries_are_bounded(sandbox: SandboxServer) -> None:
    sandbox.faults.inject(path="/v2/musics", kind="http_503", count=50)
    async with make_client(sandbox) as jogg:
        with pytest.raises(e.ServerError, match="gave up after 4 attempts"):
            await jogg.catalog.music()
    assert calls_to(sandbox, "/v2/musics") == 4


async def test_retry_after_is_honoured(sandbox: SandboxServer) -> None:
    sandbox.faults.inject(path="/v2/musics", kind="code_429", retry_after=0.8, http_status=429)
    async with make_client(sandbox) as jogg:
        started = time.monotonic()
        await jogg.catalog.music()
    assert time.monotonic() - started >= 0.8


async def test_signed_put_is_retried_and_lands_once(sandbox: SandboxServer, tmp_path: Path) -> None:
    path = tmp_path / "song.mp3"
    path.write_bytes(b"\xff\xfb" * 400_000)
    size = path.stat().st_size
    async with make_client(sandbox) as jogg:
        ticket = await jogg.assets.request_upload("song.mp3", "audio/mpeg", size)
        sandbox.faults.inject(path="/upload/*", kind="http_503")
        sandbox.faults.inject(path="/upload/*", kind="reset", before_processing=True)
        await jogg.assets.put_file(ticket.sign_url, str(path), content_type="audio/mpeg", size=size)
    assert httpx2.get(ticket.asset_url).content == path.read_bytes()
    assert sum(1 for r in sandbox.state.requests if r.method == "PUT") == 3


async def test_expired_signed_url_is_not_retried(sandbox: SandboxServer, tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(b"p" * 10)
    async with make_client(sandbox) as jogg:
        ticket = await jogg.assets.request_upload("a.png", "image/png", 10)
        sandbox.faults.inject(path="/upload/*", kind="expire_signed_url")
        with pytest.raises(e.SignedUrlExpiredError, match="fresh one"):
            await jogg.assets.put_file(ticket.sign_url, str(path), content_type="image/png", size=10)
    assert sum(1 for r in sandbox.state.requests if r.method == "PUT") == 1


CREATE_FAULTS = ["http_500", "http_502", "http_503", "code_50000", "reset", "hang", "truncated_json"]


async def _create(jogg: JoggClient, endpoint: str, product_id: str) -> None:
    if endpoint == "/v1/create_video_from_url":
        await jogg.products.create_video(url_video(product_id))
    else:
        await jogg.avatar_videos.create(
            AvatarVideoRequest(
                avatar_id=127,
                avatar_type=AvatarType.PUBLIC,
                voice_id="en-US-ChristopherNeural",
                script="Hello there",
                aspect_ratio=AspectRatio.SQUARE,
            )
        )


@pytest.mark.parametrize("endpoint", ["/v1/create_video_from_url", "/v2/create_video_from_avatar"])
@pytest.mark.parametrize("kind", CREATE_FAULTS)
async def test_billable_create_is_never_sent_twice(sandbox: SandboxServer, endpoint: str, kind: str) -> None:
    async with make_client(sandbox, read_timeout=0.4) as jogg:
        product = await jogg.products.create(CreateProductRequest(url="https://shop.example/p/5"))
        sandbox.faults.inject(path=endpoint, kind=kind, count=5, delay=1.0)
        with pytest.raises(e.JoggError) as caught:
            await _create(jogg, endpoint, product.product_id)
    assert calls_to(sandbox, endpoint) == 1
    assert sandbox.state.billable_creates[endpoint] <= 1
    assert isinstance(caught.value, e.OutcomeUnknownError)
    assert "NOT retried" in str(caught.value) and "charge twice" in str(caught.value)
    charged = sandbox.state.billable_creates[endpoint]
    assert sandbox.state.credits == 100 - charged


@pytest.mark.parametrize("endpoint", ["/v1/create_video_from_url", "/v2/create_video_from_avatar"])
@pytest.mark.parametrize("http_status", [200, 429])
async def test_billable_create_is_retried_after_429(sandbox: SandboxServer, endpoint: str, http_status: int) -> None:
    async with make_client(sandbox) as jogg:
        product = await jogg.products.create(CreateProductRequest(url="https://shop.example/p/6"))
        sandbox.faults.inject(path=endpoint, kind="code_429", count=2, http_status=http_status)
        await _create(jogg, endpoint, product.product_id)
    assert calls_to(sandbox, endpoint) == 3
    assert sandbox.state.billable_creates[endpoint] == 1


async def test_slow_but_steady_body_is_read_whole(sandbox: SandboxServer) -> None:
    async with make_client(sandbox, read_timeout=0.4) as jogg:
        product = await jogg.products.create(CreateProductRequest(url="https://shop.example/p/8"))
        sandbox.faults.inject(path="/v1/create_video_from_url", kind="slow_body", delay=1.0)
        started = time.monotonic()
        await _create(jogg, "/v1/create_video_from_url", product.product_id)
    assert time.monotonic() - started >= 0.9
    assert sandbox.state.billable_creates["/v1/create_video_from_url"] == 1


class RefuseFirstConnections(httpx2.AsyncBaseTransport):
    """A connection refused before any byte is sent: a real server cannot stage this on demand."""

    def __init__(self, refusals: int) -> None:
        self.refusals = refusals
        self.inner = httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if self.refusals:
            self.refusals -= 1
            raise httpx2.ConnectError("[Errno 111] Connection refused", request=request)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


async def test_billable_create_is_retried_when_the_connection_was_refused(sandbox: SandboxServer) -> None:
    async with httpx2.AsyncClient(transport=RefuseFirstConnections(0)) as http:
        setup = make_client(sandbox, http=http)
        product = await setup.products.create(CreateProductRequest(url="https://shop.example/p/7"))
    async with httpx2.AsyncClient(transport=RefuseFirstConnections(2)) as http:
        jogg = make_client(sandbox, http=http)
        await jogg.products.create_video(url_video(product.product_id))
    assert sandbox.state.billable_creates["/v1/create_video_from_url"] == 1


async def test_throttle_waits_instead_of_hitting_the_rate_limit() -> None:
    with SandboxServer(render_seconds=0, rate_limit=3, rate_window=1.0) as sandbox:
        async with make_client(
            sandbox, throttle=Throttle(limit=3, window=1.0), retry=RetrySettings(max_retries=0)
        ) as jogg:
            started = time.monotonic()
            for n in range(5):
                await jogg.assets.request_upload(f"f{n}.png", "image/png", 10)
            elapsed = time.monotonic() - started
    assert elapsed >= 0.9  # the 4th POST waited for the window to roll


def test_sandbox_rate_limit_answers_429_after_20_posts() -> None:
    with SandboxServer(render_seconds=0) as sandbox:
        headers = {"x-api-key": sandbox.api_key}
        body = {"filename": "a.png", "content_type": "image/png"}
        codes = [httpx2.post(sandbox.base_url + "/v2/upload/asset", json=body, headers=headers) for _ in range(21)]
    assert all(r.json()["code"] == 0 for r in codes[:20])
    limited = codes[20]
    assert limited.status_code == 429 and limited.json()["code"] == 429
    assert limited.json()["msg"] == "Rate limit exceeded. Please try again later."
    assert 1 <= int(limited.headers["retry-after"]) <= 60


def test_fast_retry_settings_are_what_the_suite_assumes() -> None:
    assert FAST_RETRY.max_retries == 3


async def test_retries_stop_at_the_time_budget(sandbox: SandboxServer) -> None:
    """A Retry-After longer than what is left of the budget ends the call now instead of sleeping past it."""
    budget = RetrySettings(max_retries=5, base_delay=0.01, max_delay=0.05, max_total=2.0)
    sandbox.faults.inject(path="/v2/voices", kind="code_429", retry_after=30, http_status=429, count=5)
    async with make_client(sandbox, retry=budget) as jogg:
        with pytest.raises(e.RateLimitError):
            await jogg.catalog.voices()
    assert calls_to(sandbox, "/v2/voices") == 1
