"""Uploads (v2): ask for a signed URL, then PUT the file's bytes to it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import httpx2

from jogg_mcp.api import errors
from jogg_mcp.api.models import UploadTicket
from jogg_mcp.api.transport import Endpoint, RetryPolicy, Transport, file_chunks, transport_error

ProgressCallback = Callable[[int, int], Any]

# Minting a URL charges nothing and creates nothing the user sees, so it is safe to retry.
REQUEST_UPLOAD = Endpoint("POST", "/v2/upload/asset", RetryPolicy.SAFE)


class AssetsAPI:
    def __init__(self, transport: Transport, upload_timeout: httpx2.Timeout) -> None:
        self._transport = transport
        self._upload_timeout = upload_timeout

    async def upload(
        self,
        path: str,
        *,
        filename: str,
        content_type: str,
        size: int,
        before_put: Callable[[], Awaitable[None]] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> str:
        """The whole upload: a signed URL, then the bytes; returns the asset_url.

        `before_put` runs (and may raise) right before the bytes go, so a caller can check that the file is
        still what it checked earlier. A signed URL that expired on the way is replaced by a fresh one once.
        """
        ticket = await self.request_upload(filename, content_type, size)
        if before_put is not None:
            await before_put()
        try:
            await self.put_file(ticket.sign_url, path, content_type=content_type, size=size, on_progress=on_progress)
        except errors.SignedUrlExpiredError:
            ticket = await self.request_upload(filename, content_type, size)
            await self.put_file(ticket.sign_url, path, content_type=content_type, size=size, on_progress=on_progress)
        return ticket.asset_url

    async def request_upload(self, filename: str, content_type: str, file_size: int) -> UploadTicket:
        """POST /v2/upload/asset: where to PUT the bytes, and the URL they will have."""
        data = await self._transport.call(
            REQUEST_UPLOAD, json={"filename": filename, "content_type": content_type, "file_size": file_size}
        )
        return UploadTicket.model_validate(data)

    async def put_file(
        self,
        sign_url: str,
        path: str,
        *,
        content_type: str,
        size: int,
        on_progress: ProgressCallback | None = None,
    ) -> None:
        """Stream `path` to the signed URL with an exact Content-Length (storage services refuse chunked
        bodies) and the declared Content-Type, without the API key. Retried on transient failures; each
        retry reopens the file, because a streamed body can be read only once."""

        async def attempt() -> None:
            headers = {"content-type": content_type, "content-length": str(size)}
            body = file_chunks(path, size, on_progress=on_progress)
            try:
                response = await self._transport.http.put(
                    sign_url, content=body, headers=headers, timeout=self._upload_timeout
                )
            except httpx2.HTTPError as exc:
                raise transport_error(exc, "the upload storage", sign_url) from None
            if response.is_success:
                return
            raise storage_error(response)

        await self._transport.with_retries(attempt, "PUT signed upload URL", RetryPolicy.SAFE)


async def read_head(
    http: httpx2.AsyncClient, url: str, *, max_bytes: int, stall_seconds: float
) -> tuple[bytes, int | None, bool]:
    """The first `max_bytes` of a public media URL (a Range request, no API key), the file's total size when
    the server says it, and whether those bytes are the whole file. Raises JoggError subclasses."""
    try:
        async with http.stream(
            "GET", url, headers={"range": f"bytes=0-{max_bytes - 1}"}, timeout=stall_seconds, follow_redirects=False
        ) as response:
            if response.status_code not in (200, 206):
                raise errors.UnexpectedResponseError(f"{url} answered HTTP {response.status_code}")
            head = bytearray()
            async for chunk in response.aiter_bytes():
                head += chunk
                if len(head) >= max_bytes:
                    break
            total = _total_size(response)
            whole = len(head) < max_bytes or (total is not None and len(head) >= total)
            return bytes(head[:max_bytes]), total, whole
    except httpx2.HTTPError as exc:
        raise transport_error(exc, "the media URL", url) from None


def _total_size(response: httpx2.Response) -> int | None:
    content_range = response.headers.get("content-range", "")  # bytes 0-65535/290493
    if "/" in content_range and content_range.rsplit("/", 1)[1].isdigit():
        return int(content_range.rsplit("/", 1)[1])
    length = response.headers.get("content-length", "")
    return int(length) if response.status_code == 200 and length.isdigit() else None


def storage_error(response: httpx2.Response) -> errors.JoggError:
    """Storage answers in S3 style: an XML <Error> with a Code and a Message."""
    text = response.text[:2000]
    status = response.status_code
    if status >= 500:
        return errors.ServerError(f"The upload storage failed with HTTP {status}.", http_status=status)
    if "expired" in text.lower() or "already been used" in text.lower():
        return errors.SignedUrlExpiredError(
            "The signed upload URL expired (or was spent) before the upload finished; a fresh one is needed.",
            http_status=status,
        )
    code = _xml_field(text, "Code") or f"HTTP {status}"
    message = _xml_field(text, "Message") or "no detail"
    return errors.UploadError(f"The upload storage refused the file: {code}: {message}.", http_status=status)


def _xml_field(text: str, tag: str) -> str | None:
    start = text.find(f"<{tag}>")
    end = text.find(f"</{tag}>")
    if start == -1 or end == -1:
        return None
    return text[start + len(tag) + 2 : end].strip()
