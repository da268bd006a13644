"""save_video: a finished render, streamed into a folder the user works in, checked, never overwriting."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import anyio
from mcp.server.mcpserver import Context, Resolve
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ListRootsResult, ResourceLink
from pydantic import Field

from jogg_mcp.api import JoggClient
from jogg_mcp.api import errors as api_errors
from jogg_mcp.api.downloads import download
from jogg_mcp.api.models import Project
from jogg_mcp.api.vocabulary import ProjectKind, ProjectStatus
from jogg_mcp.config import is_loopback_host
from jogg_mcp.files import PathRefused, folder_in_roots, place_without_overwriting, safe_filename
from jogg_mcp.media.check import MediaRejected, inspect_media, inspect_video
from jogg_mcp.media.formats import BY_NAME, FORMATS, human_size
from jogg_mcp.server.parameters import ProjectId
from jogg_mcp.server.replies import ToolResult, reply
from jogg_mcp.server.runtime import runtime_of
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import recorded
from jogg_mcp.server.tools.assets import allowed_roots, byte_progress, client_roots

DURATION_TOLERANCE_SECONDS = 1.0  # the saved file's header against the length JoggAI reported
STALL_SECONDS = 30.0  # a download that sends nothing for this long is given up
MEDIA_EXTENSIONS = frozenset(extension for fmt in FORMATS for extension in fmt.extensions)


class SavedVideo(ToolResult):
    project_id: str
    path: str = Field(description="Absolute path of the saved video")
    size_bytes: int
    format: str = Field(description="MP4 or WebM")
    codec: str | None = None
    duration_seconds: float | None = None
    cover_path: str | None = Field(default=None, description="Absolute path of the saved cover, when asked for")


def _not_ready(project: Project) -> str | None:
    """Why a render cannot be saved yet, and what to do; None when it can."""
    if project.status is ProjectStatus.SUCCEEDED and project.video_url:
        return None
    if project.status is ProjectStatus.FAILED:
        return (
            f"Render {project.project_id} failed ({project.error or 'no reason given'}), so there is no video to save."
        )
    if project.status is ProjectStatus.DELETED:
        return f"Render {project.project_id} was deleted in JoggAI, so there is no video to save."
    if project.status is ProjectStatus.SUCCEEDED:
        return f"JoggAI reports render {project.project_id} finished but gives no video URL yet; try again in a minute."
    return (
        f"Render {project.project_id} is still {project.status.value}, so there is no video to save yet. Call "
        f"get_project(project_id={project.project_id!r}, wait_seconds=45) until it succeeds, then save_video."
    )


def _may_follow(original: str) -> Callable[[str], bool]:
    """Redirects go to https only, or (the sandbox) back to the same loopback origin the link pointed at."""
    start = urlsplit(original)
    loopback = bool(start.hostname) and is_loopback_host(start.hostname or "")

    def allowed(target: str) -> bool:
        parts = urlsplit(target)
        return parts.scheme == "https" or (loopback and (parts.scheme, parts.netloc) == (start.scheme, start.netloc))

    return allowed


async def _fetch(ctx: Context, jogg: JoggClient, url: str, folder: Path, what: str) -> Path:
    """Stream `url` into a hidden temporary file in `folder` (same file system, so the final move is a rename);
    it is removed on any failure, so a cut download leaves nothing behind."""
    partial = folder / f".jogg-{uuid.uuid4().hex}.part"
    try:
        with partial.open("xb") as sink:
            await download(
                jogg.http,
                url,
                sink,
                may_follow=_may_follow(url),
                stall_seconds=STALL_SECONDS,
                on_progress=byte_progress(ctx, f"saving {what}"),
            )
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial


def _failed_download(error: api_errors.JoggError, project_id: str) -> str:
    if isinstance(error, api_errors.MediaUnavailableError):
        return (
            f"JoggAI's link to render {project_id}'s video does not work any more ({error}). Links expire: call "
            "save_video again later (it asks JoggAI for the link afresh), or download it from the JoggAI dashboard. "
            "Nothing was saved."
        )
    return f"The download of render {project_id} failed ({error}). Nothing was saved; call save_video again."


async def _keep(partial: Path, folder: Path, stem: str, format_name: str) -> Path:
    """Move a checked download to its final name, with the extension its real format takes (the formats table)."""
    filename = safe_filename(stem, BY_NAME[format_name].extensions[0], MEDIA_EXTENSIONS)
    return await anyio.to_thread.run_sync(place_without_overwriting, partial, folder, filename)


async def save_video(
    ctx: Context,
    project_id: ProjectId,
    folder: Annotated[
        str | None,
        Field(
            default=None,
            max_length=4096,
            description="e.g. ./videos (made if missing); default: the first allowed folder",
        ),
    ] = None,
    filename: Annotated[
        str | None, Field(default=None, max_length=200, description="Default: the video's title")
    ] = None,
    with_cover: Annotated[bool, Field(description="Save the cover image too")] = False,
    *,
    roots: Annotated[ListRootsResult | None, Resolve(client_roots)],
) -> Annotated[CallToolResult, SavedVideo]:
    """Save a finished render as a video file in a folder on this computer, such as the user's project.
    Free. Only in the allowed folders (relative paths start at the first); never overwrites (adds " (2)");
    checked (container, codec, duration) before it is kept.
    """
    allowed = allowed_roots(runtime_of(ctx), roots)
    try:
        # Checked now, created only once there is a video to put in it (resolved again then).
        await anyio.to_thread.run_sync(lambda: folder_in_roots(folder, allowed, create=False))
    except PathRefused as refused:
        raise ToolError(f"Nothing was saved: {refused}") from None
    record = await recorded(ctx, project_id)
    partial: Path | None = None
    cover_partial: Path | None = None
    cover_problem: str | None = None  # the cover is a bonus: when it cannot be saved, the video still is
    try:
        async with jogg_session(ctx) as jogg:
            project = await jogg.find_project(project_id, ProjectKind(record.kind) if record is not None else None)
            problem = _not_ready(project)
            if problem is not None:
                raise ToolError(problem)
            assert project.video_url is not None
            try:
                target = await anyio.to_thread.run_sync(folder_in_roots, folder, allowed)
            except PathRefused as refused:
                raise ToolError(f"Nothing was saved: {refused}") from None
            try:
                partial = await _fetch(ctx, jogg, project.video_url, target, "the video")
            except api_errors.JoggError as error:
                raise ToolError(_failed_download(error, project_id)) from None
            if with_cover and not project.cover_url:
                cover_problem = "JoggAI gives no cover for this render"
            elif with_cover and project.cover_url:
                try:
                    cover_partial = await _fetch(ctx, jogg, project.cover_url, target, "the cover")
                except api_errors.JoggError as error:
                    cover_problem = f"its download failed ({error})"
        facts = await anyio.to_thread.run_sync(inspect_video, partial)
        expected = project.duration_seconds
        if expected and facts.duration_seconds and abs(facts.duration_seconds - expected) > DURATION_TOLERANCE_SECONDS:
            raise MediaRejected(
                partial,
                f"lasts {facts.duration_seconds:g} s, but JoggAI reported {expected:g} s.",
                "Call save_video again.",
            )
        stem = filename or project.title or f"jogg-{project_id}"
        path = await _keep(partial, target, stem, facts.format)
        cover_path = None
        if cover_partial is not None:
            try:
                cover = await anyio.to_thread.run_sync(inspect_media, cover_partial)
            except MediaRejected as rejected:
                cover_problem = f"it is not a usable image: {rejected.problem}"
            else:
                cover_path = await _keep(cover_partial, target, stem, cover.format)
    except MediaRejected as rejected:
        raise ToolError(f"The downloaded file was not kept: {rejected.problem} {rejected.fix}") from None
    finally:  # whatever happened, no partial or refused download stays behind
        for leftover in (partial, cover_partial):
            if leftover is not None:
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
    result = SavedVideo(
        project_id=project_id,
        path=os.fspath(path),
        size_bytes=facts.size_bytes,
        format=facts.format,
        codec=facts.codec,
        duration_seconds=facts.duration_seconds,
        cover_path=os.fspath(cover_path) if cover_path else None,
        next_step="Tell the user where the file is (path).",
    )
    link = ResourceLink(
        type="resource_link",
        uri=path.as_uri(),
        name=path.name,
        mime_type=facts.content_type,
        size=facts.size_bytes,
    )
    seconds = f", {facts.duration_seconds:g} s" if facts.duration_seconds else ""
    text = f"Saved {path} ({facts.format} {facts.codec}{seconds}, {human_size(facts.size_bytes)})."
    if cover_path:
        text += f" Cover: {cover_path}."
    if cover_problem:
        text += f" The cover was not saved: {cover_problem}."
    return reply(ctx, result, text, [link])
