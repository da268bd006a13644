"""Drafting before spending, through an MCP client against the sandbox: review the product, draft scripts,
preview styles cheaply, render the chosen preview with its own settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx2
import pytest
from mcp import Client

from jogg_mcp.sandbox import SandboxServer
from tests.support import (
    CONTRACT_CHECK,
    VIDEO,
    User,
    call_ok,
    check_contract_record,
    mcp_client,
    sandbox_product,
    sandbox_render,
    server_settings,
)

pytestmark = pytest.mark.anyio

SETTINGS = {name: value for name, value in VIDEO.items() if name != "visual_style"}  # a preview's, minus styles
TWO_STYLES = ["FullScreen", "Simple Product Switch"]


async def refusal(client: Client, tool: str, **arguments: Any) -> str:
    result = await client.call_tool(tool, arguments)
    assert result.is_error, result.structured_content
    text: str = result.content[0].text  # type: ignore[union-attr]
    return text


def spent(sandbox: SandboxServer) -> float:
    return round(100 - sandbox.state.credits, 2)


async def wait_until_done(client: Client, sandbox: SandboxServer, project_id: str) -> dict[str, Any]:
    async def on_progress(done: float, total: float | None, message: str | None) -> None:
        sandbox.state.advance(300)  # each check finds the render further along

    result = await client.call_tool(
        "get_project", {"project_id": project_id, "wait_seconds": 10}, progress_callback=on_progress
    )
    project = result.structured_content
    assert project is not None and project["status"] == "succeeded", project
    return project


async def test_the_whole_draft_conversation(mcp: Client, sandbox: SandboxServer) -> None:
    sandbox.state.render_seconds = 600  # renders progress only as the test moves the sandbox's clock
    await draft_conversation(mcp, sandbox)


@pytest.mark.slow
@pytest.mark.skipif(not CONTRACT_CHECK.exists(), reason="the contract checker is in ../shared/tools")
async def test_the_draft_conversation_follows_joggai_specs(tmp_path: Path) -> None:
    """JoggAI's OpenAPI files judge every exchange of the conversation, recorded by the sandbox."""
    record = tmp_path / "record.jsonl"
    with SandboxServer(render_seconds=600, record=str(record)) as sandbox:
        async with mcp_client(server_settings(sandbox), sandbox=True) as client:
            await draft_conversation(client, sandbox)
    operations = ("POST /ai_scripts", "POST /preview", "POST /create_video_from_url", "GET /project")
    check_contract_record(record, operations)  # each exercised, and so judged


async def draft_conversation(mcp: Client, sandbox: SandboxServer) -> None:
    """create product, get_product, update, draft_script, preview_video in two styles, wait for both,
    create_video(from_preview), wait, video URL; then what was spent, and what was sent."""
    # "What did you get from my page?" ... "make the description punchier"
    product = await call_ok(mcp, "create_product_from_url", url="https://shop.example/p/77")
    product_id = product["product_id"]
    shown = await call_ok(mcp, "get_product", product_id=product_id)
    assert shown["name"] == product["name"] and shown["description"] == product["description"]
    await call_ok(
        mcp,
        "update_product",
        product_id=product_id,
        name="Trail Runner X",
        description="Grips wet rock. Weighs 210 grams. Dries in an hour.",
        target_audience="trail runners",
    )

    # "Show me a script": 0.2 credit, several styles, written from the product as it is now.
    drafts = await call_ok(mcp, "draft_script", product_id=product_id, language="english", video_length=15)
    assert drafts["charged"] is True and len(drafts["scripts"]) >= 2
    assert len({script["script_style"] for script in drafts["scripts"]}) == len(drafts["scripts"])
    for script in drafts["scripts"]:
        assert "Trail Runner X" in script["text"] and "trail runners" in script["text"]
        assert 0 < script["estimated_seconds"] <= 15 and script["credits_when_used"] == 1
    assert "preview_video" in drafts["next_step"]
    assert spent(sandbox) == 0.2
    chosen_script = drafts["scripts"][1]["text"]

    # "Try it in two styles": 0.5 credit each.
    previews = await call_ok(
        mcp,
        "preview_video",
        product_id=product_id,
        visual_styles=TWO_STYLES,
        override_script=chosen_script,
        **SETTINGS,
    )
    assert previews["started"] == 2 and previews["credits_charged"] == 1.0
    assert [p["visual_style"] for p in previews["previews"]] == TWO_STYLES
    assert all(p["charged"] and p["project_id"] and p["error"] is None for p in previews["previews"])
    assert spent(sandbox) == 1.2
    for preview in previews["previews"]:
        done = await wait_until_done(mcp, sandbox, preview["project_id"])
        assert done["kind"] == "preview" and "from_preview" in done["next_step"] and "0.5 credit" in done["cost_note"]
        assert httpx2.get(done["video_url"]).headers["content-type"] == "video/mp4"

    # "That one, render it": the chosen preview's settings, not restated.
    chosen = previews["previews"][1]["project_id"]
    created = await call_ok(mcp, "create_video", from_preview=chosen)
    assert created["kind"] == "url_video" and created["estimated_credits"] == 1 and created["charged"] is True
    video = await wait_until_done(mcp, sandbox, created["project_id"])
    assert video["video_url"] and video["kind"] == "url_video"

    assert spent(sandbox) == pytest.approx(0.2 + 2 * 0.5 + 1)
    final = sandbox.state.projects[created["project_id"]].request
    assert final == sandbox.state.projects[chosen].request  # exactly the chosen preview's settings
    assert final["visual_style"] == TWO_STYLES[1] and final["override_script"] == chosen_script

    # Everything spent shows in list_projects, with its kind and cost.
    listed = await call_ok(mcp, "list_projects")
    kinds = [(item["kind"], item["estimated_credits"]) for item in listed["projects"]]
    assert kinds == [("url_video", 1), ("preview", 0.5), ("preview", 0.5), ("ai_scripts", 0.2)]
    assert listed["projects"][-1]["status"] == "succeeded" and listed["projects"][-1]["project_id"] is None


