"""Products and the videos made from them, on v1 (the generation of JoggAI's URL-to-video guide): create a
product, optionally update it, draft scripts for it, preview it cheaply, render it, follow one status endpoint.

The v2 product flow (nested /v2/create_video_from_product, per-kind status) would be a sibling module with
the same methods, so the tool layer does not change when JoggAI retires v1 (docs/joggai-api.md).
"""

from __future__ import annotations

import builtins

from jogg_mcp.api.models import (
    AiScriptsRequest,
    AiScriptsWire,
    CreatedVideo,
    CreateProductRequest,
    GeneratedScript,
    Product,
    Project,
    UpdateProductRequest,
    UrlVideoRequest,
    V1ProjectWire,
)
from jogg_mcp.api.pricing import preview_credits, product_video_credits
from jogg_mcp.api.transport import Endpoint, RetryPolicy, Transport, pick_id
from jogg_mcp.api.vocabulary import ProjectKind

# Creating a product is free but not idempotent: a retry could make two products.
CREATE_PRODUCT = Endpoint("POST", "/v1/product", RetryPolicy.ONCE)
UPDATE_PRODUCT = Endpoint("PUT", "/v1/product", RetryPolicy.SAFE)  # the same PUT twice gives the same product
LIST_PRODUCTS = Endpoint("GET", "/v1/products", RetryPolicy.SAFE)
CREATE_VIDEO = Endpoint("POST", "/v1/create_video_from_url", RetryPolicy.BILLABLE)
GET_PROJECT = Endpoint("GET", "/v1/project", RetryPolicy.SAFE)
DRAFT_SCRIPTS = Endpoint("POST", "/v1/ai_scripts", RetryPolicy.BILLABLE)  # 0.2 credit a call, answered at once
CREATE_PREVIEW = Endpoint("POST", "/v1/preview", RetryPolicy.BILLABLE)


class ProductsAPI:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def create(self, request: CreateProductRequest) -> Product:
        """POST /v1/product. With a url, JoggAI's crawler decides every field and ignores the others, so the
        caller's name, description, target audience and media are applied afterwards in one update."""
        overrides = request.overrides()
        body = {"url": request.url} if request.url else request.wire()
        data = await self._transport.call(CREATE_PRODUCT, json=body)
        product = Product.model_validate(data)
        if request.url and overrides:
            update = UpdateProductRequest(product_id=product.product_id, **overrides)
            await self.update(update)
            product = Product.model_validate({**product.model_dump(), **update.wire()})
        return product

    async def update(self, request: UpdateProductRequest) -> None:
        """PUT /v1/product: sets the given fields."""
        await self._transport.call(UPDATE_PRODUCT, json=request.wire())

    async def list(self) -> list[Product]:
        """GET /v1/products: every product of the account."""
        data = await self._transport.call(LIST_PRODUCTS)
        items = data if isinstance(data, list) else (data or {}).get("products", [])
        return [Product.model_validate(item) for item in items]

    async def get(self, product_id: str) -> Product | None:
        return next((p for p in await self.list() if p.product_id == product_id), None)

    async def create_video(self, request: UrlVideoRequest) -> CreatedVideo:
        """POST /v1/create_video_from_url: spends credits, so never retried once it may have arrived."""
        data = await self._transport.call(CREATE_VIDEO, json=request.wire())
        return CreatedVideo(
            project_id=pick_id(data),
            kind=ProjectKind.URL_VIDEO,
            estimated_credits=product_video_credits(request.video_length, request.override_script),
        )

    async def draft_scripts(self, request: AiScriptsRequest) -> builtins.list[GeneratedScript]:
        """POST /v1/ai_scripts: several scripts for the product, one per style JoggAI chooses. Spends credits."""
        data = await self._transport.call(DRAFT_SCRIPTS, json=request.wire())
        return AiScriptsWire.model_validate(data or {}).generated_scripts

    async def create_preview(self, request: UrlVideoRequest) -> CreatedVideo:
        """POST /v1/preview: a cheap draft of the video that request describes, followed at /v1/project."""
        data = await self._transport.call(CREATE_PREVIEW, json=request.preview_wire())
        return CreatedVideo(
            project_id=pick_id(data),
            kind=ProjectKind.PREVIEW,
            estimated_credits=preview_credits(request.video_length, request.override_script),
        )

    async def get_project(self, project_id: str, kind: ProjectKind = ProjectKind.URL_VIDEO) -> Project:
        """GET /v1/project?project_id=..., normalised; `kind` says whether a video or a preview was asked for."""
        data = await self._transport.call(GET_PROJECT, params={"project_id": project_id})
        return V1ProjectWire.model_validate(data).normalise(kind)
