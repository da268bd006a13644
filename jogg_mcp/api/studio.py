"""Studio (v2): lip sync (a video made to speak an audio) and video translation (dubbed into another language)."""

from __future__ import annotations

from jogg_mcp.api.models import (
    CreatedVideo,
    LipSyncRequest,
    Project,
    TranslationRequest,
    V2LipSyncWire,
    V2TranslationWire,
)
from jogg_mcp.api.transport import Endpoint, RetryPolicy, Transport, pick_id
from jogg_mcp.api.vocabulary import ProjectKind

CREATE_LIP_SYNC = Endpoint("POST", "/v2/create_lip_sync_video", RetryPolicy.BILLABLE)
GET_LIP_SYNC = Endpoint("GET", "/v2/lip_sync_video/{task_id}", RetryPolicy.SAFE)
TRANSLATE = Endpoint("POST", "/v2/video_translate/", RetryPolicy.BILLABLE)  # the trailing slash is JoggAI's (C-34)
GET_TRANSLATION = Endpoint("GET", "/v2/video_translate/{video_translate_id}", RetryPolicy.SAFE)
TRANSLATION_LANGUAGES = Endpoint("GET", "/v2/video_translate/target_languages", RetryPolicy.SAFE)


class StudioAPI:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def lip_sync(self, request: LipSyncRequest, *, estimate: float | None) -> CreatedVideo:
        """POST /v2/create_lip_sync_video: spends credits, so never retried once it may have arrived."""
        data = await self._transport.call(CREATE_LIP_SYNC, json=request.wire())
        task_id = str(data["task_id"]) if isinstance(data, dict) and data.get("task_id") else pick_id(data)
        return CreatedVideo(project_id=task_id, kind=ProjectKind.LIP_SYNC, estimated_credits=estimate)

    async def get_lip_sync(self, task_id: str) -> Project:
        data = await self._transport.call(GET_LIP_SYNC, segments={"task_id": task_id})
        return V2LipSyncWire.model_validate(data).normalise()

    async def translate(self, request: TranslationRequest, *, estimate: float | None) -> CreatedVideo:
        """POST /v2/video_translate/: spends credits, so never retried once it may have arrived."""
        data = await self._transport.call(TRANSLATE, json=request.wire())
        translate_id = data.get("video_translate_id") if isinstance(data, dict) else None
        project_id = str(translate_id) if translate_id else pick_id(data)
        return CreatedVideo(project_id=project_id, kind=ProjectKind.TRANSLATION, estimated_credits=estimate)

    async def get_translation(self, translate_id: str) -> Project:
        data = await self._transport.call(GET_TRANSLATION, segments={"video_translate_id": translate_id})
        return V2TranslationWire.model_validate(data).normalise()

    async def translation_languages(self) -> list[str]:
        data = await self._transport.call(TRANSLATION_LANGUAGES) or {}
        return [str(language) for language in data.get("languages", [])]
