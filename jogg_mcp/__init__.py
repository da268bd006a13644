"""jogg-mcp: an MCP server for making marketing videos with the JoggAI API."""

# The one place the version is written: pyproject.toml reads it from here (tool.hatch.version), and reading
# it back through importlib.metadata would cost ~50 ms of every cold start.
__version__ = "0.1.0"

PLATFORM_HEADER_VALUE = "jogg-mcp"
"""Sent as `x-api-platform` so JoggAI can attribute traffic to this integration."""
