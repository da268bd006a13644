"""The avatars toolset through an MCP client against the sandbox: a photo avatar and a product avatar, each from
generation to a talking video, each step followed with get_project and charged as priced; then the spec's
judgement."""

from __future__ import annotations

from pathlib import Path

import pytest
from mcp import Client

from jogg_mcp.sandbox import SandboxServer
from tests.support import CONTRACT_CHECK, call_error, call_ok, check_contract_record, mcp_client, server_settings

pytestmark = pytest.mark.anyio

VOICE = "en-US-ChristopherNeural"


async def photo_avatar_conversation(client: Client, sandbox: SandboxServer) -> None:
    start = sandbox.state.credits
    photos = await call_ok(
        client, "create_avatar_photos", age="Adult", style="professional", gender="female", aspect_ratio="portrait"
    )
    assert photos["kind"] == "avatar_photos" and photos["estimated_credits"] == 0.2
    sent = sandbox.state.projects[photos["project_id"]].request
    assert sent["avatar_style"] == "Professional" and sent["gender"] == "Female"  # capitalised, as the spec has it
    ready = await call_ok(client, "get_project", project_id=photos["project_id"], wait_seconds=5)
    assert (
        ready["status"] == "succeeded"
        and len(ready["image_urls"]) == 4
        and "animate_avatar_photo" in ready["next_step"]
    )
    motion = await call_ok(
        client,
        "animate_avatar_photo",
        image_url=ready["image_urls"][2],
        photo_id=photos["project_id"],
        name="Ada",
        voice_id=VOICE,
    )
    assert motion["kind"] == "photo_avatar" and motion["estimated_credits"] == 2
    animated = await call_ok(client, "get_project", project_id=motion["project_id"], wait_seconds=5)
    assert animated["status"] == "succeeded" and animated["video_url"] and animated["avatar_id"]
    video = await call_ok(
        client,
        "create_avatar_video",
        avatar_id=animated["avatar_id"],
        avatar_type="custom",
        voice_id=VOICE,
        aspect_ratio="portrait",
        script="Hi, I am Ada, and I will show you around.",
    )
    talking = await call_ok(client, "get_project", project_id=video["project_id"], wait_seconds=5)
    assert talking["status"] == "succeeded" and talking["video_url"]
    assert start - sandbox.state.credits == pytest.approx(0.2 + 2 + 1)


async def test_a_photo_avatar_from_generation_to_a_talking_video() -> None:
    with SandboxServer(render_seconds=0) as sandbox:
        async with mcp_client(server_settings(sandbox, JOGG_TOOLSETS="video,avatars"), sandbox=True) as client:
            await photo_avatar_conversation(client, sandbox)


async def test_an_avatar_still_being_animated_cannot_speak_yet() -> None:
    with SandboxServer(render_seconds=600) as sandbox:
        async with mcp_client(server_settings(sandbox, JOGG_TOOLSETS="video,avatars"), sandbox=True) as client:
            motion = await call_ok(
                client, "animate_avatar_photo", image_url="https://res.jogg.ai/face.png", name="Bo", voice_id=VOICE
            )
            status = await call_ok(client, "get_project", project_id=motion["project_id"])
            assert status["status"] in ("queued", "rendering")
            avatar_id = sandbox.state.projects[motion["project_id"]].avatar_id
            result = await client.call_tool(
                "create_avatar_video",
                {"avatar_id": avatar_id, "avatar_type": "custom", "voice_id": VOICE, "aspect_ratio": "portrait",
                 "script": "Too early."},
            )  # fmt: skip
            assert result.is_error and "still being animated" in result.content[0].text  # type: ignore[union-attr]


@pytest.mark.slow
@pytest.mark.skipif(not CONTRACT_CHECK.exists(), reason="the contract checker is in ../shared/tools")
async def test_the_photo_avatar_conversation_follows_joggai_specs(tmp_path: Path) -> None:
    record = tmp_path / "record.jsonl"
    with SandboxServer(render_seconds=0, record=str(record)) as sandbox:
        async with mcp_client(server_settings(sandbox, JOGG_TOOLSETS="all"), sandbox=True) as client:
            await photo_avatar_conversation(client, sandbox)
    operations = (
        "POST /v2/photo_avatar/photo/generate",
        "GET /v2/photo_avatar/photo",
        "POST /v2/photo_avatar/add_motion",
        "GET /v2/photo_avatar",
    )
    check_contract_record(record, operations)


