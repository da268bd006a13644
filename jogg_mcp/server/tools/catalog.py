"""The catalogue tool, so the model never guesses an id (avatars, voices, visual styles, templates, music),
and the credits left. Every list is paged, so one answer never floods the context."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic import BaseModel, Field

from jogg_mcp.api.models import Avatar, Template, Voice
from jogg_mcp.api.vocabulary import AspectRatio
from jogg_mcp.server.parameters import AspectRatioName, LanguageName, Page, PageSize
from jogg_mcp.server.replies import ToolResult, reply
from jogg_mcp.server.session import jogg_session

OptionalAspect = Annotated[AspectRatioName | None, Field(default=None)]


class AvatarItem(BaseModel):
    avatar_id: int
    avatar_type: Literal["public", "custom"]
    name: str
    aspect_ratio: str | None = None
    gender: str | None = None
    age: str | None = None
    style: str | None = None
    status: str | None = None  # custom avatars: usable only when completed
    cover_url: str | None = None


class VoiceItem(BaseModel):
    voice_id: str
    name: str
    language: str | None = None
    gender: str | None = None
    age: str | None = None
    accent: str | None = None
    use_case: str | None = None
    sample_url: str | None = None


class VisualStyleItem(BaseModel):
    visual_style: str


class TemplateItem(BaseModel):
    template_id: int
    template_type: Literal["public", "custom"]
    name: str
    aspect_ratio: str | None = None
    preview_url: str | None = None


class MusicItem(BaseModel):
    music_id: int
    name: str
    duration_seconds: float | None = None
    url: str | None = None


CatalogKind = Literal["avatars", "voices", "visual_styles", "templates", "music"]


class CatalogPage(ToolResult):
    kind: CatalogKind
    # One list for every kind: each item carries the id field its kind passes on (avatar_id, voice_id, ...).
    items: list[dict[str, Any]]
    page: int
    more: bool


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


def _template(t: Template, source: Literal["public", "custom"]) -> TemplateItem:
    return TemplateItem(
        template_id=t.id,
        template_type=source,
        name=t.name,
        aspect_ratio=t.aspect_ratio.value if t.aspect_ratio else None,
        preview_url=t.preview_url,
    )


def _aspect(value: str | None) -> AspectRatio | None:
    return AspectRatio(value) if value else None


# The filters each kind takes, with the values JoggAI accepts where it has a list; checked here, since one
# schema for five kinds cannot say which filter goes with which.
AGES: Mapping[str, tuple[str, ...]] = {
    "avatars": ("adult", "senior", "young_adult"),
    "voices": ("young", "middle_aged", "old"),
}
FILTERS: Mapping[str, frozenset[str]] = {
    "avatars": frozenset({"source", "aspect_ratio", "gender", "age", "style", "scene", "name"}),
    "voices": frozenset({"language", "gender", "age"}),
    "visual_styles": frozenset({"aspect_ratio"}),
    "templates": frozenset({"source", "aspect_ratio"}),
    "music": frozenset(),
}


def _check_filters(kind: str, given: Mapping[str, object]) -> None:
    wrong = [name for name, value in given.items() if value is not None and name not in FILTERS[kind]]
    if wrong:
        allowed = ", ".join(sorted(FILTERS[kind])) or "no filter (only page and page_size)"
        raise ToolError(f"kind={kind!r} does not take {', '.join(wrong)}: it takes {allowed}. Drop the rest.")
    age = given.get("age")
    if age is not None and age not in AGES[kind]:
        raise ToolError(f"age={age!r} is not an age of {kind}: use one of {', '.join(AGES[kind])}.")
    if kind == "avatars" and given.get("name") is not None and given.get("source") != "custom":
        raise ToolError("name searches the user's own avatars: add source='custom', or drop name.")


async def _items(
    ctx: Context, kind: str, filters: Mapping[str, Any], page: int, page_size: int
) -> tuple[list[BaseModel], bool]:
    """One page of one catalogue, and whether another page probably follows."""
    source: Literal["public", "custom"] = "custom" if filters.get("source") == "custom" else "public"
    aspect = _aspect(filters.get("aspect_ratio"))
    async with jogg_session(ctx) as jogg:
        if kind == "avatars":
            if source == "public":
                found = await jogg.catalog.public_avatars(
                    page=page,
                    page_size=page_size,
                    aspect_ratio=aspect,
                    gender=filters.get("gender"),
                    age=filters.get("age"),
                    style=filters.get("style"),
                    scene=filters.get("scene"),
                )
            else:
                found = await jogg.catalog.custom_avatars(page=page, page_size=page_size, name=filters.get("name"))
            return [_avatar(a, source) for a in found[:page_size]], len(found) >= page_size
        if kind == "voices":
            voices = await jogg.catalog.voices(
                page=page,
                page_size=page_size,
                language=filters.get("language"),
                gender=filters.get("gender"),
                age=filters.get("age"),
            )
            return [_voice(v) for v in voices.voices[:page_size]], voices.has_more
        if kind == "visual_styles":  # one short list, not paged by JoggAI
            styles = await jogg.catalog.visual_styles(aspect)
            return _page_of([VisualStyleItem(visual_style=s.name) for s in styles], page, page_size)
        if kind == "templates":  # one list, not paged by JoggAI: paged here
            templates = await jogg.catalog.templates(custom=source == "custom", aspect_ratio=aspect)
            return _page_of([_template(t, source) for t in templates], page, page_size)
        music = await jogg.catalog.music(page=page, page_size=page_size)
        total_pages = music.pagination.total_pages if music.pagination else None
        tracks: list[BaseModel] = [
            MusicItem(music_id=m.id, name=m.name, duration_seconds=m.duration, url=m.music_url)
            for m in music.music[:page_size]
        ]
        return tracks, total_pages is not None and page < total_pages


def _page_of(items: list[BaseModel], page: int, page_size: int) -> tuple[list[BaseModel], bool]:
    start = (page - 1) * page_size
    return items[start : start + page_size], len(items) > start + page_size


def _label(item: BaseModel) -> str:
    fields = item.model_dump()
    ident = next(value for name, value in fields.items() if name.endswith("_id") or name == "visual_style")
    name = fields.get("name")
    return f"{name} ({ident})" if name else str(ident)


async def list_catalog(
    ctx: Context,
    kind: Annotated[CatalogKind, Field()],
    source: Annotated[
        Literal["public", "custom"] | None,
        Field(default=None, description="public (default) or custom (the user's)"),
    ] = None,
    aspect_ratio: OptionalAspect = None,
    language: Annotated[LanguageName | None, Field(default=None)] = None,
    gender: Annotated[Literal["female", "male"] | None, Field(default=None)] = None,
    age: Annotated[
        str | None,
        Field(
            default=None,
            max_length=20,
            description="avatars: adult, senior, young_adult; voices: young, middle_aged, old",
        ),
    ] = None,
    style: Annotated[Literal["professional", "social"] | None, Field(default=None)] = None,
    scene: Annotated[
        Literal["lifestyle", "outdoors", "business", "studio", "health_fitness", "education", "news"] | None,
        Field(default=None),
    ] = None,
    name: Annotated[str | None, Field(default=None, max_length=100, description="Search custom avatars")] = None,
    page: Page = 1,
    page_size: PageSize = 10,
) -> Annotated[CallToolResult, CatalogPage]:
    """List ids to pick from; never guess one. Free. kind: avatars (filters: source, aspect_ratio,
    gender, age, style, scene, name), voices (language, gender, age), visual_styles (aspect_ratio),
    templates (source, aspect_ratio) or music. Use custom avatars only when status is completed.
    """
    filters = {
        "source": source,
        "aspect_ratio": aspect_ratio,
        "language": language,
        "gender": gender,
        "age": age,
        "style": style,
        "scene": scene,
        "name": name,
    }
    _check_filters(kind, filters)
    items, more = await _items(ctx, kind, filters, page, page_size)
    step = f"More on page {page + 1}: call list_catalog again with page={page + 1}." if more else ""
    result = CatalogPage(
        kind=kind, items=[item.model_dump(mode="json") for item in items], page=page, more=more, next_step=step
    )
    names = ", ".join(_label(item) for item in items[:8])
    return reply(ctx, result, f"{len(items)} {kind.replace('_', ' ')} on page {page}: {names or 'none'}.")


async def get_credits(ctx: Context) -> Annotated[CallToolResult, Credits]:
    """Get the account's remaining credits, and what videos cost. Free. Check before spending."""
    async with jogg_session(ctx) as jogg:
        remaining = await jogg.catalog.remaining_credits()
    pricing = "Videos cost 1 credit per started 2 minutes (a 15, 30 or 60 s product video costs 1)."
    result = Credits(remaining_credits=remaining, pricing=pricing)
    return reply(ctx, result, f"{remaining:g} credits left. {pricing}")
