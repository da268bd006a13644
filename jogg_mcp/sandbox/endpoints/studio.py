"""Lip sync and video translation, on v2, as JoggAI's v2 spec has them: POST /v2/create_lip_sync_video and
GET /v2/lip_sync_video/{task_id} (success is `success`, the link `data.result_url`); POST /v2/video_translate/
(with its trailing slash), GET /v2/video_translate/{id} and GET /v2/video_translate/target_languages."""

from __future__ import annotations

import uuid
from typing import Any

from jogg_mcp.sandbox import vocabulary
from jogg_mcp.sandbox.endpoints import checks
from jogg_mcp.sandbox.envelope import ApiFailure, Call, endpoint
from jogg_mcp.sandbox.state import RenderProject

_PLAYBACK = ("normal", "normal_reverse", "normal_reverse_by_audio")
_LIP_SYNC_STATUS = {"waiting": "pending", "processing": "processing", "success": "success", "failed": "failed"}
_TRANSLATION_STATUS = {"waiting": "pending", "processing": "processing", "success": "completed", "failed": "failed"}
MAX_TRANSLATION_SECONDS = 180  # "0-3 min" (docs/joggai-api.md, Uploads)


def _project(call: Call, key: str, kind: str) -> tuple[RenderProject, str]:
    project = call.state.projects.get(call.request.path_params[key])
    if project is None or project.kind != kind or call.state.stage(project) == "deleted":
        raise ApiFailure(10104, f"Record not found: {key}")
    return project, call.state.stage(project)


@endpoint("POST", "/v2/create_lip_sync_video")
async def create_lip_sync_video(call: Call) -> dict[str, Any]:
    body = call.body
    checks.only_fields(body, ("video_url", "audio_url", "playback_type"))
    checks.media_seconds(call, checks.required(body, "video_url"), "video_url")
    seconds = checks.media_seconds(call, checks.required(body, "audio_url"), "audio_url")
    checks.one_of(body.get("playback_type", "normal"), _PLAYBACK, "playback_type")
    project = RenderProject(
        project_id=str(uuid.uuid4()),
        kind="lip_sync",
        title="Lip sync",
        duration=max(1.0, round(seconds, 1)),
        credits=vocabulary.lip_sync_credits(max(1.0, seconds)),
        container="mp4",
        request=dict(body),
    )
    checks.start_render(call, project, "/v2/create_lip_sync_video")
    return {"task_id": project.project_id, "status": "pending"}


@endpoint("GET", "/v2/lip_sync_video/{task_id}")
async def lip_sync_video(call: Call) -> dict[str, Any]:
    project, stage = _project(call, "task_id", "lip_sync")
    done = stage in ("success", "failed")
    answer: dict[str, Any] = {
        "task_id": project.project_id,
        "status": _LIP_SYNC_STATUS[stage],
        "created_at": project.created_at,
        "completed_at": project.created_at + round(project.duration) if done else None,
        "data": None,
        "error": {"message": project.error or "lip sync failed"} if stage == "failed" else None,
    }
    if stage == "success":
        answer["data"] = {
            "result_url": f"{call.base}/media/{project.project_id}.mp4",
            "cover_url": f"{call.base}/media/{project.project_id}.png",
            "duration_seconds": project.duration,
        }
    return answer


@endpoint("GET", "/v2/video_translate/target_languages")  # before /{id}: routes match in order
async def translation_languages(call: Call) -> dict[str, Any]:
    return {"languages": list(vocabulary.TRANSLATION_LANGUAGES)}


@endpoint("POST", "/v2/video_translate/")
async def video_translate(call: Call) -> dict[str, Any]:
    body = call.body
    fields = ("video_url", "output_language", "title", "translate_audio_only", "output_voice", "add_subtitles")
    checks.only_fields(body, (*fields, "enable_dynamic_duration", "callback_url"))
    seconds = checks.media_seconds(call, checks.required(body, "video_url"), "video_url")
    if seconds > MAX_TRANSLATION_SECONDS:
        raise checks.bad(f"video_url is {seconds:.0f} s long; translation takes videos up to 3 minutes")
    language = checks.one_of(
        checks.required(body, "output_language"), vocabulary.TRANSLATION_LANGUAGES, "output_language"
    )
    if "output_voice" in body:
        checks.check_voice(body["output_voice"])
    for flag in ("translate_audio_only", "add_subtitles", "enable_dynamic_duration"):
        checks.boolean(body.get(flag), flag)
    project = RenderProject(
        project_id=f"vt_{uuid.uuid4().hex[:12]}",
        kind="translation",
        title=checks.text_field(body, "title") or f"Video in {language}",
        duration=max(1.0, round(seconds, 1)),
        credits=vocabulary.translation_credits(seconds),
        container="mp4",
        request=dict(body),
    )
    checks.start_render(call, project, "/v2/video_translate/")
    return {"video_translate_id": project.project_id}


@endpoint("GET", "/v2/video_translate/{video_translate_id}")
async def translation(call: Call) -> dict[str, Any]:
    project, stage = _project(call, "video_translate_id", "translation")
    answer: dict[str, Any] = {
        "video_translate_id": project.project_id,
        "title": project.title,
        "status": _TRANSLATION_STATUS[stage],
    }
    if stage == "success":  # a field with no value yet is left out, never sent empty
        answer["url"] = f"{call.base}/media/{project.project_id}.mp4"
        answer["subtitle_url"] = f"{call.base}/media/{project.project_id}.srt"
    return answer
