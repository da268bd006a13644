"""One place where requests meet the network: the envelope rule, error mapping, retries and the throttle."""

from __future__ import annotations

import email.utils
import hashlib
import logging
import math
import random
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any
from urllib.parse import quote

import anyio
import httpx2

from jogg_mcp import PLATFORM_HEADER_VALUE
from jogg_mcp.api import errors
from jogg_mcp.api.errors import JoggError, redact

logger = logging.getLogger("jogg_mcp.api")


class _RedactUrls(logging.Filter):
    """httpx2 logs every request URL at INFO; a signed upload URL is a credential, so drop query strings
    from its records whoever configured logging."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage()), None
        return True


logging.getLogger("httpx2").addFilter(_RedactUrls())


class RetryPolicy(Enum):
    """How a call may be retried. Every endpoint declares one.

    SAFE: repeating the call cannot cost anything or create a second thing (GETs, product updates, asking
    for an upload URL, the signed-URL PUT). Retried on 429, 50000, 5xx, connection errors and timeouts.

    BILLABLE: the call spends the user's credits (create_video_from_url, create_video_from_avatar).
    ONCE: the call creates a record but costs nothing (a product): repeating it could make a duplicate.
    Both are retried ONLY when the failure proves JoggAI never processed them:
      - the connection could not be made (refused, DNS, connect timeout): no byte of the request was sent;
      - JoggAI answered 429, which refuses the request before it is processed.
    Anything else (a read timeout, a dropped connection, a 5xx, a garbled body) may have been accepted (and,
    for BILLABLE, charged), so it is raised as OutcomeUnknownError and never repeated behind the user's back.
    """

    SAFE = "safe"
    ONCE = "once"
    BILLABLE = "billable"


@dataclass(frozen=True)
class Endpoint:
    """One JoggAI operation as the client calls it: method, path (with `{name}` placeholders for path
    segments) and how it may be retried. Each API module declares its endpoints once; the tool inventory
    and the tests read them from there."""

    method: str
    path: str
    policy: RetryPolicy

    def url_path(self, **segments: str) -> str:
        """The path with each placeholder filled by one quoted segment, whatever the value holds."""
        return self.path.format(**{k: quote(v, safe="") for k, v in segments.items()})


@dataclass(frozen=True)
class RetrySettings:
    max_retries: int = 3
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_total: float = 30.0  # seconds of waiting across all retries of one call


WaitReporter = Callable[[float], Awaitable[None]]
THROTTLE_REPORT_EVERY = 5.0  # seconds between "still waiting" reports
SPENDING_MAX_WAIT = 20.0  # a spending call does not sit silent longer than this: it says when to retry


class Throttle:
    """At most `limit` calls per rolling `window` seconds; callers wait for a slot rather than fail.

    JoggAI starts its clock when a request arrives, which is some time after we send it. Each slot is
    therefore dated when its answer (or failure) comes back, a moment the request had certainly arrived by:
    a call that waits for that slot to age by `window` can never land inside JoggAI's window.
    """

    def __init__(
        self,
        limit: int = 20,
        window: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._sleep = sleep
        self._sent: deque[list[float]] = deque()  # one [time] cell per slot, re-dated by `done`
        self._lock = anyio.Lock()

    async def acquire(self, *, on_wait: WaitReporter | None = None, max_wait: float | None = None) -> list[float]:
        """Wait for a free slot; returns it, for `done` once the call is answered.

        `on_wait(seconds_left)` is told while it waits (every few seconds); a wait longer than `max_wait`
        raises ThrottledError at once instead, with the time to retry.
        """
        async with self._lock:
            while True:
                now = self._clock()
                while self._sent and now - self._sent[0][0] >= self.window:
                    self._sent.popleft()
                if len(self._sent) < self.limit:
                    slot = [now]
                    self._sent.append(slot)
                    return slot
                wait = self.window - (now - self._sent[0][0])
                if max_wait is not None and wait > max_wait:
                    raise errors.ThrottledError(
                        f"This API key has sent {self.limit} POST requests to JoggAI in the last {self.window:.0f} s, "
                        f"the most JoggAI allows, so this request was held back and NOT sent. Try again in "
                        f"{math.ceil(wait)} s.",
                        retry_after=wait,
                    )
                logger.info("throttling: %d POSTs in the last %.0f s, waiting %.1f s", self.limit, self.window, wait)
                while wait > 0:
                    if on_wait is not None:
                        await on_wait(wait)
                    step = min(wait, THROTTLE_REPORT_EVERY)
                    await self._sleep(step)
                    wait -= step

    def done(self, slot: list[float]) -> None:
        slot[0] = max(slot[0], self._clock())


_THROTTLES: dict[str, Throttle] = {}


def forget_throttles() -> None:
    """Drop every key's POST history (a fresh process, as far as throttling goes)."""
    _THROTTLES.clear()


def throttle_for_key(api_key: str, limit: int = 20, window: float = 60.0) -> Throttle:
    """The process-wide throttle for one API key, shared by every client that uses that key."""
    digest = hashlib.sha256(api_key.encode()).hexdigest()
    throttle = _THROTTLES.get(digest)
    if throttle is None or (throttle.limit, throttle.window) != (limit, window):
        throttle = _THROTTLES[digest] = Throttle(limit, window)
    return throttle


