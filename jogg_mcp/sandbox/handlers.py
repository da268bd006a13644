"""The sandbox's JoggAI endpoints: validation with the documented `Parameter error: ...` messages, state,
credits and the render lifecycle. Shapes follow jogg-api.md; where the seed guides differ, both work."""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
import time
import uuid
from collections.abc import Iterable
from typing import Any, get_args

from jogg_mcp.api.models import Language, ScriptStyle
from jogg_mcp.api.pricing import estimated_script_seconds, video_credits
from jogg_mcp.sandbox import catalog
from jogg_mcp.sandbox.crawler import CrawlError, crawl
from jogg_mcp.sandbox.envelope import ApiFailure, Call, Handler
from jogg_mcp.sandbox.media import probe_duration
from jogg_mcp.sandbox.state import RenderProject, Upload

# The documented vocabularies: one list, shared with the client's models.
LANGUAGES = frozenset(get_args(Language))
SCRIPT_STYLES = frozenset(get_args(ScriptStyle))
# Formats and limits of the upload guide (MB = 10^6 bytes).
UPLOAD_TYPES = {
    "image/jpeg": 10_000_000,
    "image/png": 10_000_000,
    "image/webp": 10_000_000,
    "image/gif": 10_000_000,
    "video/mp4": 100_000_000,
    "video/webm": 100_000_000,
    "video/quicktime": 100_000_000,
    "audio/mpeg": 20_000_000,
    "audio/wav": 20_000_000,
    "audio/x-wav": 20_000_000,
    "audio/mp4": 20_000_000,
    "audio/x-m4a": 20_000_000,
}
_SIGNING_KEY = secrets.token_bytes(32)


# --- validation helpers: each raises the documented 40000 message ------------------------------------------


def _bad(text: str) -> ApiFailure:
    return ApiFailure(40000, f"Parameter error: {text}")


def _required(body: dict[str, Any], field: str, where: str = "") -> Any:
    """`where` names the enclosing object in the message, e.g. "voice." for voice.script."""
    value = body.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise _bad(f"{where}{field} is required")
    return value


def _int(value: Any, field: str) -> int:
    if isinstance(value, bool):
        raise _bad(f"{field} must be an integer")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):  # C-11: "0" is seen in the guides
        return int(value)
    raise _bad(f"{field} must be an integer")


def _one_of(value: Any, allowed: Iterable[Any], field: str) -> Any:
    options = list(allowed)
    if value not in options:
        shown = ", ".join(str(o) for o in options) if len(options) <= 8 else f"one of {len(options)} documented values"
        raise _bad(f"{field} must be one of {shown}")
    return value


def _bool(value: Any, field: str, default: bool = False) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _bad(f"{field} must be true or false")
    return value


def _text(body: dict[str, Any], field: str) -> str | None:
    value = body.get(field)
    if value is not None and not isinstance(value, str):
        raise _bad(f"{field} must be a string")
    return value


def _page(call: Call) -> tuple[int, int]:
    page = _int(call.query.get("page", "1"), "page")
    size = _int(call.query.get("page_size", "10"), "page_size")
    if page < 1:
        raise _bad("page must be 1 or more")
    if not 1 <= size <= 100:
        raise _bad("page_size must be between 1 and 100")
    return page, size


def _filter(call: Call, field: str, allowed: Iterable[str]) -> str | None:
    value = call.query.get(field)
    return None if value is None else _one_of(value, allowed, field)


def _slice(items: list[Any], page: int, size: int) -> list[Any]:
    return items[(page - 1) * size : page * size]


# --- uploads ---------------------------------------------------------------------------------------------


