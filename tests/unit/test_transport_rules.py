"""The transport's pure rules, without a network: the envelope, error mapping, retry decisions, backoff."""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest

from jogg_mcp.api import errors
from jogg_mcp.api.assets import storage_error
from jogg_mcp.api.client import likely_kinds
from jogg_mcp.api.transport import (
    Endpoint,
    RetryPolicy,
    RetrySettings,
    Throttle,
    backoff_delay,
    parse_envelope,
    pick_id,
    should_retry,
)
from jogg_mcp.api.vocabulary import ProjectKind


def answer(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx2.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx2.Response(status, content=content, headers=headers or {})


def test_success_needs_2xx_and_code_zero() -> None:
    assert parse_envelope(answer(200, {"rid": "r", "code": 0, "msg": "Success", "data": {"x": 1}})) == {"x": 1}
    with pytest.raises(errors.ServerError):
        parse_envelope(answer(500, {"code": 0, "msg": "success", "data": {}}))


@pytest.mark.parametrize(
    ("code", "cls"),
    [
        (10105, errors.AuthenticationError),
        (18025, errors.PermissionDeniedError),
        (18020, errors.InsufficientCreditsError),
        (40000, errors.InvalidParametersError),
        (10104, errors.NotFoundError),
        (429, errors.RateLimitError),
        (50000, errors.ServerError),
        (12345, errors.UnexpectedResponseError),
    ],
)
def test_business_codes_map_to_classes_with_the_rid(code: int, cls: type[errors.JoggError]) -> None:
    with pytest.raises(cls) as raised:
        parse_envelope(answer(200, {"rid": "abc123", "code": code, "msg": "Parameter error: x", "data": None}))
    assert raised.value.code == code and raised.value.rid == "abc123"
    assert "abc123" in str(raised.value)


def test_http_statuses_without_a_known_code() -> None:
    with pytest.raises(errors.AuthenticationError):
        parse_envelope(answer(401, b"Unauthorized"))
    with pytest.raises(errors.EndpointNotFoundError, match="Check JOGG_BASE_URL"):
        parse_envelope(answer(404, b"<html>not found</html>"))
    with pytest.raises(errors.NotFoundError):  # JoggAI's own 404, with its envelope and code
        parse_envelope(answer(404, {"code": 10104, "msg": "Record not found", "data": None}))
    with pytest.raises(errors.ServerError):
        parse_envelope(answer(502, b"Bad gateway"))
    with pytest.raises(errors.BadResponseError, match="not its JSON envelope"):
        parse_envelope(answer(200, b'{"code": 0, "da'))


def test_retry_after_from_header_or_body() -> None:
    with pytest.raises(errors.RateLimitError) as from_header:
        parse_envelope(answer(429, {"code": 429, "msg": "slow down"}, {"retry-after": "7"}))
    assert from_header.value.retry_after == 7
    with pytest.raises(errors.RateLimitError) as from_body:
        parse_envelope(answer(200, {"code": 429, "msg": "slow down", "data": {"retryAfter": 3}}))
    assert from_body.value.retry_after == 3


def test_signed_urls_are_redacted_from_messages() -> None:
    error = errors.UploadError("PUT https://s3.example/bucket/a.png?X-Amz-Signature=deadbeef failed")
    assert "deadbeef" not in str(error) and "https://s3.example/bucket/a.png" in str(error)


# Each error kind: (error, retried when SAFE, retried when BILLABLE or ONCE)
KINDS: list[tuple[errors.JoggError, bool, bool]] = [
    (errors.RateLimitError("429"), True, True),
    (errors.ConnectError("refused"), True, True),
    (errors.ServerError("500"), True, False),
    (errors.ReadTimeoutError("slow"), True, False),
    (errors.BadResponseError("cut"), True, False),
    (errors.InvalidParametersError("bad"), False, False),
    (errors.InsufficientCreditsError("poor"), False, False),
    (errors.AuthenticationError("key"), False, False),
]


@pytest.mark.parametrize(("error", "safe", "once"), KINDS, ids=[type(k[0]).__name__ for k in KINDS])
def test_retry_decisions(error: errors.JoggError, safe: bool, once: bool) -> None:
    assert should_retry(error, RetryPolicy.SAFE) is safe
    assert should_retry(error, RetryPolicy.ONCE) is once
    assert should_retry(error, RetryPolicy.BILLABLE) is once


def test_only_errors_jogg_never_acted_on_say_so() -> None:
    refused = {type(e).__name__ for e, _, _ in KINDS if e.refused_before_processing}
    assert refused == {
        "RateLimitError",
        "ConnectError",
        "InvalidParametersError",
        "InsufficientCreditsError",
        "AuthenticationError",
    }


def test_backoff_grows_caps_and_honours_retry_after() -> None:
    settings = RetrySettings(base_delay=1.0, max_delay=4.0)
    for attempt, ceiling in [(0, 1.0), (1, 2.0), (2, 4.0), (6, 4.0)]:
        delay = backoff_delay(attempt, settings, None)
        assert ceiling / 2 <= delay <= ceiling
    assert backoff_delay(0, settings, retry_after=9.0) == 9.0


def test_ids_and_path_segments() -> None:
    assert pick_id({"video_id": "v1"}) == "v1" and pick_id({"project_id": "p", "id": "x"}) == "p"
    with pytest.raises(errors.BadResponseError):
        pick_id({"status": "ok"})
    endpoint = Endpoint("GET", "/v2/avatar_video/{video_id}", RetryPolicy.SAFE)
    assert endpoint.url_path(video_id="a/b?c") == "/v2/avatar_video/a%2Fb%3Fc"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.mark.anyio
async def test_throttle_waits_a_full_window_from_each_answer() -> None:
    clock = FakeClock()
    throttle = Throttle(limit=2, window=60.0, clock=clock, sleep=clock.sleep)
    first = await throttle.acquire()
    clock.now += 5  # the first answer came back 5 s after it was sent
    throttle.done(first)
    second = await throttle.acquire()
    throttle.done(second)
    assert clock.slept == []
    await throttle.acquire()  # the third waits until the first slot is a window old, dated by its answer
    assert sum(clock.slept) == 60.0 and clock.now == 1065.0


@pytest.mark.parametrize(
    "message", ["Request has expired", "This signed URL has already been used"], ids=["expired", "used"]
)
def test_a_spent_or_expired_signed_url_asks_for_a_fresh_one(message: str) -> None:
    body = f"<Error><Code>AccessDenied</Code><Message>{message}</Message></Error>".encode()
    assert isinstance(storage_error(httpx2.Response(403, content=body)), errors.SignedUrlExpiredError)
    other = b"<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"
    refused = storage_error(httpx2.Response(403, content=other))
    assert type(refused) is errors.UploadError and "AccessDenied: Access Denied" in str(refused)


def test_redaction_removes_whole_tokens_only() -> None:
    assert errors.redact("key jk-abc123 rejected", "jk-abc123") == "key [redacted] rejected"
    assert errors.redact("x-api-key=jk-abc123&y", "jk-abc123") == "x-api-key=[redacted]&y"
    # A short key cannot mangle the text around it.
    assert errors.redact("about a cab", "ab") == "about a cab"
    assert errors.redact("key ab was wrong", "ab") == "key [redacted] was wrong"


def test_an_id_of_unknown_kind_is_looked_up_where_its_shape_points() -> None:
    assert likely_kinds("7321782d69884a869400beb255e3ca91")[:2] == (ProjectKind.URL_VIDEO, ProjectKind.AVATAR_VIDEO)
    assert likely_kinds("video_123456")[0] == ProjectKind.AVATAR_VIDEO
    every = {ProjectKind.URL_VIDEO, ProjectKind.AVATAR_VIDEO, ProjectKind.TEMPLATE_VIDEO}
    assert set(likely_kinds("video_123456")) == every


@pytest.mark.anyio
async def test_the_throttle_reports_while_it_waits_and_refuses_a_long_wait() -> None:
    clock = FakeClock()
    throttle = Throttle(limit=1, window=12.0, clock=clock, sleep=clock.sleep)
    throttle.done(await throttle.acquire())
    seen: list[float] = []

    async def report(seconds_left: float) -> None:
        seen.append(seconds_left)

    throttle.done(await throttle.acquire(on_wait=report))
    assert seen == [12.0, 7.0, 2.0]  # told every few seconds while it waited
    with pytest.raises(errors.ThrottledError, match=r"held back and NOT sent\. Try again in 12 s") as raised:
        await throttle.acquire(max_wait=5.0)
    assert raised.value.retry_after == 12.0 and raised.value.refused_before_processing
