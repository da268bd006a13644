"""The avatars toolset's product avatars: images of a presenter holding the product
(create_product_avatar_images), one animated into an avatar that speaks (animate_product_avatar). JoggAI does
not publish their prices, so they are spent as unknown costs: the user is told so, and max_credits cannot hold
them."""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.mcpserver import Context, Elicit, ElicitationResult, Resolve
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ListRootsResult
from pydantic import Field, ValidationError

from jogg_mcp.api import product_avatars as product_avatars_api
from jogg_mcp.api.downloads import without_query
from jogg_mcp.api.models import PresenterSource, ProductAvatarImagesRequest, ProductAvatarMotionRequest
from jogg_mcp.api.vocabulary import AspectRatio, ProjectKind
from jogg_mcp.server.parameters import AspectRatioName, MaxCredits, NewTake, VoiceId
from jogg_mcp.server.replies import CreatedResult
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import Charge, SpendConsent, ask_consent, spend
from jogg_mcp.server.tools.assets import MediaInput, client_roots, media_input

UNPUBLISHED = (
    "JoggAI does not publish what product avatars cost: get_credits before and after shows what this one took."
)
Source = Annotated[str, Field(min_length=1, max_length=4096, description="A public URL or a local image")]


def _presenter(
    presenter_description: str | None, presenter_image: str | None, avatar_id: int | None, avatar_type: str
) -> PresenterSource:
    given = [value for value in (presenter_description, presenter_image, avatar_id) if value is not None]
    if len(given) != 1:
        raise ToolError(
            "Give exactly one presenter: presenter_description (words), presenter_image (a person's photo) or "
            "avatar_id (with avatar_type). Nothing was sent."
        )
    if avatar_id is not None:
        return PresenterSource(type="id", avatar_id=avatar_id, avatar_type=avatar_type)  # type: ignore[arg-type]
    if presenter_image is not None:
        return PresenterSource(type="image", value=presenter_image)
    return PresenterSource(type="description", value=presenter_description)


def _images_charge(product: MediaInput, presenter: PresenterSource, request: ProductAvatarImagesRequest) -> Charge:
    intent = request.model_copy(update={"product_image_url": product.intent, "avatar_source": presenter})
    return Charge(
        kind=ProjectKind.PRODUCT_AVATAR_IMAGES,
        endpoint=product_avatars_api.GENERATE_IMAGES,
        body=intent.wire(),
        what=f"{request.num_images} product avatar image(s)",
        estimate=None,
    )


async def _ask_images_consent(ctx: Context, num_images: int, new_take: bool) -> SpendConsent | Elicit[SpendConsent]:
    # Its inputs (files, presenters) are read by the tool; the price is not published either way.
    charge = Charge.not_yet_known(
        ProjectKind.PRODUCT_AVATAR_IMAGES, product_avatars_api.GENERATE_IMAGES, f"{num_images} product avatar image(s)"
    )
    return await ask_consent(ctx, [charge], what=charge.what, new_take=new_take)