async def test_an_identical_draft_is_given_again_for_free(mcp: Client, sandbox: SandboxServer) -> None:
    product_id = sandbox_product(sandbox)
    first = await call_ok(mcp, "draft_script", product_id=product_id, language="english", video_length=30)
    again = await call_ok(
        mcp, "draft_script", product_id=product_id, language="English", video_length=30, script_style="top 3 reasons"
    )
    assert again["charged"] is False and "nothing was charged" in again["cost_note"]
    assert sorted(s["text"] for s in again["scripts"]) == sorted(s["text"] for s in first["scripts"])
    assert again["scripts"][0]["script_style"] == "Top 3 reasons"  # the style asked for comes first
    assert spent(sandbox) == 0.2 and sandbox.state.billable_creates["/v1/ai_scripts"] == 1
    retaken = await call_ok(mcp, "draft_script", product_id=product_id, language="en", video_length=30, new_take=True)
    assert retaken["charged"] is True and spent(sandbox) == 0.4


async def test_drafts_are_written_in_the_language_asked_for(mcp: Client, sandbox: SandboxServer) -> None:
    product_id = sandbox_product(sandbox)
    spanish = await call_ok(mcp, "draft_script", product_id=product_id, language="es", video_length=15)
    assert all("Prueba" in script["text"] for script in spanish["scripts"])
    japanese = await call_ok(mcp, "draft_script", product_id=product_id, language="japanese", video_length=60)
    assert all("試してみて" in script["text"] for script in japanese["scripts"])


async def test_a_draft_for_an_unknown_product_charges_nothing(mcp: Client, sandbox: SandboxServer) -> None:
    text = await refusal(mcp, "draft_script", product_id="Tm9uZQ", language="english", video_length=15)
    assert "Tm9uZQ" in text and "Nothing was charged" in text and spent(sandbox) == 0


async def test_a_style_that_cannot_start_does_not_stop_the_others(mcp: Client, sandbox: SandboxServer) -> None:
    previews = await call_ok(
        mcp,
        "preview_video",
        product_id=sandbox_product(sandbox),
        visual_styles=["No Such Style", "FullScreen"],
        **SETTINGS,
    )
    broken, started = previews["previews"]
    assert broken["project_id"] is None and broken["charged"] is False and "No Such Style" in broken["error"]
    assert "Nothing was charged" in broken["error"]
    assert started["project_id"] and started["charged"] is True
    assert previews["started"] == 1 and previews["credits_charged"] == 0.5 and spent(sandbox) == 0.5


