"""Catalogue tools, so the model never guesses an id: avatars, voices, visual styles, templates, music,
credits. Every list is paged or capped so one answer never floods the context."""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from pydantic import BaseModel, Field

from jogg_mcp.api.models import Avatar, Template, Voice
from jogg_mcp.api.vocabulary import AspectRatio
from jogg_mcp.server.parameters import AspectRatioName, AvatarSource, LanguageName
from jogg_mcp.server.replies import ToolResult, reply
from jogg_mcp.server.session import jogg_session

MAX_PAGE = 50
TEMPLATE_CAP = 50

Page = Annotated[int, Field(ge=1, le=10_000, description="Page number, from 1")]
PageSize = Annotated[int, Field(ge=1, le=MAX_PAGE, description=f"Items per page (1-{MAX_PAGE})")]
OptionalAspect = Annotated[AspectRatioName | None, Field(default=None)]


class AvatarItem(BaseModel):
    avatar_id: int
    avatar_type: Literal["public", "custom"]
    name: str
    aspect_ratio: str | None = None
    gender: str | None = None
    age: str | None = None
    style: str | None = None
    status: str | None = Field(default=None, description="custom avatars: usable only when completed")
    cover_url: str | None = None


class AvatarList(ToolResult):
    avatars: list[AvatarItem]
    page: int
    more: bool = Field(description="True when the next page probably has more")


class VoiceItem(BaseModel):
    voice_id: str
    name: str
    language: str | None = None
    gender: str | None = None
    age: str | None = None
    accent: str | None = None
    use_case: str | None = None
    sample_url: str | None = None


class VoiceList(ToolResult):
    voices: list[VoiceItem]
    page: int
    more: bool


class VisualStyleList(ToolResult):
    visual_styles: list[str] = Field(description="Pass one name as create_video's visual_style")


class TemplateItem(BaseModel):
    template_id: int
    name: str
    aspect_ratio: str | None = None
    preview_url: str | None = None


class TemplateList(ToolResult):
    templates: list[TemplateItem]
    template_type: Literal["public", "custom"]
    truncated: bool


class MusicItem(BaseModel):
    music_id: int
    name: str
    duration_seconds: float | None = None
    url: str | None = None


class MusicList(ToolResult):
    music: list[MusicItem]
    page: int
    total_pages: int | None = None


class Credits(ToolResult):
    remaining_credits: float
    pricing: str


def _avatar(a: Avatar, source: Literal["public", "custom"]) -> AvatarItem:
    return AvatarItem(
        avatar_id=a.id,
        avatar_type=source,
        name=a.name,
        aspect_ratio=a.aspect_ratio.value if a.aspect_ratio else None,
        gender=a.gender,
        age=a.age,
        style=a.style,
        status=a.avatar_status,
        cover_url=a.cover_url,
    )


def _voice(v: Voice) -> VoiceItem:
    return VoiceItem(
        voice_id=v.voice_id,
        name=v.name,
        language=v.language,
        gender=v.gender,
        age=v.age,
        accent=v.accent,
        use_case=v.use_case,
        sample_url=v.audio_url,
    )


def _template(t: Template) -> TemplateItem:
    return TemplateItem(
        template_id=t.id,
        name=t.name,
        aspect_ratio=t.aspect_ratio.value if t.aspect_ratio else None,
        preview_url=t.preview_url,
    )


def _aspect(value: str | None) -> AspectRatio | None:
    return AspectRatio(value) if value else None


def _more_hint(tool: str, page: int, more: bool) -> str:
    return f"More on page {page + 1}: call {tool} again with page={page + 1}." if more else ""


async def list_avatars(
    ctx: Context,
    source: AvatarSource = "public",
    aspect_ratio: OptionalAspect = None,
    gender: Annotated[Literal["female", "male"] | None, Field(default=None)] = None,
    age: Annotated[Literal["adult", "senior", "young_adult"] | None, Field(default=None)] = None,
    style: Annotated[Literal["professional", "social"] | None, Field(default=None)] = None,
    scene: Annotated[
        Literal["lifestyle", "outdoors", "business", "studio", "health_fitness", "education", "news"] | None,
        Field(default=None),
    ] = None,
    name: Annotated[str | None, Field(default=None, max_length=100, description="custom only: search")] = None,
    page: Page = 1,
    page_size: PageSize = 10,
) -> Annotated[CallToolResult, AvatarList]:
    """List avatars (presenters) to get an avatar_id and avatar_type for create_video or
    create_avatar_video. Free. source public = JoggAI's library (filters: aspect_ratio, gender, age, style,
    scene); custom = the user's own avatars (filter: name; use only status completed).
    """
    async with jogg_session(ctx) as jogg:
        if source == "public":
            found = await jogg.catalog.public_avatars(
                page=page,
                page_size=page_size,
                aspect_ratio=_aspect(aspect_ratio),
                gender=gender,
                age=age,
                style=style,
                scene=scene,
            )
        else:
            found = await jogg.catalog.custom_avatars(page=page, page_size=page_size, name=name)
    items = [_avatar(a, source) for a in found[:page_size]]
    more = len(found) >= page_size
    result = AvatarList(avatars=items, page=page, more=more, next_step=_more_hint("list_avatars", page, more))
    names = ", ".join(f"{a.name} ({a.avatar_id})" for a in items[:8])
    return reply(ctx, result, f"{len(items)} {source} avatar(s) on page {page}: {names}.")


