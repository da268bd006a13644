"""The studio toolset through an MCP client against the sandbox: a lip sync asked twice and charged once, a
failed one made again, a translation of a finished render; then the spec's judgement of every exchange."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from jogg_mcp.ledger import open_ledger
from jogg_mcp.sandbox import SandboxServer
from tests import mediagen
from tests.support import (
    AVATAR,
    CONTRACT_CHECK,
    User,
    call_error,
    call_ok,
    check_contract_record,
    mcp_client,
    server_settings,
)

pytestmark = pytest.mark.anyio


def studio(sandbox: SandboxServer, folder: Path) -> Any:
    settings = server_settings(sandbox, JOGG_TOOLSETS="video,studio", JOGG_ALLOWED_DIRS=str(folder))
    return mcp_client(settings, sandbox=True)


async def studio_conversation(client: Client, sandbox: SandboxServer, folder: Path) -> str:
    """An avatar video, lip-synced to a local voice-over (twice: one charge), then translated into Spanish."""
    avatar = await call_ok(client, "create_avatar_video", **{**AVATAR, "script": "Hello from the shop."})
    clip = await call_ok(client, "get_project", project_id=avatar["project_id"], wait_seconds=5)
    assert clip["status"] == "succeeded"
    voice = mediagen.audio(folder / "voice.mp3", seconds=25)
    before = sandbox.state.credits
    synced = await call_ok(client, "create_lip_sync", video=clip["video_url"], audio=str(voice))
    assert synced["kind"] == "lip_sync" and synced["charged"] and synced["estimated_credits"] == 0.21
    again = await call_ok(client, "create_lip_sync", video=clip["video_url"], audio=str(voice))
    assert again["project_id"] == synced["project_id"] and again["charged"] is False
    assert sandbox.state.billable_creates["/v2/create_lip_sync_video"] == 1
    body = sandbox.state.projects[synced["project_id"]].request
    assert body["audio_url"].startswith(f"{sandbox.base_url}/assets/") and body["playback_type"] == "normal"
    done = await call_ok(client, "get_project", project_id=synced["project_id"], wait_seconds=5)
    assert done["status"] == "succeeded" and done["raw_status"] == "success" and done["video_url"]
    charged = before - sandbox.state.credits  # 26 started seconds at 1/125 credit each
    assert charged == pytest.approx(26 / 125) and charged <= synced["estimated_credits"] < charged + 0.01

    before = sandbox.state.credits
    spanish = await call_ok(client, "translate_video", video=synced["project_id"], language="es")
    assert spanish["kind"] == "translation" and spanish["estimated_credits"] == 1.0  # 25 s: two 20 s blocks
    sent = sandbox.state.requests[-1]
    assert sent.method == "POST" and sent.path == "/v2/video_translate/"  # the trailing slash JoggAI has
    translated = await call_ok(client, "get_project", project_id=spanish["project_id"], wait_seconds=5)
    assert translated["status"] == "succeeded" and translated["subtitle_url"].endswith(".srt")
    assert sandbox.state.projects[spanish["project_id"]].request["output_language"] == "spanish"
    assert before - sandbox.state.credits == 1.0
    # Asked again: the same translation, though JoggAI may give the render another (signed) link each time,
    # since the render is known by its id.
    again = await call_ok(client, "translate_video", video=synced["project_id"], language="spanish")
    assert again["project_id"] == spanish["project_id"] and again["charged"] is False
    return str(spanish["project_id"])


async def test_lip_sync_once_then_a_translation(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.sqlite"
    with SandboxServer(render_seconds=0) as sandbox:
        settings = server_settings(
            sandbox, JOGG_TOOLSETS="video,studio", JOGG_ALLOWED_DIRS=str(tmp_path), JOGG_STATE=str(ledger)
        )
        async with mcp_client(settings, sandbox=True) as client:
            translation = await studio_conversation(client, sandbox, tmp_path)
    # A render is fingerprinted by its id, not by the link JoggAI gives it now (which can be signed and change).
    record = open_ledger(ledger).by_project(translation)
    assert record is not None and record.request["video_url"].startswith("jogg:lip_sync/")


async def test_a_failed_lip_sync_is_made_again_and_a_pending_one_is_not(tmp_path: Path) -> None:
    with SandboxServer(render_seconds=600) as sandbox:
        async with studio(sandbox, tmp_path) as client:
            voice = str(mediagen.audio(tmp_path / "voice.mp3", seconds=3))
            video = f"{sandbox.base_url}/media/clip.mp4"  # not a render: the sandbox takes it as 10 s
            first = await call_ok(client, "create_lip_sync", video=video, audio=voice)
            pending = await call_ok(client, "create_lip_sync", video=video, audio=voice)
            assert pending["project_id"] == first["project_id"] and not pending["charged"]
            sandbox.state.set_outcome(first["project_id"], "failed", "audio duration fetch failed")
            retried = await call_ok(client, "create_lip_sync", video=video, audio=voice)
            assert retried["project_id"] != first["project_id"] and retried["charged"]
            assert sandbox.state.billable_creates["/v2/create_lip_sync_video"] == 2


async def test_studio_inputs_are_checked_before_anything_is_sent(tmp_path: Path) -> None:
    with SandboxServer(render_seconds=0) as sandbox:
        async with studio(sandbox, tmp_path) as client:
            clip = f"{sandbox.base_url}/media/clip.mp4"
            text = await call_error(client, "translate_video", video=clip, language="klingon")
            assert "does not translate into 'klingon'" in text and "spanish" in text
            image = str(mediagen.image(tmp_path / "still.png", "PNG"))
            text = await call_error(client, "create_lip_sync", video=image, audio=f"{sandbox.base_url}/media/a.mp3")
            assert "still.png is image; give video" in text
            text = await call_error(
                client, "create_lip_sync", video="/etc/hosts", audio=f"{sandbox.base_url}/media/a.mp3"
            )
            assert "Allowed folders" in text
            long_clip = mediagen.video(tmp_path / "long.mp4", seconds=181, fps=1)
            text = await call_error(client, "translate_video", video=str(long_clip), language="french")
            assert "up to 3 minutes" in text
    assert not [r for r in sandbox.state.requests if r.method == "POST" and r.path != "/v2/upload/asset"]


@pytest.mark.slow
@pytest.mark.skipif(not CONTRACT_CHECK.exists(), reason="the contract checker is in ../shared/tools")
async def test_the_studio_conversation_follows_joggai_specs(tmp_path: Path) -> None:
    record = tmp_path / "record.jsonl"
    with SandboxServer(render_seconds=0, record=str(record)) as sandbox:
        settings = server_settings(sandbox, JOGG_TOOLSETS="all", JOGG_ALLOWED_DIRS=str(tmp_path))
        async with mcp_client(settings, sandbox=True) as client:
            await studio_conversation(client, sandbox, tmp_path)
    operations = (
        "POST /v2/create_lip_sync_video",
        "GET /v2/lip_sync_video/{task_id}",
        "POST /v2/video_translate/",
        "GET /v2/video_translate/{video_translate_id}",
        "GET /v2/video_translate/target_languages",
    )
    check_contract_record(record, operations)


async def test_a_failed_lip_sync_is_made_again_only_after_the_user_agrees(tmp_path: Path) -> None:
    """A repeat looks free, so it is not asked about; when the earlier task turns out to have failed, nothing
    is sent until a call that asks the user first (then the failure is on record, and the question comes)."""
    with SandboxServer(render_seconds=600) as sandbox:
        user = User("accept")
        settings = server_settings(sandbox, JOGG_TOOLSETS="studio", JOGG_ALLOWED_DIRS=str(tmp_path))
        async with mcp_client(settings, sandbox=True, elicitation=user) as client:
            voice = str(mediagen.audio(tmp_path / "voice.mp3", seconds=3))
            video = f"{sandbox.base_url}/media/clip.mp4"
            first = await call_ok(client, "create_lip_sync", video=video, audio=voice)
            assert len(user.asked) == 1 and "Spend 0.04 credits" in user.asked[0]  # 4 started seconds
            repeat = await call_ok(client, "create_lip_sync", video=video, audio=voice)
            assert repeat["project_id"] == first["project_id"] and len(user.asked) == 1  # free: not asked
            sandbox.state.set_outcome(first["project_id"], "failed", "audio duration fetch failed")
            text = await call_error(client, "create_lip_sync", video=video, audio=voice)
            assert "failed, and nothing was sent now" in text and len(user.asked) == 1
            again = await call_ok(client, "create_lip_sync", video=video, audio=voice)
            assert again["charged"] and again["project_id"] != first["project_id"] and len(user.asked) == 2
    assert sandbox.state.billable_creates["/v2/create_lip_sync_video"] == 2
