"""Products and the videos made from them: create_product_from_url, update_product, create_video."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context, Elicit, ElicitationResult, Resolve
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic import BaseModel, Field, ValidationError

from jogg_mcp.api import products as products_api
from jogg_mcp.api.errors import JoggError
from jogg_mcp.api.models import (
    CreateProductRequest,
    Product,
    ProductMedia,
    UpdateProductRequest,
    UrlVideoRequest,
)
from jogg_mcp.api.pricing import video_credits
from jogg_mcp.api.vocabulary import AspectRatio, AvatarType, Language, MediaType, ProjectKind, ScriptStyle, TemplateType
from jogg_mcp.server.parameters import (
    AspectRatioName,
    AvatarId,
    AvatarSource,
    Caption,
    LanguageName,
    MaxCredits,
    MediaUrl,
    NewTake,
    ProductId,
    ProductPageUrl,
    ScriptStyleName,
    VideoName,
    VoiceId,
)
from jogg_mcp.server.replies import CreatedResult, ToolResult, reply
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import SpendConsent, ask_consent, ledger_key, spend
from jogg_mcp.server.voices import language_mismatch


class MediaItem(BaseModel):
    """A product media item as JoggAI holds it."""

    type: Literal["image", "video"] = Field(description="image or video")
    url: str
    name: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2000, description="What it shows; helps the script")


class MediaInput(MediaItem):
    """A media item given by the user: a URL JoggAI can fetch."""

    url: MediaUrl


class ProductResult(ToolResult):
    product_id: str
    url: str
    name: str
    description: str
    target_audience: str
    media: list[MediaItem]


def _to_wire(items: list[MediaInput] | None) -> list[ProductMedia] | None:
    if items is None:
        return None
    return [
        ProductMedia(
            type=MediaType.IMAGE if i.type == "image" else MediaType.VIDEO,
            url=i.url,
            name=i.name or "",
            description=i.description or "",
        )
        for i in items
    ]


def _product_result(product: Product) -> ProductResult:
    return ProductResult(
        product_id=product.product_id,
        url=product.url,
        name=product.name,
        description=product.description,
        target_audience=product.target_audience,
        media=[
            MediaItem(
                type="image" if m.type is MediaType.IMAGE else "video",
                url=m.url,
                name=m.name or None,
                description=m.description or None,
            )
            for m in product.media
        ],
        next_step="Review name and description (update_product to change them), then create_video with this "
        "product_id.",
    )


def _summary(product: ProductResult, verb: str) -> str:
    return (
        f"{verb} product {product.product_id}: {product.name!r} with {len(product.media)} media item(s). "
        f"Description: {product.description[:200]}"
    )


OptionalText = Annotated[str | None, Field(default=None, max_length=5000)]
MediaList = Annotated[
    list[MediaInput] | None,
    Field(default=None, max_length=20, description="Replaces the product's whole media list when given"),
]


async def create_product_from_url(
    ctx: Context,
    url: ProductPageUrl,
    name: OptionalText = None,
    description: OptionalText = None,
    target_audience: OptionalText = None,
    media: MediaList = None,
) -> Annotated[CallToolResult, ProductResult]:
    """Create a JoggAI product from a product page: JoggAI reads the page and extracts its name,
    description and images. Step 1 of making a product video. Free (no credits).

    Use when the user gives a product URL. name, description, target_audience and media are optional
    overrides applied on top of what JoggAI extracted (media replaces the extracted list; put
    upload_asset URLs there to use the user's own images or clips).
    Returns product_id. Next: optionally update_product, then create_video.
    """
    async with jogg_session(ctx) as jogg:
        request = CreateProductRequest(
            url=url, name=name, description=description, target_audience=target_audience, media=_to_wire(media)
        )
        product = await jogg.products.create(request)
    result = _product_result(product)
    return reply(ctx, result, _summary(result, "Created"))


async def get_product(ctx: Context, product_id: ProductId) -> Annotated[CallToolResult, ProductResult]:
    """The product as JoggAI holds it now: name, description, target audience and media. Free.

    Use it to show the user what JoggAI took from their page and to discuss changes before spending anything.
    Next: update_product to change it, then create_video.
    """
    async with jogg_session(ctx) as jogg:
        product = await jogg.products.get(product_id)
    if product is None:
        raise ToolError(
            f"This JoggAI account has no product {product_id!r}. Product ids come from create_product_from_url "
            "(its product_id); check the id, or make the product from its page first. Nothing was charged."
        )
    result = _product_result(product)
    return reply(ctx, result, _summary(result, "Product"))


async def update_product(
    ctx: Context,
    product_id: ProductId,
    name: OptionalText = None,
    description: OptionalText = None,
    target_audience: OptionalText = None,
    media: MediaList = None,
) -> Annotated[CallToolResult, ProductResult]:
    """Change a product's name, description (selling points), target audience or media before making a
    video. Free. Only the fields you pass change; media REPLACES the whole media list (include the items
    to keep). Returns the product after the change. Next: create_video.
    """
    async with jogg_session(ctx) as jogg:
        request = UpdateProductRequest(
            product_id=product_id,
            name=name,
            description=description,
            target_audience=target_audience,
            media=_to_wire(media),
        )
        await jogg.products.update(request)
        try:
            product = await jogg.products.get(product_id)
        except JoggError:  # the update succeeded; a failed read-back must not report otherwise
            product = None
    if product is None:
        # JoggAI accepted the change but its product list does not show the product (yet): say so, show what
        # changed, and do not send the model back to repeat a request that worked.
        result = _product_result(Product.model_validate({"product_id": product_id, **request.wire()}))
        result.next_step = (
            "JoggAI accepted the update, but its product list does not show this product yet, so only the "
            "fields you changed are shown. Continue with create_video; do not repeat the update."
        )
        return reply(ctx, result, f"Updated product {product_id}: JoggAI accepted the change.")
    result = _product_result(product)
    return reply(ctx, result, _summary(result, "Updated"))


def _video_request(arguments: Mapping[str, Any]) -> UrlVideoRequest:
    """The request create_video sends, from its arguments (its consent question sees the same request)."""
    return UrlVideoRequest(
        product_id=arguments["product_id"],
        aspect_ratio=AspectRatio(arguments["aspect_ratio"]),
        video_length=arguments["video_length"],
        language=arguments["language"],
        avatar_id=arguments["avatar_id"],
        avatar_type=AvatarType[arguments["avatar_type"].upper()],
        voice_id=arguments["voice_id"],
        script_style=arguments["script_style"],
        visual_style=arguments["visual_style"],
        template_id=arguments["template_id"],
        template_type=TemplateType(arguments["template_type"]),
        music_id=arguments["music_id"],
        caption=arguments["caption"],
        override_script=arguments["override_script"] or None,
        video_name=arguments["video_name"],
    )


def _video_what(video_length: int, aspect_ratio: str, product_id: str) -> str:
    return f"{video_length} s {aspect_ratio} video of product {product_id}"


async def _ask_video_consent(
    ctx: Context,
    product_id: str,
    aspect_ratio: str,
    video_length: Literal[15, 30, 60],
    language: Language,
    avatar_id: int,
    avatar_type: str,
    voice_id: str,
    script_style: ScriptStyle,
    visual_style: str | None,
    template_id: int | None,
    template_type: str,
    music_id: int | None,
    caption: bool,
    override_script: str | None,
    video_name: str | None,
    new_take: bool,
) -> SpendConsent | Elicit[SpendConsent]:
    """Before the tool runs: ask the user to agree to the cost (spending.ask_consent says when it asks)."""
    try:
        request = _video_request(locals())
    except ValidationError:
        return SpendConsent(confirm=True)  # the tool refuses it without sending anything: nothing to agree to
    async with jogg_session(ctx) as jogg:
        if await language_mismatch(ctx, jogg, ledger_key(ctx), voice_id, language) is not None:
            return SpendConsent(confirm=True)  # refused in the tool, before anything is sent: nothing to ask
    return await ask_consent(
        ctx,
        endpoint=products_api.CREATE_VIDEO,
        body=request.wire(),
        what=_video_what(video_length, aspect_ratio, product_id),
        estimate=video_credits(video_length),
        new_take=new_take,
    )


async def create_video(
    ctx: Context,
    product_id: ProductId,
    aspect_ratio: AspectRatioName,
    video_length: Annotated[Literal[15, 30, 60], Field(description="Seconds: 15, 30 or 60")],
    language: LanguageName,
    avatar_id: AvatarId,
    avatar_type: AvatarSource,
    voice_id: VoiceId,
    script_style: ScriptStyleName,
    visual_style: Annotated[
        str | None,
        Field(default=None, max_length=200, description="Name from list_visual_styles; or give template_id"),
    ] = None,
    template_id: Annotated[int | None, Field(default=None, ge=0, description="From list_templates")] = None,
    template_type: Annotated[Literal["public", "custom"], Field(description="Source of template_id")] = "public",
    music_id: Annotated[int | None, Field(default=None, ge=0, description="From list_music")] = None,
    caption: Caption = True,
    override_script: Annotated[
        str | None, Field(default=None, max_length=5000, description="Your own script instead of JoggAI's")
    ] = None,
    video_name: VideoName = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_video_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Start rendering a marketing video for a product, presented by an avatar. COSTS CREDITS: 1 credit
    (15, 30 and 60 s videos each start one 2-minute block); never call it twice for one request.

    Give exactly one of visual_style (layout, by name) or template_id. Ids must come from the list_*
    tools, never guessed. Returns project_id at once; rendering takes minutes.
    Next: get_project with wait_seconds to follow it to the video URL.
    """
    async with jogg_session(ctx, billable=True) as jogg:
        request = _video_request(locals())
        mismatch = await language_mismatch(ctx, jogg, ledger_key(ctx), voice_id, request.language)
        if mismatch is not None:
            raise ToolError(mismatch)
        return await spend(
            ctx,
            jogg,
            consent=consent,
            kind=ProjectKind.URL_VIDEO,
            endpoint=products_api.CREATE_VIDEO,
            body=request.wire(),
            what=_video_what(video_length, aspect_ratio, product_id),
            estimate=video_credits(video_length),
            create=lambda: jogg.products.create_video(request),
            new_take=new_take,
            max_credits=max_credits,
        )
