"""The tool functions, one module per domain; jogg_mcp.server.inventory lists and registers them."""
