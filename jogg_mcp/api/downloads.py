"""Downloads of what JoggAI renders: the video (or cover) URL a status answer handed out, streamed into a file
the caller opened, without the API key, following redirects only where the caller allows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import httpx2

from jogg_mcp.api import errors
from jogg_mcp.api.transport import transport_error

MAX_REDIRECTS = 5
DownloadProgress = Callable[[int, int | None], Awaitable[None]]


def without_query(url: str) -> str:
    """A URL fit to show in a message: its query and fragment, which can carry a signature, left out."""
    return urlsplit(url)._replace(query="", fragment="").geturl()


async def download(
    http: httpx2.AsyncClient,
    url: str,
    sink: BinaryIO,
    *,
    may_follow: Callable[[str], bool],
    stall_seconds: float,
    on_progress: DownloadProgress | None = None,
) -> tuple[str, int]:
    """Stream `url` into `sink` in chunks (memory stays flat whatever the size): the content type and the bytes
    written. A body shorter than announced, a refused redirect or an expired link raise JoggError subclasses."""
    for _ in range(MAX_REDIRECTS + 1):
        try:
            async with http.stream("GET", url, timeout=stall_seconds, follow_redirects=False) as response:
                if response.is_redirect:
                    target = urljoin(url, response.headers.get("location", ""))
                    if not may_follow(target):
                        shown = without_query(target)
                        raise errors.UnexpectedResponseError(
                            f"The media URL redirected to {shown}, which is not an https address, so it was not "
                            "followed."
                        )
                    url = target
                    continue
                if response.status_code in (401, 403, 404, 410):
                    raise errors.MediaUnavailableError(
                        f"The media URL answered HTTP {response.status_code}: its link expired or the file is gone.",
                        http_status=response.status_code,
                    )
                if response.status_code != 200:
                    raise errors.UnexpectedResponseError(
                        f"The media URL answered HTTP {response.status_code}.", http_status=response.status_code
                    )
                announced = response.headers.get("content-length", "")
                total = int(announced) if announced.isdigit() else None
                written = 0
                async for chunk in response.aiter_raw():
                    sink.write(chunk)
                    written += len(chunk)
                    if on_progress is not None:
                        await on_progress(written, total)
                if total is not None and written != total:
                    raise errors.BadResponseError(f"The download stopped at {written} of {total} bytes.")
                return response.headers.get("content-type", "").split(";")[0].strip(), written
        except httpx2.HTTPError as exc:
            raise transport_error(exc, "the media URL", url) from None
    raise errors.UnexpectedResponseError(f"The media URL redirected more than {MAX_REDIRECTS} times.")
