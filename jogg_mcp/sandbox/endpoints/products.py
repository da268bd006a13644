"""Products and their videos, on v1: POST/PUT /v1/product, GET /v1/products, POST /v1/ai_scripts, POST /v1/preview,
POST /v1/create_video_from_url and GET /v1/project."""

from __future__ import annotations

import uuid
from typing import Any

from jogg_mcp.sandbox import catalog, scripts, vocabulary
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


def _checked_render(call: Call, optional: tuple[str, ...]) -> tuple[dict[str, Any], float]:
    """The checks create_video_from_url and preview share: the product, and how long its video will be."""
    body = call.body
    checks.only_fields(body, URL_VIDEO_REQUIRED + optional)
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
    script = checks.text_field(body, "override_script")
    # The video lasts its chosen length, or as long as a longer script takes to say.
    seconds = max(float(length), vocabulary.spoken_seconds(script) if script else 0.0)
    return product, seconds


@endpoint("POST", "/v1/create_video_from_url")
async def create_video_from_url(call: Call) -> dict[str, Any]:
    product, seconds = _checked_render(call, URL_VIDEO_OPTIONAL)
    project = RenderProject(
        project_id=uuid.uuid4().hex,
        kind="url_video",
        title=checks.text_field(call.body, "video_name") or product["name"],
        duration=seconds,
        credits=vocabulary.render_credits(seconds),
        container="mp4",
        request=dict(call.body),
    )
    checks.start_render(call, project, "/v1/create_video_from_url")
    return {"project_id": project.project_id}


# The v1 preview body is create_video_from_url's without music_id and video_name.
PREVIEW_OPTIONAL = tuple(field for field in URL_VIDEO_OPTIONAL if field not in ("music_id", "video_name"))


@endpoint("POST", "/v1/preview")
async def create_preview(call: Call) -> dict[str, Any]:
    product, seconds = _checked_render(call, PREVIEW_OPTIONAL)
    style = call.body.get("visual_style") or f"template {call.body.get('template_id')}"
    project = RenderProject(
        project_id=uuid.uuid4().hex,
        kind="preview",
        title=f"{product['name']} (preview, {style})",
        duration=seconds,
        credits=vocabulary.preview_credits(seconds),
        container="mp4",
        request=dict(call.body),
    )
    checks.start_render(call, project, "/v1/preview")
    return {"project_id": project.project_id}


@endpoint("POST", "/v1/ai_scripts")
async def ai_scripts(call: Call) -> dict[str, Any]:
    body = call.body
    checks.only_fields(body, ("product_id", "name", "description", "target_audience", "video_length", "language"))
    language = checks.one_of(checks.required(body, "language"), vocabulary.LANGUAGES, "language")
    length = checks.one_of(body.get("video_length", "30"), ("15", "30", "60"), "video_length")
    product_id = checks.text_field(body, "product_id")
    if product_id:
        product = call.state.products.get(product_id)
        if product is None:
            raise ApiFailure(10104, f"Record not found: product_id {product_id}")
        name, description = product["name"], product["description"]
        audience = checks.text_field(body, "target_audience") or product["target_audience"]
    else:  # "If you do not provide the product_id, then the product's name and description are required."
        name = checks.required(body, "name")
        description = checks.required(body, "description")
        audience = checks.text_field(body, "target_audience") or ""
    if not call.state.charge(vocabulary.AI_SCRIPTS_CREDITS):
        raise ApiFailure(18020, f"Insufficient credit: scripts cost {vocabulary.AI_SCRIPTS_CREDITS:g}")
    call.state.count_billable("/v1/ai_scripts")
    return {
        "generated_scripts": scripts.write_scripts(
            name=name, description=description, target_audience=audience, language=language, video_length=int(length)
        )
    }


_V1_CODES = {"waiting": 2, "processing": 3, "success": 4, "failed": 5, "deleted": 99}


@endpoint("GET", "/v1/project")
async def get_project(call: Call) -> dict[str, Any]:
    project_id = call.query.get("project_id")
    if not project_id:
        raise checks.bad("project_id is required")
    project = call.state.projects.get(project_id)
    if project is None or project.kind not in ("url_video", "preview"):
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
