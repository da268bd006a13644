"""Catalogues, on v2: avatars, voices, visual styles, templates, music and the credit balance."""

from __future__ import annotations

import math
from typing import Any

from jogg_mcp.sandbox import catalog, vocabulary
from jogg_mcp.sandbox.endpoints.checks import page_params, page_slice, query_filter
from jogg_mcp.sandbox.envelope import Call, endpoint


@endpoint("GET", "/v2/avatars/public")
async def public_avatars(call: Call) -> dict[str, Any]:
    page, size = page_params(call)
    aspect = query_filter(call, "aspect_ratio", catalog.ASPECTS)
    wanted = {
        "style": query_filter(call, "style", catalog.STYLES),
        "gender": query_filter(call, "gender", catalog.GENDERS),
        "age": query_filter(call, "age", catalog.AGES),
        "scene": query_filter(call, "scene", catalog.SCENES),
        "ethnicity": query_filter(call, "ethnicity", catalog.ETHNICITIES),
    }
    items = [
        a
        for a in catalog.public_avatars(call.base)
        if (aspect is None or a["aspect_ratio"] == catalog.ASPECTS.index(aspect))
        and all(v is None or a[k] == v for k, v in wanted.items())
    ]
    shown = [{k: v for k, v in a.items() if k not in ("scene", "ethnicity")} for a in page_slice(items, page, size)]
    return {"avatars": shown}


@endpoint("GET", "/v2/avatars/custom")
async def custom_avatars(call: Call) -> dict[str, Any]:
    page, size = page_params(call)
    status = query_filter(call, "status", ("processing", "completed", "failed"))
    name = (call.query.get("name") or "").lower()
    items = [
        a
        for a in catalog.custom_avatars(call.base)
        if (status is None or a["avatar_status"] == status) and name in a["name"].lower()
    ]
    return {"avatars": page_slice(items, page, size)}


@endpoint("GET", "/v2/voices")
async def voices(call: Call) -> dict[str, Any]:
    page, size = page_params(call)
    wanted = {
        "gender": query_filter(call, "gender", catalog.VOICE_GENDERS),
        "language": query_filter(call, "language", vocabulary.LANGUAGES),
        "age": query_filter(call, "age", catalog.VOICE_AGES),
        "use_case": call.query.get("use_case"),
    }
    items = [v for v in catalog.voices(call.base) if all(w is None or v[k] == w for k, w in wanted.items())]
    return {"voices": page_slice(items, page, size), "has_more": page * size < len(items)}


@endpoint("GET", "/v2/visual_styles")
async def visual_styles(call: Call) -> dict[str, Any]:
    return {"visual_styles": catalog.visual_styles(query_filter(call, "aspect_ratio", catalog.ASPECTS))}


@endpoint("GET", "/v2/templates")
async def templates(call: Call) -> dict[str, Any]:
    return {
        "templates": catalog.templates(call.base, query_filter(call, "aspect_ratio", catalog.ASPECTS), custom=False)
    }


@endpoint("GET", "/v2/templates/custom")
async def custom_templates(call: Call) -> dict[str, Any]:
    aspect = query_filter(call, "aspect_ratio", catalog.ASPECTS)
    return {"templates": catalog.templates(call.base, aspect, custom=True)}


@endpoint("GET", "/v2/musics")
async def musics(call: Call) -> dict[str, Any]:
    page, size = page_params(call)
    items = catalog.music(call.base)
    return {
        "music": page_slice(items, page, size),
        "pagination": {
            "page": page,
            "page_size": size,
            "total_items": len(items),
            "total_pages": math.ceil(len(items) / size),
        },
    }


@endpoint("GET", "/v2/user/remaining_quota")
async def remaining_quota(call: Call) -> dict[str, Any]:
    return {"remaining_quota": call.state.credits}
