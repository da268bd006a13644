"""Parameter types and result shapes shared by several tools."""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.types import CallToolResult
from pydantic import Field

from jogg_mcp.api.models import CreatedVideo, Language, ProjectKind, ScriptStyle
from jogg_mcp.server.runtime import Runtime, ToolResult, reply

AspectRatioName = Annotated[
    Literal["portrait", "landscape", "square"], Field(description="portrait 9:16, landscape 16:9, square 1:1")
]
AvatarSource = Annotated[
    Literal["public", "custom"], Field(description="public: JoggAI library avatar; custom: the user's own avatar")
]
# Ids are checked by shape, so nothing odd can reach a URL path or query (JoggAI ids are short and plain).
ProjectId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9_-]{1,100}$",
        description="From create_video or create_avatar_video, or the JoggAI dashboard",
    ),
]
ProductId = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9+/=_-]{1,100}$", description="product_id from create_product_from_url")
]
VoiceId = Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]{1,100}$", description="voice_id from list_voices")]
LanguageName = Annotated[Language, Field(description="Language of the script and voice, e.g. english")]
ScriptStyleName = Annotated[ScriptStyle, Field(description="Tone of the AI-written script")]


class CreatedResult(ToolResult):
    project_id: str = Field(description="Pass to get_project")
    kind: ProjectKind
    status: Literal["queued"] = "queued"
    estimated_credits: float = Field(description="Credits this render costs (deducted when JoggAI accepts it)")
    cost_note: str


def created_reply(created: CreatedVideo, runtime: Runtime, what: str, cost_note: str | None = None) -> CallToolResult:
    note = cost_note or (
        f"JoggAI charges 1 credit per started 2 minutes of video: this one costs {created.estimated_credits:g}."
    )
    result = CreatedResult(
        project_id=created.project_id,
        kind=created.kind,
        estimated_credits=created.estimated_credits,
        cost_note=note,
        next_step=f"Call get_project(project_id={created.project_id!r}, wait_seconds=45) and repeat until it "
        "succeeds (renders usually take 2-10 minutes). Do not create it again.",
    )
    return reply(result, f"Started a {what}: project_id {created.project_id}, queued. {note}", runtime)
