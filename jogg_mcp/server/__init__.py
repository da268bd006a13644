"""The MCP server: tools over the JoggAI client, for stdio and streamable HTTP."""

from __future__ import annotations

from typing import Any

from mcp.server import MCPServer

from jogg_mcp import __version__
from jogg_mcp.server import guide
from jogg_mcp.server.arguments import check_tool_arguments
from jogg_mcp.server.inventory import enabled_tools, register_tools
from jogg_mcp.server.panel import panel_extension
from jogg_mcp.server.runtime import Runtime, lifespan_for


def _without_titles(schema: Any) -> Any:
    """Drop the titles pydantic derives from field names ("product_id" -> "Product Id"): they repeat the
    key, and every byte of tools/list is context the model pays for in each conversation."""
    if isinstance(schema, dict):
        return {k: _without_titles(v) for k, v in schema.items() if not (k == "title" and isinstance(v, str))}
    if isinstance(schema, list):
        return [_without_titles(item) for item in schema]
    return schema


async def lean_tool_schemas(ctx: Any, call_next: Any) -> Any:
    """Server middleware: serve tools/list with title-free input and output schemas."""
    result = await call_next(ctx)
    if getattr(ctx, "method", None) == "tools/list" and isinstance(result, dict):
        for tool in result.get("tools", []):
            for key in ("inputSchema", "outputSchema"):
                if key in tool:
                    tool[key] = _without_titles(tool[key])
    return result


def build_server(runtime: Runtime) -> MCPServer[Any]:
    server: MCPServer[Any] = MCPServer(
        "jogg-mcp",
        title="JoggAI video maker",
        version=__version__,
        instructions=guide.INSTRUCTIONS,
        website_url="https://www.jogg.ai",
        lifespan=lifespan_for(runtime),
        middleware=[lean_tool_schemas, check_tool_arguments],
        extensions=[panel_extension(runtime)],
    )
    settings = runtime.settings
    register_tools(server, enabled_tools(toolsets=settings.toolsets, only=settings.tools, read_only=settings.read_only))
    guide.register(server, runtime)
    return server


__all__ = ["Runtime", "build_server"]
