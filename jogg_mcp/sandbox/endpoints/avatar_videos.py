"""Talking-avatar videos, on v2: POST /v2/create_video_from_avatar and GET /v2/avatar_video/{id}."""

from __future__ import annotations

import uuid
from typing import Any

from jogg_mcp.sandbox import catalog, vocabulary
from jogg_mcp.sandbox.endpoints import checks
from jogg_mcp.sandbox.envelope import ApiFailure, Call, endpoint
from jogg_mcp.sandbox.media import probe_duration
from jogg_mcp.sandbox.state import RenderProject


@endpoint("POST", "/v2/create_video_from_avatar")
async def create_video_from_avatar(call: Call) -> dict[str, Any]:
    body = call.body
    checks.only_fields(
        body, ("avatar", "voice", "aspect_ratio", "screen_style", "caption", "webhook_url", "video_name")
    )
    avatar, voice = checks.required(body, "avatar"), checks.required(body, "voice")
    if not isinstance(avatar, dict) or not isinstance(voice, dict):
        raise checks.bad("avatar and voice must be objects")
    checks.only_fields(avatar, ("avatar_id", "avatar_type"), "avatar.")
    checks.only_fields(voice, ("type", "voice_id", "script", "audio_url"), "voice.")
    avatar_id = checks.integer(checks.required(avatar, "avatar_id", "avatar."), "avatar.avatar_id")
    avatar_type = checks.one_of(
        checks.integer(checks.required(avatar, "avatar_type", "avatar."), "avatar.avatar_type"),
        (0, 1),
        "avatar.avatar_type",
    )
    mode = checks.one_of(checks.required(voice, "type", "voice."), ("script", "audio"), "voice.type")
    voice_id = checks.required(voice, "voice_id", "voice.")
    if mode == "script":
        script = checks.required(voice, "script", "voice.")
        if not isinstance(script, str):
            raise checks.bad("voice.script must be a string")
        if voice.get("audio_url"):
            raise checks.bad("voice.audio_url must not be sent with voice.type script")
    else:
        audio_url = checks.required(voice, "audio_url", "voice.")
        if voice.get("script"):
            raise checks.bad("voice.script must not be sent with voice.type audio")
    checks.one_of(checks.required(body, "aspect_ratio"), catalog.ASPECTS, "aspect_ratio")
    screen_style = checks.one_of(
        checks.integer(checks.required(body, "screen_style"), "screen_style"), (1, 2, 3), "screen_style"
    )
    caption = checks.boolean(body.get("caption"), "caption")
    if screen_style == 3 and caption:
        raise checks.bad("caption must be false when screen_style is 3 (transparent WebM)")
    checks.check_avatar(avatar_id, avatar_type, call)
    checks.check_voice(voice_id)
    seconds = vocabulary.spoken_seconds(voice["script"]) if mode == "script" else _audio_seconds(call, audio_url)
    project = RenderProject(
        project_id=uuid.uuid4().hex,
        kind="avatar_video",
        title=checks.text_field(body, "video_name") or "Avatar video",
        duration=max(1.0, round(seconds, 1)),
        credits=vocabulary.render_credits(seconds),
        container="webm" if screen_style == 3 else "mp4",
    )
    checks.start_render(call, project, "/v2/create_video_from_avatar")
    return {"video_id": project.project_id}


def _audio_seconds(call: Call, audio_url: Any) -> float:
    if not isinstance(audio_url, str) or not audio_url.startswith(("http://", "https://")):
        raise checks.bad("voice.audio_url must be an http(s) URL")
    prefix = f"{call.base}/assets/"
    if not audio_url.startswith(prefix):
        return 0.0  # an outside URL: the sandbox cannot measure it; charge the minimum
    upload = call.state.assets.get(audio_url.removeprefix(prefix).split("/")[0])
    if upload is None or upload.path is None:
        raise checks.bad("voice.audio_url points to an asset that was never uploaded")
    return probe_duration(str(upload.path)) or 0.0


_V2_STATUS = {"waiting": "pending", "processing": "processing", "success": "completed", "failed": "failed"}


@endpoint("GET", "/v2/avatar_video/{video_id}")
async def get_avatar_video(call: Call) -> dict[str, Any]:
    project = call.state.projects.get(call.request.path_params["video_id"])
    if project is None or project.kind != "avatar_video" or call.state.stage(project) == "deleted":
        raise ApiFailure(10104, "Record not found: video_id")
    stage = call.state.stage(project)
    done = stage == "success"
    data: dict[str, Any] = {
        "video_id": project.project_id,
        "status": _V2_STATUS[stage],
        "created_at": project.created_at,
    }
    if done:  # a field with no value yet is left out, never sent empty
        data["video_url"] = f"{call.base}/media/{project.project_id}.{project.container}"
        data["cover_url"] = f"{call.base}/media/{project.project_id}.png"
        data["duration"] = project.duration
    if stage == "failed":
        data["error"] = {"code": 50000, "message": project.error}
    return data
