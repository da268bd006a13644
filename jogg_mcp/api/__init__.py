"""Typed async client for the JoggAI API (no MCP in here)."""

from jogg_mcp.api.client import JoggClient
from jogg_mcp.api.errors import JoggError

__all__ = ["JoggClient", "JoggError"]
