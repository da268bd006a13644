"""The MCP Apps panel: served as an MCP Apps resource with its CSP, bound to get_project and preview_video, and
working in a real browser: Debian's headless Chromium (installed by scripts/test; never a browser download)
loads it in a small host page that speaks the MCP Apps postMessage protocol (tests/browser/host.html), feeds it
real results from the sandbox, and checks that the video loads and plays and that "Render this one" asks for
create_video(from_preview=...). Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from mcp import Client
from mcp.types import CallToolResult

from jogg_mcp.sandbox import SandboxServer
from jogg_mcp.server.panel import PLAYER_URI
from tests.support import ROOT, VIDEO, npm_package, sandbox_product

pytestmark = pytest.mark.anyio

ARTIFACTS = ROOT / "test-artifacts"
BROWSER = Path(__file__).parent / "browser"
SETTINGS = {name: value for name, value in VIDEO.items() if name != "visual_style"}
STYLES = ["FullScreen", "Simple Product Switch"]


def as_sent(result: CallToolResult) -> dict[str, Any]:
    """A tool result as a host receives it on the wire."""
    sent: dict[str, Any] = result.model_dump(mode="json", by_alias=True, exclude_none=True)
    return sent


async def test_the_panel_is_an_mcp_apps_resource_with_its_csp(mcp: Client, sandbox: SandboxServer) -> None:
    tools = {tool.name: tool for tool in (await mcp.list_tools()).tools}
    bound = {name for name, tool in tools.items() if (tool.meta or {}).get("ui", {}).get("resourceUri") == PLAYER_URI}
    assert bound == {"get_project", "preview_video"}
    (content,) = (await mcp.read_resource(PLAYER_URI)).contents
    assert content.mime_type == "text/html;profile=mcp-app"
    html = content.text  # type: ignore[union-attr]
    assert html.startswith("<!DOCTYPE html>") and "ui/initialize" in html
    assert "<script src" not in html and "<link" not in html and "@import" not in html  # self-contained
    csp = (content.meta or {})["ui"]["csp"]
    assert csp["resourceDomains"][:2] == ["https://res.jogg.ai", "https://storage.jogg.ai"]
    assert sandbox.base_url in csp["resourceDomains"]  # the sandbox serves the media here
    assert "connectDomains" not in csp  # the panel fetches nothing itself: the host calls tools for it
    assert "io.modelcontextprotocol/ui" in (mcp.server_capabilities.extensions or {})


async def test_clients_without_apps_get_the_same_text_and_structure(mcp: Client, sandbox: SandboxServer) -> None:
    previews = await mcp.call_tool(
        "preview_video", {"product_id": sandbox_product(sandbox), "visual_styles": STYLES[:1], **SETTINGS}
    )
    assert not previews.is_error and previews.structured_content is not None
    assert previews.content[0].type == "text" and "preview(s) started" in previews.content[0].text  # type: ignore[union-attr]
    assert "ui" not in (previews.meta or {})  # nothing panel-specific in the result itself


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: scripts/test installs it (Debian package chromium)")
        pytest.skip("chromium is not installed (Debian: apt-get install chromium)")
    return found


def drive(scenario: str, fixture: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    page = tmp_path / f"host-{scenario}.html"
    embedded = json.dumps(fixture).replace("</", "<\\/")  # the panel's own </script> must not end the host's
    page.write_text((BROWSER / "host.html").read_text().replace("__FIXTURE__", embedded))
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"panel-{scenario}.png"
    screenshot.unlink(missing_ok=True)
    done = subprocess.run(
        [
            "node",
            str(BROWSER / "drive_panel.cjs"),
            str(npm_package("playwright-core")),
            page.as_uri(),
            scenario,
            str(screenshot),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "CHROMIUM": chromium()},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    assert "error" not in report, report
    assert screenshot.stat().st_size > 5_000  # a real picture of the panel, kept for a person to look at
    return report


@pytest.mark.slow
async def test_the_panel_plays_a_render_and_renders_a_chosen_preview(
    mcp: Client, sandbox: SandboxServer, tmp_path: Path
) -> None:
    (content,) = (await mcp.read_resource(PLAYER_URI)).contents
    panel = {"html": content.text, "csp": (content.meta or {})["ui"]["csp"]}  # type: ignore[union-attr]
    previews_call = {"product_id": sandbox_product(sandbox), "visual_styles": STYLES, **SETTINGS}
    previews = await mcp.call_tool("preview_video", previews_call)
    assert previews.structured_content is not None
    preview_ids = [item["project_id"] for item in previews.structured_content["previews"]]
    projects = {}
    for preview_id in preview_ids:
        finished = await mcp.call_tool("get_project", {"project_id": preview_id})
        assert finished.structured_content is not None and finished.structured_content["status"] == "succeeded"
        projects[preview_id] = finished.structured_content
    video = await mcp.call_tool("create_video", {"from_preview": preview_ids[0]})
    assert video.structured_content is not None
    shown = await mcp.call_tool("get_project", {"project_id": video.structured_content["project_id"]})
    assert shown.structured_content is not None

    # One finished render: the video loads with its cover as poster, and plays.
    report = drive(
        "project",
        {
            **panel,
            "arguments": {"project_id": video.structured_content["project_id"]},
            "result": as_sent(shown),
            "projects": projects,
        },
        tmp_path,
    )
    assert report["src"] == shown.structured_content["video_url"]
    assert report["poster"] == shown.structured_content["cover_url"]
    assert report["playback"]["readyState"] >= 2 and report["playback"]["currentTime"] > 0.3
    assert abs(report["playback"]["duration"] - 15) <= 1 and report["playback"]["width"] == 64
    assert "succeeded" in report["facts"] and "15 s" in report["facts"] and "1 credit" in report["facts"]
    assert report["methods"][:2] == ["ui/initialize", "ui/notifications/initialized"]

    # Two previews side by side, each followed to its video; "Render this one" asks the host for the render.
    report = drive(
        "previews", {**panel, "arguments": previews_call, "result": as_sent(previews), "projects": projects}, tmp_path
    )
    assert report["styles"] == STYLES and report["videos"] == 2
    asked = [call for call in report["toolCalls"] if call["name"] == "create_video"]
    assert asked == [{"name": "create_video", "arguments": {"from_preview": preview_ids[1]}}]
    assert {call["arguments"]["project_id"] for call in report["toolCalls"] if call["name"] == "get_project"} == set(
        preview_ids
    )
    # What the panel asked for, sent to the server as a host would: the chosen preview, rendered in full.
    rendered = await mcp.call_tool(asked[0]["name"], asked[0]["arguments"])
    assert rendered.structured_content is not None and rendered.structured_content["charged"] is True
    final = sandbox.state.projects[rendered.structured_content["project_id"]].request
    assert final == sandbox.state.projects[preview_ids[1]].request
