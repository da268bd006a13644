"""The JoggAI sandbox: a real HTTP server on loopback that behaves like the documented JoggAI API."""

from jogg_mcp.sandbox.faults import FaultKind, FaultSpec
from jogg_mcp.sandbox.server import SandboxServer
from jogg_mcp.sandbox.state import SandboxOptions

__all__ = ["FaultKind", "FaultSpec", "SandboxOptions", "SandboxServer"]
