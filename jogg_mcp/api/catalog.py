"""Catalogues (v2): the ids a caller needs, so nothing has to be guessed."""

from __future__ import annotations

from typing import Any

from jogg_mcp.api.models import Avatar, MusicPage, Quota, Template, VisualStyle, VoicePage
from jogg_mcp.api.transport import Endpoint, RetryPolicy, Transport
from jogg_mcp.api.vocabulary import AspectRatio

PUBLIC_AVATARS = Endpoint("GET", "/v2/avatars/public", RetryPolicy.SAFE)
CUSTOM_AVATARS = Endpoint("GET", "/v2/avatars/custom", RetryPolicy.SAFE)
VOICES = Endpoint("GET", "/v2/voices", RetryPolicy.SAFE)
VISUAL_STYLES = Endpoint("GET", "/v2/visual_styles", RetryPolicy.SAFE)
TEMPLATES = Endpoint("GET", "/v2/templates", RetryPolicy.SAFE)
CUSTOM_TEMPLATES = Endpoint("GET", "/v2/templates/custom", RetryPolicy.SAFE)
MUSIC = Endpoint("GET", "/v2/musics", RetryPolicy.SAFE)
REMAINING_CREDITS = Endpoint("GET", "/v2/user/remaining_quota", RetryPolicy.SAFE)


class CatalogAPI:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def _get(self, endpoint: Endpoint, **params: Any) -> Any:
        return await self._transport.call(endpoint, params=params)

    async def public_avatars(
        self,
        *,
        page: int = 1,
        page_size: int = 10,
        aspect_ratio: AspectRatio | None = None,
        style: str | None = None,
        gender: str | None = None,
        age: str | None = None,
        scene: str | None = None,
        ethnicity: str | None = None,
    ) -> list[Avatar]:
        data = await self._get(
            PUBLIC_AVATARS,
            page=page,
            page_size=page_size,
            aspect_ratio=aspect_ratio.value if aspect_ratio else None,
            style=style,
            gender=gender,
            age=age,
            scene=scene,
            ethnicity=ethnicity,
        )
        return [Avatar.model_validate(a) for a in (data or {}).get("avatars", [])]

    async def custom_avatars(
        self, *, page: int = 1, page_size: int = 10, name: str | None = None, status: str | None = None
    ) -> list[Avatar]:
        data = await self._get(CUSTOM_AVATARS, page=page, page_size=page_size, name=name, status=status)
        return [Avatar.model_validate(a) for a in (data or {}).get("avatars", [])]

    async def voices(
        self,
        *,
        page: int = 1,
        page_size: int = 10,
        gender: str | None = None,
        language: str | None = None,
        age: str | None = None,
        use_case: str | None = None,
    ) -> VoicePage:
        data = await self._get(
            VOICES, page=page, page_size=page_size, gender=gender, language=language, age=age, use_case=use_case
        )
        return VoicePage.model_validate(data or {"voices": []})

    async def visual_styles(self, aspect_ratio: AspectRatio | None = None) -> list[VisualStyle]:
        data = await self._get(VISUAL_STYLES, aspect_ratio=aspect_ratio.value if aspect_ratio else None)
        return [VisualStyle.model_validate(s) for s in (data or {}).get("visual_styles", [])]

    async def templates(self, *, custom: bool = False, aspect_ratio: AspectRatio | None = None) -> list[Template]:
        data = await self._get(
            CUSTOM_TEMPLATES if custom else TEMPLATES, aspect_ratio=aspect_ratio.value if aspect_ratio else None
        )
        return [Template.model_validate(t) for t in (data or {}).get("templates", [])]

    async def music(self, *, page: int = 1, page_size: int = 10) -> MusicPage:
        data = await self._get(MUSIC, page=page, page_size=page_size)
        return MusicPage.model_validate(data or {"music": []})

    async def remaining_credits(self) -> float:
        data = await self._get(REMAINING_CREDITS)
        return Quota.model_validate(data).remaining_quota
