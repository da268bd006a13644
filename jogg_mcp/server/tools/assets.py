"""upload_asset: check a local file against JoggAI's limits, then stream it to JoggAI."""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import anyio
from mcp.server.mcpserver import Context, ListRoots, Resolve
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import CallToolResult, ListRootsResult
from pydantic import Field

from jogg_mcp.api import JoggClient
from jogg_mcp.files import PathRefused, default_roots, describe_roots, resolve_in_roots, roots_from_uris
from jogg_mcp.media.check import MediaFacts, MediaRejected, MediaReport, inspect_media, recheck
from jogg_mcp.media.formats import human_size, limits_sentence
from jogg_mcp.server.parameters import LOCAL_PATH, media_url
from jogg_mcp.server.remote_audio import audio_seconds
from jogg_mcp.server.replies import ToolResult, reply
from jogg_mcp.server.runtime import Runtime, runtime_of
from jogg_mcp.server.session import jogg_session
from jogg_mcp.server.spending import remember_upload

PROGRESS_EVERY_SECONDS = 0.5

UPLOAD_DESCRIPTION = f"""Upload a local image, video or audio file to JoggAI and get its asset_url. Free.
For the user's logo, photos, clips (product media) or voice-over (create_avatar_video's audio_url).
Checked first against JoggAI's limits ({limits_sentence()}); a refused file is not sent. Only files in
the allowed folders (resource jogg://allowed-folders; relative paths start at the first)."""


class UploadResult(ToolResult, MediaFacts):
    asset_url: str = Field(description="Use as audio_url, or as a product media url")
    corrected: str | None = Field(default=None, description="What was corrected, e.g. a wrong file extension")


async def client_roots(ctx: Context) -> ListRootsResult | ListRoots | None:
    """Ask for the client's roots only when it says it has them."""
    capabilities = ctx.client_capabilities
    if capabilities is None or capabilities.roots is None:
        return None
    return ListRoots()


def allowed_roots(runtime: Runtime, offered: ListRootsResult | None) -> list[Path]:
    """The client's roots when it offers any, else JOGG_ALLOWED_DIRS, else the home media folders."""
    if offered is not None:
        from_client = roots_from_uris(str(root.uri) for root in offered.roots)
        if from_client:
            return from_client
    return list(runtime.settings.allowed_dirs) or default_roots()


def byte_progress(ctx: Context, doing: str) -> Callable[[int, int | None], Awaitable[None]]:
    """A progress callback for bytes moved (uploads, saves) that tells the client at most twice a second, and
    always at the end: "<doing>: 3.1 MB of 100.0 MB"."""
    last_report = 0.0

    async def progress(done: int, total: int | None) -> None:
        nonlocal last_report
        now = time.monotonic()
        if done == total or now - last_report >= PROGRESS_EVERY_SECONDS:
            last_report = now
            of = f" of {human_size(total)}" if total else ""
            await ctx.report_progress(done, total, f"{doing}: {human_size(done)}{of}")

    return progress


def _facts(report: MediaReport) -> str:
    parts = (
        report.format,
        human_size(report.size_bytes),
        f"{report.duration_seconds:g} s" if report.duration_seconds else None,
        report.codec,
        f"{report.width}x{report.height}" if report.width else None,
    )
    return ", ".join(str(part) for part in parts if part)


async def upload_local_file(ctx: Context, path: str, roots: ListRootsResult | None) -> tuple[MediaReport, str]:
    """The one way a local file reaches JoggAI (upload_asset, and template variables given as files): confined
    to the allowed folders, checked against JoggAI's limits, streamed with progress. A refusal is a ToolError
    that names the file and the fix; nothing is uploaded then."""
    settings = runtime_of(ctx).settings
    if settings.allowed_dir_problems and not (roots and roots.roots):
        raise ToolError(
            "The folders this server may read from are misconfigured: "
            + "; ".join(settings.allowed_dir_problems)
            + ". Fix JOGG_ALLOWED_DIRS in this server's environment (your MCP client's config) and restart it; "
            "separate folders with ':'. Nothing was uploaded."
        )
    allowed = allowed_roots(runtime_of(ctx), roots)
    report = await check_local_file(path, allowed)
    try:
        async with jogg_session(ctx) as jogg:
            asset_url = await jogg.assets.upload(
                os.fspath(report.path),
                filename=report.filename,
                content_type=report.content_type,
                size=report.size_bytes,
                before_put=lambda: anyio.to_thread.run_sync(recheck, report),  # the file may change meanwhile
                on_progress=byte_progress(ctx, f"uploading {report.filename}"),
            )
    except MediaRejected as rejected:
        raise ToolError(f"Not uploaded: {rejected}") from None
    except OSError as error:
        raise ToolError(f"{path!r} could not be read ({error.strerror or error}). Nothing was uploaded.") from None
    if report.duration_seconds is not None:
        await remember_upload(ctx, asset_url, report.duration_seconds)
    return report, asset_url


