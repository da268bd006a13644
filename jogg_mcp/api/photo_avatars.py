"""Photo avatars (v2): four generated photos of a presenter, one of them animated into an avatar that speaks;
then an avatar_id for create_avatar_video with avatar_type custom."""

from __future__ import annotations

from jogg_mcp.api.models import (
    AvatarPhotosRequest,
    CreatedVideo,
    PhotoMotionRequest,
    Project,
    V2AvatarPhotosWire,
    V2PhotoAvatarWire,
)
from jogg_mcp.api.pricing import AVATAR_PHOTOS_CREDITS, MOTION_CREDITS
from jogg_mcp.api.transport import Endpoint, RetryPolicy, Transport, pick_id
from jogg_mcp.api.vocabulary import ProjectKind

GENERATE_PHOTOS = Endpoint("POST", "/v2/photo_avatar/photo/generate", RetryPolicy.BILLABLE)
GET_PHOTOS = Endpoint("GET", "/v2/photo_avatar/photo", RetryPolicy.SAFE)
ADD_MOTION = Endpoint("POST", "/v2/photo_avatar/add_motion", RetryPolicy.BILLABLE)
GET_MOTION = Endpoint("GET", "/v2/photo_avatar", RetryPolicy.SAFE)


class PhotoAvatarsAPI:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def generate_photos(self, request: AvatarPhotosRequest) -> CreatedVideo:
        """POST /v2/photo_avatar/photo/generate: spends credits, so never retried once it may have arrived."""
        data = await self._transport.call(GENERATE_PHOTOS, json=request.wire())
        photo_id = data.get("photo_id") if isinstance(data, dict) else None
        return CreatedVideo(
            project_id=str(photo_id) if photo_id else pick_id(data),
            kind=ProjectKind.AVATAR_PHOTOS,
            estimated_credits=AVATAR_PHOTOS_CREDITS,
        )

    async def photos(self, photo_id: str) -> Project:
        data = await self._transport.call(GET_PHOTOS, params={"photo_id": photo_id})
        return V2AvatarPhotosWire.model_validate(data).normalise()

    async def add_motion(self, request: PhotoMotionRequest) -> CreatedVideo:
        """POST /v2/photo_avatar/add_motion: the motion's id to follow; its avatar_id comes with its status."""
        data = await self._transport.call(ADD_MOTION, json=request.wire())
        motion_id = data.get("motion_id") if isinstance(data, dict) else None
        return CreatedVideo(
            project_id=str(motion_id) if motion_id else pick_id(data),
            kind=ProjectKind.PHOTO_AVATAR,
            estimated_credits=MOTION_CREDITS[request.model],
        )

    async def motion(self, motion_id: str) -> Project:
        data = await self._transport.call(GET_MOTION, params={"motion_id": motion_id})
        return V2PhotoAvatarWire.model_validate(data).normalise()
