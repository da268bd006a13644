"""get_project: the status of any render, with a bounded wait that reports progress."""

from __future__ import annotations

import base64
import time
from typing import Annotated, Literal
from urllib.parse import urlsplit

import anyio
from mcp.server.mcpserver import Context
from mcp.types import CallToolResult, ContentBlock, ImageContent, ResourceLink
from pydantic import BaseModel, Field

from jogg_mcp.api.assets import read_head
from jogg_mcp.api.errors import JoggError
from jogg_mcp.api.models import Project
from jogg_mcp.api.vocabulary import ProjectKind, ProjectStatus
from jogg_mcp.ledger import Outcome, SpendRecord
from jogg_mcp.media.thumbnail import thumbnail_jpeg
from jogg_mcp.server.parameters import Page, PageSize, ProjectId
from jogg_mcp.server.replies import ToolResult, reply
from jogg_mcp.server.runtime import runtime_of, state_of
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import ledger_call, ledger_key, recorded, remember_status

MAX_WAIT_SECONDS = 50  # MCP clients give up near 60 s


class ProjectResult(ToolResult):
    project_id: str
    kind: ProjectKind
    status: ProjectStatus = Field(description="queued, rendering, succeeded, failed or deleted")
    raw_status: str = Field(description="JoggAI's own status value")
    done: bool = Field(description="True once succeeded, failed or deleted")
    video_url: str | None = None
    cover_url: str | None = None
    duration_seconds: float | None = None
    title: str | None = None
    created_at: int | None = Field(default=None, description="Unix time")
    error: str | None = None
    charged_credits: float | None = Field(default=None, description="What JoggAI reports it charged, where it does")
    subtitle_url: str | None = None
    image_urls: list[str] = Field(default_factory=list)
    avatar_id: int | None = None
    waited_seconds: float = 0.0
    found_by: str | None = Field(default=None, description="For an id this server did not start: how it was found")
    cost_note: str | None = None
    estimated_credits: float | None = Field(default=None, description="What it cost, for renders started here")


def _result(project: Project, waited: float) -> ProjectResult:
    preview = project.kind is ProjectKind.PREVIEW
    if project.status is ProjectStatus.SUCCEEDED and preview:
        step = (
            "Show the user this preview (video_url). If they like it, render it in full with "
            f"create_video(from_preview={project.project_id!r}) (1 credit); or preview other styles."
        )
    elif project.status is ProjectStatus.SUCCEEDED and project.kind is ProjectKind.AVATAR_PHOTOS:
        step = (
            "Show the user the photos (image_urls). Animate the one they pick with animate_avatar_photo("
            f"image_url=<it>, photo_id={project.project_id!r}) to make it an avatar that speaks."
        )
    elif project.status is ProjectStatus.SUCCEEDED and project.kind is ProjectKind.PHOTO_AVATAR:
        step = (
            f"The avatar is ready: create_avatar_video(avatar_id={project.avatar_id}, avatar_type='custom', ...) "
            "makes it speak. video_url is its motion preview."
        )
    elif project.status is ProjectStatus.SUCCEEDED:
        step = (
            "Share video_url with the user, or save_video to put the file in their folder (an IDE agent: the "
            "project folder)."
        )
    elif project.status is ProjectStatus.FAILED:
        step = "Tell the user it failed and why; fix the cause before creating a new video (that costs credits)."
    elif project.status is ProjectStatus.DELETED:
        step = "This video was deleted in JoggAI; it cannot be recovered."
    else:
        step = (
            f"Still {project.status.value}. Call get_project(project_id={project.project_id!r}, wait_seconds=45) "
            "again; renders usually take 2-10 minutes. Do not create the video again."
        )
    return ProjectResult(
        **project.model_dump(exclude={"status"}),
        status=project.status,
        done=project.status.is_final,
        waited_seconds=round(waited, 1),
        next_step=step,
        cost_note=PREVIEW_COST_NOTE if preview else None,
    )


PREVIEW_COST_NOTE = (
    "A preview: a cheap draft (0.5 credit per started 2 minutes, charged when it started). Rendering it in full "
    "is a new video: 1 credit per started 2 minutes."
)


def _text(result: ProjectResult) -> str:
    kind = "Preview" if result.kind is ProjectKind.PREVIEW else "Project"
    text = f"{kind} {result.project_id} is {result.status.value} (JoggAI: {result.raw_status})."
    if result.video_url:
        text += f" Video: {result.video_url}"
    if result.subtitle_url:
        text += f" Subtitles: {result.subtitle_url}"
    if result.image_urls:
        text += f" Photos: {', '.join(result.image_urls)}"
    if result.avatar_id is not None and result.status is ProjectStatus.SUCCEEDED:
        text += f" Avatar: {result.avatar_id} (avatar_type custom)"
    if result.error:
        text += f" Error: {result.error}"
    if result.found_by:
        text += f" ({result.found_by})"
    return text


