"""The URL-to-video flow of the seed guide, on v1: product, optional update, render, one status endpoint.

The v2 product flow (nested /v2/create_video_from_product, per-kind status) would be a sibling module with
the same methods, so the tool layer does not change when JoggAI retires v1.
"""

from __future__ import annotations

from jogg_mcp.api.models import (
    CreatedVideo,
    CreateProductRequest,
    Product,
    Project,
    ProjectKind,
    UpdateProductRequest,
    UrlVideoRequest,
    V1ProjectWire,
)
from jogg_mcp.api.pricing import video_credits
from jogg_mcp.api.transport import RetryPolicy, Transport, pick_id


class ProductsV1:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def create(self, request: CreateProductRequest) -> Product:
        """POST /v1/product. Not billable, but not idempotent either (a retry could make two products)."""
        body = request.wire()
        data = await self._transport.call("POST", "/v1/product", policy=RetryPolicy.ONCE, json=body)
        return Product.model_validate(data)

    async def update(self, request: UpdateProductRequest) -> None:
        """PUT /v1/product: sets the given fields; the same PUT twice gives the same product."""
        await self._transport.call("PUT", "/v1/product", policy=RetryPolicy.SAFE, json=request.wire())

    async def list(self) -> list[Product]:
        """GET /v1/products: every product of the account."""
        data = await self._transport.call("GET", "/v1/products", policy=RetryPolicy.SAFE)
        items = data if isinstance(data, list) else (data or {}).get("products", [])
        return [Product.model_validate(item) for item in items]

    async def get(self, product_id: str) -> Product | None:
        return next((p for p in await self.list() if p.product_id == product_id), None)

    async def create_video(self, request: UrlVideoRequest) -> CreatedVideo:
        """POST /v1/create_video_from_url: spends credits, so never retried once it may have arrived."""
        data = await self._transport.call(
            "POST", "/v1/create_video_from_url", policy=RetryPolicy.BILLABLE, json=request.wire()
        )
        return CreatedVideo(
            project_id=pick_id(data),
            kind=ProjectKind.URL_VIDEO,
            estimated_credits=video_credits(request.video_length),
        )

    async def get_project(self, project_id: str) -> Project:
        """GET /v1/project?project_id=..., normalised."""
        data = await self._transport.call(
            "GET", "/v1/project", policy=RetryPolicy.SAFE, params={"project_id": project_id}
        )
        return V1ProjectWire.model_validate(data).normalise()
