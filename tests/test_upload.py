"""upload_asset end to end: every accepted format uploads; every reason to refuse is caught before any API
call, with the measured value, the limit and a fix."""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from mcp import Client

from jogg_mcp.sandbox import SandboxServer
from tests import mediagen as g
from tests.support import mcp_client, server_settings

pytestmark = pytest.mark.anyio


@pytest.fixture
def media(tmp_path: Path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    return folder


@pytest.fixture
async def client(sandbox: SandboxServer, media: Path) -> AsyncIterator[Client]:
    async with mcp_client(server_settings(sandbox, JOGG_ALLOWED_DIRS=str(media))) as connected:
        yield connected


async def upload(client: Client, path: str | Path) -> dict[str, Any]:
    result = await client.call_tool("upload_asset", {"path": str(path)})
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


async def refused(client: Client, sandbox: SandboxServer, path: str | Path) -> str:
    result = await client.call_tool("upload_asset", {"path": str(path)})
    assert result.is_error, result.structured_content
    assert sandbox.state.requests == [], "a refused file must not reach JoggAI"
    text: str = result.content[0].text  # type: ignore[union-attr]
    return text


ACCEPTED: list[tuple[str, Callable[[Path], Path], dict[str, Any]]] = [
    ("photo.jpg", lambda p: g.image(p, "JPEG"), {"content_type": "image/jpeg", "kind": "image", "width": 64}),
    ("logo.png", lambda p: g.image(p, "PNG"), {"content_type": "image/png", "kind": "image", "height": 48}),
    ("art.webp", lambda p: g.image(p, "WEBP"), {"content_type": "image/webp", "format": "WebP"}),
    ("anim.gif", lambda p: g.image(p, "GIF"), {"content_type": "image/gif", "format": "GIF"}),
    ("h264.mp4", lambda p: g.video(p, audio=True), {"content_type": "video/mp4", "codec": "h264", "kind": "video"}),
    ("h265.mp4", lambda p: g.video(p, codec="libx265"), {"content_type": "video/mp4", "codec": "hevc"}),
    ("clip.mov", lambda p: g.video(p, container="mov"), {"content_type": "video/quicktime", "codec": "h264"}),
    ("vp8.webm", lambda p: g.video(p, codec="libvpx"), {"content_type": "video/webm", "codec": "vp8"}),
    ("vp9.webm", lambda p: g.video(p, codec="libvpx-vp9"), {"content_type": "video/webm", "codec": "vp9"}),
    (
        "av1.webm",
        lambda p: g.video(p, codec="libsvtav1", size=(64, 64)),
        {"content_type": "video/webm", "codec": "av1"},
    ),
    ("voice.mp3", lambda p: g.audio(p, seconds=2), {"content_type": "audio/mpeg", "kind": "audio", "codec": "mp3"}),
    ("voice.wav", lambda p: g.audio(p, codec="pcm_s16le"), {"content_type": "audio/wav", "codec": "pcm_s16le"}),
    (
        "voice.m4a",
        lambda p: g.audio(p, container="ipod", codec="aac"),
        {"content_type": "audio/mp4", "format": "M4A", "codec": "aac"},
    ),
    (
        "tagged.mp3",
        lambda p: g.with_id3(g.audio(p, seconds=2), 300_000),
        {"content_type": "audio/mpeg", "kind": "audio"},
    ),
    ("long_ok.mp4", lambda p: g.video(p, seconds=299, fps=1, size=(16, 16)), {"kind": "video"}),
    ("long_ok.mp3", lambda p: g.audio(p, seconds=597), {"kind": "audio"}),
    ("max_size.mp4", lambda p: g.pad_iso(g.video(p), 100_000_000), {"size_bytes": 100_000_000}),
]


@pytest.mark.parametrize(("name", "make", "expected"), ACCEPTED, ids=[a[0] for a in ACCEPTED])
async def test_accepted_formats_upload(
    client: Client,
    sandbox: SandboxServer,
    media: Path,
    name: str,
    make: Callable[[Path], Path],
    expected: dict[str, Any],
) -> None:
    path = make(media / name)
    result = await upload(client, path)
    for key, value in expected.items():
        assert result[key] == value, (key, result)
    assert result["size_bytes"] == path.stat().st_size and result["filename"] == name and result["corrected"] is None
    if result["kind"] != "image":
        assert result["duration_seconds"] > 0
    put = next(r for r in sandbox.state.requests if r.method == "PUT")
    assert put.content_type == result["content_type"] and not put.api_key_sent and not put.chunked
    if path.stat().st_size < 1_000_000:
        assert httpx2.get(result["asset_url"]).content == path.read_bytes()


async def test_wrong_extension_is_corrected(client: Client, sandbox: SandboxServer, media: Path) -> None:
    path = g.image(media / "really_a_png.jpg", "PNG")
    result = await upload(client, path)
    assert result["content_type"] == "image/png" and result["filename"] == "really_a_png.png"
    assert "extension .jpg" in result["corrected"]
    upload_call = next(r for r in sandbox.state.requests if r.path == "/v2/upload/asset")
    assert upload_call.content_type == "application/json"


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello " * 100)
    return path


REFUSED: list[tuple[str, Callable[[Path], Path], list[str]]] = [
    ("empty.mp4", lambda p: (p.write_bytes(b""), p)[1], ["is empty"]),
    ("notes.mp3", lambda p: (p.write_text("just some notes\n" * 20), p)[1], ["plain text", "MP3"]),
    ("page.png", lambda p: (p.write_text("<!DOCTYPE html><html><body>hi</body></html>"), p)[1], ["HTML page"]),
    (
        "drawing.png",
        lambda p: (
            p.write_text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'),
            p,
        )[1],
        ["SVG drawing"],
    ),
    ("archive.mp4", _zip, ["ZIP archive"]),
    ("huge.png", lambda p: g.noise_png(p, 1900), ["10.8 MB", "up to 10 MB (10000000 bytes)", "convert"]),
    ("huge.mp4", lambda p: g.pad_iso(g.video(p), 100_000_001), ["100000001 bytes", "up to 100 MB", "ffmpeg"]),
    ("huge.webm", lambda p: g.pad_tail(g.video(p, codec="libvpx-vp9"), 150_000_000), ["150.0 MB", "100 MB"]),
    ("huge.mp3", lambda p: g.pad_tail(g.audio(p), 20_000_001), ["20000001 bytes", "up to 20 MB", "192k"]),
    ("huge.m4a", lambda p: g.pad_iso(g.audio(p, container="ipod", codec="aac"), 25_000_000), ["25.0 MB"]),
    (
        "six_minutes.mp4",
        lambda p: g.video(p, seconds=360, fps=1, size=(16, 16)),
        ["6:00 (360 s)", "up to 5:00", "-t 300"],
    ),
    ("six_minutes.mov", lambda p: g.video(p, container="mov", seconds=360, fps=1, size=(16, 16)), ["6:00"]),
    # Just past the limits: a check that is off by seconds, not minutes, still refuses these.
    ("five_minutes_two.mp4", lambda p: g.video(p, seconds=302, fps=1, size=(16, 16)), ["5:02", "up to 5:00"]),
    ("ten_minutes_three.mp3", lambda p: g.audio(p, seconds=603), ["10:03", "up to 10:00"]),
    ("eleven_minutes.mp3", lambda p: g.audio(p, seconds=660), ["11:00", "up to 10:00", "-t 600"]),
    ("eleven_minutes.wav", lambda p: g.audio(p, codec="pcm_s16le", seconds=660), ["11:00"]),
    ("eleven_minutes.m4a", lambda p: g.audio(p, container="ipod", codec="aac", seconds=660), ["11:00"]),
    ("mpeg4.mp4", lambda p: g.video(p, codec="mpeg4"), ["mpeg4 video codec", "H.264, H.265", "libx264"]),
    ("mjpeg.mov", lambda p: g.video(p, container="mov", codec="mjpeg"), ["mjpeg video codec", "MOV only"]),
    (
        "h264.webm",
        lambda p: g.matroska_as_webm(g.video(p, container="matroska")),
        ["h264 video codec", "WebM only with AV1, VP8, VP9", "libvpx-vp9"],
    ),
    ("audio_only.webm", lambda p: g.audio(p, container="webm", codec="libopus", rate=48000), ["needs a video stream"]),
    ("cut.mp4", lambda p: (p.write_bytes(g.video(p, seconds=3).read_bytes()[:2000]), p)[1], ["truncated"]),
    ("cut.png", lambda p: (p.write_bytes(g.noise_png(p, 64).read_bytes()[:3000]), p)[1], ["truncated"]),
    ("cut.wav", lambda p: (p.write_bytes(g.audio(p, codec="pcm_s16le").read_bytes()[:5000]), p)[1], ["truncated"]),
    ("cut.jpg", lambda p: (p.write_bytes(g.image(p, "JPEG", (300, 300)).read_bytes()[:600]), p)[1], ["truncated"]),
    ("matroska.mkv", lambda p: g.video(p, container="matroska"), ["Matroska", "ffmpeg -i input.mkv"]),
]


@pytest.mark.parametrize(("name", "make", "fragments"), REFUSED, ids=[r[0] for r in REFUSED])
async def test_refused_files_never_reach_joggai(
    client: Client,
    sandbox: SandboxServer,
    media: Path,
    name: str,
    make: Callable[[Path], Path],
    fragments: list[str],
) -> None:
    make(media / name)
    text = await refused(client, sandbox, media / name)
    assert "Not uploaded" in text and name in text
    for fragment in fragments:
        assert fragment in text, (fragment, text)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "secret"
    secret.mkdir()
    return g.image(secret / "private.png", "PNG")


async def test_paths_outside_the_roots_are_refused(
    client: Client, sandbox: SandboxServer, media: Path, outside: Path
) -> None:
    (media / "escape.png").symlink_to(outside)
    for raw, fragment in [
        (str(outside), "outside the allowed folders"),
        ("../secret/private.png", "outside the allowed folders"),
        (str(media / ".." / "secret" / "private.png"), "outside the allowed folders"),
        ("escape.png", "through a symbolic link"),
        ("/etc/passwd", "outside the allowed folders"),
    ]:
        text = await refused(client, sandbox, raw)
        assert fragment in text and f"Allowed folders: {media}" in text and repr(raw) in text


async def test_folders_fifos_and_missing_files_are_refused(client: Client, sandbox: SandboxServer, media: Path) -> None:
    (media / "album").mkdir()
    os.mkfifo(media / "pipe.mp3")
    g.image(media / "holiday_photo.png", "PNG")
    assert "is a folder" in await refused(client, sandbox, "album")
    assert "FIFO" in await refused(client, sandbox, "pipe.mp3")
    missing = await refused(client, sandbox, "holiday_foto.png")
    assert "does not exist" in missing and f"Did you mean '{media / 'holiday_photo.png'}'" in missing


async def test_relative_paths_start_at_the_first_root(client: Client, media: Path) -> None:
    (media / "sub").mkdir()
    g.image(media / "sub" / "a.png", "PNG")
    assert (await upload(client, "sub/a.png"))["filename"] == "a.png"


async def test_client_roots_take_precedence(sandbox: SandboxServer, media: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared-by-client"
    shared.mkdir()
    g.image(shared / "b.png", "PNG")
    g.image(media / "c.png", "PNG")
    settings = server_settings(sandbox, JOGG_ALLOWED_DIRS=str(media))
    async with mcp_client(settings, roots=[shared]) as client:
        assert (await upload(client, "b.png"))["filename"] == "b.png"
        sandbox.state.requests.clear()
        text = await refused(client, sandbox, str(media / "c.png"))
        assert f"Allowed folders: {shared}" in text


async def test_expired_signed_url_gets_a_fresh_one(client: Client, sandbox: SandboxServer, media: Path) -> None:
    path = g.image(media / "a.png", "PNG")
    sandbox.faults.inject(path="/upload/*", kind="expire_signed_url")
    result = await upload(client, path)
    assert sum(r.path == "/v2/upload/asset" for r in sandbox.state.requests) == 2
    assert httpx2.get(result["asset_url"]).content == path.read_bytes()


async def test_storage_refusal_is_reported(client: Client, sandbox: SandboxServer, media: Path) -> None:
    g.image(media / "a.png", "PNG")
    sandbox.faults.inject(path="/upload/*", kind="forbid_put")
    result = await client.call_tool("upload_asset", {"path": "a.png"})
    assert result.is_error and "storage refused the file: AccessDenied" in result.content[0].text  # type: ignore[union-attr]
    assert "signature=" not in result.content[0].text.lower()  # type: ignore[union-attr]


async def test_a_file_that_changes_before_the_put_is_not_sent(
    client: Client, sandbox: SandboxServer, media: Path
) -> None:
    path = g.video(media / "growing.mp4")
    sandbox.faults.inject(path="/v2/upload/asset", kind="hold", delay=60)  # the signed URL waits for us

    async def grow_meanwhile() -> None:
        # After the file was checked and the signed URL asked for, before the bytes go.
        assert await anyio.to_thread.run_sync(sandbox.faults.wait_until_holding, 60)
        with path.open("ab") as handle:
            handle.write(b"\x00" * 1000)
        sandbox.faults.release()

    async with anyio.create_task_group() as group:
        group.start_soon(grow_meanwhile)
        result = await client.call_tool("upload_asset", {"path": str(path)})
    assert result.is_error and "changed size since it was checked" in result.content[0].text  # type: ignore[union-attr]
    assert not any(r.method == "PUT" for r in sandbox.state.requests)


async def test_a_multi_megabyte_upload_arrives_byte_for_byte(
    client: Client, sandbox: SandboxServer, media: Path
) -> None:
    """Several 1 MiB chunks of bytes that never repeat: a chunk lost, reordered or corrupted changes the hash."""
    path = g.noise_wav(media / "noise.wav", 3_500_000)
    result = await client.call_tool("upload_asset", {"path": str(path)})
    assert not result.is_error and result.structured_content is not None, result.content
    served = httpx2.get(result.structured_content["asset_url"]).content
    assert len(served) == path.stat().st_size
    assert hashlib.sha256(served).hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest()


async def test_a_file_that_changes_type_before_the_put_is_not_sent(
    client: Client, sandbox: SandboxServer, media: Path
) -> None:
    path = g.image(media / "logo.png", "PNG", (200, 200))
    size = path.stat().st_size
    sandbox.faults.inject(path="/v2/upload/asset", kind="hold", delay=60)

    async def swap_meanwhile() -> None:
        assert await anyio.to_thread.run_sync(sandbox.faults.wait_until_holding, 60)
        path.write_bytes(b"PK\x03\x04" + b"\x00" * (size - 4))  # same size, now a ZIP archive
        sandbox.faults.release()

    async with anyio.create_task_group() as group:
        group.start_soon(swap_meanwhile)
        result = await client.call_tool("upload_asset", {"path": str(path)})
    assert result.is_error and "changed type since it was checked" in result.content[0].text  # type: ignore[union-attr]
    assert not any(r.method == "PUT" for r in sandbox.state.requests)
