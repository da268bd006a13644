"""MCPB entry point: the bundle carries jogg-mcp and its dependencies in server/lib."""

from jogg_mcp.cli import main

raise SystemExit(main(["serve"]))
