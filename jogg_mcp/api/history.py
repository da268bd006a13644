"""JoggAI's own lists of what an account has rendered (v2, paged): product videos, template videos and product
previews, whatever made them (this server, the dashboard, another integration). Normalised to one shape."""

from __future__ import annotations

from typing import Any, Literal

from jogg_mcp.api.models import HistoryItem, HistoryPage
from jogg_mcp.api.transport import Endpoint, RetryPolicy, Transport
from jogg_mcp.api.vocabulary import ProjectStatus

PRODUCT_VIDEOS = Endpoint("GET", "/v2/product_videos", RetryPolicy.SAFE)
TEMPLATE_VIDEOS = Endpoint("GET", "/v2/template_videos", RetryPolicy.SAFE)
PRODUCT_PREVIEWS = Endpoint("GET", "/v2/product_previews", RetryPolicy.SAFE)

HistoryKind = Literal["product_videos", "template_videos", "previews"]
ENDPOINTS: dict[str, Endpoint] = {
    "product_videos": PRODUCT_VIDEOS,
    "template_videos": TEMPLATE_VIDEOS,
    "previews": PRODUCT_PREVIEWS,
}
# The lists filter by status as a number (docs/joggai-api.md, "Vocabularies"): 3 processing, 4 done, 5 failed.
STATUS_FILTER = {ProjectStatus.RENDERING: 3, ProjectStatus.SUCCEEDED: 4, ProjectStatus.FAILED: 5}


class HistoryAPI:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def page(
        self, kind: HistoryKind, *, page: int = 1, page_size: int = 10, status: ProjectStatus | None = None
    ) -> HistoryPage:
        """One page, newest first. Product videos and previews answer {videos|previews, total, page, page_size};
        template videos answer {data, pagination{total_items, ...}} (both in JoggAI's v2 spec)."""
        params: dict[str, Any] = {"page": page, "page_size": page_size, "sort_order": "desc"}
        if status is not None:
            params["status"] = STATUS_FILTER[status]
        data = await self._transport.call(ENDPOINTS[kind], params=params) or {}
        items = data.get("videos") or data.get("previews") or data.get("data") or []
        pagination = data.get("pagination") or {}
        return HistoryPage(
            items=[HistoryItem.model_validate(item) for item in items],
            total=int(data.get("total", pagination.get("total_items", len(items)))),
            page=int(data.get("page", pagination.get("page", page))),
            page_size=int(data.get("page_size", pagination.get("page_size", page_size))),
        )
