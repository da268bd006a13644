"""The MCP server: tools over the JoggAI client, for stdio and streamable HTTP."""

from __future__ import annotations

from typing import Any

from mcp.server import MCPServer

from jogg_mcp import __version__
from jogg_mcp.server import guide
from jogg_mcp.server.runtime import Runtime, lifespan
from jogg_mcp.server.tools import assets, avatar_videos, catalog, products, projects

REGISTRARS = (assets.register, products.register, avatar_videos.register, projects.register, catalog.register)


def build_server(runtime: Runtime) -> MCPServer[Any]:
    server: MCPServer[Any] = MCPServer(
        "jogg-mcp",
        title="JoggAI video maker",
        version=__version__,
        instructions=guide.INSTRUCTIONS,
        website_url="https://www.jogg.ai",
        lifespan=lifespan,
    )
    for register in REGISTRARS:
        register(server, runtime)
    guide.register(server, runtime)
    return server


__all__ = ["Runtime", "build_server"]