async def upload_asset(call: Call) -> dict[str, Any]:
    body = call.body
    filename = _required(body, "filename")
    if not isinstance(filename, str) or "/" in filename or "\\" in filename:
        raise _bad("filename must be a plain file name")
    content_type = _one_of(_required(body, "content_type"), UPLOAD_TYPES, "content_type")
    size = body.get("file_size")
    if size is not None:
        size = _int(size, "file_size")
        if size < 1:
            raise _bad("file_size must be at least 1")
        if size > UPLOAD_TYPES[content_type]:
            raise _bad(f"File size exceeds limit ({size} bytes; {content_type} allows {UPLOAD_TYPES[content_type]})")
    token = secrets.token_urlsafe(18)
    expires = time.time() + call.state.options.signed_url_ttl
    signature = hmac.new(_SIGNING_KEY, f"{token}:{int(expires)}".encode(), hashlib.sha256).hexdigest()
    asset_id = uuid.uuid4().hex[:20]
    safe_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename)[:120]
    call.state.uploads[token] = Upload(token, asset_id, safe_name, content_type, size, expires, signature)
    return {
        "sign_url": f"{call.base}/upload/{token}?expires={int(expires)}&signature={signature}",
        "asset_url": f"{call.base}/assets/{asset_id}/{safe_name}",
    }


# --- products --------------------------------------------------------------------------------------------


