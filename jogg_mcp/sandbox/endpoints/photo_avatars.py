"""Photo avatars, on v2, as JoggAI's v2 spec has them: POST /v2/photo_avatar/photo/generate (four photos; values
capitalised), GET /v2/photo_avatar/photo?photo_id= (in_progress, success, error), POST
/v2/photo_avatar/add_motion and GET /v2/photo_avatar?motion_id=. An animated photo's avatar_id then works as a
custom avatar (avatar_type 1) once its motion completed."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from jogg_mcp.sandbox import catalog, vocabulary
from jogg_mcp.sandbox.endpoints import checks
from jogg_mcp.sandbox.envelope import ApiFailure, Call, endpoint
from jogg_mcp.sandbox.state import RenderProject

_AGES = ("Teenager", "Young adult", "Adult", "Elderly")
_ETHNICITIES = (
    "European",
    "African",
    "South Asian",
    "East Asian",
    "Middle Eastern",
    "South American",
    "North American",
)
_PHOTO_STATUS = {"waiting": "in_progress", "processing": "in_progress", "success": "success", "failed": "error"}
_MOTION_STATUS = {"waiting": "pending", "processing": "processing", "success": "completed", "failed": "failed"}
_avatar_ids = itertools.count(300001)


def _task(call: Call, field: str, kind: str) -> tuple[RenderProject, str]:
    task_id = call.query.get(field)
    if not task_id:
        raise checks.bad(f"{field} is required")
    project = call.state.projects.get(task_id)
    if project is None or project.kind != kind:
        raise ApiFailure(10104, f"Record not found: {field}")
    return project, call.state.stage(project)


@endpoint("POST", "/v2/photo_avatar/photo/generate")
async def generate_photos(call: Call) -> dict[str, Any]:
    body = call.body
    optional = ("ethnicity", "background", "appearance", "image_url")
    checks.only_fields(body, ("age", "avatar_style", "gender", "model", "aspect_ratio", *optional))
    checks.one_of(checks.required(body, "age"), _AGES, "age")
    checks.one_of(checks.required(body, "avatar_style"), ("Professional", "Social"), "avatar_style")
    checks.one_of(checks.required(body, "gender"), ("Female", "Male"), "gender")
    checks.one_of(checks.required(body, "model"), ("classic", "modern"), "model")
    checks.one_of(checks.required(body, "aspect_ratio"), catalog.ASPECTS, "aspect_ratio")
    if "ethnicity" in body:
        checks.one_of(body["ethnicity"], _ETHNICITIES, "ethnicity")
    for text in ("background", "appearance", "image_url"):
        checks.text_field(body, text)
    project = RenderProject(
        project_id=f"photo_{uuid.uuid4().hex[:16]}",
        kind="avatar_photos",
        title="Avatar photos",
        duration=1.0,
        credits=vocabulary.PHOTO_CREDITS,
        container="png",
        request=dict(body),
    )
    checks.start_render(call, project, "/v2/photo_avatar/photo/generate")
    return {"photo_id": project.project_id}


@endpoint("GET", "/v2/photo_avatar/photo")
async def photos(call: Call) -> dict[str, Any]:
    project, stage = _task(call, "photo_id", "avatar_photos")
    answer: dict[str, Any] = {"photo_id": project.project_id, "status": _PHOTO_STATUS[stage], "msg": None}
    if stage == "success":
        keys = [f"joggUserData/aigc/photo/{project.project_id}/{i}.png" for i in range(4)]
        answer["image_url_list"] = [f"{call.base}/media/{project.project_id}-{i}.png" for i in range(4)]
        answer["image_key_list"] = keys
    if stage == "failed":
        answer["msg"] = project.error or "photo generation failed"
    return answer


@endpoint("POST", "/v2/photo_avatar/add_motion")
async def add_motion(call: Call) -> dict[str, Any]:
    body = call.body
    checks.only_fields(body, ("image_url", "photo_id", "name", "voice_id", "model", "description", "welcome_msg"))
    image_url = checks.required(body, "image_url")
    if not isinstance(image_url, str) or not image_url.startswith(("http://", "https://")):
        raise checks.bad("image_url must be an http(s) URL")
    name = checks.required(body, "name")
    checks.check_voice(checks.required(body, "voice_id"))
    model = checks.one_of(checks.required(body, "model"), tuple(vocabulary.MOTION_CREDITS), "model")
    for text in ("photo_id", "description", "welcome_msg"):
        checks.text_field(body, text)
    project = RenderProject(
        project_id=f"motion_{uuid.uuid4().hex[:16]}",
        kind="photo_avatar",
        title=str(name),
        duration=5.0,
        credits=vocabulary.MOTION_CREDITS[model],
        container="mp4",
        request=dict(body),
        avatar_id=next(_avatar_ids),
    )
    checks.start_render(call, project, "/v2/photo_avatar/add_motion")
    return {"avatar_id": project.avatar_id, "motion_id": project.project_id, "status": "pending"}


@endpoint("GET", "/v2/photo_avatar")
async def motion(call: Call) -> dict[str, Any]:
    project, stage = _task(call, "motion_id", "photo_avatar")
    answer: dict[str, Any] = {
        "motion_id": project.project_id,
        "avatar_id": project.avatar_id,
        "image_url": project.request["image_url"],
        "name": project.title,
        "status": _MOTION_STATUS[stage],
        "voice_id": project.request["voice_id"],
        "error_msg": project.error if stage == "failed" else None,
    }
    if stage == "success":
        answer["motion_preview_url"] = f"{call.base}/media/{project.project_id}.mp4"
    return answer
