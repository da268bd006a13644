"""Template videos, on v2: GET /v2/template/custom/{id} (a custom template's variables), POST
/v2/create_video_with_template and GET /v2/template_video/{video_id}, whose result is nested in `data.data`
with `url` (not `video_url`), as JoggAI's v2 spec has it."""

from __future__ import annotations

import uuid
from typing import Any

from jogg_mcp.sandbox import catalog, vocabulary
from jogg_mcp.sandbox.endpoints import checks
from jogg_mcp.sandbox.envelope import ApiFailure, Call, endpoint
from jogg_mcp.sandbox.state import RenderProject

_BODY = (
    "template_id",
    "video_name",
    "avatar_id",
    "avatar_type",
    "voice_language",
    "voice_id",
    "captions_enabled",
    "background_music_id",
    "variables",
    "disable_random_trans",
    "disable_random_moving",
    "disable_trans",
    "disable_moving",
)
_TYPES = ("text", "image", "video", "script")


@endpoint("GET", "/v2/template/custom/{id}")
async def custom_template(call: Call) -> dict[str, Any]:
    template_id = checks.query_integer(call.request.path_params["id"], "id")
    found = [t for t in catalog.templates(call.base, None, custom=True) if t["id"] == template_id]
    if not found:
        raise ApiFailure(10104, f"Record not found: custom template {template_id}")
    template = found[0]
    variables = catalog.CUSTOM_TEMPLATE_VARIABLES[template_id]
    return {
        "template_id": template_id,
        "name": template["name"],
        "cover_url": template["cover_url"],
        "preview_url": template["preview_url"],
        "aspect_ratio": template["aspect_ratio"],
        "variables": [{"type": kind, "name": name} for kind, name in variables],
    }


def _variables(call: Call, template_id: int, given: Any) -> list[str]:
    """Check each variable as the spec types it; return the texts a voice will read (for the length)."""
    if not isinstance(given, list) or not given:
        raise checks.bad("variables must be a non-empty array")
    spoken: list[str] = []
    names: list[str] = []
    for index, variable in enumerate(given):
        where = f"variables[{index}]."
        if not isinstance(variable, dict):
            raise checks.bad(f"variables[{index}] must be an object")
        checks.only_fields(variable, ("type", "name", "properties"), where)
        kind = checks.one_of(checks.required(variable, "type", where), _TYPES, f"{where}type")
        name = checks.required(variable, "name", where)
        properties = checks.required(variable, "properties", where)
        if not isinstance(name, str) or not isinstance(properties, dict):
            raise checks.bad(f"{where}name must be a string and {where}properties an object")
        checks.only_fields(properties, ("content", "url", "asset_id", "webhook_url"), f"{where}properties.")
        if kind in ("text", "script"):
            content = checks.required(properties, "content", f"{where}properties.")
            if not isinstance(content, str):
                raise checks.bad(f"{where}properties.content must be a string")
            if kind == "script":
                spoken.append(content)
        else:
            url = properties.get("url") or properties.get("content")
            if url is None and properties.get("asset_id") is None:
                raise checks.bad(f"{where}properties.url or asset_id is required for {kind}")
            if url is not None and (not isinstance(url, str) or not url.startswith(("http://", "https://"))):
                raise checks.bad(f"{where}properties.url must be an http(s) URL")
        names.append(name)
    declared = catalog.CUSTOM_TEMPLATE_VARIABLES.get(template_id)
    if declared is not None:  # a custom template: its variables are known, and each must be given
        missing = sorted({name for _, name in declared} - set(names))
        unknown = sorted(set(names) - {name for _, name in declared})
        if missing or unknown:
            raise checks.bad(f"variables must match template {template_id}: missing {missing}, unknown {unknown}")
        for kind, name in declared:
            sent = next(v for v in given if v["name"] == name)
            if sent["type"] != kind:
                raise checks.bad(f"variable {name} is of type {kind}, not {sent['type']}")
    return spoken


@endpoint("POST", "/v2/create_video_with_template")
async def create_video_with_template(call: Call) -> dict[str, Any]:
    body = call.body
    checks.only_fields(body, _BODY)
    template_id = checks.integer(checks.required(body, "template_id"), "template_id")
    if template_id not in catalog.TEMPLATE_IDS | catalog.CUSTOM_TEMPLATE_IDS:
        raise ApiFailure(10104, f"Record not found: template_id {template_id}")
    checks.one_of(checks.required(body, "voice_language"), vocabulary.LANGUAGES, "voice_language")
    if "avatar_id" in body or "avatar_type" in body:
        avatar_type = checks.one_of(checks.integer(body.get("avatar_type", 0), "avatar_type"), (0, 1), "avatar_type")
        checks.check_avatar(checks.integer(checks.required(body, "avatar_id"), "avatar_id"), avatar_type)
    if "voice_id" in body:
        checks.check_voice(body["voice_id"])
    for flag in ("captions_enabled", "disable_random_trans", "disable_random_moving", "disable_trans"):
        checks.boolean(body.get(flag), flag)
    checks.boolean(body.get("disable_moving"), "disable_moving")
    if "background_music_id" in body:
        checks.integer(body["background_music_id"], "background_music_id")
    spoken = _variables(call, template_id, checks.required(body, "variables"))
    seconds = max(catalog.TEMPLATE_SECONDS, sum(vocabulary.spoken_seconds(text) for text in spoken))
    project = RenderProject(
        project_id=f"tv_{uuid.uuid4().hex[:24]}",
        kind="template_video",
        title=checks.text_field(body, "video_name") or f"Template {template_id} video",
        duration=round(seconds, 1),
        credits=vocabulary.render_credits(seconds),
        container="mp4",
        request=body,
    )
    checks.start_render(call, project, "/v2/create_video_with_template")
    return {"video_id": project.project_id}


_STATUS = {"waiting": "pending", "processing": "processing", "success": "completed", "failed": "failed"}


@endpoint("GET", "/v2/template_video/{video_id}")
async def template_video(call: Call) -> dict[str, Any]:
    project = call.state.projects.get(call.request.path_params["video_id"])
    if project is None or project.kind != "template_video" or call.state.stage(project) == "deleted":
        raise ApiFailure(10104, "Record not found: video_id")
    stage = call.state.stage(project)
    answer: dict[str, Any] = {
        "video_id": project.project_id,
        "status": _STATUS[stage],
        "created_at": project.created_at,
    }
    if stage == "success":  # a field with no value yet is left out, never sent empty
        answer["completed_at"] = project.created_at + round(project.duration)
        answer["data"] = {
            "video_name": project.title,
            "url": f"{call.base}/media/{project.project_id}.{project.container}",
            "cover_url": f"{call.base}/media/{project.project_id}.png",
            "duration_seconds": project.duration,
            "deducted_credit": project.credits,
        }
    return answer
