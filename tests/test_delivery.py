"""save_video through an MCP client against the sandbox: a finished render streamed into an allowed folder,
checked, never overwriting, nothing left behind when anything goes wrong."""

from __future__ import annotations

import base64
import io
import os
from pathlib import Path
from typing import Any

import av
import pytest
from mcp import Client
from mcp.types import CallToolResult, ImageContent, ResourceLink

from jogg_mcp.media.check import inspect_video
from jogg_mcp.sandbox import SandboxServer
from tests import mediagen
from tests.support import AVATAR, sandbox_product, sandbox_render

pytestmark = pytest.mark.anyio


async def save(mcp: Client, **arguments: Any) -> tuple[dict[str, Any], CallToolResult]:
    result = await mcp.call_tool("save_video", arguments)
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content, result


async def refusal(mcp: Client, **arguments: Any) -> str:
    result = await mcp.call_tool("save_video", arguments)
    assert result.is_error, result.structured_content
    text: str = result.content[0].text  # type: ignore[union-attr]
    return text


def files_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*") if path.is_file())


async def test_a_finished_render_is_saved_checked_and_linked(
    mcp: Client, sandbox: SandboxServer, tmp_path: Path
) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    saved, result = await save(mcp, project_id=project_id, folder="videos", filename="Launch cut")
    path = Path(saved["path"])
    assert path == tmp_path / "videos" / "Launch cut.mp4" and path.is_absolute()
    facts = inspect_video(path)  # a whole, valid MP4, as long as JoggAI said
    assert facts.format == "MP4" and facts.codec == "h264" and abs((facts.duration_seconds or 0) - 15) <= 1
    assert saved["size_bytes"] == path.stat().st_size and saved["duration_seconds"] == facts.duration_seconds
    _, link = result.content
    assert isinstance(link, ResourceLink)
    assert link.uri == path.as_uri() and link.mime_type == "video/mp4" and link.size == path.stat().st_size
    assert files_in(tmp_path) == ["Launch cut.mp4"]  # no temporary file left behind

    again, _ = await save(mcp, project_id=project_id, folder="videos", filename="Launch cut")
    assert Path(again["path"]).name == "Launch cut (2).mp4"
    assert files_in(tmp_path) == ["Launch cut (2).mp4", "Launch cut.mp4"]  # the first one untouched


async def test_by_default_it_goes_to_the_first_folder_named_after_the_video(
    mcp: Client, sandbox: SandboxServer, tmp_path: Path
) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    progress: list[str] = []

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        progress.append(message or "")

    result = await mcp.call_tool(
        "save_video", {"project_id": project_id, "with_cover": True}, progress_callback=on_progress
    )
    assert result.structured_content is not None
    saved = result.structured_content
    assert any(message.startswith("saving the video: ") for message in progress)  # reported while streaming
    assert Path(saved["path"]).parent == tmp_path and Path(saved["path"]).suffix == ".mp4"
    assert saved["cover_path"] and Path(saved["cover_path"]).suffix == ".png"
    assert Path(saved["cover_path"]).read_bytes().startswith(b"\x89PNG")


async def test_a_cover_that_cannot_be_fetched_does_not_cost_the_video(
    mcp: Client, sandbox: SandboxServer, tmp_path: Path
) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    sandbox.faults.inject(path=f"/media/{project_id}.png", kind="http_503")
    saved, result = await save(mcp, project_id=project_id, with_cover=True)
    assert Path(saved["path"]).exists() and saved["cover_path"] is None
    assert "The cover was not saved: its download failed" in result.content[0].text  # type: ignore[union-attr]
    assert files_in(tmp_path) == [Path(saved["path"]).name]  # and no partial cover left


async def test_a_transparent_avatar_video_is_saved_as_webm(mcp: Client, tmp_path: Path) -> None:
    created = await mcp.call_tool("create_avatar_video", {**AVATAR, "screen_style": "transparent", "caption": False})
    assert created.structured_content is not None
    saved, _ = await save(mcp, project_id=created.structured_content["project_id"], filename="clip.mp4")
    assert Path(saved["path"]).name == "clip.webm" and saved["format"] == "WebM" and saved["codec"] == "vp9"


@pytest.mark.parametrize("folder", ["/etc", "../outside", "link-out"])
async def test_folders_outside_the_allowed_ones_are_refused(
    mcp: Client, sandbox: SandboxServer, tmp_path: Path, folder: str
) -> None:
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (tmp_path / "link-out").symlink_to(outside)  # a symlink inside the root, pointing out of it
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    text = await refusal(mcp, project_id=project_id, folder=folder)
    assert "outside the allowed folders" in text and "Nothing was saved" in text
    assert files_in(outside) == [] and files_in(tmp_path) == []


async def test_an_unfinished_or_failed_render_says_what_to_do(
    mcp: Client, sandbox: SandboxServer, tmp_path: Path
) -> None:
    sandbox.state.render_seconds = 600
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    text = await refusal(mcp, project_id=project_id, folder="videos")
    assert "still queued" in text and "get_project" in text and "wait_seconds=45" in text
    assert not (tmp_path / "videos").exists()  # no folder made for a video that is not there
    sandbox.state.set_outcome(project_id, "failed", "avatar unavailable")
    assert "failed (failed: avatar unavailable), so there is no video" in await refusal(mcp, project_id=project_id)


