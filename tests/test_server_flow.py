"""JoggAI's guided flow end to end through an MCP client: uploads, product, update, four videos, waits."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import httpx2
import pytest
from mcp import Client, StdioServerParameters

from jogg_mcp.sandbox import SandboxServer
from tests import mediagen
from tests.support import AVATAR, sandbox_product, sandbox_render

pytestmark = pytest.mark.anyio


async def call(client: Client, tool: str, **arguments: Any) -> dict[str, Any]:
    result = await client.call_tool(tool, arguments)
    assert not result.is_error, result.content
    assert result.structured_content is not None
    text = result.content[0].text  # type: ignore[union-attr]
    assert text.startswith("[JoggAI sandbox")
    return result.structured_content


async def test_seed_flow(mcp: Client, sandbox: SandboxServer, tmp_path: Path) -> None:
    sandbox.state.render_seconds = 600  # renders progress as the test moves the sandbox's clock
    logo = mediagen.image(tmp_path / "logo.png", "PNG", (320, 200))
    mediagen.audio(tmp_path / "voice.mp3", seconds=3)

    image = await call(mcp, "upload_asset", path=str(logo))
    assert image["kind"] == "image" and image["content_type"] == "image/png"
    assert (image["width"], image["height"]) == (320, 200) and image["sandbox"] is True
    assert httpx2.get(image["asset_url"]).content == logo.read_bytes()
    audio = await call(mcp, "upload_asset", path="voice.mp3")  # relative to the first allowed folder
    assert audio["kind"] == "audio" and audio["codec"] == "mp3" and 2.9 < audio["duration_seconds"] < 3.2

    product = await call(mcp, "create_product_from_url", url="https://shop.example/p/123")
    assert product["product_id"] and product["name"] == "Shop Product 123" and product["media"]
    updated = await call(
        mcp,
        "update_product",
        product_id=product["product_id"],
        name="Trail Shoe",
        target_audience="runners",
        media=[{"type": "image", "url": image["asset_url"], "name": "Logo"}],
    )
    assert updated["name"] == "Trail Shoe" and updated["target_audience"] == "runners"
    assert updated["description"] == product["description"]
    assert [m["url"] for m in updated["media"]] == [image["asset_url"]]

    common = {
        "product_id": product["product_id"],
        "aspect_ratio": "portrait",
        "video_length": 15,
        "language": "english",
        "voice_id": "en-US-ChristopherNeural",
        "script_style": "Don't Worry",
    }
    styled = await call(mcp, "create_video", avatar_id=127, avatar_type="public", visual_style="FullScreen", **common)
    templated = await call(mcp, "create_video", avatar_id=100266, avatar_type="custom", template_id=0, **common)
    scripted = await call(
        mcp,
        "create_avatar_video",
        avatar_id=81,
        avatar_type="public",
        voice_id="en-US-ChristopherNeural",
        aspect_ratio="portrait",
        script="Check out our amazing product!",
    )
    dubbed = await call(
        mcp,
        "create_avatar_video",
        avatar_id=100266,
        avatar_type="custom",
        voice_id="en-US-JennyNeural",
        aspect_ratio="square",
        audio_url=audio["asset_url"],
        screen_style="transparent",
    )
    for created in (styled, templated, scripted, dubbed):
        assert created["status"] == "queued" and created["estimated_credits"] == 1
        assert "get_project" in created["next_step"]
    assert sandbox.state.credits == 96

    progress: list[tuple[float, float | None, str | None]] = []

    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        progress.append((done, total, message))
        sandbox.state.advance(150)  # each check finds the render further along: queued, rendering, done

    for created in (styled, templated, scripted, dubbed):  # the first wait covers the whole render
        result = await mcp.call_tool(
            "get_project", {"project_id": created["project_id"], "wait_seconds": 10}, progress_callback=on_progress
        )
        project = result.structured_content
        assert project is not None and project["status"] == "succeeded" and project["done"] is True
        assert project["kind"] == created["kind"]
        assert httpx2.get(project["video_url"]).status_code == 200
        assert project["waited_seconds"] < 9  # the first wait covered the render: no 10 s timeout
    assert project["video_url"].endswith(".webm")  # the transparent one
    assert len(progress) >= 3 and all(total == 10 for _, total, _ in progress)
    assert any(message and "rendering" in message for _, _, message in progress)
    assert progress[0][0] <= progress[1][0]


async def test_wait_returns_in_time_with_a_hint(mcp: Client, sandbox: SandboxServer) -> None:
    sandbox.state.render_seconds = 600
    created = await call(mcp, "create_avatar_video", **AVATAR)
    result = await call(mcp, "get_project", project_id=created["project_id"], wait_seconds=1)
    assert result["status"] in ("queued", "rendering") and result["done"] is False
    assert result["waited_seconds"] < 10  # about the 1 s asked for; far from the 50 s maximum
    assert "call get_project" in result["next_step"].lower() and "do not create" in result["next_step"].lower()


async def test_failed_render_reports_the_error(mcp: Client, sandbox: SandboxServer) -> None:
    created = await call(mcp, "create_avatar_video", **AVATAR)
    sandbox.state.set_outcome(created["project_id"], "failed", "voice synthesis failed")
    result = await call(mcp, "get_project", project_id=created["project_id"])
    assert result["status"] == "failed" and result["error"] == "voice synthesis failed" and result["done"]


async def test_catalogues(mcp: Client) -> None:
    avatars = await call(mcp, "list_catalog", kind="avatars", aspect_ratio="portrait", gender="female", page_size=3)
    assert len(avatars["items"]) == 3 and avatars["more"] is True and "page=2" in avatars["next_step"]
    assert all(a["gender"] == "female" and a["aspect_ratio"] == "portrait" for a in avatars["items"])
    custom = await call(mcp, "list_catalog", kind="avatars", source="custom")
    assert {a["avatar_id"] for a in custom["items"]} >= {100266}
    assert all(a["avatar_type"] == "custom" for a in custom["items"])
    voices = await call(mcp, "list_catalog", kind="voices", language="english", page_size=50)
    assert "en-US-ChristopherNeural" in {v["voice_id"] for v in voices["items"]} and voices["more"] is False
    styles = await call(mcp, "list_catalog", kind="visual_styles", aspect_ratio="portrait")
    assert "FullScreen" in {s["visual_style"] for s in styles["items"]}
    templates = await call(mcp, "list_catalog", kind="templates", source="public", page_size=50)
    assert 0 in {t["template_id"] for t in templates["items"]}
    assert {t["template_type"] for t in templates["items"]} == {"public"}
    music = await call(mcp, "list_catalog", kind="music", page=1, page_size=5)
    assert len(music["items"]) == 5 and music["more"] is True and "page=2" in music["next_step"]
    last = await call(mcp, "list_catalog", kind="music", page=3, page_size=5)
    assert last["items"] and last["more"] is False
    credits = await call(mcp, "get_credits")
    assert credits["remaining_credits"] == 100


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"kind": "music", "gender": "female"}, "kind='music' does not take gender: it takes no filter"),
        ({"kind": "voices", "scene": "news"}, "kind='voices' does not take scene: it takes age, gender, language"),
        ({"kind": "voices", "age": "adult"}, "age='adult' is not an age of voices: use one of young, middle_aged"),
        ({"kind": "avatars", "name": "Ann"}, "name searches the user's own avatars: add source='custom'"),
    ],
)
async def test_catalogue_filters_that_do_not_fit_the_kind_are_refused(
    mcp: Client, sandbox: SandboxServer, arguments: dict[str, Any], expected: str
) -> None:
    result = await mcp.call_tool("list_catalog", arguments)
    assert result.is_error and expected in result.content[0].text  # type: ignore[union-attr]
    assert sandbox.state.requests == []


async def test_stdio_subprocess_with_sandbox() -> None:
    params = StdioServerParameters(command=sys.executable, args=["-m", "jogg_mcp", "serve", "--sandbox"])
    async with Client(params) as client:
        tools = {t.name for t in (await client.list_tools()).tools}
        assert {"upload_asset", "create_video", "get_project", "get_credits"} <= tools
        credits = await call(client, "get_credits")
        assert credits["remaining_credits"] == 100 and credits["sandbox"] is True
        product = await call(client, "create_product_from_url", url="https://shop.example/p/1")
        assert product["product_id"]


async def test_create_product_applies_overrides(mcp: Client, sandbox: SandboxServer) -> None:
    media = [{"type": "video", "url": "https://cdn.example/demo.mp4", "name": "Demo"}]
    product = await call(
        mcp,
        "create_product_from_url",
        url="https://shop.example/p/77",
        name="Trail Shoe",
        target_audience="hikers",
        media=media,
    )
    assert product["name"] == "Trail Shoe" and product["target_audience"] == "hikers"
    assert product["description"]  # JoggAI's own, kept
    assert [(m["type"], m["url"]) for m in product["media"]] == [("video", "https://cdn.example/demo.mp4")]
    stored = sandbox.state.products[product["product_id"]]
    assert stored["name"] == "Trail Shoe" and stored["media"][0]["type"] == 2


async def test_status_of_a_render_this_server_started_asks_one_endpoint(mcp: Client, sandbox: SandboxServer) -> None:
    created = await call(mcp, "create_avatar_video", **AVATAR)
    sandbox.state.requests.clear()
    status = await call(mcp, "get_project", project_id=created["project_id"])
    assert status["kind"] == "avatar_video" and status["found_by"] is None
    assert [r.path for r in sandbox.state.requests] == [f"/v2/avatar_video/{created['project_id']}"]


async def test_status_of_a_pasted_id_is_found_and_explained(mcp: Client, sandbox: SandboxServer) -> None:
    project_id = sandbox_render(sandbox, sandbox_product(sandbox))  # started outside this server
    status = await call(mcp, "get_project", project_id=project_id)
    assert status["kind"] == "url_video" and "Not started by this server" in status["found_by"]
    assert "product video" in status["found_by"]


async def test_an_unknown_id_names_both_places_it_looked(mcp: Client) -> None:
    result = await mcp.call_tool("get_project", {"project_id": "f" * 32})
    assert result.is_error and "or translation with id" in result.content[0].text  # type: ignore[union-attr]


async def test_an_accepted_update_is_not_reported_as_a_failure(mcp: Client, sandbox: SandboxServer) -> None:
    product_id = sandbox_product(sandbox)
    sandbox.faults.inject(path="/v1/products", kind="error_code", code=50000, count=20)  # the read-back fails
    result = await mcp.call_tool("update_product", {"product_id": product_id, "name": "Trail Shoe"})
    assert not result.is_error, result.content
    assert result.structured_content is not None and result.structured_content["name"] == "Trail Shoe"
    assert "do not repeat the update" in result.structured_content["next_step"]
    assert sandbox.state.products[product_id]["name"] == "Trail Shoe"


async def test_get_product_shows_what_joggai_holds(mcp: Client, sandbox: SandboxServer) -> None:
    created = await call(mcp, "create_product_from_url", url="https://shop.example/p/77")
    await call(mcp, "update_product", product_id=created["product_id"], description="Lighter than air.")
    product = await call(mcp, "get_product", product_id=created["product_id"])
    assert product["name"] == created["name"] and product["description"] == "Lighter than air."
    assert product["media"] == created["media"] and product["url"] == "https://shop.example/p/77"
    missing = await mcp.call_tool("get_product", {"product_id": "Tm9Tb0NoUHJvZHVjdA"})
    text: str = missing.content[0].text  # type: ignore[union-attr]
    assert missing.is_error and "no product 'Tm9Tb0NoUHJvZHVjdA'" in text and "create_product_from_url" in text
