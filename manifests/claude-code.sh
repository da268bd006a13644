# Add jogg-mcp to Claude Code (user scope); replace the key with yours.
claude mcp add jogg --scope user --env JOGG_API_KEY=your-joggai-api-key -- uvx jogg-mcp
