"""create_avatar_video: a talking avatar reading a script, or lip-syncing uploaded audio."""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from pydantic import Field

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
from jogg_mcp.server.replies import CreatedResult
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import known_audio_seconds, spend

SCREEN_STYLES = {
    "background": ScreenStyle.BACKGROUND,
    "green_screen": ScreenStyle.GREEN_SCREEN,
    "transparent": ScreenStyle.TRANSPARENT_WEBM,
}


async def create_avatar_video(
    ctx: Context,
    avatar_id: AvatarId,
    avatar_type: AvatarSource,
    voice_id: VoiceId,
    aspect_ratio: AspectRatioName,
    script: Annotated[
        str | None, Field(default=None, min_length=1, max_length=20000, description="Text the avatar speaks")
    ] = None,
    audio_url: Annotated[
        MediaUrl | None, Field(default=None, description="Audio the avatar lip-syncs: an asset_url from upload_asset")
    ] = None,
    screen_style: Annotated[
        Literal["background", "green_screen", "transparent"],
        Field(
            description="background: normal MP4; green_screen: MP4 for chroma key; transparent: WebM "
            "with alpha (needs caption=false)"
        ),
    ] = "background",
    caption: Caption = False,
    video_name: VideoName = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
) -> Annotated[CallToolResult, CreatedResult]:
    """Start rendering a video of an avatar speaking. COSTS CREDITS: 1 credit per started 2 minutes of
    speech (a script of about 300 words is 2 minutes); never call it twice for one request.

    Give exactly one of script (text to speak) or audio_url (uploaded audio; the video is as long as the
    audio). Ids must come from list_avatars and list_voices. screen_style transparent needs caption=false.
    Returns project_id at once. Next: get_project with wait_seconds.
    """
    async with jogg_session(ctx, billable=True) as jogg:
        request = AvatarVideoRequest(
            avatar_id=avatar_id,
            avatar_type=AvatarType[avatar_type.upper()],
            voice_id=voice_id,
            script=script,
            audio_url=audio_url,
            aspect_ratio=AspectRatio(aspect_ratio),
            screen_style=SCREEN_STYLES[screen_style],
            caption=caption,
            video_name=video_name,
        )
        audio_seconds = await known_audio_seconds(ctx, audio_url) if audio_url else None
        estimate = avatar_video_credits(script, audio_seconds)
        note = None
        if audio_url is not None:
            note = (
                f"JoggAI charges 1 credit per started 2 minutes of the audio: this {audio_seconds:.0f} s file costs "
                f"{estimate:g}."
                if estimate is not None and audio_seconds is not None
                else "JoggAI charges 1 credit per started 2 minutes of the audio, and this audio was not uploaded "
                "through this server, so its length and cost are unknown (1 to 5 credits for up to 10 minutes)."
            )
        return await spend(
            ctx,
            jogg,
            kind=ProjectKind.AVATAR_VIDEO,
            endpoint=avatar_videos_api.CREATE_AVATAR_VIDEO,
            body=request.wire(),
            what=f"{aspect_ratio} avatar video ({'script' if script else 'uploaded audio'})",
            estimate=estimate,
            create=lambda: jogg.avatar_videos.create(request, audio_seconds=audio_seconds),
            new_take=new_take,
            max_credits=max_credits,
            cost_note=note,
        )
