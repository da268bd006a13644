"""Product avatars (v2, hidden from JoggAI's navigation but in its spec): images of a presenter holding the
product, one of them animated into an avatar that speaks; then an avatar_id with avatar_type custom."""

from __future__ import annotations

from jogg_mcp.api.models import (
    CreatedVideo,
    ProductAvatarImagesRequest,
    ProductAvatarMotionRequest,
    Project,
    V2PhotoAvatarWire,
    V2ProductAvatarBatchWire,
)
from jogg_mcp.api.transport import Endpoint, RetryPolicy, Transport, pick_id
from jogg_mcp.api.vocabulary import ProjectKind

GENERATE_IMAGES = Endpoint("POST", "/v2/product_avatar/generation", RetryPolicy.BILLABLE)
GET_IMAGES = Endpoint("GET", "/v2/product_avatar/generation/{batch_id}", RetryPolicy.SAFE)
ADD_MOTION = Endpoint("POST", "/v2/product_avatar/add_motion", RetryPolicy.BILLABLE)
GET_MOTION = Endpoint("GET", "/v2/product_avatar", RetryPolicy.SAFE)


class ProductAvatarsAPI:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def generate_images(self, request: ProductAvatarImagesRequest) -> CreatedVideo:
        """POST /v2/product_avatar/generation: spends credits (at a price JoggAI does not publish)."""
        data = await self._transport.call(GENERATE_IMAGES, json=request.wire())
        batch_id = data.get("batch_id") if isinstance(data, dict) else None
        return CreatedVideo(
            project_id=str(batch_id) if batch_id else pick_id(data),
            kind=ProjectKind.PRODUCT_AVATAR_IMAGES,
            estimated_credits=None,
        )

    async def batch(self, batch_id: str) -> V2ProductAvatarBatchWire:
        data = await self._transport.call(GET_IMAGES, segments={"batch_id": batch_id})
        return V2ProductAvatarBatchWire.model_validate(data)

    async def images(self, batch_id: str) -> Project:
        return (await self.batch(batch_id)).normalise()

    async def add_motion(self, request: ProductAvatarMotionRequest) -> CreatedVideo:
        data = await self._transport.call(ADD_MOTION, json=request.wire())
        motion_id = data.get("motion_id") if isinstance(data, dict) else None
        return CreatedVideo(
            project_id=str(motion_id) if motion_id else pick_id(data),
            kind=ProjectKind.PRODUCT_AVATAR,
            estimated_credits=None,
        )

    async def motion(self, motion_id: str) -> Project:
        data = await self._transport.call(GET_MOTION, params={"motion_id": motion_id})
        return V2PhotoAvatarWire.model_validate(data).normalise(ProjectKind.PRODUCT_AVATAR)