async def create_product_avatar_images(
    ctx: Context,
    product_image: Source,
    presenter_description: Annotated[str | None, Field(default=None, max_length=1000)] = None,
    presenter_image: Annotated[str | None, Field(default=None, max_length=4096, description="URL or file")] = None,
    avatar_id: Annotated[int | None, Field(default=None, ge=0, description="From list_catalog")] = None,
    avatar_type: Literal["public", "photo", "custom"] = "public",
    aspect_ratio: Literal["2:3", "3:2", "1:1"] = "2:3",
    quality: Literal["low", "medium", "high"] = "medium",
    num_images: Annotated[int, Field(ge=1, le=4)] = 4,
    prompt: Annotated[str | None, Field(default=None, max_length=1000)] = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    roots: Annotated[ListRootsResult | None, Resolve(client_roots)],
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_images_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Generate images of a presenter holding a product, step 1 of a product avatar. COSTS CREDITS at a
    price JoggAI does not publish. Presenter: one of presenter_description, presenter_image or avatar_id.
    Files are checked and uploaded first. get_project gives image_urls; next: animate_product_avatar.
    """
    presenter = _presenter(presenter_description, presenter_image, avatar_id, avatar_type)
    async with jogg_session(ctx, billable=True) as jogg:
        product = await media_input(ctx, jogg, product_image, roots, ("image",), "product_image")
        person = None
        if presenter.type == "image":
            person = await media_input(ctx, jogg, str(presenter.value), roots, ("image",), "presenter_image")
        request = ProductAvatarImagesRequest(
            product_image_url=product.intent,
            avatar_source=presenter if person is None else presenter.model_copy(update={"value": person.intent}),
            quality=quality,
            aspect_ratio=aspect_ratio,
            num_images=num_images,
            prompt=prompt,
        )
        charge = _images_charge(product, request.avatar_source, request)
        sent = request.model_copy(
            update={
                "product_image_url": await product.uploaded(ctx, roots),
                "avatar_source": request.avatar_source
                if person is None
                else presenter.model_copy(update={"value": await person.uploaded(ctx, roots)}),
            }
        )
        return await spend(
            ctx,
            jogg,
            charge,
            consent=consent,
            create=lambda: jogg.product_avatars.generate_images(sent),
            new_take=new_take,
            max_credits=max_credits,
            cost_note=UNPUBLISHED,
        )


def _motion_request(
    generation_id: str, name: str, voice_id: str, description: str, aspect_ratio: str | None
) -> ProductAvatarMotionRequest:
    return ProductAvatarMotionRequest(
        generation_id=generation_id,
        name=name,
        voice_id=voice_id,
        description=description,
        aspect_ratio=AspectRatio(aspect_ratio) if aspect_ratio else None,
    )


async def _ask_motion_consent(ctx: Context, name: str, new_take: bool) -> SpendConsent | Elicit[SpendConsent]:
    # The generation is looked up by the tool; the price is not published either way.
    charge = Charge.not_yet_known(
        ProjectKind.PRODUCT_AVATAR, product_avatars_api.ADD_MOTION, f"product avatar {name!r}"
    )
    return await ask_consent(ctx, [charge], what=f"a {charge.what}", new_take=new_take)


async def animate_product_avatar(
    ctx: Context,
    batch_id: Annotated[str, Field(min_length=1, max_length=100, description="Its project_id")],
    image_url: Annotated[str, Field(min_length=1, max_length=2048, description="One of its image_urls")],
    name: Annotated[str, Field(min_length=1, max_length=100)],
    voice_id: VoiceId,
    description: Annotated[str, Field(min_length=1, max_length=1000, description="How it moves")],
    aspect_ratio: AspectRatioName | None = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_motion_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Animate one product avatar image into an avatar that speaks, step 2. COSTS CREDITS at a price
    JoggAI does not publish. Once get_project says succeeded, its avatar_id works in create_avatar_video
    with avatar_type custom.
    """
    async with jogg_session(ctx, billable=True) as jogg:
        batch = await jogg.product_avatars.batch(batch_id)
        generation_id = batch.generation_for(image_url)
        if generation_id is None:
            raise ToolError(
                f"{without_query(image_url)!r} is not one of batch {batch_id}'s finished images: take one of "
                "get_project's image_urls for it. Nothing was sent."
            )
        try:
            request = _motion_request(generation_id, name, voice_id, description, aspect_ratio)
        except ValidationError as error:
            problem = error.errors()[0]
            field = ".".join(str(part) for part in problem["loc"])
            raise ToolError(f"{field}: {problem['msg']}; give a valid {field}. Nothing was sent.") from None
        charge = Charge(
            kind=ProjectKind.PRODUCT_AVATAR,
            endpoint=product_avatars_api.ADD_MOTION,
            body=request.wire(),
            what=f"product avatar {name!r}",
            estimate=None,
        )
        return await spend(
            ctx,
            jogg,
            charge,
            consent=consent,
            create=lambda: jogg.product_avatars.add_motion(request),
            new_take=new_take,
            max_credits=max_credits,
            cost_note=UNPUBLISHED,
        )
