"""The official MCP Inspector CLI lists the tools and calls get_credits on the stdio server with --sandbox."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jogg_mcp.server.inventory import enabled_tools
from tests.support import ROOT, npm_tool

pytestmark = pytest.mark.slow

INSPECTOR = "@modelcontextprotocol/inspector@2.12.0"


@pytest.fixture(scope="session")
def inspector() -> Path:
    return npm_tool(INSPECTOR, "mcp-inspector")


def run_inspector(inspector: Path, *method: str) -> dict[str, object]:
    command = [str(inspector), "--cli", sys.executable, "-m", "jogg_mcp", "serve", "--sandbox", *method]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


def test_inspector_lists_tools_and_calls_get_credits(inspector: Path) -> None:
    listed = run_inspector(inspector, "--method", "tools/list")
    names = {tool["name"] for tool in listed["tools"]}  # type: ignore[attr-defined]
    assert names == {spec.name for spec in enabled_tools()}  # the default toolsets
    called = run_inspector(inspector, "--method", "tools/call", "--tool-name", "get_credits")
    assert called["isError"] is False
    assert called["structuredContent"] == {
        "sandbox": True,
        "next_step": "",
        "remaining_credits": 100,
        "pricing": "Videos cost 1 credit per started 2 minutes (a 15, 30 or 60 s product video costs 1).",
    }
