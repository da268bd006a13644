"""Drafting before rendering: draft_script (JoggAI's AI scripts, 0.2 credit) and preview_video (cheap previews
in up to four visual styles, 0.5 credit each), whose settings create_video(from_preview=...) renders in full."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context, Elicit, ElicitationResult, Resolve
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult
from pydantic import BaseModel, Field, ValidationError

from jogg_mcp.api import JoggClient
from jogg_mcp.api import errors as api_errors
from jogg_mcp.api import products as products_api
from jogg_mcp.api.models import AiScriptsRequest, GeneratedScript, UrlVideoRequest
from jogg_mcp.api.pricing import AI_SCRIPTS_CREDITS, estimated_script_seconds, preview_credits, product_video_credits
from jogg_mcp.api.vocabulary import Language, ProjectKind, ProjectStatus, ScriptStyle
from jogg_mcp.ledger import Outcome
from jogg_mcp.server.parameters import (
    AspectRatioName,
    AvatarId,
    AvatarSource,
    Caption,
    LanguageName,
    MaxCredits,
    NewTake,
    ProductId,
    ScriptStyleName,
    VoiceId,
)
from jogg_mcp.server.replies import ToolResult, reply
from jogg_mcp.server.session import api_key_of, jogg_session
from jogg_mcp.server.spending import (
    Charge,
    SpendConsent,
    ask_consent,
    authorize,
    claim,
    credits_text,
    earlier_render,
    ledger_key,
    lost_answer,
    send,
    settled,
    started_render,
)
from jogg_mcp.server.tool_errors import explain
from jogg_mcp.server.tools.products import given_settings
from jogg_mcp.server.voices import language_mismatch

VideoLength = Annotated[Literal[15, 30, 60], Field(description="Seconds")]

# --- draft_script --------------------------------------------------------------------------------------


class DraftedScript(BaseModel):
    script_style: str = Field(description="The style JoggAI wrote it in")
    text: str = Field(description="Pass as create_video's or preview_video's override_script, as is")
    estimated_seconds: float = Field(description="How long a voice takes to read it")
    credits_when_used: float = Field(description="What create_video costs with this script")


class ScriptsResult(ToolResult):
    product_id: str
    scripts: list[DraftedScript]
    charged: bool = Field(description="False when an identical earlier draft was returned instead of paying again")
    cost_note: str


def _scripts_request(
    product_id: str, language: Language, video_length: Literal[15, 30, 60], target_audience: str | None
) -> AiScriptsRequest:
    return AiScriptsRequest(
        product_id=product_id, language=language, video_length=video_length, target_audience=target_audience
    )


def _scripts_charge(request: AiScriptsRequest) -> Charge:
    return Charge(
        kind=ProjectKind.AI_SCRIPTS,
        endpoint=products_api.DRAFT_SCRIPTS,
        body=request.wire(),
        what=f"{request.video_length} s script drafts in {request.language} for product {request.product_id}",
        estimate=AI_SCRIPTS_CREDITS,
    )


async def _ask_scripts_consent(
    ctx: Context,
    product_id: str,
    language: Language,
    video_length: Literal[15, 30, 60],
    target_audience: str | None,
    new_take: bool,
) -> SpendConsent | Elicit[SpendConsent]:
    try:
        request = _scripts_request(product_id, language, video_length, target_audience)
    except ValidationError:
        return SpendConsent(confirm=True)  # refused in the tool, before anything is sent: nothing to ask
    charge = _scripts_charge(request)
    return await ask_consent(ctx, [charge], what=charge.what, new_take=new_take)


def _drafted(scripts: list[GeneratedScript], video_length: int, first_style: str | None) -> list[DraftedScript]:
    drafted = [
        DraftedScript(
            script_style=script.script_style,
            text=script.script_paragraphs,
            estimated_seconds=round(estimated_script_seconds(script.script_paragraphs), 1),
            credits_when_used=product_video_credits(video_length, script.script_paragraphs),
        )
        for script in scripts
        if script.script_paragraphs.strip()
    ]
    if first_style:  # JoggAI chooses its styles itself; the one asked for, when among them, comes first
        drafted.sort(key=lambda script: script.script_style.strip(" .").lower() != first_style.strip(" .").lower())
    return drafted


async def draft_script(
    ctx: Context,
    product_id: ProductId,
    language: LanguageName,
    video_length: VideoLength,
    target_audience: Annotated[
        str | None, Field(default=None, max_length=500, description="Default: the product's")
    ] = None,
    script_style: Annotated[
        str | None,
        Field(default=None, max_length=60, description="List this style first, e.g. Storytime"),
    ] = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_scripts_consent)],
) -> Annotated[CallToolResult, ScriptsResult]:
    """Draft video scripts for a product: JoggAI writes several, in styles it picks, each with its
    spoken length. COSTS CREDITS: 0.2 credit; the same call within 30 minutes returns them free.
    Edit one with the user, then pass it as override_script to preview_video or create_video.
    """
    async with jogg_session(ctx, billable=True) as jogg:
        request = _scripts_request(product_id, language, video_length, target_audience)
        charge = _scripts_charge(request)
        await authorize(ctx, consent, [charge], max_credits)
        record, is_new = await claim(ctx, charge, new_take=new_take)
        if is_new:
            scripts = await send(
                ctx,
                jogg,
                record,
                lambda: jogg.products.draft_scripts(request),
                lambda answer: {"status": "succeeded", "result": {"scripts": [s.model_dump() for s in answer]}},
            )
            note = f"JoggAI charges {AI_SCRIPTS_CREDITS:g} credit per script draft call: this one cost that."
        else:
            record = await settled(ctx, record)
            if record.outcome is not Outcome.ACCEPTED or record.result is None:
                raise await lost_answer(jogg, record)
            scripts = [GeneratedScript.model_validate(item) for item in record.result.get("scripts", [])]
            note = "The same drafts as an identical call made earlier, so nothing was charged now (new_take=true "
            note += f"drafts again for {AI_SCRIPTS_CREDITS:g} credit)."
    drafted = _drafted(scripts, video_length, script_style)
    if not drafted:
        raise ToolError(
            f"JoggAI answered with no script for product {product_id} (the call cost {AI_SCRIPTS_CREDITS:g} credit). "
            "Check the product's description with get_product; a fuller description gives JoggAI more to write from."
        )
    result = ScriptsResult(
        product_id=product_id,
        scripts=drafted,
        charged=is_new,
        cost_note=note,
        next_step="Show the drafts; after the user picks and edits one, pass its text as override_script to "
        "preview_video (0.5 credit a style) or create_video (1 credit).",
    )
    lines = "\n".join(
        f"[{s.script_style}] about {s.estimated_seconds:.0f} s, {credits_text(s.credits_when_used)} when rendered:\n"
        f"{s.text}"
        for s in drafted
    )
    return reply(ctx, result, f"{len(drafted)} script draft(s) for product {product_id}. {note}\n{lines}")


# --- preview_video -------------------------------------------------------------------------------------


class PreviewItem(BaseModel):
    visual_style: str
    project_id: str | None = Field(description="Pass to get_project, then create_video(from_preview=...)")
    status: str = Field(
        description="queued, rendering, ...; 'not started' (see error), or 'unknown': its answer was lost"
    )
    charged: bool = Field(description="False: not started, or an identical earlier preview returned")
    error: str | None = None


class PreviewsResult(ToolResult):
    product_id: str
    previews: list[PreviewItem]
    started: int = Field(description="How many previews exist now (new or earlier identical ones)")
    credits_charged: float = Field(description="What this call spent: previews started now")
    cost_note: str


def _preview_requests(arguments: Mapping[str, Any]) -> list[UrlVideoRequest]:
    styles: list[str] = list(arguments["visual_styles"])
    repeated = sorted({style for style in styles if styles.count(style) > 1})
    if repeated:
        raise ToolError(f"visual_styles lists {', '.join(map(repr, repeated))} more than once: give each style once.")
    settings = {"template_type": "public", "caption": True, **given_settings(arguments)}
    return [UrlVideoRequest(**{**settings, "visual_style": style}) for style in styles]


def _preview_charge(request: UrlVideoRequest) -> Charge:
    return Charge(
        kind=ProjectKind.PREVIEW,
        endpoint=products_api.CREATE_PREVIEW,
        body=request.preview_wire(),
        what=f"{request.video_length} s {request.aspect_ratio.value} preview of product {request.product_id} in "
        f"visual style {request.visual_style}",
        estimate=preview_credits(request.video_length, request.override_script),
    )


def _previews_what(charges: list[Charge], styles: list[str]) -> str:
    return f"{len(charges)} preview(s) ({', '.join(styles)}) of product {charges[0].body['product_id']}"


async def _ask_previews_consent(
    ctx: Context,
    product_id: str,
    visual_styles: list[str],
    aspect_ratio: str,
    video_length: int,
    language: Language,
    avatar_id: int,
    avatar_type: str,
    voice_id: str,
    script_style: ScriptStyle,
    caption: bool,
    override_script: str | None,
    new_take: bool,
) -> SpendConsent | Elicit[SpendConsent]:
    try:
        charges = [_preview_charge(request) for request in _preview_requests(locals())]
    except (ToolError, ValidationError):
        return SpendConsent(confirm=True)  # refused in the tool, before anything is sent: nothing to ask
    async with jogg_session(ctx) as jogg:
        if await language_mismatch(ctx, jogg, ledger_key(ctx), voice_id, language) is not None:
            return SpendConsent(confirm=True)
    return await ask_consent(ctx, charges, what=_previews_what(charges, visual_styles), new_take=new_take)


async def preview_video(
    ctx: Context,
    product_id: ProductId,
    visual_styles: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=200)]],
        Field(min_length=1, max_length=4, description="From list_catalog(kind=visual_styles)"),
    ],
    aspect_ratio: AspectRatioName,
    video_length: VideoLength,
    language: LanguageName,
    avatar_id: AvatarId,
    avatar_type: AvatarSource,
    voice_id: VoiceId,
    script_style: ScriptStyleName,
    caption: Caption = True,
    override_script: Annotated[
        str | None, Field(default=None, max_length=5000, description="Your script, e.g. from draft_script")
    ] = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_previews_consent)],
) -> Annotated[CallToolResult, PreviewsResult]:
    """Make cheap previews of a product video, one per visual style, to compare before rendering.
    COSTS CREDITS: 0.5 credit per preview (a render is 1). Same settings as create_video. Follow each
    project_id with get_project; render the chosen one with create_video(from_preview=<project_id>).
    """
    async with jogg_session(ctx, billable=True) as jogg:
        requests = _preview_requests(locals())
        mismatch = await language_mismatch(ctx, jogg, ledger_key(ctx), voice_id, requests[0].language)
        if mismatch is not None:
            raise ToolError(mismatch)
        charges = [_preview_charge(request) for request in requests]
        await authorize(ctx, consent, charges, max_credits)
        previews = []
        for index, (request, charge) in enumerate(zip(requests, charges, strict=True)):
            await ctx.report_progress(index, len(charges), f"starting the {request.visual_style} preview")
            previews.append(await _start_preview(ctx, jogg, request, charge, new_take))
        await ctx.report_progress(len(charges), len(charges), "previews started")
    started = [item for item in previews if item.project_id]
    if not started:  # nothing to follow: an error, each style's reason in it
        raise ToolError("\n".join(f"The {item.visual_style} preview: {item.error}" for item in previews))
    spent = sum(charge.estimate or 0.0 for charge, item in zip(charges, previews, strict=True) if item.charged)
    each = credits_text(charges[0].estimate)
    note = f"JoggAI charges 0.5 credit per started 2 minutes of preview: {each} each; this call spent {spent:g}."
    result = PreviewsResult(
        product_id=product_id,
        previews=previews,
        started=len(started),
        credits_charged=spent,
        cost_note=note,
        next_step="Follow each with get_project(project_id, wait_seconds=45) and show the user the videos; render "
        "the chosen one with create_video(from_preview=<its project_id>) (1 credit), or try other styles.",
    )
    lines = "; ".join(
        f"{item.visual_style}: {item.project_id} ({item.status})"
        if item.project_id
        else f"{item.visual_style}: {item.status} ({item.error})"
        for item in previews
    )
    return reply(ctx, result, f"{len(started)} of {len(previews)} preview(s) started. {lines}. {note}")


async def _start_preview(
    ctx: Context, jogg: JoggClient, request: UrlVideoRequest, charge: Charge, new_take: bool
) -> PreviewItem:
    """One style's preview: started, or the identical earlier one, or why it did not start (the others go on)."""
    style = request.visual_style or ""
    try:
        record, is_new = await claim(ctx, charge, new_take=new_take)
        if not is_new:
            created, now = await earlier_render(ctx, jogg, record)
            return PreviewItem(visual_style=style, project_id=created.project_id, status=now.value, charged=False)
        created = await send(ctx, jogg, record, lambda: jogg.products.create_preview(request), started_render)
    except ToolError as error:
        return PreviewItem(visual_style=style, project_id=None, status="not started", charged=False, error=str(error))
    except api_errors.JoggError as error:
        text = api_errors.redact(explain(error, billable=True), api_key_of(ctx))
        outcome = "not started" if error.refused_before_processing else "unknown"  # unknown: it may have started
        return PreviewItem(visual_style=style, project_id=None, status=outcome, charged=False, error=text)
    return PreviewItem(
        visual_style=style, project_id=created.project_id, status=ProjectStatus.QUEUED.value, charged=True
    )
