"""Every tool's public contract (name, description, schemas, annotations) is reviewed: a change shows up
as a diff against tests/snapshots/tools.json. UPDATE_SNAPSHOTS=1 rewrites it and fails, asking for a review.

The annotations must be honest, which is checked against facts the inventory row does not decide: the HTTP
method and retry policy of the JoggAI endpoint each tool calls."""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from mcp import Client

from jogg_mcp.api.transport import RetryPolicy
from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.server.inventory import BY_NAME, TOOLS
from tests.support import mcp_client, server_settings

pytestmark = pytest.mark.anyio

SNAPSHOT = Path(__file__).parent / "snapshots" / "tools.json"


async def tool_contracts(client: Client) -> list[dict[str, Any]]:
    tools = (await client.list_tools()).tools
    return [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in sorted(tools, key=lambda t: t.name)]


@pytest.fixture
async def every_tool(sandbox: SandboxServer) -> AsyncIterator[Client]:
    """The server with every toolset and the output schemas: the snapshot and the checks cover every tool's
    whole contract."""
    settings = server_settings(sandbox, JOGG_TOOLSETS="all", JOGG_OUTPUT_SCHEMAS="1")
    async with mcp_client(settings, sandbox=True) as client:
        yield client


async def test_tools_match_the_reviewed_snapshot(every_tool: Client) -> None:
    current = json.dumps(await tool_contracts(every_tool), indent=2, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        changed = not SNAPSHOT.exists() or SNAPSHOT.read_text() != current
        SNAPSHOT.write_text(current)
        assert not changed, "Snapshot rewritten: review `git diff tests/snapshots/tools.json`, then run again."
    assert SNAPSHOT.exists(), "no snapshot yet: run UPDATE_SNAPSHOTS=1 pytest tests/test_tool_snapshot.py"
    assert current == SNAPSHOT.read_text(), (
        "The tools changed. Refresh with UPDATE_SNAPSHOTS=1 pytest tests/test_tool_snapshot.py and review "
        "the difference (git diff tests/snapshots/tools.json)."
    )


async def test_every_inventory_row_is_listed_in_order(every_tool: Client, mcp: Client) -> None:
    assert [t.name for t in (await every_tool.list_tools()).tools] == [spec.name for spec in TOOLS]
    default = [t.name for t in (await mcp.list_tools()).tools]
    assert default == [spec.name for spec in TOOLS if spec.toolset == "video"]  # only the default toolset


async def test_annotations_are_honest(every_tool: Client) -> None:
    for tool in await tool_contracts(every_tool):
        spec = BY_NAME[tool["name"]]
        hints = tool["annotations"]
        assert hints == {  # the title is the tool's own (Tool.title), not repeated here
            "readOnlyHint": spec.read_only,
            "destructiveHint": spec.destructive,
            "idempotentHint": spec.idempotent,
            "openWorldHint": True,  # every tool talks to JoggAI
        }
        assert tool["title"] == spec.title
        # The row's facts agree with what the tool really calls.
        if spec.calls is None:  # works from this server's own records: it can only read
            assert spec.read_only and spec.idempotent and not spec.spends_credits, spec.name
            continue
        assert spec.spends_credits is (spec.calls.policy is RetryPolicy.BILLABLE), spec.name
        if spec.calls.method == "GET" and spec.writes_files:  # reads JoggAI, writes a new file here
            assert not spec.read_only and not spec.idempotent and not spec.destructive, spec.name
        elif spec.calls.method == "GET":
            assert spec.read_only and spec.idempotent and not spec.destructive, spec.name
        else:
            assert not spec.read_only, spec.name
        if spec.calls.policy is not RetryPolicy.SAFE:
            assert not spec.idempotent, f"{spec.name} creates something on each call"
        if spec.spends_credits:
            assert "COSTS CREDITS" in tool["description"] and "(spends credits)" in spec.title
        else:
            assert "COSTS CREDITS" not in tool["description"] and "Free" in tool["description"], spec.name
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
        assert tool["description"] == BY_NAME[tool["name"]].description
    upload = tools["upload_asset"]["description"]
    for fmt in FORMATS:
        assert fmt.name in upload and size_label(fmt.max_bytes) in upload


# What a model reads of the tools, in bytes (bench/cold_start.py measures the same): the default toolset is
# at most half the 47-tool peer's 31,110 bytes, and every toolset together at most the whole of it.
BUDGETS = {"video": 15_500, "all": 31_110}


@pytest.mark.parametrize("toolsets", sorted(BUDGETS))
async def test_tools_list_stays_within_its_budget(sandbox: SandboxServer, toolsets: str) -> None:
    settings = server_settings(sandbox, JOGG_TOOLSETS=toolsets, JOGG_OUTPUT_SCHEMAS="0")  # as served by default
    async with mcp_client(settings, sandbox=True) as client:
        tools = (await client.list_tools()).tools
    listed = [t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in tools]
    size = len(json.dumps(listed, separators=(",", ":")).encode())
    assert size <= BUDGETS[toolsets], f"tools/list with {toolsets}: {size} bytes, over {BUDGETS[toolsets]}"


async def test_output_schemas_are_listed_only_when_asked_and_results_keep_their_structure(
    sandbox: SandboxServer, every_tool: Client
) -> None:
    settings = server_settings(sandbox, JOGG_OUTPUT_SCHEMAS="0")
    async with mcp_client(settings, sandbox=True) as default:
        assert not any(t.output_schema for t in (await default.list_tools()).tools)
        # Structured results either way; with the schemas listed, the client checks each one against its own.
        for client in (default, every_tool):
            credits = await client.call_tool("get_credits", {})
            assert not credits.is_error and credits.structured_content is not None
            assert credits.structured_content["remaining_credits"] == 100
    assert all(t.output_schema for t in (await every_tool.list_tools()).tools)
