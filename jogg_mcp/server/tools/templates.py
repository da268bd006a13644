"""The templates toolset: a custom template's variables (get_template), and a video made from a template with
the user's own text, script, images and clips (create_template_video), local files uploaded on the way."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated
from urllib.parse import urlsplit

from mcp.server.mcpserver import Context, Elicit, ElicitationResult, Resolve
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ListRootsResult
from pydantic import BaseModel, Field

from jogg_mcp.api import JoggClient
from jogg_mcp.api import templates as templates_api
from jogg_mcp.api.errors import NotFoundError
from jogg_mcp.api.models import TemplateDetails, TemplateValue, TemplateVariableType, TemplateVideoRequest
from jogg_mcp.api.pricing import template_video_credits
from jogg_mcp.api.vocabulary import AvatarType, ProjectKind
from jogg_mcp.media.formats import BY_EXTENSION
from jogg_mcp.server.parameters import LOCAL_PATH, AvatarSource, LanguageName, MaxCredits, NewTake, VideoName
from jogg_mcp.server.replies import CreatedResult, ToolResult, reply
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import Charge, SpendConsent, ask_consent, spend
from jogg_mcp.server.tools.assets import MediaInput, client_roots, media_input


def _named_video(value: str) -> bool:
    """Whether a path or URL names a video by its extension (the formats table's), query and fragment aside."""
    suffix = PurePosixPath(urlsplit(value).path).suffix.lower()
    found = BY_EXTENSION.get(suffix)
    return found is not None and found.kind == "video"


class Variable(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    value: str = Field(min_length=1, max_length=20000, description="Text, a public URL, or a local file")
    type: TemplateVariableType | None = Field(default=None, description="Needed only for a script")


class TemplateVariableInfo(BaseModel):
    name: str
    type: TemplateVariableType
    required: bool


class TemplateInfo(ToolResult):
    template_id: int
    name: str
    aspect_ratio: str | None
    preview_url: str | None
    variables: list[TemplateVariableInfo]


async def get_template(
    ctx: Context, template_id: Annotated[int, Field(ge=1, description="A custom template's id")]
) -> Annotated[CallToolResult, TemplateInfo]:
    """Show one of the user's own templates with its variables (name, type), to fill them in
    create_template_video. Free. Ids: list_catalog(kind=templates, source=custom); JoggAI publishes
    variables for custom templates only.
    """
    async with jogg_session(ctx) as jogg:
        details = await _details(jogg, template_id)
    if details is None:
        raise ToolError(
            f"{template_id} is not one of this account's custom templates, and JoggAI publishes variables for "
            "custom templates only. Find ids with list_catalog(kind=templates, source=custom)."
        )
    variables = [TemplateVariableInfo(name=v.name, type=v.type, required=v.required) for v in details.variables]
    result = TemplateInfo(
        template_id=details.template_id,
        name=details.name,
        aspect_ratio=details.aspect_ratio.value if details.aspect_ratio else None,
        preview_url=details.preview_url,
        variables=variables,
        next_step="Call create_template_video with a value for each variable (text, a URL or a local file).",
    )
    listed = ", ".join(f"{v.name} ({v.type})" for v in variables)
    return reply(ctx, result, f"Template {details.name} ({details.template_id}) takes: {listed}.")


async def _details(jogg: JoggClient, template_id: int) -> TemplateDetails | None:
    try:
        return await jogg.templates.custom_template(template_id)
    except NotFoundError:
        return None


def _typed(variables: list[Variable], details: TemplateDetails | None) -> list[tuple[Variable, TemplateVariableType]]:
    """Each value with its type: the template's own where JoggAI publishes it, else the one given, else what the
    value looks like (a file or media URL: image or video; anything else: text). Unknown names are refused."""
    declared = {v.name: v.type for v in details.variables} if details else {}
    if details is not None:
        unknown = [v.name for v in variables if v.name not in declared]
        missing = [v.name for v in details.variables if v.required and v.name not in {g.name for g in variables}]
        if unknown or missing:
            takes = ", ".join(f"{name} ({kind})" for name, kind in declared.items())
            raise ToolError(
                f"Template {details.template_id} takes {takes}"
                + (f"; it has no {', '.join(map(repr, unknown))}" if unknown else "")
                + (f"; missing {', '.join(map(repr, missing))}" if missing else "")
                + ". Nothing was sent."
            )
    typed = []
    for variable in variables:
        kind = declared.get(variable.name) or variable.type
        if kind is None:
            looks_like_media = LOCAL_PATH.match(variable.value) or variable.value.startswith(("http://", "https://"))
            kind = ("video" if _named_video(variable.value) else "image") if looks_like_media else "text"
        typed.append((variable, kind))
    return typed


class _Settings(BaseModel):
    """create_template_video's arguments besides the template and its variables."""

    language: str
    avatar_id: int | None
    avatar_type: str | None
    voice_id: str | None
    caption: bool | None
    music_id: int | None
    video_name: str | None


async def _intent(
    ctx: Context,
    jogg: JoggClient,
    template_id: int,
    variables: list[Variable],
    settings: _Settings,
    roots: ListRootsResult | None,
) -> tuple[TemplateVideoRequest, dict[str, MediaInput]]:
    """What the user asked for, as the ledger fingerprints it (a local file by its path, size and time, so
    asking twice is one video although each upload gets a new URL), and the local files still to upload.
    The consent question and the tool both work it out, so they price and fingerprint the same request."""
    typed = _typed(variables, await _details(jogg, template_id))
    files: dict[str, MediaInput] = {}
    for variable, kind in typed:
        if kind in ("image", "video") and LOCAL_PATH.match(variable.value):
            field = f"variable {variable.name!r}"
            files[variable.name] = await media_input(ctx, jogg, variable.value, roots, (kind,), field)
    intent = TemplateVideoRequest(
        template_id=template_id,
        language=settings.language,  # type: ignore[arg-type]  # checked by LanguageName
        variables=tuple(
            TemplateValue(
                type=kind,
                name=variable.name,
                value=files[variable.name].intent if variable.name in files else variable.value,
            )
            for variable, kind in typed
        ),
        avatar_id=settings.avatar_id,
        avatar_type=AvatarType[settings.avatar_type.upper()] if settings.avatar_type else None,
        voice_id=settings.voice_id,
        caption=settings.caption,
        music_id=settings.music_id,
        video_name=settings.video_name,
    )
    return intent, files


def _charge(intent: TemplateVideoRequest) -> Charge:
    return Charge(
        kind=ProjectKind.TEMPLATE_VIDEO,
        endpoint=templates_api.CREATE_TEMPLATE_VIDEO,
        body=intent.wire(),
        what=f"video from template {intent.template_id}",
        estimate=template_video_credits(intent.scripts),
    )


async def _ask_consent(
    ctx: Context,
    template_id: int,
    variables: list[Variable],
    language: str,
    avatar_id: int | None,
    avatar_type: str | None,
    voice_id: str | None,
    caption: bool | None,
    music_id: int | None,
    video_name: str | None,
    new_take: bool,
    roots: Annotated[ListRootsResult | None, Resolve(client_roots)],
) -> SpendConsent | Elicit[SpendConsent]:
    """Before the tool runs: ask the user to agree to the least this costs (spending.ask_consent says when)."""
    settings = _Settings(
        language=language, avatar_id=avatar_id, avatar_type=avatar_type, voice_id=voice_id, caption=caption,
        music_id=music_id, video_name=video_name,
    )  # fmt: skip
    try:
        async with jogg_session(ctx) as jogg:
            charge = _charge((await _intent(ctx, jogg, template_id, variables, settings, roots))[0])
    except ToolError:  # the tool will refuse it; should it not, the user was asked, cost unknown
        charge = Charge.not_yet_known(
            ProjectKind.TEMPLATE_VIDEO, templates_api.CREATE_TEMPLATE_VIDEO, f"video from template {template_id}"
        )
    return await ask_consent(ctx, [charge], what=f"a {charge.what}", new_take=new_take)


async def create_template_video(
    ctx: Context,
    template_id: Annotated[int, Field(ge=0, description="From list_catalog(kind=templates)")],
    variables: Annotated[list[Variable], Field(min_length=1, max_length=30)],
    language: LanguageName,
    avatar_id: Annotated[int | None, Field(default=None, ge=0, description="Replaces the template's")] = None,
    avatar_type: Annotated[AvatarSource | None, Field(default=None)] = None,
    voice_id: Annotated[str | None, Field(default=None, max_length=100, description="Replaces the template's")] = None,
    caption: bool | None = None,
    music_id: Annotated[int | None, Field(default=None, ge=0)] = None,
    video_name: VideoName = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    roots: Annotated[ListRootsResult | None, Resolve(client_roots)],
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Start rendering a video from a template with the user's own variables. COSTS CREDITS: 1 credit per
    started 2 minutes; a template video usually costs 1. Each variable: text, a public URL, or a local
    image or video file (checked and uploaded first). Custom templates list their variables in get_template.
    Returns project_id at once. Next: get_project(wait_seconds=45).
    """
    settings = _Settings(
        language=language, avatar_id=avatar_id, avatar_type=avatar_type, voice_id=voice_id, caption=caption,
        music_id=music_id, video_name=video_name,
    )  # fmt: skip
    async with jogg_session(ctx, billable=True) as jogg:
        intent, files = await _intent(ctx, jogg, template_id, variables, settings, roots)
        charge = _charge(intent)
        # Uploads are free and made before anything is spent: a file JoggAI would refuse stops the call here.
        uploaded = {name: await local.uploaded(ctx, roots) for name, local in files.items()}
        values = tuple(v.model_copy(update={"value": uploaded.get(v.name, v.value)}) for v in intent.variables)
        request = intent.model_copy(update={"variables": values})
        estimate = charge.estimate or 1
        note = (
            f"JoggAI charges 1 credit per started 2 minutes of video. A template video runs as long as its template, "
            f"or as its script if that is longer: at least {estimate:g} credit{'s' if estimate != 1 else ''}; "
            "get_project shows what was charged."
        )
        return await spend(
            ctx,
            jogg,
            charge,
            consent=consent,
            create=lambda: jogg.templates.create_video(request),
            new_take=new_take,
            max_credits=max_credits,
            cost_note=note,
        )
