"""jogg-mcp: an MCP server for making marketing videos with the JoggAI API."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jogg-mcp")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

PLATFORM_HEADER_VALUE = "jogg-mcp"
"""Sent as `x-api-platform` so JoggAI can attribute traffic to this integration."""
