"""Client configs and registry manifests agree with the package: version, tools, variables; mcpb validates."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib
from typing import Any

import pytest
from mcp import Client

import jogg_mcp
from jogg_mcp import docs
from jogg_mcp.config import ENV_VARS
from tests.support import ROOT, npm_tool

pytestmark = pytest.mark.anyio

MANIFESTS = ROOT / "manifests"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VERSION = jogg_mcp.__version__


def load(name: str) -> Any:
    return json.loads((MANIFESTS / name).read_text())


def test_registry_server_json() -> None:
    server = load("server.json")
    assert server["$schema"].endswith("/2025-12-11/server.schema.json")
    assert re.fullmatch(r"io\.github\.[\w-]+/[\w-]+", server["name"])
    assert server["version"] == VERSION
    assert len(server["description"]) <= 100
    (package,) = server["packages"]
    assert package["registryType"] == "pypi" and package["identifier"] == PYPROJECT["project"]["name"]
    assert package["version"] == VERSION and package["transport"] == {"type": "stdio"}
    documented = {var.name for var in ENV_VARS}
    assert {v["name"] for v in package["environmentVariables"]} <= documented
    key = next(v for v in package["environmentVariables"] if v["name"] == "JOGG_API_KEY")
    assert key["isSecret"] is True
    # The registry checks PyPI ownership through this marker in the README.
    assert f"mcp-name: {server['name']}" in (ROOT / "README.md").read_text()


def test_client_configs() -> None:
    for name in ("claude_desktop_config.json", "cursor.mcp.json"):
        entry = load(name)["mcpServers"]["jogg"]
        assert entry["args"] == ["jogg-mcp"] and "JOGG_API_KEY" in entry["env"]
    desktop = load("claude_desktop_config.json")["mcpServers"]["jogg"]
    assert desktop["command"].startswith("/")  # desktop apps start servers with a minimal PATH
    vscode = load("vscode.mcp.json")
    (prompt,) = vscode["inputs"]
    assert prompt["password"] is True
    server = vscode["servers"]["jogg"]
    assert server["type"] == "stdio" and server["env"]["JOGG_API_KEY"] == f"${{input:{prompt['id']}}}"
    lines = (MANIFESTS / "claude-code.sh").read_text().splitlines()
    line = next(text for text in lines if text.startswith("claude "))
    assert line.startswith("claude mcp add jogg ") and line.endswith("-- uvx jogg-mcp") and "JOGG_API_KEY=" in line


async def test_mcpb_manifest_matches_the_server(mcp: Client) -> None:
    manifest = load("mcpb/manifest.json")
    assert manifest["manifest_version"] == "0.3" and manifest["version"] == VERSION
    listed = [(t.name, docs.first_sentence(t.description or "")) for t in (await mcp.list_tools()).tools]
    assert [(t["name"], t["description"]) for t in manifest["tools"]] == listed, "run: python -m jogg_mcp.docs --write"
    assert manifest["user_config"]["api_key"]["sensitive"] is True
    assert manifest["user_config"]["media_folder"]["type"] == "directory"
    env = manifest["server"]["mcp_config"]["env"]
    assert env["JOGG_API_KEY"] == "${user_config.api_key}"
    assert env["JOGG_ALLOWED_DIRS"] == "${user_config.media_folder}"
    assert (MANIFESTS / "mcpb" / manifest["server"]["entry_point"]).exists()


@pytest.mark.slow
def test_mcpb_cli_validates_the_manifest() -> None:
    mcpb = npm_tool("@anthropic-ai/mcpb@2.1.2", "mcpb")
    done = subprocess.run(
        [str(mcpb), "validate", str(MANIFESTS / "mcpb" / "manifest.json")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and "validation passes" in done.stdout, done.stdout + done.stderr


def test_package_version_is_single_sourced() -> None:
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "jogg_mcp/__init__.py"