async def get_project(
    ctx: Context,
    project_id: ProjectId,
    wait_seconds: Annotated[
        int, Field(ge=0, le=MAX_WAIT_SECONDS, description="Wait up to this long for it to finish")
    ] = 0,
) -> Annotated[CallToolResult, ProjectResult]:
    """Get a render's status: queued, rendering, succeeded (video_url, link, thumbnail), failed (error)
    or deleted. Free. Any kind of render. wait_seconds > 0 waits for it to finish, reporting progress;
    if not done then, call again.
    """
    poll_interval = runtime_of(ctx).poll_interval
    record = await recorded(ctx, project_id)
    known_kind = ProjectKind(record.kind) if record is not None else None
    started = time.monotonic()
    deadline = started + wait_seconds
    async with jogg_session(ctx) as jogg:
        project = await jogg.find_project(project_id, known_kind)
        polls = 1
        # JoggAI asks for no more than one poll every 5 s; stop before the client's ~60 s limit.
        while not project.status.is_final and deadline - time.monotonic() >= poll_interval:
            waited = time.monotonic() - started
            await ctx.report_progress(
                waited,
                wait_seconds,
                f"{project.status.value} ({project.raw_status}); checked {polls}x in {waited:.0f} s of "
                f"{wait_seconds} s",
            )
            await anyio.sleep(poll_interval)
            project = await jogg.find_project(project_id, project.kind)
            polls += 1
    waited = time.monotonic() - started
    if wait_seconds:  # a finished render fills the bar; an unfinished one shows the time spent
        done = wait_seconds if project.status.is_final else min(waited, wait_seconds)
        await ctx.report_progress(done, wait_seconds, f"{project.status.value} after {waited:.0f} s")
    if record is not None:
        await remember_status(ctx, record, project.status.value, project.charged_credits)
    result = _result(project, waited)
    if record is not None:
        result.estimated_credits = record.estimated_credits
    shown: list[ContentBlock] = []
    if project.status is ProjectStatus.SUCCEEDED and project.video_url:
        shown = [video_link(project)]
        thumbnail = await _thumbnail(ctx, project.cover_url)
        if thumbnail is not None:
            shown.append(thumbnail)
    if known_kind is None:  # a preview made elsewhere reads as a product video: /v1/project tells no kind
        what = project.kind.value.replace("_", " ").replace("url video", "product video")
        result.found_by = f"Not started by this server (or before it restarted): JoggAI knows it as a {what}."
    return reply(ctx, result, _text(result), shown)


COVER_MAX_BYTES = 2_000_000  # a cover larger than this is not fetched for a thumbnail
COVER_SECONDS = 3.0  # nor one that takes longer: the result goes without it


def video_link(project: Project) -> ResourceLink:
    """A link to the finished video itself, never its bytes (results stay small)."""
    container = "webm" if urlsplit(project.video_url or "").path.endswith(".webm") else "mp4"
    return ResourceLink(
        type="resource_link",
        uri=project.video_url or "",
        name=project.title or f"JoggAI video {project.project_id}",
        mime_type=f"video/{container}",
        description=f"The finished {project.kind.value.replace('_', ' ')} {project.project_id}",
    )


THUMBNAILS_KEPT = 64
THUMBNAILS_IN_A_LIST = 4  # list_projects shows the newest few finished renders' covers, not every one


async def _thumbnail(ctx: Context, cover_url: str | None) -> ImageContent | None:
    """The cover as a small JPEG, when it can be fetched quickly; else None (the link is enough). Kept per
    cover URL, so polling a finished render does not fetch its cover again."""
    if not cover_url:
        return None
    kept = state_of(ctx).thumbnails
    if cover_url in kept:
        kept.move_to_end(cover_url)
        return kept[cover_url]
    try:
        with anyio.fail_after(COVER_SECONDS):  # the fetch is bounded; making the JPEG is local and small
            head, _, whole = await read_head(
                state_of(ctx).http, cover_url, max_bytes=COVER_MAX_BYTES, stall_seconds=COVER_SECONDS
            )
    except (JoggError, TimeoutError):
        return None
    jpeg = await anyio.to_thread.run_sync(thumbnail_jpeg, head) if whole else None
    if jpeg is None:
        return None
    thumbnail = ImageContent(type="image", data=base64.b64encode(jpeg).decode(), mime_type="image/jpeg")
    kept[cover_url] = thumbnail
    while len(kept) > THUMBNAILS_KEPT:
        kept.popitem(last=False)
    return thumbnail


