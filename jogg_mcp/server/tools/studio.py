"""The studio toolset: lip sync (a video made to speak an audio) and translation (a video dubbed into another
language). Media come as a public URL, an asset_url, a local file (checked and uploaded first) or, for
translation, the project_id of a finished render."""

from __future__ import annotations

import contextlib
import difflib
from typing import Annotated, Literal

from mcp.server.mcpserver import Context, Elicit, ElicitationResult, Resolve
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ListRootsResult
from pydantic import Field

from jogg_mcp.api import JoggClient
from jogg_mcp.api import studio as studio_api
from jogg_mcp.api.models import LipSyncRequest, TranslationRequest
from jogg_mcp.api.pricing import lip_sync_credits, translation_credits
from jogg_mcp.api.vocabulary import ProjectKind, ProjectStatus, language_from
from jogg_mcp.server.parameters import LOCAL_PATH, MaxCredits, NewTake
from jogg_mcp.server.replies import CreatedResult
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import Charge, SpendConsent, ask_consent, spend
from jogg_mcp.server.tools.assets import MediaInput, client_roots, media_input

# A lip sync's result stays valid: the same video and audio are never paid for twice while the ledger keeps it.
REUSE_LIP_SYNC_SECONDS = 365 * 24 * 3600
MAX_TRANSLATION_SECONDS = 180  # JoggAI translates videos of up to 3 minutes (docs/joggai-api.md, Uploads)

MediaSource = Annotated[str, Field(min_length=1, max_length=4096, description="A public URL or a local file")]


# --- lip sync ------------------------------------------------------------------------------------------

Playback = Literal["normal", "normal_reverse", "normal_reverse_by_audio"]


def _lip_sync_charge(video: MediaInput, audio: MediaInput, playback: str) -> Charge:
    intent = LipSyncRequest(video_url=video.intent, audio_url=audio.intent, playback_type=playback)  # type: ignore[arg-type]
    return Charge(
        kind=ProjectKind.LIP_SYNC,
        endpoint=studio_api.CREATE_LIP_SYNC,
        body=intent.wire(),
        what="lip sync",
        estimate=None if audio.seconds is None else lip_sync_credits(audio.seconds),
        reuse_seconds=REUSE_LIP_SYNC_SECONDS,
        redo_failed=True,
    )


async def _ask_lip_sync_consent(
    ctx: Context,
    video: str,
    audio: str,
    playback: str,
    new_take: bool,
    roots: Annotated[ListRootsResult | None, Resolve(client_roots)],
) -> SpendConsent | Elicit[SpendConsent]:
    """The same charge the tool will make (so a repeat is not asked about); inputs it cannot read: ask anyway."""
    try:
        async with jogg_session(ctx) as jogg:
            video_in = await media_input(ctx, jogg, video, roots, ("video",), "video")
            audio_in = await media_input(ctx, jogg, audio, roots, ("audio", "video"), "audio")
        charge = _lip_sync_charge(video_in, audio_in, playback)
    except ToolError:  # the tool will refuse it; should it not, the user was asked, cost unknown
        charge = Charge.not_yet_known(ProjectKind.LIP_SYNC, studio_api.CREATE_LIP_SYNC, "lip sync")
    return await ask_consent(ctx, [charge], what="a lip-synced video", new_take=new_take)


