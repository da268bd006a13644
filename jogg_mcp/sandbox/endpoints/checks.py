"""Request checks with JoggAI's documented `Parameter error: ...` messages (code 40000), and the checks every
render shares: a known avatar and voice, and enough credits."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from jogg_mcp.sandbox import catalog
from jogg_mcp.sandbox.envelope import ApiFailure, Call
from jogg_mcp.sandbox.media import probe_duration
from jogg_mcp.sandbox.state import RenderProject


def bad(text: str) -> ApiFailure:
    return ApiFailure(40000, f"Parameter error: {text}")


def required(body: dict[str, Any], field: str, where: str = "") -> Any:
    """`where` names the enclosing object in the message, e.g. "voice." for voice.script."""
    value = body.get(field)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise bad(f"{where}{field} is required")
    return value


def integer(value: Any, field: str) -> int:
    """A JSON number, as the specs type these fields; the quick start's "0" is not one (docs/joggai-api.md,
    C-11)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise bad(f"{field} must be an integer")


def query_integer(value: str, field: str) -> int:
    """A query parameter: always text on the wire, and it must spell a whole number."""
    if re.fullmatch(r"-?\d+", value.strip()):
        return int(value)
    raise bad(f"{field} must be an integer")


def only_fields(body: dict[str, Any], allowed: Iterable[str], where: str = "") -> None:
    """Refuse fields the spec does not declare for this body (or for the object `where` names)."""
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise bad(f"unknown field{'s' if len(unknown) > 1 else ''} {', '.join(where + name for name in unknown)}")


def one_of(value: Any, allowed: Iterable[Any], field: str) -> Any:
    options = list(allowed)
    if value not in options:
        shown = ", ".join(str(o) for o in options) if len(options) <= 8 else f"one of {len(options)} documented values"
        raise bad(f"{field} must be one of {shown}")
    return value


def boolean(value: Any, field: str, default: bool = False) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise bad(f"{field} must be true or false")
    return value


def text_field(body: dict[str, Any], field: str) -> str | None:
    value = body.get(field)
    if value is not None and not isinstance(value, str):
        raise bad(f"{field} must be a string")
    return value


def page_params(call: Call) -> tuple[int, int]:
    page = query_integer(call.query.get("page", "1"), "page")
    size = query_integer(call.query.get("page_size", "10"), "page_size")
    if page < 1:
        raise bad("page must be 1 or more")
    if not 1 <= size <= 100:
        raise bad("page_size must be between 1 and 100")
    return page, size


def query_filter(call: Call, field: str, allowed: Iterable[str]) -> str | None:
    value = call.query.get(field)
    return None if value is None else one_of(value, allowed, field)


def page_slice(items: list[Any], page: int, size: int) -> list[Any]:
    return items[(page - 1) * size : page * size]


def check_avatar(avatar_id: int, avatar_type: int, call: Call | None = None) -> None:
    """A library avatar, one of the account's custom avatars, or (with `call`) a photo avatar it animated."""
    if avatar_type == 1 and call is not None:
        for project in call.state.projects.values():
            if project.kind in ("photo_avatar", "product_avatar") and project.avatar_id == avatar_id:
                if call.state.stage(project) != "success":
                    raise bad(f"avatar_id {avatar_id} is still being animated and cannot be used yet")
                return
    known = catalog.PUBLIC_AVATAR_IDS if avatar_type == 0 else catalog.CUSTOM_AVATAR_IDS
    if avatar_id not in known:
        kind = "public" if avatar_type == 0 else "custom"
        raise ApiFailure(
            10104, f"Record not found: avatar_id {avatar_id} is not a {kind} avatar (avatar_type {avatar_type})"
        )
    if avatar_type == 1 and catalog.CUSTOM_AVATAR_STATUS.get(avatar_id) != "completed":
        raise bad(f"avatar_id {avatar_id} is still processing and cannot be used yet")


def check_voice(voice_id: Any) -> str:
    if not isinstance(voice_id, str) or voice_id not in catalog.VOICE_IDS:
        raise ApiFailure(10104, f"Record not found: voice_id {voice_id!r}")
    return voice_id


def start_render(call: Call, project: RenderProject, endpoint: str) -> None:
    if not call.state.charge(project.credits):
        raise ApiFailure(
            18020, f"Insufficient credit: this video costs {project.credits:g}, {call.state.credits:g} left"
        )
    call.state.add_project(project, endpoint)


OUTSIDE_MEDIA_SECONDS = 10.0  # a URL the sandbox cannot measure: assumed this long


def media_seconds(call: Call, url: Any, field: str) -> float:
    """How long the media at `url` runs: a sandbox upload from its header, a sandbox render from its record,
    anything else OUTSIDE_MEDIA_SECONDS. Not an http(s) URL, or an upload never made: a parameter error."""
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise bad(f"{field} must be an http(s) URL")
    if url.startswith(f"{call.base}/assets/"):
        upload = call.state.assets.get(url.removeprefix(f"{call.base}/assets/").split("/")[0])
        if upload is None or upload.path is None:
            raise bad(f"{field} points to an asset that was never uploaded")
        return probe_duration(str(upload.path)) or 0.0
    if url.startswith(f"{call.base}/media/"):
        project = call.state.projects.get(url.removeprefix(f"{call.base}/media/").rsplit(".", 1)[0])
        if project is not None:
            return project.duration
    return OUTSIDE_MEDIA_SECONDS
