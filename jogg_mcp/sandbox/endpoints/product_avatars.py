"""Product avatars, on v2, as JoggAI's v2 spec has them (hidden from its navigation): POST
/v2/product_avatar/generation, GET /v2/product_avatar/generation/{batch_id}, POST /v2/product_avatar/add_motion
and GET /v2/product_avatar?motion_id=. Their price is not published; the sandbox charges 0.05 per image (as for
photo avatar images) and 2 per motion (as for photo motion), so tests can see that something was charged."""

from __future__ import annotations

import itertools
import uuid
from typing import Any

from jogg_mcp.sandbox import catalog
from jogg_mcp.sandbox.endpoints import checks
from jogg_mcp.sandbox.envelope import ApiFailure, Call, endpoint
from jogg_mcp.sandbox.state import RenderProject

IMAGE_CREDITS = 0.05
MOTION_CREDITS = 2.0
_STATUS = {"waiting": "pending", "processing": "processing", "success": "completed", "failed": "failed"}
_avatar_ids = itertools.count(400001)


def _url(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        raise checks.bad(f"{field} must be an http(s) URL")
    return value


@endpoint("POST", "/v2/product_avatar/generation")
async def generation(call: Call) -> dict[str, Any]:
    body = call.body
    fields = ("product_image_url", "avatar_source", "prompt", "quality", "aspect_ratio", "num_images", "webhook_url")
    checks.only_fields(body, fields)
    _url(checks.required(body, "product_image_url"), "product_image_url")
    source = checks.required(body, "avatar_source")
    if not isinstance(source, dict):
        raise checks.bad("avatar_source must be an object")
    checks.only_fields(source, ("type", "value", "avatar_id", "avatar_type"), "avatar_source.")
    kind = checks.one_of(checks.required(source, "type", "avatar_source."), ("id", "image", "description"), "type")
    if kind == "id":
        checks.integer(checks.required(source, "avatar_id", "avatar_source."), "avatar_source.avatar_id")
        checks.one_of(source.get("avatar_type"), ("public", "photo", "custom"), "avatar_source.avatar_type")
    elif kind == "image":
        _url(checks.required(source, "value", "avatar_source."), "avatar_source.value")
    else:
        checks.text_field(source, "value") or checks.required(source, "value", "avatar_source.")
    checks.one_of(checks.required(body, "quality"), ("medium", "high", "low"), "quality")
    checks.one_of(checks.required(body, "aspect_ratio"), ("3:2", "2:3", "1:1"), "aspect_ratio")
    count = checks.one_of(checks.integer(checks.required(body, "num_images"), "num_images"), (1, 2, 3, 4), "num_images")
    batch = RenderProject(
        project_id=f"batch_{uuid.uuid4().hex[:16]}",
        kind="product_avatar_images",
        title="Product avatar images",
        duration=1.0,
        credits=round(IMAGE_CREDITS * count, 2),
        container="png",
        request=dict(body),
    )
    checks.start_render(call, batch, "/v2/product_avatar/generation")
    generations = [{"generation_id": f"{batch.project_id}-{i}", "status": "pending", "created_at": batch.created_at}
                   for i in range(count)]  # fmt: skip
    return {"batch_id": batch.project_id, "total_submitted": count, "generations": generations}


@endpoint("GET", "/v2/product_avatar/generation/{batch_id}")
async def batch_status(call: Call) -> dict[str, Any]:
    batch = call.state.projects.get(call.request.path_params["batch_id"])
    if batch is None or batch.kind != "product_avatar_images":
        raise ApiFailure(10104, "Record not found: batch_id")
    status = _STATUS[call.state.stage(batch)]
    count = int(batch.request["num_images"])
    generations = []
    for i in range(count):
        item: dict[str, Any] = {
            "generation_id": f"{batch.project_id}-{i}",
            "status": status,
            "created_at": batch.created_at,
        }
        if status == "completed":
            item |= {
                "completed_at": batch.created_at + 60,
                "image_id": f"img-{i}",
                "url": f"{call.base}/media/{batch.project_id}-{i}.png",
            }
        generations.append(item)
    summary = {state: count if status == state else 0 for state in ("pending", "processing", "completed", "failed")}
    return {"batch_id": batch.project_id, "summary": {"total": count, **summary}, "generations": generations}


@endpoint("POST", "/v2/product_avatar/add_motion")
async def add_motion(call: Call) -> dict[str, Any]:
    body = call.body
    checks.only_fields(body, ("generation_id", "model", "name", "voice_id", "description", "aspect_ratio"))
    generation_id = checks.required(body, "generation_id")
    batch = call.state.projects.get(str(generation_id).rsplit("-", 1)[0])
    if batch is None or batch.kind != "product_avatar_images" or call.state.stage(batch) != "success":
        raise ApiFailure(10104, f"Record not found: generation_id {generation_id}")
    name = checks.required(body, "name")
    checks.check_voice(checks.required(body, "voice_id"))
    checks.required(body, "description")
    if "model" in body:
        checks.one_of(checks.integer(body["model"], "model"), (0, 1, 2), "model")
    if "aspect_ratio" in body:
        checks.one_of(body["aspect_ratio"], catalog.ASPECTS, "aspect_ratio")
    project = RenderProject(
        project_id=f"motion_{uuid.uuid4().hex[:16]}",
        kind="product_avatar",
        title=str(name),
        duration=5.0,
        credits=MOTION_CREDITS,
        container="mp4",
        request={**body, "image_url": f"{call.base}/media/{generation_id}.png"},
        avatar_id=next(_avatar_ids),
    )
    checks.start_render(call, project, "/v2/product_avatar/add_motion")
    return {"avatar_id": project.avatar_id, "motion_id": project.project_id, "name": project.title}


@endpoint("GET", "/v2/product_avatar")
async def motion(call: Call) -> dict[str, Any]:
    motion_id = call.query.get("motion_id")
    if not motion_id:
        raise checks.bad("motion_id is required")
    project = call.state.projects.get(motion_id)
    if project is None or project.kind != "product_avatar":
        raise ApiFailure(10104, "Record not found: motion_id")
    stage = call.state.stage(project)
    return {
        "avatar_id": project.avatar_id,
        "image_url": project.request["image_url"],
        "motion_id": project.project_id,
        "motion_preview_url": f"{call.base}/media/{project.project_id}.mp4" if stage == "success" else None,
        "name": project.title,
        "status": _STATUS[stage],
        "voice_id": project.request["voice_id"],
        "error_msg": project.error if stage == "failed" else None,
    }
