"""The MCP Apps panel (docs/architecture.md, "The panel"): one self-contained HTML page, player.html, that a
host able to show MCP Apps renders for get_project and preview_video; other clients get the same text and
structured content as before, and never see it."""

from __future__ import annotations

from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from mcp.server.apps import Apps, ResourceCsp

from jogg_mcp.config import is_loopback_host
from jogg_mcp.server.runtime import Runtime

PLAYER_URI = "ui://jogg-mcp/player.html"
# Where JoggAI serves rendered videos and covers (docs/joggai-api.md): the panel may load media from these only.
JOGGAI_MEDIA_ORIGINS = ("https://res.jogg.ai", "https://storage.jogg.ai", "https://*.jogg.ai")


def player_html() -> str:
    return resources.files("jogg_mcp.server").joinpath("player.html").read_text(encoding="utf-8")


def media_origins(runtime: Runtime) -> list[str]:
    """JoggAI's media hosts, and the sandbox's loopback origin when the server talks to a sandbox."""
    origins = list(JOGGAI_MEDIA_ORIGINS)
    api = urlsplit(runtime.settings.base_url)
    if api.hostname and is_loopback_host(api.hostname):
        origins.append(f"{api.scheme}://{api.netloc}")
    return origins


def panel_extension(runtime: Runtime) -> Apps:
    apps = Apps()
    apps.add_html_resource(
        PLAYER_URI,
        player_html(),
        name="player",
        title="JoggAI video player",
        description="Plays a finished render, or compares previews side by side and renders the chosen one",
        csp=ResourceCsp(resource_domains=media_origins(runtime)),
        prefers_border=True,
    )
    return apps


def panel_meta() -> dict[str, Any]:
    """A tool's _meta when the panel shows its results."""
    return {"ui": {"resourceUri": PLAYER_URI}}