def _media(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise _bad("media must be a list")
    items = []
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            raise _bad(f"media[{index}] must be an object")
        kind = _one_of(
            _int(_required(item, "type", f"media[{index}]."), f"media[{index}].type"), (1, 2), f"media[{index}].type"
        )
        url = _required(item, "url", f"media[{index}].")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise _bad(f"media[{index}].url must be an http(s) URL")
        items.append(
            {
                "type": kind,
                "name": str(item.get("name") or ""),
                "url": url,
                "description": str(item.get("description") or ""),
            }
        )
    return items


async def create_product(call: Call) -> dict[str, Any]:
    body = call.body
    url = _text(body, "url")
    if not url and not _text(body, "name"):
        raise _bad("url or name is required")
    if url:
        # v1 semantics: with a url, the crawler decides; explicit fields fill only what it left empty.
        try:
            facts = await crawl(url, call.base)
        except CrawlError as exc:
            raise _bad(str(exc)) from None
    else:
        _required(body, "description")
        facts = {"name": body["name"], "description": body["description"], "media": _media(_required(body, "media"))}
    media = _media(body["media"]) if body.get("media") is not None and url else facts["media"]
    product_id = call.state.new_product_id()
    product = {
        "product_id": product_id,
        "url": url or "",
        "name": facts["name"] or _text(body, "name") or "",
        "description": facts["description"] or _text(body, "description") or "",
        "media": media,
        "target_audience": _text(body, "target_audience") or "",
    }
    call.state.products[product_id] = product
    return product


async def update_product(call: Call) -> None:
    body = call.body
    product = call.state.products.get(str(_required(body, "product_id")))
    if product is None:
        raise ApiFailure(10104, "Record not found: product_id")
    for field in ("name", "description", "target_audience"):
        value = _text(body, field)
        if value is not None:
            product[field] = value
    if body.get("media") is not None:
        product["media"] = _media(body["media"])  # media replaces the whole list
    return None  # documented: a bare envelope


async def list_products(call: Call) -> list[dict[str, Any]]:
    return list(call.state.products.values())


# --- renders ---------------------------------------------------------------------------------------------


def _check_avatar(avatar_id: int, avatar_type: int) -> None:
    known = catalog.PUBLIC_AVATAR_IDS if avatar_type == 0 else catalog.CUSTOM_AVATAR_IDS
    if avatar_id not in known:
        kind = "public" if avatar_type == 0 else "custom"
        raise ApiFailure(
            10104, f"Record not found: avatar_id {avatar_id} is not a {kind} avatar (avatar_type {avatar_type})"
        )
    if avatar_type == 1 and catalog.CUSTOM_AVATAR_STATUS.get(avatar_id) != "completed":
        raise _bad(f"avatar_id {avatar_id} is still processing and cannot be used yet")


def _check_voice(voice_id: Any) -> str:
    if not isinstance(voice_id, str) or voice_id not in catalog.VOICE_IDS:
        raise ApiFailure(10104, f"Record not found: voice_id {voice_id!r}")
    return voice_id


def _start_render(call: Call, project: RenderProject, endpoint: str) -> None:
    if not call.state.charge(project.credits):
        raise ApiFailure(
            18020, f"Insufficient credit: this video costs {project.credits:g}, {call.state.credits:g} left"
        )
    call.state.add_project(project, endpoint)


async def create_video_from_url(call: Call) -> dict[str, Any]:
    body = call.body
    for field in (
        "product_id",
        "aspect_ratio",
        "video_length",
        "language",
        "avatar_id",
        "avatar_type",
        "template_type",
        "script_style",
    ):
        _required(body, field)
    product = call.state.products.get(str(body["product_id"]))
    _one_of(_int(body["aspect_ratio"], "aspect_ratio"), (0, 1, 2), "aspect_ratio")
    length = _one_of(str(body["video_length"]), ("15", "30", "60"), "video_length")
    _one_of(body["language"], LANGUAGES, "language")
    avatar_type = _one_of(_int(body["avatar_type"], "avatar_type"), (0, 1), "avatar_type")
    template_type = _one_of(body["template_type"], ("public", "custom"), "template_type")
    _one_of(body["script_style"], SCRIPT_STYLES, "script_style")
    visual_style, template_id = body.get("visual_style"), body.get("template_id")
    if not visual_style and template_id is None:
        raise _bad("visual_style or template_id is required")
    if visual_style and visual_style not in catalog.VISUAL_STYLE_NAMES:
        raise _bad(f"visual_style {visual_style!r} does not exist")
    if template_id is not None and not visual_style:
        known = catalog.TEMPLATE_IDS if template_type == "public" else catalog.CUSTOM_TEMPLATE_IDS
        if _int(template_id, "template_id") not in known:
            raise ApiFailure(10104, f"Record not found: template_id {template_id} ({template_type})")
    if body.get("music_id") is not None and _int(body["music_id"], "music_id") not in catalog.MUSIC_IDS:
        raise ApiFailure(10104, f"Record not found: music_id {body['music_id']}")
    _bool(body.get("caption"), "caption")
    if product is None:
        raise ApiFailure(10104, f"Record not found: product_id {body['product_id']}")
    _check_avatar(_int(body["avatar_id"], "avatar_id"), avatar_type)
    if body.get("voice_id"):
        _check_voice(body["voice_id"])
    seconds = float(length)
    project = RenderProject(
        project_id=uuid.uuid4().hex,
        kind="url_video",
        title=_text(body, "video_name") or product["name"],
        duration=seconds,
        credits=video_credits(seconds),
        container="mp4",
    )
    _start_render(call, project, "/v1/create_video_from_url")
    return {"project_id": project.project_id}


_V1_CODES = {"waiting": 2, "processing": 3, "success": 4, "failed": 5, "deleted": 99}


async def get_project(call: Call) -> dict[str, Any]:
    project_id = call.query.get("project_id")
    if not project_id:
        raise _bad("project_id is required")
    project = call.state.projects.get(project_id)
    if project is None or project.kind != "url_video":
        raise ApiFailure(10104, "Record not found: project_id")
    stage = call.state.stage(project)
    done = stage == "success"
    desc = f"failed: {project.error}" if stage == "failed" else stage
    return {
        "id": project.project_id,
        "title": project.title,
        "video_url": f"{call.base}/media/{project.project_id}.mp4" if done else "",
        "cover_url": f"{call.base}/media/{project.project_id}.png" if done else "",
        "video_duration": round(project.duration) if done else 0,
        "status_code": _V1_CODES[stage],
        "status_desc": desc,
        "created_at": project.created_at,
    }


def _avatar_body(body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The nested v2 schema; the flat form of the endpoint page and the upload guide is read as well."""
    avatar, voice = body.get("avatar"), body.get("voice")
    if avatar is None and voice is None and "avatar_id" in body:
        avatar = {"avatar_id": body.get("avatar_id"), "avatar_type": body.get("avatar_type")}
        mode = "audio" if body.get("audio_url") else "script"
        voice = {
            "type": mode,
            "voice_id": body.get("voice_id"),
            "script": body.get("script"),
            "audio_url": body.get("audio_url"),
        }
    if not isinstance(avatar, dict):
        raise _bad("avatar is required")
    if not isinstance(voice, dict):
        raise _bad("voice is required")
    return avatar, voice


async def create_video_from_avatar(call: Call) -> dict[str, Any]:
    body = call.body
    avatar, voice = _avatar_body(body)
    avatar_id = _int(_required(avatar, "avatar_id", "avatar."), "avatar.avatar_id")
    avatar_type = _one_of(
        _int(_required(avatar, "avatar_type", "avatar."), "avatar.avatar_type"), (0, 1), "avatar.avatar_type"
    )
    mode = _one_of(_required(voice, "type", "voice."), ("script", "audio"), "voice.type")
    voice_id = _required(voice, "voice_id", "voice.")
    if mode == "script":
        script = _required(voice, "script", "voice.")
        if not isinstance(script, str):
            raise _bad("voice.script must be a string")
        if voice.get("audio_url"):
            raise _bad("voice.audio_url must not be sent with voice.type script")
    else:
        audio_url = _required(voice, "audio_url", "voice.")
        if voice.get("script"):
            raise _bad("voice.script must not be sent with voice.type audio")
    aspect = _required(body, "aspect_ratio")
    if isinstance(aspect, int) and not isinstance(aspect, bool) and "avatar" not in body:
        aspect = catalog.ASPECTS[_one_of(aspect, (0, 1, 2), "aspect_ratio")]  # the flat form's v1 integers
    _one_of(aspect, catalog.ASPECTS, "aspect_ratio")
    screen_style = _one_of(_int(_required(body, "screen_style"), "screen_style"), (1, 2, 3), "screen_style")
    caption = _bool(body.get("caption"), "caption")
    if screen_style == 3 and caption:
        raise _bad("caption must be false when screen_style is 3 (transparent WebM)")
    _check_avatar(avatar_id, avatar_type)
    _check_voice(voice_id)
    seconds = estimated_script_seconds(voice["script"]) if mode == "script" else _audio_seconds(call, audio_url)
    project = RenderProject(
        project_id=uuid.uuid4().hex,
        kind="avatar_video",
        title=_text(body, "video_name") or "Avatar video",
        duration=max(1.0, round(seconds, 1)),
        credits=video_credits(seconds),
        container="webm" if screen_style == 3 else "mp4",
    )
    _start_render(call, project, "/v2/create_video_from_avatar")
    return {"video_id": project.project_id}


def _audio_seconds(call: Call, audio_url: Any) -> float:
    if not isinstance(audio_url, str) or not audio_url.startswith(("http://", "https://")):
        raise _bad("voice.audio_url must be an http(s) URL")
    prefix = f"{call.base}/assets/"
    if not audio_url.startswith(prefix):
        return 0.0  # an outside URL: the sandbox cannot measure it; charge the minimum
    upload = call.state.assets.get(audio_url.removeprefix(prefix).split("/")[0])
    if upload is None or upload.path is None:
        raise _bad("voice.audio_url points to an asset that was never uploaded")
    return probe_duration(str(upload.path)) or 0.0


_V2_STATUS = {"waiting": "pending", "processing": "processing", "success": "completed", "failed": "failed"}


async def get_avatar_video(call: Call) -> dict[str, Any]:
    project = call.state.projects.get(call.request.path_params["video_id"])
    if project is None or project.kind != "avatar_video" or call.state.stage(project) == "deleted":
        raise ApiFailure(10104, "Record not found: video_id")
    stage = call.state.stage(project)
    done = stage == "success"
    data: dict[str, Any] = {
        "video_id": project.project_id,
        "status": _V2_STATUS[stage],
        "video_url": f"{call.base}/media/{project.project_id}.{project.container}" if done else "",
        "cover_url": f"{call.base}/media/{project.project_id}.png" if done else "",
        "created_at": project.created_at,
        "duration": project.duration if done else 0,
    }
    if stage == "failed":
        data["error"] = {"code": 50000, "message": project.error}
    return data


# --- catalogues ------------------------------------------------------------------------------------------


async def public_avatars(call: Call) -> dict[str, Any]:
    page, size = _page(call)
    aspect = _filter(call, "aspect_ratio", catalog.ASPECTS)
    wanted = {
        "style": _filter(call, "style", catalog.STYLES),
        "gender": _filter(call, "gender", catalog.GENDERS),
        "age": _filter(call, "age", catalog.AGES),
        "scene": _filter(call, "scene", catalog.SCENES),
        "ethnicity": _filter(call, "ethnicity", catalog.ETHNICITIES),
    }
    items = [
        a
        for a in catalog.public_avatars(call.base)
        if (aspect is None or a["aspect_ratio"] == catalog.ASPECTS.index(aspect))
        and all(v is None or a[k] == v for k, v in wanted.items())
    ]
    shown = [{k: v for k, v in a.items() if k not in ("scene", "ethnicity")} for a in _slice(items, page, size)]
    return {"avatars": shown}


async def custom_avatars(call: Call) -> dict[str, Any]:
    page, size = _page(call)
    status = _filter(call, "status", ("processing", "completed", "failed"))
    name = (call.query.get("name") or "").lower()
    items = [
        a
        for a in catalog.custom_avatars(call.base)
        if (status is None or a["avatar_status"] == status) and name in a["name"].lower()
    ]
    return {"avatars": _slice(items, page, size)}


async def voices(call: Call) -> dict[str, Any]:
    page, size = _page(call)
    wanted = {
        "gender": _filter(call, "gender", catalog.VOICE_GENDERS),
        "language": _filter(call, "language", LANGUAGES),
        "age": _filter(call, "age", catalog.VOICE_AGES),
        "use_case": call.query.get("use_case"),
    }
    items = [v for v in catalog.voices(call.base) if all(w is None or v[k] == w for k, w in wanted.items())]
    return {"voices": _slice(items, page, size), "has_more": page * size < len(items)}


async def visual_styles(call: Call) -> dict[str, Any]:
    return {"visual_styles": catalog.visual_styles(_filter(call, "aspect_ratio", catalog.ASPECTS))}


async def templates(call: Call) -> dict[str, Any]:
    return {"templates": catalog.templates(call.base, _filter(call, "aspect_ratio", catalog.ASPECTS), custom=False)}


async def custom_templates(call: Call) -> dict[str, Any]:
    return {"templates": catalog.templates(call.base, _filter(call, "aspect_ratio", catalog.ASPECTS), custom=True)}


async def musics(call: Call) -> dict[str, Any]:
    page, size = _page(call)
    items = catalog.music(call.base)
    return {
        "music": _slice(items, page, size),
        "pagination": {
            "page": page,
            "page_size": size,
            "total_items": len(items),
            "total_pages": math.ceil(len(items) / size),
        },
    }


async def remaining_quota(call: Call) -> dict[str, Any]:
    return {"remaining_quota": call.state.credits}


ROUTES: tuple[tuple[str, str, Handler], ...] = (
    ("POST", "/v2/upload/asset", upload_asset),
    ("POST", "/v1/product", create_product),
    ("PUT", "/v1/product", update_product),
    ("GET", "/v1/products", list_products),
    ("POST", "/v1/create_video_from_url", create_video_from_url),
    ("GET", "/v1/project", get_project),
    ("POST", "/v2/create_video_from_avatar", create_video_from_avatar),
    ("GET", "/v2/avatar_video/{video_id}", get_avatar_video),
    ("GET", "/v2/avatars/public", public_avatars),
    ("GET", "/v2/avatars/custom", custom_avatars),
    ("GET", "/v2/voices", voices),
    ("GET", "/v2/visual_styles", visual_styles),
    ("GET", "/v2/templates", templates),
    ("GET", "/v2/templates/custom", custom_templates),
    ("GET", "/v2/musics", musics),
    ("GET", "/v2/user/remaining_quota", remaining_quota),
)
