"""What the model reads besides tool descriptions: server instructions, resources and a prompt."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server import MCPServer
from pydantic import Field

from jogg_mcp.files import default_roots, describe_roots
from jogg_mcp.media.formats import limits_markdown
from jogg_mcp.server.runtime import Runtime

INSTRUCTIONS = """\
jogg-mcp makes marketing videos with JoggAI. Draft cheaply before spending; state each step's cost and ask the
user before the first credit is spent.
1. Optional: upload_asset for the user's own files (logo, product photos, clips, voice-over); it returns asset_url.
2. create_product_from_url with the product page URL (free) -> product_id. Show the user what JoggAI extracted
   (get_product, free, at any time); update_product (free) fixes name, description, audience or media.
3. Pick ids with list_catalog (kind avatars, voices, visual_styles, templates or music); never guess ids.
4. Offer drafts before a full render: draft_script (0.2 credit: several scripts in different styles; the
   chosen text, edited with the user, goes to override_script) and preview_video (0.5 credit per visual style,
   1-4 styles; follow each with get_project and show the user).
5. Render: create_video(from_preview=<the chosen preview's project_id>) reuses that preview's settings, or
   create_video with every setting; create_avatar_video for an avatar reading a script or uploaded audio.
   These SPEND CREDITS (1 per started 2 minutes of video). An identical request within 30 minutes returns the
   first one (charged: false) instead of paying again; new_take=true makes it again on purpose. max_credits
   caps one call.
6. get_project(project_id, wait_seconds=45) until status is succeeded, then give the user video_url, or
   save_video (free) to put the file in their folder (an IDE agent: the project folder). Renders take
   minutes: if not done, call get_project again; never create the video again.
7. list_projects shows everything spent here (renders, previews, drafts) with status and cost; get_credits
   shows what is left.
Every result has next_step (what to do next) and, from the local test sandbox, sandbox: true.
Errors say what to fix. A failed create that might have been accepted is never retried automatically."""


# A line for each other toolset, added when it is enabled (JOGG_TOOLSETS): what it is for, and its steps.
TOOLSET_INSTRUCTIONS = {
    "templates": "Templates: get_template shows a custom template's variables; create_template_video fills them "
    "with text, a URL or a local file (uploaded on the way), about 1 credit.",
    "avatars": "Avatars of the user's own: create_avatar_photos (0.2) then animate_avatar_photo (2-3), or "
    "create_product_avatar_images then animate_product_avatar (price not published); the avatar_id that "
    "get_project gives then speaks in create_avatar_video with avatar_type custom.",
    "studio": "Studio: create_lip_sync (1 credit per 125 s of audio) and translate_video (0.5 per 20 s; a URL, "
    "a local file or a finished project_id).",
    "history": "History: list_video_history lists renders JoggAI holds, whatever made them.",
}


def instructions(toolsets: tuple[str, ...]) -> str:
    """The server's instructions, with a line for each enabled toolset besides video."""
    enabled = (
        TOOLSET_INSTRUCTIONS
        if "all" in toolsets
        else {t: TOOLSET_INSTRUCTIONS[t] for t in toolsets if t in TOOLSET_INSTRUCTIONS}
    )
    return "\n".join([INSTRUCTIONS, *enabled.values()])


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
            f"Make a {video_length}-second {aspect_ratio} marketing video for the product at {url}. Draft it with "
            "me cheaply before any full render, and tell me the cost of every step before it is spent.\n"
            "1. Call create_product_from_url with that URL (free) and show me the extracted name, description and "
            "media (get_product shows them again).\n"
            "2. Suggest improvements to the description and audience; apply the ones I accept with update_product.\n"
            f"3. Use list_catalog for avatars (aspect_ratio={aspect_ratio}), voices and visual_styles to propose "
            "one avatar, one voice and two visual styles; show me your choice.\n"
            "4. Offer a script draft (draft_script, 0.2 credit) and call get_credits. Only after I confirm, draft it, "
            "show me the scripts, and edit the one I pick with me.\n"
            "5. Offer previews in the two styles (preview_video, 0.5 credit each) with that script as "
            "override_script. Only after I confirm, make them and follow them with get_project(wait_seconds=45); "
            "show me both.\n"
            "6. For the preview I choose, tell me the full render's cost (1 credit). Only after I confirm, call "
            "create_video(from_preview=<its project_id>) once, follow it with get_project(wait_seconds=45) until "
            "it succeeds, and give me the video URL."
        )
