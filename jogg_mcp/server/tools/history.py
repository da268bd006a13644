"""list_video_history (toolset history): JoggAI's own lists of an account's past renders, paged."""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult
from pydantic import BaseModel, Field

from jogg_mcp.api.history import HistoryKind
from jogg_mcp.api.vocabulary import ProjectStatus
from jogg_mcp.server.parameters import Page, PageSize
from jogg_mcp.server.replies import ToolResult, reply
from jogg_mcp.server.session import jogg_session


class PastRender(BaseModel):
    project_id: str = Field(description="Pass to get_project or save_video")
    title: str | None = None
    status: ProjectStatus = Field(description="rendering, succeeded or failed")
    raw_status: str
    video_url: str | None = None
    duration_seconds: float | None = None
    created_at: int | None = Field(default=None, description="Unix time")
    error: str | None = None


class HistoryResult(ToolResult):
    kind: str
    renders: list[PastRender]
    page: int
    total: int
    more: bool


_WHAT = {"product_videos": "product video", "template_videos": "template video", "previews": "preview"}


async def list_video_history(
    ctx: Context,
    kind: Annotated[HistoryKind, Field(description="product_videos, template_videos or previews")] = "product_videos",
    status: Annotated[
        Literal["rendering", "succeeded", "failed"] | None,
        Field(default=None, description="Only renders in this state"),
    ] = None,
    page: Page = 1,
    page_size: PageSize = 10,
) -> Annotated[CallToolResult, HistoryResult]:
    """List this account's past renders as JoggAI records them, newest first, whatever made them (this
    server, the JoggAI dashboard, another integration). Free.

    Use it to find a video made elsewhere; list_projects shows what this server spent. Next: get_project
    or save_video with a project_id.
    """
    async with jogg_session(ctx) as jogg:
        found = await jogg.history.page(
            kind, page=page, page_size=page_size, status=ProjectStatus(status) if status else None
        )
    renders = [
        PastRender(
            project_id=item.id,
            title=item.title,
            status=item.normalised_status,
            raw_status=item.status,
            video_url=item.video_url,
            duration_seconds=item.duration_seconds,
            created_at=item.created_at,
            error=item.error.message if item.error is not None else None,
        )
        for item in found.items
    ]
    more = found.page * found.page_size < found.total
    step = f"More on page {page + 1}. " if more else ""
    if renders:
        step += "get_project(project_id) follows one; save_video(project_id) saves a finished one."
    result = HistoryResult(kind=kind, renders=renders, page=found.page, total=found.total, more=more, next_step=step)
    lines = "; ".join(f"{r.project_id} {r.status.value} ({r.title or 'untitled'})" for r in renders[:8])
    what = _WHAT[kind]
    text = f"{len(renders)} of {found.total} {what}(s) on page {found.page}" + (f": {lines}." if renders else ".")
    return reply(ctx, result, text)