async def list_voices(
    ctx: Context,
    language: Annotated[LanguageName | None, Field(default=None)] = None,
    gender: Annotated[Literal["female", "male"] | None, Field(default=None)] = None,
    age: Annotated[Literal["young", "middle_aged", "old"] | None, Field(default=None)] = None,
    page: Page = 1,
    page_size: PageSize = 10,
) -> Annotated[CallToolResult, VoiceList]:
    """List JoggAI voices to get a voice_id for create_video or create_avatar_video. Free. Filter by the
    script's language (english, spanish, ...), gender and age. sample_url plays a preview.
    """
    async with jogg_session(ctx) as jogg:
        found = await jogg.catalog.voices(page=page, page_size=page_size, language=language, gender=gender, age=age)
    items = [_voice(v) for v in found.voices[:page_size]]
    result = VoiceList(
        voices=items, page=page, more=found.has_more, next_step=_more_hint("list_voices", page, found.has_more)
    )
    names = ", ".join(f"{v.name} ({v.voice_id})" for v in items[:8])
    return reply(ctx, result, f"{len(items)} voice(s) on page {page}: {names}.")


async def list_visual_styles(
    ctx: Context, aspect_ratio: OptionalAspect = None
) -> Annotated[CallToolResult, VisualStyleList]:
    """List the visual styles (layouts) for create_video's visual_style, for one aspect ratio. Free."""
    async with jogg_session(ctx) as jogg:
        styles = await jogg.catalog.visual_styles(_aspect(aspect_ratio))
    result = VisualStyleList(visual_styles=[s.name for s in styles])
    return reply(ctx, result, f"{len(styles)} visual style(s): {', '.join(result.visual_styles)}.")


async def list_templates(
    ctx: Context,
    source: Annotated[
        Literal["public", "custom"], Field(description="public: JoggAI library; custom: the user's own")
    ] = "public",
    aspect_ratio: OptionalAspect = None,
) -> Annotated[CallToolResult, TemplateList]:
    """List video templates for create_video's template_id (pass source as template_type). Free.
    Use a template instead of a visual style for a ready-made look.
    """
    async with jogg_session(ctx) as jogg:
        found = await jogg.catalog.templates(custom=source == "custom", aspect_ratio=_aspect(aspect_ratio))
    truncated = len(found) > TEMPLATE_CAP
    items = [_template(t) for t in found[:TEMPLATE_CAP]]
    step = "Narrow the list with aspect_ratio to see the rest." if truncated else ""
    result = TemplateList(templates=items, template_type=source, truncated=truncated, next_step=step)
    names = ", ".join(f"{t.name} ({t.template_id})" for t in items[:8])
    return reply(ctx, result, f"{len(items)} {source} template(s): {names}.")


async def list_music(ctx: Context, page: Page = 1, page_size: PageSize = 10) -> Annotated[CallToolResult, MusicList]:
    """List background music tracks to get a music_id for create_video. Free."""
    async with jogg_session(ctx) as jogg:
        found = await jogg.catalog.music(page=page, page_size=page_size)
    total_pages = found.pagination.total_pages if found.pagination else None
    items = [
        MusicItem(music_id=m.id, name=m.name, duration_seconds=m.duration, url=m.music_url)
        for m in found.music[:page_size]
    ]
    more = total_pages is not None and page < total_pages
    result = MusicList(music=items, page=page, total_pages=total_pages, next_step=_more_hint("list_music", page, more))
    names = ", ".join(f"{m.name} ({m.music_id})" for m in items[:8])
    return reply(ctx, result, f"{len(items)} track(s) on page {page} of {total_pages or '?'}: {names}.")


async def get_credits(ctx: Context) -> Annotated[CallToolResult, Credits]:
    """Get the JoggAI account's remaining credits, and what videos cost. Free. Check before creating videos."""
    async with jogg_session(ctx) as jogg:
        remaining = await jogg.catalog.remaining_credits()
    pricing = "Videos cost 1 credit per started 2 minutes (a 15, 30 or 60 s product video costs 1)."
    result = Credits(remaining_credits=remaining, pricing=pricing)
    return reply(ctx, result, f"{remaining:g} credits left. {pricing}")