async def product_avatar_conversation(client: Client, sandbox: SandboxServer, folder: Path) -> str:
    """Images of a presenter holding the user's product photo (uploaded on the way), one animated, then speaking."""
    from tests import mediagen

    shoe = mediagen.image(folder / "shoe.jpg", "JPEG")
    before = sandbox.state.credits
    batch = await call_ok(
        client, "create_product_avatar_images", product_image=str(shoe), presenter_description="A runner", num_images=2
    )
    assert batch["kind"] == "product_avatar_images" and batch["estimated_credits"] is None
    assert "does not publish" in batch["cost_note"]
    sent = sandbox.state.projects[batch["project_id"]].request
    assert sent["product_image_url"].startswith(f"{sandbox.base_url}/assets/")
    assert sent["avatar_source"] == {"type": "description", "value": "A runner"}
    images = await call_ok(client, "get_project", project_id=batch["project_id"], wait_seconds=5)
    assert images["status"] == "succeeded" and len(images["image_urls"]) == 2
    motion = await call_ok(
        client,
        "animate_product_avatar",
        batch_id=batch["project_id"],
        image_url=images["image_urls"][1],
        name="Runner",
        voice_id=VOICE,
        description="Holds the shoe up",
    )
    animated = await call_ok(client, "get_project", project_id=motion["project_id"], wait_seconds=5)
    assert animated["status"] == "succeeded" and animated["kind"] == "product_avatar" and animated["avatar_id"]
    assert sandbox.state.projects[motion["project_id"]].request["generation_id"].endswith("-1")
    video = await call_ok(
        client, "create_avatar_video", avatar_id=animated["avatar_id"], avatar_type="custom", voice_id=VOICE,
        aspect_ratio="portrait", script="This shoe runs with you.",
    )  # fmt: skip
    assert (await call_ok(client, "get_project", project_id=video["project_id"], wait_seconds=5))["done"]
    assert before - sandbox.state.credits == pytest.approx(0.1 + 2 + 1)  # the sandbox's own prices
    return str(batch["project_id"])


async def test_a_product_avatar_from_a_local_photo_to_a_talking_video(tmp_path: Path) -> None:
    with SandboxServer(render_seconds=0) as sandbox:
        settings = server_settings(sandbox, JOGG_TOOLSETS="video,avatars", JOGG_ALLOWED_DIRS=str(tmp_path))
        async with mcp_client(settings, sandbox=True) as client:
            batch_id = await product_avatar_conversation(client, sandbox, tmp_path)
            signed = "https://x.example/a.png?X-Amz-Signature=planted"
            text = await call_error(
                client, "animate_product_avatar", batch_id=batch_id, image_url=signed, name="A", voice_id=VOICE,
                description="d",
            )  # fmt: skip
            assert "'https://x.example/a.png' is not one of batch" in text and "image_urls" in text
            assert "planted" not in text  # a signature never reaches the model
            missing = await call_error(
                client, "animate_product_avatar", batch_id="batch_0", image_url=signed, name="A", voice_id=VOICE,
                description="d",
            )  # fmt: skip
            assert "batch_id" in missing
            both = await client.call_tool(
                "create_product_avatar_images",
                {"product_image": f"{sandbox.base_url}/media/a.png", "presenter_description": "x", "avatar_id": 127},
            )
            assert both.is_error and "exactly one presenter" in both.content[0].text  # type: ignore[union-attr]


@pytest.mark.slow
@pytest.mark.skipif(not CONTRACT_CHECK.exists(), reason="the contract checker is in ../shared/tools")
async def test_the_product_avatar_conversation_follows_joggai_specs(tmp_path: Path) -> None:
    record = tmp_path / "record.jsonl"
    with SandboxServer(render_seconds=0, record=str(record)) as sandbox:
        settings = server_settings(sandbox, JOGG_TOOLSETS="all", JOGG_ALLOWED_DIRS=str(tmp_path))
        async with mcp_client(settings, sandbox=True) as client:
            await product_avatar_conversation(client, sandbox, tmp_path)
    operations = (
        "POST /v2/product_avatar/generation",
        "GET /v2/product_avatar/generation/{batch_id}",
        "POST /v2/product_avatar/add_motion",
        "GET /v2/product_avatar",
    )
    check_contract_record(record, operations)
