"""The templates toolset: a custom template's variables, and a video from a template with an uploaded image,
through an MCP client against the sandbox; then its status through get_project, and the spec's judgement."""

from __future__ import annotations

from pathlib import Path

import pytest
from mcp import Client

from jogg_mcp.sandbox import SandboxServer
from tests import mediagen
from tests.support import CONTRACT_CHECK, User, call_error, call_ok, check_contract_record, mcp_client, server_settings

pytestmark = pytest.mark.anyio

VOICEOVER = "Everything in the shop is half price this week, so come and see."


async def template_conversation(client: Client, sandbox: SandboxServer, folder: Path) -> str:
    """get_template, create_template_video with a local image uploaded on the way, wait, video URL."""
    custom = await call_ok(client, "list_catalog", kind="templates", source="custom")
    template_id = custom["items"][0]["template_id"]
    template = await call_ok(client, "get_template", template_id=template_id)
    assert {(v["name"], v["type"]) for v in template["variables"]} == {
        ("headline", "text"),
        ("logo", "image"),
        ("voiceover", "script"),
    }
    logo = mediagen.image(folder / "logo.png", "PNG")
    variables = [
        {"name": "headline", "value": "Summer sale"},
        {"name": "logo", "value": str(logo)},
        {"name": "voiceover", "value": VOICEOVER},
    ]
    credits_before = sandbox.state.credits
    created = await call_ok(
        client, "create_template_video", template_id=template_id, language="en", variables=variables
    )
    assert created["kind"] == "template_video" and created["charged"] and created["estimated_credits"] == 1
    # What JoggAI received: the image as the asset_url its upload got, the texts as content.
    body = sandbox.state.projects[created["project_id"]].request
    sent = {v["name"]: (v["type"], v["properties"]) for v in body["variables"]}
    assert sent["headline"] == ("text", {"content": "Summer sale"})
    assert sent["voiceover"] == ("script", {"content": VOICEOVER})
    assert sent["logo"][0] == "image" and sent["logo"][1]["url"].startswith(f"{sandbox.base_url}/assets/")
    assert body["voice_language"] == "english"
    done = await call_ok(client, "get_project", project_id=created["project_id"], wait_seconds=5)
    assert done["status"] == "succeeded" and done["video_url"].endswith(".mp4") and done["kind"] == "template_video"
    assert done["charged_credits"] == 1 and sandbox.state.credits == credits_before - 1
    return str(created["project_id"])


async def test_a_template_video_with_an_uploaded_image(tmp_path: Path) -> None:
    with SandboxServer(render_seconds=0) as sandbox:
        settings = server_settings(sandbox, JOGG_TOOLSETS="video,templates", JOGG_ALLOWED_DIRS=str(tmp_path))
        async with mcp_client(settings, sandbox=True) as client:
            project_id = await template_conversation(client, sandbox, tmp_path)
            # Asked again: the same video, not a second charge, though the logo would upload to a new URL.
            again = await call_ok(
                client,
                "create_template_video",
                template_id=5001,
                language="english",
                variables=[
                    {"name": "headline", "value": "Summer sale"},
                    {"name": "logo", "value": str(tmp_path / "logo.png")},
                    {"name": "voiceover", "value": VOICEOVER},
                ],
            )
            assert again["project_id"] == project_id and again["charged"] is False
            assert sandbox.state.billable_creates["/v2/create_video_with_template"] == 1
            history = await call_ok(client, "list_projects")
            assert history["projects"][0]["kind"] == "template_video"


async def test_template_variables_are_checked_before_anything_is_sent(tmp_path: Path) -> None:
    with SandboxServer(render_seconds=0) as sandbox:
        settings = server_settings(sandbox, JOGG_TOOLSETS="templates", JOGG_ALLOWED_DIRS=str(tmp_path))
        async with mcp_client(settings, sandbox=True) as client:
            text = await call_error(
                client, "create_template_video", template_id=5001, language="english",
                variables=[{"name": "headlne", "value": "Sale"}],
            )  # fmt: skip
            assert "has no 'headlne'" in text and "missing 'headline', 'logo', 'voiceover'" in text
            audio = mediagen.audio(tmp_path / "jingle.mp3", seconds=1)
            text = await call_error(
                client, "create_template_video", template_id=5001, language="english",
                variables=[{"name": "headline", "value": "Sale"}, {"name": "logo", "value": str(audio)},
                           {"name": "voiceover", "value": "Hi"}],
            )  # fmt: skip
            assert "variable 'logo': jingle.mp3 is audio; give image" in text
            text = await call_error(client, "get_template", template_id=149)
            assert "custom templates only" in text
            outside = await call_error(
                client, "create_template_video", template_id=149, language="english",
                variables=[{"name": "hero", "value": "/etc/passwd"}],
            )  # fmt: skip
            assert "Allowed folders" in outside
    assert not [r for r in sandbox.state.requests if r.method == "POST" and "template" in r.path]
    assert not [r for r in sandbox.state.requests if r.path == "/v2/upload/asset"]


