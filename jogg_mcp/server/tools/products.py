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
from jogg_mcp.api.pricing import product_video_credits
from jogg_mcp.api.vocabulary import AspectRatio, AvatarType, Language, MediaType, ProjectKind, ScriptStyle, TemplateType
from jogg_mcp.server.parameters import (
    AspectRatioName,
    AvatarId,
    AvatarSource,
    LanguageName,
    MaxCredits,
    MediaUrl,
    NewTake,
    ProductId,
    ProductPageUrl,
    ProjectId,
    ScriptStyleName,
    VideoName,
    VoiceId,
)
from jogg_mcp.server.replies import CreatedResult, ToolResult, reply
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import Charge, SpendConsent, ask_consent, ledger_key, recorded, spend
from jogg_mcp.server.voices import language_mismatch


class MediaItem(BaseModel):
    """A product media item as JoggAI holds it."""

    type: Literal["image", "video"] = Field()
    url: str
    name: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=2000, description="What it shows")


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
        next_step="Review it with the user (update_product changes it). Then offer drafts before a full render: "
        "draft_script (0.2 credit) or preview_video (0.5 credit a style), then create_video (1 credit).",
    )


def _summary(product: ProductResult, verb: str) -> str:
    return (
        f"{verb} product {product.product_id}: {product.name!r} with {len(product.media)} media item(s). "
        f"Description: {product.description[:200]}"
    )


OptionalText = Annotated[str | None, Field(default=None, max_length=5000)]
MediaList = Annotated[
    list[MediaInput] | None,
    Field(default=None, max_length=20, description="Replaces the whole media list"),
]


async def create_product_from_url(
    ctx: Context,
    url: ProductPageUrl,
    name: OptionalText = None,
    description: OptionalText = None,
    target_audience: OptionalText = None,
    media: MediaList = None,
) -> Annotated[CallToolResult, ProductResult]:
    """Create a JoggAI product from a product page; JoggAI extracts name, description and images. Free.
    Step 1 of a product video. Fields given override what JoggAI extracts (media replaces its list; use
    upload_asset URLs for the user's own files). Returns product_id. Next: get_product, update_product.
    """
    async with jogg_session(ctx) as jogg:
        request = CreateProductRequest(
            url=url, name=name, description=description, target_audience=target_audience, media=_to_wire(media)
        )
        product = await jogg.products.create(request)
    result = _product_result(product)
    return reply(ctx, result, _summary(result, "Created"))


async def get_product(ctx: Context, product_id: ProductId) -> Annotated[CallToolResult, ProductResult]:
    """Show a product as JoggAI holds it: name, description, audience, media. Free. Show it to the
    user and discuss changes before spending. Next: update_product, draft_script, preview_video.
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
    """Change a product's name, description, audience or media. Free. Only fields given change; media
    replaces the whole list (include the items to keep). Returns the product as changed.
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


# What create_video needs when it does not start from a preview.
REQUIRED_SETTINGS = (
    "product_id",
    "aspect_ratio",
    "video_length",
    "language",
    "avatar_id",
    "avatar_type",
    "voice_id",
    "script_style",
)
SETTINGS = (
    *REQUIRED_SETTINGS,
    "visual_style",
    "template_id",
    "template_type",
    "music_id",
    "caption",
    "override_script",
    "video_name",
)
DEFAULTS: Mapping[str, Any] = {"template_type": TemplateType.PUBLIC, "caption": True}


def given_settings(arguments: Mapping[str, Any]) -> dict[str, Any]:
    """The video settings among a tool's arguments that were given, in UrlVideoRequest's terms."""
    given = {name: arguments[name] for name in SETTINGS if arguments.get(name) not in (None, "")}
    if "aspect_ratio" in given:
        given["aspect_ratio"] = AspectRatio(given["aspect_ratio"])
    if "avatar_type" in given:
        given["avatar_type"] = AvatarType[given["avatar_type"].upper()]
    if "template_type" in given:
        given["template_type"] = TemplateType(given["template_type"])
    return given