def _retry_after_seconds(response: httpx2.Response, body: Any) -> float | None:
    header = response.headers.get("retry-after")
    if header:
        try:
            return max(0.0, float(header))
        except ValueError:
            parsed = email.utils.parsedate_to_datetime(header) if header else None
            if parsed is not None:
                return max(0.0, parsed.timestamp() - time.time())
    if isinstance(body, dict):  # "retryAfter" is mentioned but never specified (docs/joggai-api.md, C-23)
        for holder in (body, body.get("data") or {}):
            if isinstance(holder, dict):
                for key in ("retryAfter", "retry_after"):
                    value = holder.get(key)
                    if isinstance(value, int | float):
                        return max(0.0, float(value))
    return None


def parse_envelope(response: httpx2.Response) -> Any:
    """Return `data` when HTTP is 2xx and `code == 0`; otherwise raise the matching JoggError."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    rid = body.get("rid") if isinstance(body, dict) else None
    rid = str(rid) if rid else None

    if isinstance(body, dict) and isinstance(body.get("code"), int):
        code: int = body["code"]
        msg = str(body.get("msg") or "").strip()
        if code == 0 and 200 <= status < 300:
            return body.get("data")
        if code == 0:
            code = status  # an HTTP error with a success-looking body: judge it by its status
        return _raise_for_code(code, msg, status, rid, _retry_after_seconds(response, body))

    if status == 404:
        raise errors.EndpointNotFoundError(
            f"{_requested(response)} answered HTTP 404 without JoggAI's JSON envelope: no JoggAI endpoint is "
            "there. Check JOGG_BASE_URL (JoggAI's API is https://api.jogg.ai).",
            http_status=status,
        )
    if 200 <= status < 300:
        raise errors.BadResponseError(
            f"JoggAI answered HTTP {status} with a body that is not its JSON envelope "
            f"(starts {response.text[:80]!r}). The response was cut short or garbled.",
            http_status=status,
            rid=rid,
        )
    return _raise_for_code(status, f"HTTP {status}", status, rid, _retry_after_seconds(response, body))


def _requested(response: httpx2.Response) -> str:
    try:
        url = response.request.url
    except RuntimeError:  # a response built without a request (tests)
        return "The API"
    return redact(f"{url.scheme}://{url.netloc.decode()}{url.path}")


def _raise_for_code(code: int, msg: str, status: int, rid: str | None, retry_after: float | None) -> Any:
    known = errors.ERROR_CODES.get(code)
    if known is None and (code >= 500 or status >= 500) and code < 10000:
        known = errors.ERROR_CODES[50000]
    elif known is None and code == 401:
        known = errors.ERROR_CODES[10105]
    elif known is None and code == 404:
        known = errors.ERROR_CODES[10104]
    if known is None:
        raise errors.UnexpectedResponseError(
            f"JoggAI refused the request with code {code}: {msg or 'no message'}",
            code=code,
            http_status=status,
            rid=rid,
        )
    cls, advice = known
    if cls is errors.InvalidParametersError:
        message = f"{advice}: {msg}" if msg else advice
    else:
        message = f"{advice} (JoggAI said: {msg})" if msg else advice
    if cls is errors.RateLimitError:
        raise errors.RateLimitError(message, retry_after=retry_after, code=code, http_status=status, rid=rid)
    raise cls(message, code=code, http_status=status, rid=rid)


def transport_error(exc: httpx2.HTTPError, what: str, *secrets: str | None) -> errors.TransportError:
    """Translate an httpx2 failure into our hierarchy, saying whether the request could have arrived."""
    detail = redact(f"{type(exc).__name__}: {exc}", *secrets)
    if isinstance(exc, httpx2.ConnectError | httpx2.ConnectTimeout | httpx2.PoolTimeout):
        return errors.ConnectError(
            f"Could not connect to {what} ({detail}). Nothing was sent. Check the network and JOGG_BASE_URL."
        )
    if isinstance(exc, httpx2.TimeoutException):
        return errors.ReadTimeoutError(f"{what} did not answer in time ({detail}).")
    return errors.BadResponseError(f"The connection to {what} broke before a full answer arrived ({detail}).")


def pick_id(data: Any) -> str:
    """Creates answer with `project_id`, `video_id` or `id` depending on the generation (docs/joggai-api.md)."""
    if isinstance(data, dict):
        for key in ("project_id", "video_id", "id"):
            if data.get(key):
                return str(data[key])
    raise errors.BadResponseError(f"JoggAI accepted the request but its answer has no id (data={data!r}).")


def should_retry(error: JoggError, policy: RetryPolicy) -> bool:
    if policy is RetryPolicy.SAFE:
        return error.retryable
    # BILLABLE and ONCE: only failures that prove the request was not processed (see RetryPolicy).
    return error.retryable and error.refused_before_processing


def backoff_delay(attempt: int, settings: RetrySettings, retry_after: float | None) -> float:
    """Exponential backoff with full jitter; a server's Retry-After wins when it is longer."""
    ceiling = min(settings.max_delay, settings.base_delay * (2**attempt))
    delay = random.uniform(ceiling / 2, ceiling)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return delay


