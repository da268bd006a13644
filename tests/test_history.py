"""The history toolset: off by default, on with JOGG_TOOLSETS; JoggAI's own lists of past renders, paged and
normalised, through an MCP client against the sandbox, and judged by JoggAI's spec (contract check)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from jogg_mcp.config import Settings
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.server import Runtime, build_server
from jogg_mcp.server.inventory import enabled_tools
from tests.support import (
    CONTRACT_CHECK,
    VIDEO,
    check_contract_record,
    mcp_client,
    sandbox_product,
    sandbox_render,
    server_settings,
)

pytestmark = pytest.mark.anyio

PREVIEW = {name: value for name, value in VIDEO.items() if name != "visual_style"}


def test_toolsets_choose_what_is_listed() -> None:
    default = {spec.name for spec in enabled_tools()}
    assert "list_video_history" not in default and "create_video" in default
    assert {spec.name for spec in enabled_tools(toolsets=("history",))} == {"list_video_history"}
    everything = {spec.name for spec in enabled_tools(toolsets=("all",))}
    assert everything > default | {"list_video_history", "create_template_video"}
    assert [spec.name for spec in enabled_tools(toolsets=("all",), read_only=True) if spec.toolset == "history"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"JOGG_TOOLSETS": "video,templatez"}, "names 'templatez', which jogg-mcp does not have; its toolsets are"),
        ({"JOGG_TOOLS": "list_video_history"}, "in toolset history, which is not enabled"),
    ],
)
def test_a_toolset_that_cannot_be_listed_stops_the_server(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        build_server(Runtime(settings=Settings.load({"JOGG_API_KEY": "k", **env})))


async def call(client: Client, **arguments: Any) -> dict[str, Any]:
    result = await client.call_tool("list_video_history", arguments)
    assert not result.is_error, result.content
    assert result.structured_content is not None
    return result.structured_content


async def history_conversation(client: Client, sandbox: SandboxServer) -> None:
    """Renders made by this server and elsewhere, then JoggAI's lists of them."""
    sandbox.state.render_seconds = 600
    product_id = sandbox_product(sandbox)
    made_elsewhere = sandbox_render(sandbox, product_id)  # e.g. in the JoggAI dashboard
    sandbox.state.advance(600)  # finished
    made_here = await client.call_tool("create_video", {"product_id": product_id, **VIDEO, "new_take": True})
    assert made_here.structured_content is not None
    previews = await client.call_tool(
        "preview_video", {"product_id": product_id, "visual_styles": ["FullScreen"], **PREVIEW}
    )
    assert previews.structured_content is not None

    videos = await call(client, kind="product_videos")
    assert [r["project_id"] for r in videos["renders"]] == [made_here.structured_content["project_id"], made_elsewhere]
    finished = videos["renders"][1]
    assert finished["status"] == "succeeded" and finished["raw_status"] == "completed"
    assert finished["video_url"].endswith(f"{made_elsewhere}.mp4") and finished["duration_seconds"] == 15
    assert videos["renders"][0]["status"] == "rendering" and videos["renders"][0]["video_url"] is None

    only_done = await call(client, kind="product_videos", status="succeeded")
    assert [r["project_id"] for r in only_done["renders"]] == [made_elsewhere]
    paged = await call(client, kind="product_videos", page_size=1)
    assert paged["total"] == 2 and paged["more"] is True and "page 2" in paged["next_step"]

    listed = await call(client, kind="previews")
    assert [r["project_id"] for r in listed["renders"]] == [previews.structured_content["previews"][0]["project_id"]]
    templates = await call(client, kind="template_videos")
    assert templates["renders"] == [] and templates["total"] == 0


async def test_the_history_lists_what_joggai_holds(sandbox: SandboxServer) -> None:
    async with mcp_client(server_settings(sandbox, JOGG_TOOLSETS="video,history")) as client:
        await history_conversation(client, sandbox)


@pytest.mark.slow
@pytest.mark.skipif(not CONTRACT_CHECK.exists(), reason="the contract checker is in ../shared/tools")
async def test_the_history_follows_joggai_specs(tmp_path: Path) -> None:
    record = tmp_path / "record.jsonl"
    with SandboxServer(render_seconds=0, record=str(record)) as sandbox:
        async with mcp_client(server_settings(sandbox, JOGG_TOOLSETS="all")) as client:
            await history_conversation(client, sandbox)
            await call(client, kind="previews", status="failed", page=2, page_size=5)
    check_contract_record(record, ("GET /v2/product_videos", "GET /v2/product_previews", "GET /v2/template_videos"))