async def video_request(ctx: Context, arguments: Mapping[str, Any]) -> UrlVideoRequest:
    """The request create_video sends, from its arguments: a preview's settings (from_preview) with the given
    ones on top, or the given ones alone. Its consent question and the tool build it the same way."""
    given = given_settings(arguments)
    preview_id = arguments.get("from_preview")
    if not preview_id:
        missing = [name for name in REQUIRED_SETTINGS if name not in given]
        if missing:
            raise ToolError(
                f"create_video needs {', '.join(missing)} (or from_preview=<a preview's project_id>, to take every "
                "setting from a preview made with preview_video). Nothing was sent, so nothing was charged."
            )
        return UrlVideoRequest(**{**DEFAULTS, **given})
    record = await recorded(ctx, preview_id)
    if record is None or record.kind != ProjectKind.PREVIEW or record.key_hash != ledger_key(ctx):
        raise ToolError(
            f"{preview_id!r} is not a preview this server made with this API key, so its settings are not known "
            "here. from_preview takes a project_id returned by preview_video; otherwise give the video's settings "
            "(product_id, aspect_ratio, ...) yourself. Nothing was sent, so nothing was charged."
        )
    settings = UrlVideoRequest.from_wire(record.request).model_dump()
    if "template_id" in given:  # a layout given now replaces the preview's, whichever kind it was
        settings["visual_style"] = None
    if "visual_style" in given:
        settings["template_id"] = None
    return UrlVideoRequest(**{**settings, **given})


def video_what(request: UrlVideoRequest) -> str:
    return f"{request.video_length} s {request.aspect_ratio.value} video of product {request.product_id}"


def video_charge(request: UrlVideoRequest) -> Charge:
    return Charge(
        kind=ProjectKind.URL_VIDEO,
        endpoint=products_api.CREATE_VIDEO,
        body=request.wire(),
        what=video_what(request),
        estimate=product_video_credits(request.video_length, request.override_script),
    )


async def _ask_video_consent(
    ctx: Context,
    product_id: str | None,
    aspect_ratio: str | None,
    video_length: int | None,
    language: Language | None,
    avatar_id: int | None,
    avatar_type: str | None,
    voice_id: str | None,
    script_style: ScriptStyle | None,
    visual_style: str | None,
    template_id: int | None,
    template_type: str | None,
    music_id: int | None,
    caption: bool | None,
    override_script: str | None,
    video_name: str | None,
    from_preview: str | None,
    new_take: bool,
) -> SpendConsent | Elicit[SpendConsent]:
    """Before the tool runs: ask the user to agree to the cost (spending.ask_consent says when it asks)."""
    try:
        request = await video_request(ctx, locals())
    except (ToolError, ValidationError):
        return SpendConsent(confirm=True)  # the tool refuses it without sending anything: nothing to agree to
    async with jogg_session(ctx) as jogg:
        if await language_mismatch(ctx, jogg, ledger_key(ctx), request.voice_id, request.language) is not None:
            return SpendConsent(confirm=True)  # refused in the tool, before anything is sent: nothing to ask
    charge = video_charge(request)
    return await ask_consent(ctx, [charge], what=f"a {charge.what}", new_take=new_take)


async def create_video(
    ctx: Context,
    product_id: ProductId | None = None,
    aspect_ratio: AspectRatioName | None = None,
    video_length: Annotated[Literal[15, 30, 60] | None, Field(description="Seconds")] = None,
    language: LanguageName | None = None,
    avatar_id: AvatarId | None = None,
    avatar_type: AvatarSource | None = None,
    voice_id: VoiceId | None = None,
    script_style: ScriptStyleName | None = None,
    visual_style: Annotated[
        str | None,
        Field(default=None, max_length=200, description="From list_catalog(kind=visual_styles)"),
    ] = None,
    template_id: Annotated[
        int | None, Field(default=None, ge=0, description="From list_catalog(kind=templates)")
    ] = None,
    template_type: Annotated[Literal["public", "custom"] | None, Field(description="Default public")] = None,
    music_id: Annotated[int | None, Field(default=None, ge=0, description="From list_catalog(kind=music)")] = None,
    caption: Annotated[bool | None, Field(description="Subtitles (default true)")] = None,
    override_script: Annotated[
        str | None,
        Field(default=None, max_length=5000, description="Your script, e.g. from draft_script"),
    ] = None,
    video_name: VideoName = None,
    from_preview: Annotated[
        ProjectId | None,
        Field(description="A preview_video project_id"),
    ] = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_video_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Start rendering a product video presented by an avatar. COSTS CREDITS: 1 credit per started
    2 minutes (a 15-60 s video costs 1); never call it twice for one request. Give from_preview (its
    settings reused; fields given override), or every setting with one of visual_style or template_id.
    Ids come from list_catalog. Returns project_id at once. Next: get_project(wait_seconds=45).
    """
    async with jogg_session(ctx, billable=True) as jogg:
        request = await video_request(ctx, locals())
        mismatch = await language_mismatch(ctx, jogg, ledger_key(ctx), request.voice_id, request.language)
        if mismatch is not None:
            raise ToolError(mismatch)
        return await spend(
            ctx,
            jogg,
            video_charge(request),
            consent=consent,
            create=lambda: jogg.products.create_video(request),
            new_take=new_take,
            max_credits=max_credits,
        )
