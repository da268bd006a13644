"""Products from a URL, as the sandbox's stand-in for JoggAI's crawler.

A page on loopback is fetched and read as a crawler would (title, description, og:image). Any other URL
cannot be fetched from here, so its product is derived from the URL alone, deterministically: the same URL
always gives the same product.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx2

# Pages on this machine are really crawled; everything else gets a deterministic made-up product.
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain"})


def _on_this_machine(hostname: str) -> bool:
    with contextlib.suppress(ValueError):
        return ipaddress.ip_address(hostname).is_loopback
    return hostname in _LOCAL_NAMES


class CrawlError(Exception):
    pass


class _PageFacts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.meta: dict[str, str] = {}
        self.images: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key == "og:image":
                self.images.append(values.get("content", ""))
            elif key:
                self.meta.setdefault(key, values.get("content", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


async def crawl(url: str, media_base: str) -> dict[str, Any]:
    """name, description and media for a product page."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CrawlError(f"url must be an http(s) product page, got {url!r}")
    if _on_this_machine(parts.hostname):
        return await _read_page(url)
    return _derive(url, media_base)


async def _read_page(url: str) -> dict[str, Any]:
    try:
        async with httpx2.AsyncClient(timeout=5.0, follow_redirects=True, trust_env=False) as http:
            response = await http.get(url)
    except httpx2.HTTPError as exc:
        raise CrawlError(
            f"Failed to extract product information: could not fetch {url} ({type(exc).__name__})"
        ) from exc
    if response.status_code != 200 or "html" not in response.headers.get("content-type", ""):
        raise CrawlError(f"Failed to extract product information: {url} answered HTTP {response.status_code}")
    page = _PageFacts()
    page.feed(response.text)
    name = " ".join((page.meta.get("og:title") or page.title).split())
    if not name:
        raise CrawlError(f"Failed to extract product information: {url} has no title")
    description = " ".join((page.meta.get("og:description") or page.meta.get("description") or "").split())
    media = [
        {"type": 1, "name": f"Image{i}", "url": urljoin(url, src), "description": ""}
        for i, src in enumerate(page.images, start=1)
        if src
    ]
    return {"name": name, "description": description, "media": media}


_ADJECTIVES = ("lightweight", "award-winning", "best-selling", "eco-friendly", "premium", "compact", "versatile")
_BENEFITS = (
    "saves you time every day",
    "is built to last",
    "fits any lifestyle",
    "delights first-time buyers",
    "makes a perfect gift",
    "is loved by thousands of customers",
)


def _derive(url: str, media_base: str) -> dict[str, Any]:
    digest = hashlib.sha256(url.encode()).hexdigest()
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    brand = host.split(".")[0].replace("-", " ").title() or "Shop"
    segments = [s for s in parts.path.split("/") if s]
    slug = segments[-1] if segments else "featured"
    label = f"Product {slug}" if slug.isdigit() else slug.replace("-", " ").replace("_", " ").title()
    name = f"{brand} {label}"
    pick = int(digest[:8], 16)
    description = (
        f"The {_ADJECTIVES[pick % len(_ADJECTIVES)]} {label} from {brand} "
        f"{_BENEFITS[(pick // 7) % len(_BENEFITS)]}. Crafted with care and shipped fast."
    )
    key = digest[:12]
    media: list[dict[str, Any]] = [
        {"type": 2, "name": f"{key}.mp4", "url": f"{media_base}/media/product-{key}.mp4", "description": ""}
    ]
    media += [
        {
            "type": 1,
            "name": f"Image{n}",
            "url": f"{media_base}/media/product-{key}-{n}.png",
            "description": f"{name}, view {n}.",
        }
        for n in (2, 3, 4)
    ]
    return {"name": name, "description": description, "media": media}
