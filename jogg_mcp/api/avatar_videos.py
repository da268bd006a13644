"""Talking-avatar videos (v2): create from a script or uploaded audio, then poll by video id."""

from __future__ import annotations

from jogg_mcp.api.models import AvatarVideoRequest, CreatedVideo, Project, V2AvatarVideoWire
from jogg_mcp.api.pricing import avatar_video_credits
from jogg_mcp.api.transport import Endpoint, RetryPolicy, Transport, pick_id
from jogg_mcp.api.vocabulary import ProjectKind

CREATE_AVATAR_VIDEO = Endpoint("POST", "/v2/create_video_from_avatar", RetryPolicy.BILLABLE)
GET_AVATAR_VIDEO = Endpoint("GET", "/v2/avatar_video/{video_id}", RetryPolicy.SAFE)


class AvatarVideosAPI:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def create(self, request: AvatarVideoRequest, *, audio_seconds: float | None = None) -> CreatedVideo:
        """POST /v2/create_video_from_avatar: spends credits, so never retried once it may have arrived.

        `audio_seconds` is the measured length of the audio, when known; without it an audio-driven video's
        cost is reported as unknown rather than guessed.
        """
        data = await self._transport.call(CREATE_AVATAR_VIDEO, json=request.wire())
        return CreatedVideo(
            project_id=pick_id(data),
            kind=ProjectKind.AVATAR_VIDEO,
            estimated_credits=avatar_video_credits(request.script, audio_seconds),
        )

    async def get(self, video_id: str) -> Project:
        """GET /v2/avatar_video/{id}, normalised."""
        data = await self._transport.call(GET_AVATAR_VIDEO, segments={"video_id": video_id})
        return V2AvatarVideoWire.model_validate(data).normalise()