class Transport:
    """Sends JoggAI API calls for one API key over a shared httpx2 client."""

    def __init__(
        self,
        http: httpx2.AsyncClient,
        *,
        api_key: str,
        base_url: str,
        api_timeout: httpx2.Timeout,
        retry: RetrySettings,
        throttle: Throttle,
        on_throttle_wait: WaitReporter | None = None,
    ) -> None:
        self.on_throttle_wait = on_throttle_wait
        self.http = http
        self._api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.api_timeout = api_timeout
        self.retry = retry
        self.throttle = throttle

    def _headers(self) -> dict[str, str]:
        return {"x-api-key": self._api_key, "x-api-platform": PLATFORM_HEADER_VALUE, "accept": "application/json"}

    async def call(
        self,
        endpoint: Endpoint,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        segments: Mapping[str, str] | None = None,
    ) -> Any:
        """Send one API call, with retries as the endpoint's policy allows, and return the envelope's `data`."""
        query = {k: v for k, v in (params or {}).items() if v is not None}
        method = endpoint.method
        path = endpoint.url_path(**(segments or {}))

        async def attempt() -> Any:
            slot = None
            if method == "POST":
                spending = endpoint.policy is RetryPolicy.BILLABLE
                slot = await self.throttle.acquire(
                    on_wait=self.on_throttle_wait, max_wait=SPENDING_MAX_WAIT if spending else None
                )
            try:
                response = await self.http.request(
                    method,
                    self.base_url + path,
                    params=query,
                    json=json,
                    headers=self._headers(),
                    timeout=self.api_timeout,
                )
            except httpx2.InvalidURL as exc:
                raise errors.InvalidParametersError(f"The request could not be sent: {exc}") from None
            except httpx2.HTTPError as exc:
                raise transport_error(exc, "the JoggAI API", self._api_key) from None
            finally:
                if slot is not None:
                    self.throttle.done(slot)
            return parse_envelope(response)

        return await self.with_retries(attempt, f"{method} {path}", endpoint.policy)

    async def with_retries(self, attempt: Callable[[], Any], label: str, policy: RetryPolicy) -> Any:
        deadline = time.monotonic() + self.retry.max_total
        for number in range(self.retry.max_retries + 1):
            try:
                return await attempt()
            except JoggError as error:
                last_try = number == self.retry.max_retries
                if last_try or not should_retry(error, policy):
                    raise _final(error, policy, tries=number + 1) from None
                delay = backoff_delay(number, self.retry, getattr(error, "retry_after", None))
                if time.monotonic() + delay > deadline:
                    raise _final(error, policy, tries=number + 1) from None
                logger.warning("%s failed (%s); retry %d in %.1f s", label, type(error).__name__, number + 1, delay)
                await anyio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


def _final(error: JoggError, policy: RetryPolicy, *, tries: int) -> JoggError:
    """The error to raise once retrying stops; billable calls say plainly what may have happened."""
    # A transient failure that JoggAI may have acted on: a 5xx, a lost or garbled answer.
    uncertain = error.retryable and not error.refused_before_processing
    if policy is RetryPolicy.BILLABLE and uncertain:
        return errors.OutcomeUnknownError(
            f"{error.message} The request may already have been accepted and charged, so it was NOT retried "
            "automatically (retrying could charge twice). Check the remaining credits and recent projects "
            "before trying again.",
            cause=error,
        )
    if policy is RetryPolicy.ONCE and uncertain:
        return errors.OutcomeUnknownError(
            f"{error.message} It may have been created anyway, so it was not retried automatically (that "
            "could make a duplicate). Nothing was charged: this call is free, so trying again is safe.",
            cause=error,
        )
    if tries > 1:
        error.message = f"{error.message} (gave up after {tries} attempts)"
        error.args = (error.message,)
    return error


async def file_chunks(
    path: str,
    size: int,
    *,
    chunk_size: int = 1024 * 1024,
    on_progress: Callable[[int, int], Any] | None = None,
) -> AsyncIterator[bytes]:
    """Stream a file in chunks read off the event loop; stop if it no longer has the size we declared."""
    sent = 0
    with open(path, "rb") as handle:  # noqa: ASYNC230 - reads go through a worker thread below
        while True:
            chunk = await anyio.to_thread.run_sync(handle.read, chunk_size)
            if not chunk:
                break
            sent += len(chunk)
            if sent > size:
                raise errors.UploadError(
                    f"{path} grew while it was being uploaded; upload it again once it is complete."
                )
            yield chunk
            if on_progress is not None:
                result = on_progress(sent, size)
                if hasattr(result, "__await__"):
                    await result
    if sent != size:
        raise errors.UploadError(
            f"{path} changed size while it was being uploaded ({size} bytes declared, "
            f"{sent} read); upload it again once it is complete."
        )
