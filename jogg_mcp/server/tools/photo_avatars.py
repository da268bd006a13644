"""The avatars toolset: a presenter who does not exist, made in two steps. create_avatar_photos generates four
photos (0.2 credit); animate_avatar_photo turns the chosen one into an avatar that speaks (2-3 credits); its
avatar_id then works in create_avatar_video with avatar_type custom. get_project follows both steps."""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.mcpserver import Context, Elicit, ElicitationResult, Resolve
from mcp.types import CallToolResult
from pydantic import Field, ValidationError

from jogg_mcp.api import photo_avatars as photo_avatars_api
from jogg_mcp.api.models import AvatarPhotosRequest, MotionModel, PhotoAge, PhotoEthnicity, PhotoMotionRequest
from jogg_mcp.api.pricing import AVATAR_PHOTOS_CREDITS, MOTION_CREDITS
from jogg_mcp.api.vocabulary import AspectRatio, ProjectKind
from jogg_mcp.server.parameters import AspectRatioName, MaxCredits, MediaUrl, NewTake, VoiceId
from jogg_mcp.server.replies import CreatedResult
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import Charge, SpendConsent, ask_consent, spend

ShortText = Annotated[str | None, Field(default=None, max_length=500)]


def _photos_request(
    age: str, style: str, gender: str, model: str, aspect_ratio: str, ethnicity: str | None,
    background: str | None, appearance: str | None, reference_url: str | None,
) -> AvatarPhotosRequest:  # fmt: skip
    return AvatarPhotosRequest(
        age=age,  # type: ignore[arg-type]
        avatar_style=style.capitalize(),  # type: ignore[arg-type]
        gender=gender.capitalize(),  # type: ignore[arg-type]
        model=model,  # type: ignore[arg-type]
        aspect_ratio=AspectRatio(aspect_ratio),
        ethnicity=ethnicity,  # type: ignore[arg-type]
        background=background,
        appearance=appearance,
        image_url=reference_url,
    )


def _photos_charge(request: AvatarPhotosRequest) -> Charge:
    return Charge(
        kind=ProjectKind.AVATAR_PHOTOS,
        endpoint=photo_avatars_api.GENERATE_PHOTOS,
        body=request.wire(),
        what=f"4 avatar photos ({request.gender.lower()}, {request.age.lower()})",
        estimate=AVATAR_PHOTOS_CREDITS,
    )


async def _ask_photos_consent(
    ctx: Context, age: str, style: str, gender: str, model: str, aspect_ratio: str, ethnicity: str | None,
    background: str | None, appearance: str | None, reference_url: str | None, new_take: bool,
) -> SpendConsent | Elicit[SpendConsent]:  # fmt: skip
    try:
        request = _photos_request(
            age, style, gender, model, aspect_ratio, ethnicity, background, appearance, reference_url
        )
    except ValidationError:
        return SpendConsent(confirm=True)  # the tool refuses it without sending anything: nothing to agree to
    charge = _photos_charge(request)
    return await ask_consent(ctx, [charge], what=charge.what, new_take=new_take)


async def create_avatar_photos(
    ctx: Context,
    age: PhotoAge,
    style: Literal["professional", "social"],
    gender: Literal["female", "male"],
    aspect_ratio: AspectRatioName,
    model: Literal["classic", "modern"] = "modern",
    ethnicity: PhotoEthnicity | None = None,
    background: ShortText = None,
    appearance: ShortText = None,
    reference_url: Annotated[MediaUrl | None, Field(default=None, description="A portrait to start from")] = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_photos_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Generate four photos of a presenter who does not exist, step 1 of a photo avatar. COSTS CREDITS:
    0.2 credit (4 photos at 0.05). Returns project_id at once; get_project(wait_seconds=45) gives
    image_urls. Next: animate_avatar_photo with the one the user picks.
    """
    request = _photos_request(age, style, gender, model, aspect_ratio, ethnicity, background, appearance, reference_url)
    async with jogg_session(ctx, billable=True) as jogg:
        return await spend(
            ctx,
            jogg,
            _photos_charge(request),
            consent=consent,
            create=lambda: jogg.photo_avatars.generate_photos(request),
            new_take=new_take,
            max_credits=max_credits,
            cost_note="JoggAI charges 0.05 credit per photo: these 4 cost 0.2.",
        )


def _motion_charge(request: PhotoMotionRequest) -> Charge:
    return Charge(
        kind=ProjectKind.PHOTO_AVATAR,
        endpoint=photo_avatars_api.ADD_MOTION,
        body=request.wire(),
        what=f"photo avatar {request.name!r} (motion {request.model})",
        estimate=MOTION_CREDITS[request.model],
    )


def _motion_request(
    image_url: str, name: str, voice_id: str, motion_model: str, photo_id: str | None, description: str | None,
    welcome_msg: str | None,
) -> PhotoMotionRequest:  # fmt: skip
    return PhotoMotionRequest(
        image_url=image_url,
        name=name,
        voice_id=voice_id,
        model=motion_model,  # type: ignore[arg-type]
        photo_id=photo_id,
        description=description,
        welcome_msg=welcome_msg,
    )


async def _ask_motion_consent(
    ctx: Context, image_url: str, name: str, voice_id: str, motion_model: str, photo_id: str | None,
    description: str | None, welcome_msg: str | None, new_take: bool,
) -> SpendConsent | Elicit[SpendConsent]:  # fmt: skip
    try:
        request = _motion_request(image_url, name, voice_id, motion_model, photo_id, description, welcome_msg)
    except ValidationError:
        return SpendConsent(confirm=True)  # the tool refuses it without sending anything: nothing to agree to
    charge = _motion_charge(request)
    return await ask_consent(ctx, [charge], what=f"a {charge.what}", new_take=new_take)


async def animate_avatar_photo(
    ctx: Context,
    image_url: Annotated[MediaUrl, Field(description="One of the image_urls, or an uploaded portrait")],
    name: Annotated[str, Field(min_length=1, max_length=100)],
    voice_id: VoiceId,
    motion_model: Annotated[MotionModel, Field(description="2.0-Pro costs 3; the others 2")] = "2.0",
    photo_id: Annotated[str | None, Field(default=None, max_length=100, description="Its project_id")] = None,
    description: ShortText = None,
    welcome_msg: ShortText = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_motion_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Animate a photo into an avatar that speaks, step 2 of a photo avatar. COSTS CREDITS: 2 credits
    (3 with motion_model 2.0-Pro). Returns project_id at once; once get_project says succeeded, its
    avatar_id works in create_avatar_video with avatar_type custom.
    """
    request = _motion_request(image_url, name, voice_id, motion_model, photo_id, description, welcome_msg)
    async with jogg_session(ctx, billable=True) as jogg:
        cost = MOTION_CREDITS[motion_model]
        return await spend(
            ctx,
            jogg,
            _motion_charge(request),
            consent=consent,
            create=lambda: jogg.photo_avatars.add_motion(request),
            new_take=new_take,
            max_credits=max_credits,
            cost_note=f"JoggAI charges {cost:g} credits to animate a photo with motion {motion_model}.",
        )