async def test_a_download_cut_halfway_leaves_nothing(mcp: Client, sandbox: SandboxServer, tmp_path: Path) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    sandbox.faults.inject(path="/media/*", kind="reset")
    text = await refusal(mcp, project_id=project_id)
    assert "Nothing was saved" in text and "save_video again" in text
    assert os.listdir(tmp_path) == []  # not even a hidden partial file


async def test_an_expired_link_is_explained(mcp: Client, sandbox: SandboxServer, tmp_path: Path) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    sandbox.faults.inject(path="/media/*", kind="expire_signed_url")
    text = await refusal(mcp, project_id=project_id)
    assert "HTTP 403" in text and "expire" in text and "Nothing was saved" in text
    assert os.listdir(tmp_path) == []


def shown_blocks(result: CallToolResult) -> tuple[list[ResourceLink], list[ImageContent]]:
    links = [block for block in result.content if isinstance(block, ResourceLink)]
    images = [block for block in result.content if isinstance(block, ImageContent)]
    return links, images


async def test_a_finished_render_is_shown_with_a_link_and_a_small_thumbnail(
    mcp: Client, sandbox: SandboxServer
) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    result = await mcp.call_tool("get_project", {"project_id": project_id})
    assert result.structured_content is not None
    (link,), (thumbnail,) = shown_blocks(result)
    assert link.uri == result.structured_content["video_url"] and link.mime_type == "video/mp4"
    jpeg = base64.b64decode(thumbnail.data)
    assert thumbnail.mime_type == "image/jpeg" and jpeg.startswith(b"\xff\xd8") and len(jpeg) <= 40_000
    with av.open(io.BytesIO(jpeg)) as container:
        frame = next(container.decode(video=0))
    assert max(frame.width, frame.height) <= 160  # scaled down from the 256-pixel cover
    assert len(result.model_dump_json()) < 60_000  # no video bytes inline, ever


async def test_a_thumbnail_is_made_once_per_cover(mcp: Client, sandbox: SandboxServer) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    first = shown_blocks(await mcp.call_tool("get_project", {"project_id": project_id}))[1]
    sandbox.faults.inject(path=f"/media/{project_id}.png", kind="hold", delay=60)  # the cover would now hang
    try:
        again = shown_blocks(await mcp.call_tool("get_project", {"project_id": project_id}))[1]
    finally:
        sandbox.faults.release()
    assert again == first and len(again) == 1  # kept, not fetched again


async def test_an_unfinished_render_or_a_slow_cover_shows_less(mcp: Client, sandbox: SandboxServer) -> None:
    sandbox.state.render_seconds = 600
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    assert shown_blocks(await mcp.call_tool("get_project", {"project_id": project_id})) == ([], [])
    sandbox.state.advance(600)
    sandbox.faults.inject(path=f"/media/{project_id}.png", kind="hold", delay=60)
    try:
        links, images = shown_blocks(await mcp.call_tool("get_project", {"project_id": project_id}))
    finally:
        sandbox.faults.release()
    assert len(links) == 1 and images == []  # the cover did not come in time: the link alone


async def test_list_projects_shows_its_finished_renders(mcp: Client, sandbox: SandboxServer) -> None:
    created = [await mcp.call_tool("create_avatar_video", {**AVATAR, "script": f"Take {n}"}) for n in range(6)]
    listed = await mcp.call_tool("list_projects", {})
    links, images = shown_blocks(listed)
    expected = [f"{c.structured_content['project_id']}.mp4" for c in reversed(created)]  # type: ignore[index]
    assert [link.uri.rsplit("/", 1)[-1] for link in links] == expected  # newest first
    assert len(images) == 4  # covers of the newest few, not of every one
    assert len(listed.model_dump_json()) < 60_000


async def test_redirects_are_followed_only_to_https_or_back_home(
    mcp: Client, sandbox: SandboxServer, tmp_path: Path
) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))
    signed = "http://198.51.100.7/video.mp4?X-Amz-Signature=abc123"
    sandbox.faults.inject(path="/media/*", kind="redirect", message=signed)
    text = await refusal(mcp, project_id=project_id)
    assert "http://198.51.100.7/video.mp4, which is not an https address" in text and os.listdir(tmp_path) == []
    assert "abc123" not in text  # a signature never reaches the model
    sandbox.faults.inject(path="/media/*", kind="redirect", message=f"/media/{project_id}.mp4")  # same origin
    saved, _ = await save(mcp, project_id=project_id)
    assert Path(saved["path"]).exists()


async def test_a_video_that_does_not_match_what_joggai_reported_is_not_kept(
    mcp: Client, sandbox: SandboxServer, tmp_path: Path
) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))  # JoggAI says 15 s
    sandbox.state.projects[project_id].video_file = mediagen.video(tmp_path.parent / "short.mp4", seconds=2)
    text = await refusal(mcp, project_id=project_id)
    assert "lasts 2" in text and "JoggAI reported 15 s" in text and os.listdir(tmp_path) == []
    sandbox.state.projects[project_id].video_file = mediagen.image(tmp_path.parent / "still.png", "PNG")
    text = await refusal(mcp, project_id=project_id)
    assert "not a video" in text and os.listdir(tmp_path) == []