REFRESH_AT_MOST = 10  # unfinished renders checked with JoggAI per call (GETs are free, but keep calls short)
RECORDS_SCANNED = 500


class ProjectItem(BaseModel):
    project_id: str | None = Field(
        description="None for script drafts (nothing to render), or when JoggAI's answer was lost or it refused"
    )
    kind: str
    what: str
    created_at: int = Field(description="Unix time")
    status: str = Field(description="queued, rendering, succeeded, failed, deleted; or refused / unknown")
    estimated_credits: float | None = None
    charged_credits: float | None = None


class ProjectList(ToolResult):
    projects: list[ProjectItem]
    page: int
    more: bool


def _item(record: SpendRecord) -> ProjectItem:
    status = record.status or (record.outcome.value if record.outcome is not Outcome.ACCEPTED else "queued")
    return ProjectItem(
        project_id=record.project_id,
        kind=record.kind,
        what=record.summary,
        created_at=int(record.created_at),
        status="unknown" if record.outcome is Outcome.UNKNOWN else status,
        estimated_credits=record.estimated_credits,
        charged_credits=record.charged_credits,
    )


def _cost(item: ProjectItem) -> str:
    if item.charged_credits is not None:
        return f"{item.charged_credits:g} credits charged"
    return "cost unknown" if item.estimated_credits is None else f"{item.estimated_credits:g} credits"


async def list_projects(
    ctx: Context,
    status: Annotated[
        Literal["queued", "rendering", "succeeded", "failed", "deleted", "refused", "unknown"] | None,
        Field(default=None, description="unknown: its answer was lost"),
    ] = None,
    page: Page = 1,
    page_size: PageSize = 10,
) -> Annotated[CallToolResult, ProjectList]:
    """List what this server spent credits on for this API key, newest first: renders, previews,
    drafts, with status and cost. Free. Use it when an error says a request may have been charged, or to
    find an earlier video. Next: get_project.
    """
    owner = ledger_key(ctx)
    records = await ledger_call(ctx, "recent", owner, limit=RECORDS_SCANNED)
    unfinished = [r for r in records if r.project_id and r.status in (None, "queued", "rendering")]
    found: dict[str, Project] = {}
    if unfinished:
        found = await _look_up(ctx, unfinished[:REFRESH_AT_MOST])
        for record in unfinished[:REFRESH_AT_MOST]:
            if record.project_id in found:
                record.status = found[record.project_id].status.value
                await remember_status(ctx, record, record.status)
    items = [_item(r) for r in records]
    if status is not None:
        items = [item for item in items if item.status == status]
    shown = items[(page - 1) * page_size : page * page_size]
    # Succeeded renders on this page come with a link to their video (asked for afresh: links expire).
    finished = [r for r in records if r.status == "succeeded" and r.project_id and r.project_id not in found]
    on_page = {item.project_id for item in shown}
    found |= await _look_up(ctx, [r for r in finished if r.project_id in on_page][:REFRESH_AT_MOST])
    finished_here = [
        found[item.project_id]
        for item in shown
        if item.project_id in found
        and found[item.project_id].status is ProjectStatus.SUCCEEDED
        and found[item.project_id].video_url
    ]
    links: list[ContentBlock] = [video_link(project) for project in finished_here]
    for project in finished_here[:THUMBNAILS_IN_A_LIST]:  # each cover within its own time limit
        thumbnail = await _thumbnail(ctx, project.cover_url)
        if thumbnail is not None:
            links.append(thumbnail)
    more = len(items) > page * page_size
    step = f"More on page {page + 1}." if more else ""
    if shown:
        step = (step + " Call get_project(project_id) to follow one, or share a succeeded one's video.").strip()
    result = ProjectList(projects=shown, page=page, more=more, next_step=step)
    lines = "; ".join(f"{i.project_id or '(no id)'} {i.status}, {_cost(i)} ({i.what})" for i in shown[:8])
    text = f"{len(shown)} item(s) on page {page}" + (f": {lines}." if shown else ": nothing spent with this key.")
    return reply(ctx, result, text, links)


async def _look_up(ctx: Context, records: list[SpendRecord]) -> dict[str, Project]:
    """Each record's render as JoggAI reports it now; one that cannot be read is left out (get_project says
    more)."""
    found: dict[str, Project] = {}
    if not records:
        return found
    async with jogg_session(ctx) as jogg:
        for record in records:
            assert record.project_id is not None
            try:
                found[record.project_id] = await jogg.find_project(record.project_id, ProjectKind(record.kind))
            except JoggError:
                continue
    return found