async def test_repeated_styles_are_refused_before_anything_is_sent(mcp: Client, sandbox: SandboxServer) -> None:
    twice = ["FullScreen", "FullScreen"]
    text = await refusal(mcp, "preview_video", product_id=sandbox_product(sandbox), visual_styles=twice, **SETTINGS)
    assert "'FullScreen' more than once" in text and spent(sandbox) == 0


async def test_the_render_takes_overrides_on_top_of_the_preview(mcp: Client, sandbox: SandboxServer) -> None:
    previews = await call_ok(
        mcp, "preview_video", product_id=sandbox_product(sandbox), visual_styles=["FullScreen"], **SETTINGS
    )
    preview_id = previews["previews"][0]["project_id"]
    created = await call_ok(
        mcp, "create_video", from_preview=preview_id, music_id=1, video_name="Launch cut", caption=False
    )
    sent = sandbox.state.projects[created["project_id"]].request
    assert sent == {
        **sandbox.state.projects[preview_id].request,
        "music_id": 1,
        "video_name": "Launch cut",
        "caption": False,
    }
    templated = await call_ok(mcp, "create_video", from_preview=preview_id, template_id=0)
    sent = sandbox.state.projects[templated["project_id"]].request
    assert sent["template_id"] == 0 and "visual_style" not in sent  # a template replaces the preview's style


async def test_only_previews_made_here_can_be_rendered_from(mcp: Client, sandbox: SandboxServer) -> None:
    elsewhere = sandbox_render(sandbox, sandbox_product(sandbox))  # a real project, not made by this server
    text = await refusal(mcp, "create_video", from_preview=elsewhere)
    assert "not a preview this server made" in text and "preview_video" in text
    video = await call_ok(mcp, "create_video", product_id=sandbox_product(sandbox), **VIDEO)
    text = await refusal(mcp, "create_video", from_preview=video["project_id"])  # made here, but not a preview
    assert "not a preview this server made" in text
    assert sandbox.state.billable_creates["/v1/create_video_from_url"] == 2  # the sandbox's own and the video


async def test_a_preview_made_with_another_key_is_not_rendered_from(sandbox: SandboxServer) -> None:
    async with mcp_client(server_settings(sandbox)) as mine:  # the two servers share one ledger
        previews = await call_ok(
            mine, "preview_video", product_id=sandbox_product(sandbox), visual_styles=["FullScreen"], **SETTINGS
        )
    async with mcp_client(server_settings(sandbox, JOGG_API_KEY="someone-elses-key")) as other:
        text = await refusal(other, "create_video", from_preview=previews["previews"][0]["project_id"])
    assert "not a preview this server made with this API key" in text
    assert sandbox.state.billable_creates["/v1/create_video_from_url"] == 0


async def test_without_a_preview_every_setting_is_needed(mcp: Client, sandbox: SandboxServer) -> None:
    text = await refusal(mcp, "create_video", product_id=sandbox_product(sandbox), aspect_ratio="portrait")
    assert "create_video needs video_length, language, avatar_id, avatar_type, voice_id, script_style" in text
    assert "from_preview" in text and spent(sandbox) == 0


async def test_the_user_is_asked_once_for_all_previews(sandbox: SandboxServer) -> None:
    user = User("accept")
    async with mcp_client(server_settings(sandbox), elicitation=user) as client:
        product_id = sandbox_product(sandbox)
        await call_ok(client, "preview_video", product_id=product_id, visual_styles=TWO_STYLES, **SETTINGS)
        await call_ok(client, "preview_video", product_id=product_id, visual_styles=TWO_STYLES, **SETTINGS)
    (question,) = user.asked  # the repeat returns the same previews: nothing to agree to
    assert question.startswith("Spend 1 credit on JoggAI to make 2 preview(s) (FullScreen, Simple Product Switch)")
    assert question.endswith("You have 100 credits; 99 after this.")
    assert spent(sandbox) == 1.0


async def test_a_declined_draft_sends_nothing(sandbox: SandboxServer) -> None:
    user = User("decline")
    async with mcp_client(server_settings(sandbox), elicitation=user) as client:
        text = await refusal(
            client, "draft_script", product_id=sandbox_product(sandbox), language="english", video_length=15
        )
    assert "did not agree" in text and user.asked[0].startswith("Spend 0.2 credits on JoggAI to make 15 s script")
    assert spent(sandbox) == 0
