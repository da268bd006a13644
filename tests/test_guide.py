"""What the model reads besides the tools: instructions, the limits and allowed-folders resources, the prompt."""

from __future__ import annotations

from pathlib import Path

import pytest
from mcp import Client

from jogg_mcp.media.formats import limits_markdown
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.server.inventory import BY_NAME
from tests.support import mcp_client, server_settings

pytestmark = pytest.mark.anyio


async def test_instructions_describe_the_workflow(mcp: Client) -> None:
    instructions = mcp.instructions
    assert instructions is not None
    for step in (
        "upload_asset",
        "create_product_from_url",
        "update_product",
        "create_video",
        "get_project",
        "SPEND CREDITS",
        "from_preview",
        "save_video",
    ):
        assert step in instructions
    # The cheap path comes first: drafts are offered before the render that spends a credit.
    assert instructions.index("draft_script") < instructions.index("preview_video") < instructions.index("SPEND")
    assert "ask the\nuser before the first credit" in instructions


async def test_instructions_name_only_the_enabled_toolsets(mcp: Client, sandbox: SandboxServer) -> None:
    assert mcp.instructions is not None and "create_lip_sync" not in mcp.instructions  # the default: video only
    async with mcp_client(server_settings(sandbox, JOGG_TOOLSETS="video,studio")) as client:
        assert client.instructions is not None
        assert "create_lip_sync" in client.instructions and "create_template_video" not in client.instructions
    async with mcp_client(server_settings(sandbox, JOGG_TOOLSETS="all")) as client:
        assert client.instructions is not None
        for tool in BY_NAME:
            assert tool in client.instructions, tool  # every tool of every toolset is named


async def test_limits_resource_is_the_formats_table(mcp: Client) -> None:
    resources = {str(r.uri): r for r in (await mcp.list_resources()).resources}
    assert {"jogg://limits", "jogg://allowed-folders"} <= set(resources)
    limits = await mcp.read_resource("jogg://limits")
    text = limits.contents[0].text  # type: ignore[union-attr]
    assert limits_markdown() in text and "| video | MP4 | .mp4, .m4v | 100 MB | 5 min | H.264, H.265 |" in text


async def test_allowed_folders_resource(mcp: Client, tmp_path: Path) -> None:
    folders = await mcp.read_resource("jogg://allowed-folders")
    assert str(tmp_path) in folders.contents[0].text  # type: ignore[union-attr]


async def test_product_video_prompt(mcp: Client) -> None:
    prompts = {p.name for p in (await mcp.list_prompts()).prompts}
    assert "product_video_from_url" in prompts
    prompt = await mcp.get_prompt(
        "product_video_from_url", {"url": "https://shop.example/p/1", "aspect_ratio": "square"}
    )
    text = prompt.messages[0].content.text  # type: ignore[union-attr]
    assert "https://shop.example/p/1" in text and "square" in text and "Only after I confirm" in text
    assert text.index("draft_script") < text.index("preview_video") < text.index("from_preview")
    assert "0.2 credit" in text and "0.5 credit each" in text and "(1 credit)" in text
