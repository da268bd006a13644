"""Catalogues (v2): the ids a caller needs, so nothing has to be guessed."""

from __future__ import annotations

from typing import Any

from jogg_mcp.api.models import AspectRatio, Avatar, MusicPage, Quota, Template, VisualStyle, VoicePage
from jogg_mcp.api.transport import RetryPolicy, Transport


class CatalogAPI:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    async def _get(self, path: str, **params: Any) -> Any:
        return await self._transport.call("GET", path, policy=RetryPolicy.SAFE, params=params)

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
            "/v2/avatars/public",
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
        data = await self._get("/v2/avatars/custom", page=page, page_size=page_size, name=name, status=status)
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
            "/v2/voices", page=page, page_size=page_size, gender=gender, language=language, age=age, use_case=use_case
        )
        return VoicePage.model_validate(data or {"voices": []})

    async def visual_styles(self, aspect_ratio: AspectRatio | None = None) -> list[VisualStyle]:
        data = await self._get("/v2/visual_styles", aspect_ratio=aspect_ratio.value if aspect_ratio else None)
        return [VisualStyle.model_validate(s) for s in (data or {}).get("visual_styles", [])]

    async def templates(self, *, custom: bool = False, aspect_ratio: AspectRatio | None = None) -> list[Template]:
        path = "/v2/templates/custom" if custom else "/v2/templates"
        data = await self._get(path, aspect_ratio=aspect_ratio.value if aspect_ratio else None)
        return [Template.model_validate(t) for t in (data or {}).get("templates", [])]

    async def music(self, *, page: int = 1, page_size: int = 10) -> MusicPage:
        data = await self._get("/v2/musics", page=page, page_size=page_size)
        return MusicPage.model_validate(data or {"music": []})

    async def remaining_credits(self) -> float:
        data = await self._get("/v2/user/remaining_quota")
        return Quota.model_validate(data).remaining_quota