@pytest.mark.slow
@pytest.mark.skipif(not CONTRACT_CHECK.exists(), reason="the contract checker is in ../shared/tools")
async def test_the_template_conversation_follows_joggai_specs(tmp_path: Path) -> None:
    record = tmp_path / "record.jsonl"
    with SandboxServer(render_seconds=0, record=str(record)) as sandbox:
        settings = server_settings(sandbox, JOGG_TOOLSETS="all", JOGG_ALLOWED_DIRS=str(tmp_path))
        async with mcp_client(settings, sandbox=True) as client:
            await template_conversation(client, sandbox, tmp_path)
            await call_ok(client, "list_video_history", kind="template_videos")
    operations = (
        "GET /v2/template/custom/{id}",
        "POST /v2/create_video_with_template",
        "GET /v2/template_video/{video_id}",
        "GET /v2/template_videos",
    )
    check_contract_record(record, operations)


async def test_a_video_variable_takes_a_local_clip(tmp_path: Path) -> None:
    with SandboxServer(render_seconds=0) as sandbox:
        settings = server_settings(sandbox, JOGG_TOOLSETS="video,templates", JOGG_ALLOWED_DIRS=str(tmp_path))
        async with mcp_client(settings, sandbox=True) as client:
            clip = mediagen.video(tmp_path / "loop.mp4", seconds=2)
            variables = [
                {"name": "sale_text", "value": "Half price"},
                {"name": "background", "value": str(clip)},
                {"name": "voiceover", "value": VOICEOVER},
            ]
            created = await call_ok(
                client, "create_template_video", template_id=5002, language="german", variables=variables
            )
            sent = {v["name"]: v for v in sandbox.state.projects[created["project_id"]].request["variables"]}
            assert sent["background"]["type"] == "video"
            assert sent["background"]["properties"]["url"].startswith(f"{sandbox.base_url}/assets/")
            done = await call_ok(client, "get_project", project_id=created["project_id"], wait_seconds=5)
            assert done["status"] == "succeeded"


async def test_the_user_is_asked_the_price_of_the_template_and_not_asked_again_for_a_repeat(tmp_path: Path) -> None:
    with SandboxServer(render_seconds=0) as sandbox:
        user = User("accept")
        settings = server_settings(sandbox, JOGG_TOOLSETS="templates", JOGG_ALLOWED_DIRS=str(tmp_path))
        async with mcp_client(settings, sandbox=True, elicitation=user) as client:
            logo = str(mediagen.image(tmp_path / "logo.png", "PNG"))
            long_script = " ".join(["Everything must go this week."] * 60)  # about 2.5 minutes to say
            variables = [
                {"name": "headline", "value": "Sale"},
                {"name": "logo", "value": logo},
                {"name": "voiceover", "value": long_script},  # a script by the template's own declaration
            ]
            first = await call_ok(
                client, "create_template_video", template_id=5001, language="english", variables=variables
            )
            assert (
                first["estimated_credits"] == 2 and user.asked == [user.asked[0]] and "Spend 2 credits" in user.asked[0]
            )
            again = await call_ok(
                client, "create_template_video", template_id=5001, language="english", variables=variables
            )
            assert again["project_id"] == first["project_id"] and not again["charged"] and len(user.asked) == 1


async def test_a_library_template_types_each_variable_by_its_value() -> None:
    """JoggAI publishes no variables for library templates: a media URL is an image or a video by its extension
    (the formats table's), anything else text, and `type` says when it is a script."""
    with SandboxServer(render_seconds=0) as sandbox:
        async with mcp_client(server_settings(sandbox, JOGG_TOOLSETS="templates"), sandbox=True) as client:
            variables = [
                {"name": "hero", "value": f"{sandbox.base_url}/media/shoe.png?v=2"},
                {"name": "clip", "value": f"{sandbox.base_url}/media/run.MP4?v=2"},
                {"name": "title", "value": "New season"},
                {"name": "voice", "value": "Run further this spring.", "type": "script"},
            ]
            arguments = {"template_id": 149, "language": "english", "variables": variables}
            created = await call_ok(client, "create_template_video", **arguments)
    sent = {v["name"]: v["type"] for v in sandbox.state.projects[created["project_id"]].request["variables"]}
    assert sent == {"hero": "image", "clip": "video", "title": "text", "voice": "script"}
