"""The shape of every tool's answer: structured content for programs, one short paragraph for people."""

from __future__ import annotations

from collections.abc import Sequence

from mcp.server.mcpserver import Context
from mcp.types import CallToolResult, ContentBlock, TextContent
from pydantic import BaseModel, Field

from jogg_mcp.api.models import CreatedVideo
from jogg_mcp.api.vocabulary import ProjectKind, ProjectStatus
from jogg_mcp.server.runtime import runtime_of


class ToolResult(BaseModel):
    """Fields every result carries."""

    sandbox: bool = Field(default=False, description="True when this came from the local JoggAI sandbox")
    next_step: str = Field(default="", description="What to do next")


def reply(ctx: Context, result: ToolResult, text: str, extra: Sequence[ContentBlock] = ()) -> CallToolResult:
    """`extra`: content blocks after the text, e.g. a resource_link to a saved file or a small thumbnail."""
    if runtime_of(ctx).sandbox:
        result = result.model_copy(update={"sandbox": True})
        text = f"[JoggAI sandbox: nothing real was created or charged] {text}"
    if result.next_step:
        text = f"{text}\nNext: {result.next_step}"
    return CallToolResult(
        content=[TextContent(type="text", text=text), *extra], structured_content=result.model_dump(mode="json")
    )


class CreatedResult(ToolResult):
    project_id: str = Field(description="Pass to get_project")
    kind: ProjectKind
    status: ProjectStatus = ProjectStatus.QUEUED
    estimated_credits: float | None = Field(
        description="Credits this render costs (deducted when JoggAI accepts it); null when it cannot be known"
    )
    charged: bool = Field(description="False when an identical earlier request was returned instead of a new one")
    cost_note: str


def created_reply(
    ctx: Context,
    created: CreatedVideo,
    what: str,
    cost_note: str | None = None,
    *,
    charged: bool = True,
    status: ProjectStatus = ProjectStatus.QUEUED,
) -> CallToolResult:
    note = cost_note or (
        f"JoggAI charges 1 credit per started 2 minutes of video: this one costs {created.estimated_credits:g}."
        if created.estimated_credits is not None
        else "JoggAI charges 1 credit per started 2 minutes of video; this one's length, hence its cost, is unknown."
    )
    result = CreatedResult(
        project_id=created.project_id,
        kind=created.kind,
        estimated_credits=created.estimated_credits,
        charged=charged,
        status=status,
        cost_note=note,
        next_step=f"Call get_project(project_id={created.project_id!r}, wait_seconds=45) and repeat until it "
        "succeeds (renders usually take 2-10 minutes). Do not create it again.",
    )
    started = "Started" if charged else "Already started earlier, not sent again:"
    return reply(ctx, result, f"{started} a {what}: project_id {created.project_id}, {status.value}. {note}")
