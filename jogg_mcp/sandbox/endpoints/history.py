"""The account's render history (v2, paged, shape C in docs/joggai-api.md): GET /v2/product_videos,
/v2/product_previews and /v2/template_videos. The sandbox lists every product video and preview it holds,
whichever API generation started them, and every template video."""

from __future__ import annotations

from typing import Any

from jogg_mcp.sandbox.endpoints import checks
from jogg_mcp.sandbox.envelope import Call, endpoint
from jogg_mcp.sandbox.state import RenderProject

_STATUS_CODES = {"3": "processing", "4": "completed", "5": "failed"}
_STAGES = {"waiting": "processing", "processing": "processing", "success": "completed", "failed": "failed"}


def _listed(call: Call, kind: str) -> tuple[list[tuple[RenderProject, str]], int, int]:
    page, size = checks.page_params(call)
    wanted = checks.query_filter(call, "status", _STATUS_CODES)
    checks.query_filter(call, "sort_by", ("created_at",))
    order = checks.query_filter(call, "sort_order", ("asc", "desc")) or "desc"
    rows = []
    for project in call.state.projects.values():
        stage = call.state.stage(project)
        if project.kind != kind or stage == "deleted":
            continue
        status = _STAGES[stage]
        if wanted is None or _STATUS_CODES[wanted] == status:
            rows.append((project, status))
    rows.sort(key=lambda row: (row[0].created_at, row[0].started), reverse=order == "desc")
    return rows, page, size


def _item(call: Call, project: RenderProject, status: str) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": project.project_id,
        "title": project.title,
        "status": status,
        "created_at": project.created_at,
    }
    if status == "completed":  # a field with no value yet is left out, never sent empty
        item["video_url"] = f"{call.base}/media/{project.project_id}.{project.container}"
        item["cover_url"] = f"{call.base}/media/{project.project_id}.png"
        item["video_duration"] = round(project.duration)
    return item


@endpoint("GET", "/v2/product_videos")
async def product_videos(call: Call) -> dict[str, Any]:
    rows, page, size = _listed(call, "url_video")
    shown = checks.page_slice(rows, page, size)
    return {"videos": [_item(call, *row) for row in shown], "total": len(rows), "page": page, "page_size": size}


@endpoint("GET", "/v2/product_previews")
async def product_previews(call: Call) -> dict[str, Any]:
    rows, page, size = _listed(call, "preview")
    shown = checks.page_slice(rows, page, size)
    return {"previews": [_item(call, *row) for row in shown], "total": len(rows), "page": page, "page_size": size}


@endpoint("GET", "/v2/template_videos")
async def template_videos(call: Call) -> dict[str, Any]:
    """Its own shape: {data, pagination}, items named video_id, video_name, url and duration_seconds."""
    rows, page, size = _listed(call, "template_video")
    items = []
    for project, status in checks.page_slice(rows, page, size):
        item: dict[str, Any] = {
            "video_id": project.project_id,
            "video_name": project.title,
            "status": status,
            "created_at": project.created_at,
        }
        if status == "completed":
            item["url"] = f"{call.base}/media/{project.project_id}.{project.container}"
            item["cover_url"] = f"{call.base}/media/{project.project_id}.png"
            item["duration_seconds"] = project.duration
        if status == "failed":
            item["error"] = {"code": "RENDER_FAILED", "message": project.error or "render failed"}
        items.append(item)
    pages = -(-len(rows) // size)
    pagination = {"page": page, "page_size": size, "total_items": len(rows), "total_pages": pages}
    return {"data": items, "pagination": pagination}