async def create_lip_sync(
    ctx: Context,
    video: MediaSource,
    audio: Annotated[str, Field(min_length=1, max_length=4096, description="Speech: a public URL or a local file")],
    playback: Annotated[Playback, Field(description="When the video is shorter than the audio")] = "normal",
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    roots: Annotated[ListRootsResult | None, Resolve(client_roots)],
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_lip_sync_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Make a video's speaker say an audio (lip sync). COSTS CREDITS: 1 credit per 125 s of audio
    (0.01 per second). The same video and audio are made once: asked again, the earlier task (pending or
    done) is returned free; one that failed is made again. Local files are checked and uploaded first.
    Returns project_id at once. Next: get_project(wait_seconds=45).
    """
    async with jogg_session(ctx, billable=True) as jogg:
        video_in = await media_input(ctx, jogg, video, roots, ("video",), "video")
        audio_in = await media_input(ctx, jogg, audio, roots, ("audio", "video"), "audio")
        charge = _lip_sync_charge(video_in, audio_in, playback)
        request = LipSyncRequest(
            video_url=await video_in.uploaded(ctx, roots),
            audio_url=await audio_in.uploaded(ctx, roots),
            playback_type=playback,
        )
        note = (
            f"JoggAI charges 1 credit per 125 s of audio: this {audio_in.seconds:.0f} s costs {charge.estimate:g}."
            if charge.estimate is not None and audio_in.seconds is not None
            else "JoggAI charges 1 credit per 125 s of audio; this audio's length could not be read, so its cost "
            "is unknown (upload it with upload_asset to know)."
        )
        return await spend(
            ctx,
            jogg,
            charge,
            consent=consent,
            create=lambda: jogg.studio.lip_sync(request, estimate=charge.estimate),
            new_take=new_take,
            max_credits=max_credits,
            cost_note=note,
        )


# --- translation ---------------------------------------------------------------------------------------


async def _language(jogg: JoggClient, given: str) -> str:
    """A target language JoggAI lists (by name or ISO code), or a ToolError with the closest ones."""
    offered = await jogg.studio.translation_languages()
    wanted = given.strip().lower()
    if wanted not in offered:
        with contextlib.suppress(ValueError):  # not a language JoggAI's other endpoints name either
            wanted = str(language_from(given))
    if wanted in offered:
        return wanted
    close = difflib.get_close_matches(wanted, offered, n=3)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    raise ToolError(f"language: JoggAI does not translate into {given!r}; {hint}it offers {', '.join(offered)}.")


async def _video(ctx: Context, jogg: JoggClient, video: str, roots: ListRootsResult | None) -> MediaInput:
    """A URL, a local file, or the project_id of a finished render (its video)."""
    if LOCAL_PATH.match(video) or video.startswith(("http://", "https://")):
        source = await media_input(ctx, jogg, video, roots, ("video",), "video")
    else:
        project = await jogg.find_project(video)
        if project.status is not ProjectStatus.SUCCEEDED or not project.video_url:
            raise ToolError(
                f"Project {video} is {project.status.value}, with no video to translate yet: follow it with "
                "get_project until it succeeds, then call again. Nothing was sent."
            )
        identity = f"jogg:{project.kind.value}/{project.project_id}"
        source = MediaInput(url=project.video_url, file=None, seconds=project.duration_seconds, identity=identity)
    if source.seconds is not None and source.seconds > MAX_TRANSLATION_SECONDS:
        raise ToolError(
            f"video is {source.seconds:.0f} s long; JoggAI translates videos of up to 3 minutes. Nothing was sent."
        )
    return source


def _translation_charge(video: MediaInput, request: TranslationRequest) -> Charge:
    intent = request.model_copy(update={"video_url": video.intent})
    return Charge(
        kind=ProjectKind.TRANSLATION,
        endpoint=studio_api.TRANSLATE,
        body=intent.wire(),
        what=f"translation into {request.output_language}",
        estimate=None if video.seconds is None else translation_credits(video.seconds),
    )


async def _ask_translation_consent(
    ctx: Context, video: str, language: str, voice_id: str | None, subtitles: bool, audio_only: bool,
    title: str | None, new_take: bool, roots: Annotated[ListRootsResult | None, Resolve(client_roots)],
) -> SpendConsent | Elicit[SpendConsent]:  # fmt: skip
    try:
        async with jogg_session(ctx) as jogg:
            source = await _video(ctx, jogg, video, roots)
            request = _translation(source, await _language(jogg, language), voice_id, subtitles, audio_only, title)
        charge = _translation_charge(source, request)
    except ToolError:  # the tool will refuse it; should it not, the user was asked, cost unknown
        charge = Charge.not_yet_known(ProjectKind.TRANSLATION, studio_api.TRANSLATE, "video translation")
    return await ask_consent(ctx, [charge], what=f"a {charge.what}", new_take=new_take)


def _translation(
    source: MediaInput, language: str, voice_id: str | None, subtitles: bool, audio_only: bool, title: str | None
) -> TranslationRequest:
    return TranslationRequest(
        video_url=source.intent,
        output_language=language,
        output_voice=voice_id,
        add_subtitles=subtitles,
        translate_audio_only=audio_only,
        title=title,
    )


async def translate_video(
    ctx: Context,
    video: Annotated[
        str, Field(min_length=1, max_length=4096, description="A public URL, a local file or a finished project_id")
    ],
    language: Annotated[str, Field(max_length=40, description="Target, e.g. spanish or es")],
    voice_id: Annotated[str | None, Field(default=None, description="From list_catalog(kind=voices)")] = None,
    subtitles: bool = True,
    audio_only: Annotated[bool, Field(description="true: dub without lip sync")] = False,
    title: Annotated[str | None, Field(default=None, max_length=200)] = None,
    new_take: NewTake = False,
    max_credits: MaxCredits = None,
    *,
    roots: Annotated[ListRootsResult | None, Resolve(client_roots)],
    consent: Annotated[ElicitationResult[SpendConsent], Resolve(_ask_translation_consent)],
) -> Annotated[CallToolResult, CreatedResult]:
    """Translate a video (up to 3 minutes) into another language, dubbed and lip-synced, with subtitles.
    COSTS CREDITS: 0.5 credit per started 20 s of video (a 30 s video costs 1). An unknown language is
    refused with the ones JoggAI offers. Returns project_id at once. Next: get_project(wait_seconds=45).
    """
    async with jogg_session(ctx, billable=True) as jogg:
        source = await _video(ctx, jogg, video, roots)
        intent = _translation(source, await _language(jogg, language), voice_id, subtitles, audio_only, title)
        charge = _translation_charge(source, intent)
        request = intent.model_copy(update={"video_url": await source.uploaded(ctx, roots)})
        note = (
            f"JoggAI charges 0.5 credit per started 20 s of video: this {source.seconds:.0f} s one costs "
            f"{charge.estimate:g}."
            if charge.estimate is not None and source.seconds is not None
            else "JoggAI charges 0.5 credit per started 20 s of video; this video's length could not be read, so "
            "its cost is unknown (at most 4.5 credits for 3 minutes)."
        )
        return await spend(
            ctx,
            jogg,
            charge,
            consent=consent,
            create=lambda: jogg.studio.translate(request, estimate=charge.estimate),
            new_take=new_take,
            max_credits=max_credits,
            cost_note=note,
        )
