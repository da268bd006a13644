"""Every tool's public contract (name, description, schemas, annotations) is reviewed: a change shows up
as a diff against tests/snapshots/tools.json. After reviewing, refresh with UPDATE_SNAPSHOTS=1."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

pytestmark = pytest.mark.anyio

SNAPSHOT = Path(__file__).parent / "snapshots" / "tools.json"
READ_ONLY = {
    "get_project",
    "list_avatars",
    "list_voices",
    "list_visual_styles",
    "list_templates",
    "list_music",
    "get_credits",
}
SPENDS_CREDITS = {"create_video", "create_avatar_video"}


async def tool_contracts(client: Client) -> list[dict[str, Any]]:
    tools = (await client.list_tools()).tools
    return [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in sorted(tools, key=lambda t: t.name)]


async def test_tools_match_the_reviewed_snapshot(mcp: Client) -> None:
    current = json.dumps(await tool_contracts(mcp), indent=2, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(current)
    assert SNAPSHOT.exists(), "no snapshot yet: run UPDATE_SNAPSHOTS=1 pytest tests/test_tool_snapshot.py"
    assert current == SNAPSHOT.read_text(), (
        "The tools changed. Review the difference (git diff tests/snapshots/tools.json after refreshing) and "
        "refresh with UPDATE_SNAPSHOTS=1 pytest tests/test_tool_snapshot.py"
    )


async def test_annotations_are_honest(mcp: Client) -> None:
    for tool in await tool_contracts(mcp):
        hints = tool["annotations"]
        assert set(hints) >= {"title", "readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"}
        assert hints["openWorldHint"] is True  # every tool talks to JoggAI
        name = tool["name"]
        assert hints["readOnlyHint"] is (name in READ_ONLY)
        if name in READ_ONLY:
            assert hints["idempotentHint"] is True and hints["destructiveHint"] is False
        if name in SPENDS_CREDITS:
            assert hints["idempotentHint"] is False and hints["destructiveHint"] is False
            assert "COSTS CREDITS" in tool["description"] and "credit" in hints["title"].lower()
        if name == "update_product":
            assert hints["idempotentHint"] is True and hints["destructiveHint"] is True  # it overwrites fields
        assert "outputSchema" in tool and tool["inputSchema"]["type"] == "object"


async def test_inputs_are_flat(mcp: Client) -> None:
    for tool in await tool_contracts(mcp):
        for name, schema in tool["inputSchema"]["properties"].items():
            assert "$ref" not in schema or name == "media", (tool["name"], name)


async def test_descriptions_are_dedented_and_limits_come_from_the_table(mcp: Client) -> None:
    from jogg_mcp.media.formats import FORMATS, size_label

    tools = {t["name"]: t for t in await tool_contracts(mcp)}
    for tool in tools.values():
        assert not any(line.startswith("    ") for line in tool["description"].splitlines()), tool["name"]
    upload = tools["upload_asset"]["description"]
    for fmt in FORMATS:
        assert fmt.name in upload and size_label(fmt.max_bytes) in upload
