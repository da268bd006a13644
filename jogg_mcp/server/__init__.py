"""The MCP server: tools over the JoggAI client, for stdio and streamable HTTP."""

from __future__ import annotations

from typing import Any

from mcp.server import MCPServer

from jogg_mcp import __version__
from jogg_mcp.server import guide
from jogg_mcp.server.arguments import check_tool_arguments
from jogg_mcp.server.inventory import ToolSpec, enabled_tools, register_tools
from jogg_mcp.server.lean_schemas import lean_input, lean_output
from jogg_mcp.server.panel import panel_extension
from jogg_mcp.server.runtime import Runtime, lifespan_for


async def lean_tool_schemas(ctx: Any, call_next: Any) -> Any:
    """Server middleware: serve tools/list with lean schemas (server/lean_schemas.py). Output schemas are there
    only when asked for (JOGG_OUTPUT_SCHEMAS: the tools are registered without them otherwise);
    structuredContent is in every result either way."""
    result = await call_next(ctx)
    if getattr(ctx, "method", None) == "tools/list" and isinstance(result, dict):
        for tool in result.get("tools", []):
            if "inputSchema" in tool:
                tool["inputSchema"] = lean_input(tool["inputSchema"])
            if "outputSchema" in tool:
                tool["outputSchema"] = lean_output(tool["outputSchema"])
            if "title" in tool.get("annotations") or {}:  # the tool's own title says it (Tool.title)
                del tool["annotations"]["title"]
    return result


def build_server(runtime: Runtime) -> MCPServer[Any]:
    """The server, its flags checked now (an unknown toolset or tool stops it here), its tools registered when
    a client first lists or calls them: building their schemas is most of what start-up would cost, and a
    client waits for `initialize` (docs/architecture.md, "Start-up")."""
    settings = runtime.settings
    tools = enabled_tools(toolsets=settings.toolsets, only=settings.tools, read_only=settings.read_only)
    registration = ToolsOnFirstUse(tools, output_schemas=settings.output_schemas)
    server: MCPServer[Any] = MCPServer(
        "jogg-mcp",
        title="JoggAI video maker",
        version=__version__,
        instructions=guide.instructions(settings.toolsets),
        website_url="https://www.jogg.ai",
        lifespan=lifespan_for(runtime),
        middleware=[registration, lean_tool_schemas, check_tool_arguments],
        extensions=[panel_extension(runtime)],
    )
    registration.server = server
    guide.register(server, runtime)
    return server


class ToolsOnFirstUse:
    """Server middleware: register the enabled tools before the first request that needs them. The list is the
    same for every connection; only the moment it is built moves."""

    NEEDS_TOOLS = frozenset({"tools/list", "tools/call"})

    def __init__(self, tools: tuple[ToolSpec, ...], *, output_schemas: bool) -> None:
        self.tools = tools
        self.output_schemas = output_schemas
        self.server: MCPServer[Any] | None = None
        self.registered = False

    def register(self) -> None:
        if not self.registered and self.server is not None:
            self.registered = True  # before the work: registration has no await, so no request can interleave
            register_tools(self.server, self.tools, output_schemas=self.output_schemas)

    async def __call__(self, ctx: Any, call_next: Any) -> Any:
        if getattr(ctx, "method", None) in self.NEEDS_TOOLS:
            self.register()
        return await call_next(ctx)


__all__ = ["Runtime", "build_server"]
