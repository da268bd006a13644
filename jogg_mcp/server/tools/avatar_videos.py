"""create_avatar_video: a talking avatar reading a script, or lip-syncing uploaded audio."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context, Elicit, ElicitationResult, Resolve
from mcp.types import CallToolResult
from pydantic import Field, ValidationError

from jogg_mcp.api import avatar_videos as avatar_videos_api
from jogg_mcp.api.models import AvatarVideoRequest
from jogg_mcp.api.pricing import avatar_video_credits
from jogg_mcp.api.vocabulary import AspectRatio, AvatarType, ProjectKind, ScreenStyle
from jogg_mcp.server.parameters import (
    AspectRatioName,
    AvatarId,
    AvatarSource,
    Caption,
    MaxCredits,
    MediaUrl,
    NewTake,
    VideoName,
    VoiceId,
)
from jogg_mcp.server.remote_audio import audio_seconds
from jogg_mcp.server.replies import CreatedResult
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import MOST_AN_UNKNOWN_RENDER_COSTS, Charge, SpendConsent, ask_consent, spend

SCREEN_STYLES = {
    "background": ScreenStyle.BACKGROUND,
    "green_screen": ScreenStyle.GREEN_SCREEN,
    "transparent": ScreenStyle.TRANSPARENT_WEBM,
}


def _request(arguments: Mapping[str, Any]) -> AvatarVideoRequest:
    """The request create_avatar_video sends, from its arguments (its consent question sees the same one)."""
    return AvatarVideoRequest(
        avatar_id=arguments["avatar_id"],
        avatar_type=AvatarType[arguments["avatar_type"].upper()],
        voice_id=arguments["voice_id"],
        script=arguments["script"],
        audio_url=arguments["audio_url"],
        aspect_ratio=AspectRatio(arguments["aspect_ratio"]),
        screen_style=SCREEN_STYLES[arguments["screen_style"]],
        caption=arguments["caption"],
        video_name=arguments["video_name"],
    )


def _charge(request: AvatarVideoRequest, aspect_ratio: str, script: str | None, seconds: float | None) -> Charge:
    return Charge(
        kind=ProjectKind.AVATAR_VIDEO,
        endpoint=avatar_videos_api.CREATE_AVATAR_VIDEO,
        body=request.wire(),
        what=f"{aspect_ratio} avatar video ({'script' if script else 'uploaded audio'})",
        estimate=avatar_video_credits(script, seconds),
    )


async def _ask_consent(
    ctx: Context,
    avatar_id: int,
    avatar_type: str,
    voice_id: str,
    aspect_ratio: str,
    script: str | None,
    audio_url: str | None,
    screen_style: str,
    caption: bool,
    video_name: str | None,
    new_take: bool,
) -> SpendConsent | Elicit[SpendConsent]:
    """Before the tool runs: ask the user to agree to the cost (spending.ask_consent says when it asks)."""
    try:
        request = _request(locals())
    except ValidationError:
        return SpendConsent(confirm=True)  # the tool refuses it without sending anything: nothing to agree to
    seconds = None
    if audio_url:
        async with jogg_session(ctx) as jogg:
            seconds = await audio_seconds(ctx, jogg, audio_url)
    charge = _charge(request, aspect_ratio, script, seconds)
    return await ask_consent(ctx, [charge], what=f"a {charge.what}", new_take=new_take)


async def create_avatar_video(
    ctx: Context,
    avatar_id: AvatarId,
    avatar_type: AvatarSource,
    voice_id: VoiceId,
    aspect_ratio: AspectRatioName,
    script: Annotated[
        str | None, Field(default=None, min_length=1, max_length=20000, description="Text the avatar speaks")
    ] = None,
    audio_url: Annotated[MediaUrl | None, Field(default=None, description="An asset_url from upload_asset")] = None,
    screen_style: Annotated[
        Literal["background", "green_screen", "transparent"],
        Field(description="transparent: a WebM with alpha"),
    ] = "background",
    caption: Caption = False,
    video_name: VideoName = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Start rendering a video of an avatar speaking. COSTS CREDITS: 1 credit per started 2 minutes of
    speech (about 300 words); never call it twice for one request. Give one of script or audio_url
    (the video lasts as long as the audio). Ids come from list_catalog. transparent needs caption=false.
    Returns project_id at once. Next: get_project(wait_seconds=45).
    """
    async with jogg_session(ctx, billable=True) as jogg:
        request = _request(locals())
        seconds = await audio_seconds(ctx, jogg, audio_url) if audio_url else None
        estimate = avatar_video_credits(script, seconds)
        note = None
        if audio_url is not None:
            note = (
                f"JoggAI charges 1 credit per started 2 minutes of the audio: this {seconds:.0f} s file costs "
                f"{estimate:g}."
                if estimate is not None and seconds is not None
                else "JoggAI charges 1 credit per started 2 minutes of the audio, and this audio's length could not "
                "be read (upload it with upload_asset to know), so its cost is unknown: 1 to "
                f"{MOST_AN_UNKNOWN_RENDER_COSTS} credits."
            )
        return await spend(
            ctx,
            jogg,
            _charge(request, aspect_ratio, script, seconds),
            consent=consent,
            create=lambda: jogg.avatar_videos.create(request, audio_seconds=seconds),
            new_take=new_take,
            max_credits=max_credits,
            cost_note=note,
        )