async def check_local_file(path: str, allowed: list[Path]) -> MediaReport:
    """A file inside `allowed`, checked against JoggAI's limits without reading it whole; a ToolError if not."""
    try:
        real = resolve_in_roots(path, allowed)
        return await anyio.to_thread.run_sync(inspect_media, real)
    except PathRefused as refused:
        raise ToolError(str(refused)) from None
    except MediaRejected as rejected:
        raise ToolError(f"Not uploaded: {rejected}") from None
    except OSError as error:
        raise ToolError(
            f"{path!r} could not be read ({error.strerror or error}). Allowed folders: {describe_roots(allowed)}."
        ) from None


async def upload_asset(
    ctx: Context,
    path: Annotated[
        str,
        Field(
            min_length=1,
            max_length=4096,
            description="A file in the allowed folders",
        ),
    ],
    roots: Annotated[ListRootsResult | None, Resolve(client_roots)],
) -> Annotated[CallToolResult, UploadResult]:
    """Check a local media file against JoggAI's limits, then upload it and return its asset_url."""
    report, asset_url = await upload_local_file(ctx, path, roots)
    real = report.path
    corrected = None
    if report.corrected_extension_from is not None:
        corrected = (
            f"extension {report.corrected_extension_from} did not match the {report.format} content; "
            f"sent as {report.filename}"
        )
    step = (
        "Use asset_url as create_avatar_video's audio_url."
        if report.kind == "audio"
        else "Use asset_url in create_product_from_url/update_product media."
    )
    extra = {"asset_url": asset_url, "corrected": corrected, "next_step": step}
    result = UploadResult.model_validate(report.facts().model_dump() | extra)
    text = f"Uploaded {real.name} ({_facts(report)}): {asset_url}" + (f". Note: {corrected}." if corrected else "")
    return reply(ctx, result, text)


@dataclass(frozen=True)
class MediaInput:
    """One media input: a URL as given, or a local file checked but not yet uploaded."""

    url: str | None
    file: MediaReport | None
    seconds: float | None
    identity: str | None = None  # what it is when its URL may change between asks (a render's signed link)

    @property
    def intent(self) -> str:
        """What the ledger fingerprints: a file by its path, size and time, so asking twice is one request
        although each upload gets a new URL; a render by its id, whatever link JoggAI gives it now."""
        if self.identity is not None:
            return self.identity
        if self.file is None:
            return str(self.url)
        stat = self.file.path.stat()
        return f"{self.file.path.as_uri()}#size={stat.st_size}&mtime_ns={stat.st_mtime_ns}"

    async def uploaded(self, ctx: Context, roots: ListRootsResult | None) -> str:
        if self.file is None:
            return str(self.url)
        return (await upload_local_file(ctx, str(self.file.path), roots))[1]


async def media_input(
    ctx: Context, jogg: JoggClient, value: str, roots: ListRootsResult | None, kinds: tuple[str, ...], field: str
) -> MediaInput:
    """Check a media input without uploading it: its kind and (where it can be read) its length."""
    if LOCAL_PATH.match(value):
        report = await check_local_file(value.removeprefix("file://"), allowed_roots(runtime_of(ctx), roots))
        if report.kind not in kinds:
            raise ToolError(f"{field}: {report.filename} is {report.kind}; give {' or '.join(kinds)}. Nothing sent.")
        return MediaInput(url=None, file=report, seconds=report.duration_seconds)
    try:
        url = media_url(value)
    except ValueError as error:
        raise ToolError(f"{field}: {error}.") from None
    return MediaInput(url=url, file=None, seconds=await audio_seconds(ctx, jogg, url))


upload_asset.__doc__ = UPLOAD_DESCRIPTION  # the limits come from the formats table (docs/tool-descriptions.md)
