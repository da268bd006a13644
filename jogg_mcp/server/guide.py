"""What the model reads besides tool descriptions: server instructions, resources and a prompt."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server import MCPServer
from pydantic import Field

from jogg_mcp.files import default_roots, describe_roots
from jogg_mcp.media.formats import limits_markdown
from jogg_mcp.server.runtime import Runtime

INSTRUCTIONS = """\
jogg-mcp makes marketing videos with JoggAI. Workflow:
1. Optional: upload_asset for the user's own files (logo, product photos, clips, voice-over); it returns asset_url.
2. create_product_from_url with the product page URL (free) -> product_id, with JoggAI's name, description, media.
3. Show the user what JoggAI extracted (get_product shows it again at any time); update_product to fix the
   name or description, or to set media (asset_urls from step 1).
4. Pick ids with list_avatars, list_voices, list_visual_styles or list_templates, list_music; never guess ids.
5. create_video (product video) or create_avatar_video (an avatar reading a script or uploaded audio). These
   SPEND CREDITS (1 per started 2 minutes of video): tell the user the cost and ask before calling. An
   identical request within 30 minutes returns the first render (charged: false) instead of paying again;
   new_take=true renders again on purpose. max_credits caps one call.
6. get_project(project_id, wait_seconds=45) until status is succeeded, then give the user video_url.
   Renders take minutes: if not done, call get_project again; never create the video again.
7. list_projects shows every render started here, with status and cost (use it after any doubtful error).
Errors say what to fix. A failed create that might have been accepted is never retried automatically."""


def register(server: MCPServer[Any], runtime: Runtime) -> None:
    @server.resource(
        "jogg://limits", name="upload-limits", title="JoggAI upload formats and limits", mime_type="text/markdown"
    )
    def upload_limits() -> str:
        """The formats and limits upload_asset checks before sending a file."""
        return (
            "# JoggAI upload limits\n\nMB means 1,000,000 bytes. Files are checked before upload.\n\n"
            + limits_markdown()
            + "\n"
        )

    @server.resource(
        "jogg://allowed-folders", name="allowed-folders", title="Folders upload_asset may read", mime_type="text/plain"
    )
    def allowed_folders() -> str:
        """Where upload_asset may read files from (the client's roots take precedence when it shares them)."""
        configured = list(runtime.settings.allowed_dirs) or default_roots()
        return (
            f"upload_asset reads files only inside: {describe_roots(configured)}\n"
            "If your MCP client shares roots, those are used instead. Set JOGG_ALLOWED_DIRS to change this.\n"
        )

    @server.prompt(name="product_video_from_url", title="Draft a product video from a URL")
    def product_video_from_url(
        url: Annotated[str, Field(description="Product page URL")],
        aspect_ratio: Annotated[Literal["portrait", "landscape", "square"], Field()] = "portrait",
        video_length: Annotated[Literal["15", "30", "60"], Field()] = "15",
    ) -> str:
        """Plan and make a marketing video for a product page, step by step, confirming before spending credits."""
        return (
            f"Make a {video_length}-second {aspect_ratio} marketing video for the product at {url}.\n"
            "1. Call create_product_from_url with that URL and show me the extracted name and description.\n"
            "2. Suggest improvements to the description and audience; apply the ones I accept with update_product.\n"
            f"3. Use list_avatars (aspect_ratio={aspect_ratio}), list_voices and list_visual_styles to propose one "
            "avatar, one voice and one visual style; show me your choice.\n"
            "4. Call get_credits and tell me the cost (1 credit). Only after I confirm, call create_video once.\n"
            "5. Follow it with get_project(wait_seconds=45) until it succeeds, then give me the video URL."
        )
