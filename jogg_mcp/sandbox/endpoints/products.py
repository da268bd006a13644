"""Products and their videos, on v1: POST/PUT /v1/product, GET /v1/products, POST /v1/create_video_from_url and
GET /v1/project."""

from __future__ import annotations

import uuid
from typing import Any

from jogg_mcp.sandbox import catalog, vocabulary
from jogg_mcp.sandbox.crawler import CrawlError, crawl
from jogg_mcp.sandbox.endpoints import checks
from jogg_mcp.sandbox.envelope import ApiFailure, Call, endpoint
from jogg_mcp.sandbox.state import RenderProject


def _media(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise checks.bad("media must be a list")
    items = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise checks.bad(f"media[{index}] must be an object")
        checks.only_fields(item, ("type", "name", "url", "description"), f"media[{index}].")
        kind = checks.one_of(
            checks.integer(checks.required(item, "type", f"media[{index}]."), f"media[{index}].type"),
            (1, 2),
            f"media[{index}].type",
        )
        url = checks.required(item, "url", f"media[{index}].")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise checks.bad(f"media[{index}].url must be an http(s) URL")
        items.append(
            {
                "type": kind,
                "name": str(item.get("name") or ""),
                "url": url,
                "description": str(item.get("description") or ""),
            }
        )
    return items


@endpoint("POST", "/v1/product")
async def create_product(call: Call) -> dict[str, Any]:
    body = call.body
    checks.only_fields(body, ("url", "name", "description", "target_audience", "media"))
    url = checks.text_field(body, "url")
    if not url and not checks.text_field(body, "name"):
        raise checks.bad("url or name is required")
    if url:
        # v1 semantics: with a url, the crawler decides; explicit fields fill only what it left empty.
        try:
            facts = await crawl(url, call.base)
        except CrawlError as exc:
            raise checks.bad(str(exc)) from None
    else:
        checks.required(body, "description")
        facts = {
            "name": body["name"],
            "description": body["description"],
            "media": _media(checks.required(body, "media")),
        }
    media = _media(body["media"]) if body.get("media") is not None and url else facts["media"]
    product_id = call.state.new_product_id()
    product = {
        "product_id": product_id,
        "url": url or "",
        "name": facts["name"] or checks.text_field(body, "name") or "",
        "description": facts["description"] or checks.text_field(body, "description") or "",
        "media": media,
        "target_audience": checks.text_field(body, "target_audience") or "",
    }
    call.state.products[product_id] = product
    return product


@endpoint("PUT", "/v1/product")
async def update_product(call: Call) -> None:
    body = call.body
    checks.only_fields(body, ("product_id", "name", "description", "target_audience", "media"))
    product = call.state.products.get(str(checks.required(body, "product_id")))
    if product is None:
        raise ApiFailure(10104, "Record not found: product_id")
    for field in ("name", "description", "target_audience"):
        value = checks.text_field(body, field)
        if value is not None:
            product[field] = value
    if body.get("media") is not None:
        product["media"] = _media(body["media"])  # media replaces the whole list
    return None  # documented: a bare envelope


@endpoint("GET", "/v1/products")
async def list_products(call: Call) -> list[dict[str, Any]]:
    return list(call.state.products.values())


# The v1 spec's create_video_from_url body: what it requires, and what it also accepts.
URL_VIDEO_REQUIRED = (
    "product_id",
    "aspect_ratio",
    "video_length",
    "language",
    "avatar_id",
    "avatar_type",
    "template_type",
    "script_style",
)
URL_VIDEO_OPTIONAL = ("voice_id", "music_id", "visual_style", "template_id", "override_script", "caption", "video_name")


@endpoint("POST", "/v1/create_video_from_url")
async def create_video_from_url(call: Call) -> dict[str, Any]:
    body = call.body
    checks.only_fields(body, URL_VIDEO_REQUIRED + URL_VIDEO_OPTIONAL)
    for field in URL_VIDEO_REQUIRED:
        checks.required(body, field)
    product = call.state.products.get(str(body["product_id"]))
    checks.one_of(checks.integer(body["aspect_ratio"], "aspect_ratio"), (0, 1, 2), "aspect_ratio")
    length = checks.one_of(str(body["video_length"]), ("15", "30", "60"), "video_length")
    checks.one_of(body["language"], vocabulary.LANGUAGES, "language")
    avatar_type = checks.one_of(checks.integer(body["avatar_type"], "avatar_type"), (0, 1), "avatar_type")
    template_type = checks.one_of(body["template_type"], ("public", "custom"), "template_type")
    checks.one_of(body["script_style"], vocabulary.SCRIPT_STYLES, "script_style")
    visual_style, template_id = body.get("visual_style"), body.get("template_id")
    if not visual_style and template_id is None:
        raise checks.bad("visual_style or template_id is required")
    if visual_style and visual_style not in catalog.VISUAL_STYLE_NAMES:
        raise checks.bad(f"visual_style {visual_style!r} does not exist")
    if template_id is not None and not visual_style:
        known = catalog.TEMPLATE_IDS if template_type == "public" else catalog.CUSTOM_TEMPLATE_IDS
        if checks.integer(template_id, "template_id") not in known:
            raise ApiFailure(10104, f"Record not found: template_id {template_id} ({template_type})")
    if body.get("music_id") is not None and checks.integer(body["music_id"], "music_id") not in catalog.MUSIC_IDS:
        raise ApiFailure(10104, f"Record not found: music_id {body['music_id']}")
    checks.boolean(body.get("caption"), "caption")
    if product is None:
        raise ApiFailure(10104, f"Record not found: product_id {body['product_id']}")
    checks.check_avatar(checks.integer(body["avatar_id"], "avatar_id"), avatar_type)
    if body.get("voice_id"):
        checks.check_voice(body["voice_id"])
    seconds = float(length)
    project = RenderProject(
        project_id=uuid.uuid4().hex,
        kind="url_video",
        title=checks.text_field(body, "video_name") or product["name"],
        duration=seconds,
        credits=vocabulary.render_credits(seconds),
        container="mp4",
    )
    checks.start_render(call, project, "/v1/create_video_from_url")
    return {"project_id": project.project_id}


_V1_CODES = {"waiting": 2, "processing": 3, "success": 4, "failed": 5, "deleted": 99}


@endpoint("GET", "/v1/project")
async def get_project(call: Call) -> dict[str, Any]:
    project_id = call.query.get("project_id")
    if not project_id:
        raise checks.bad("project_id is required")
    project = call.state.projects.get(project_id)
    if project is None or project.kind != "url_video":
        raise ApiFailure(10104, "Record not found: project_id")
    stage = call.state.stage(project)
    done = stage == "success"
    desc = f"failed: {project.error}" if stage == "failed" else stage
    data: dict[str, Any] = {
        "id": project.project_id,
        "title": project.title,
        "status_code": _V1_CODES[stage],
        "status_desc": desc,
        "created_at": project.created_at,
    }
    if done:  # a field with no value yet is left out, never sent empty
        data["video_url"] = f"{call.base}/media/{project.project_id}.mp4"
        data["cover_url"] = f"{call.base}/media/{project.project_id}.png"
        data["video_duration"] = round(project.duration)
    return data
