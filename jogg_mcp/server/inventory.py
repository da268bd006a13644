"""Every tool, declared once: its function, title, toolset and the facts a client and a reviewer rely on.

Registration, the README's tool table, the MCPB manifest, the tool snapshot, the honest-annotations test,
the fault matrix and the fuzzer all read TOOLS. Rows name their function and first JoggAI call as text, so
this module imports none of the tools. Adding a tool is four steps (docs/adding-a-tool.md): the
client method, the sandbox endpoint, the tool function, and its row here.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from mcp.server import MCPServer
from mcp.types import ToolAnnotations

from jogg_mcp.server.panel import panel_meta

if TYPE_CHECKING:
    from jogg_mcp.api.transport import Endpoint

# Placeholders in examples, for things that must exist before the call; tests fill them in.
PRODUCT_ID = "<product_id>"
PROJECT_ID = "<project_id>"
IMAGE_FILE = "<image file>"
AUDIO_FILE = "<audio file>"
VIDEO_URL = "<video url>"
PRODUCT_AVATAR_BATCH = "<product avatar batch_id>"
PRODUCT_AVATAR_IMAGE = "<one of that batch's image_urls>"

VIDEO_SETTINGS: Mapping[str, Any] = {
    "aspect_ratio": "portrait",
    "video_length": 15,
    "language": "english",
    "avatar_id": 127,
    "avatar_type": "public",
    "voice_id": "en-US-ChristopherNeural",
    "script_style": "Don't Worry",
    "visual_style": "FullScreen",
}


@dataclass(frozen=True)
class ToolSpec:
    """One tool. Its function ("module.function" in jogg_mcp.server.tools) and the JoggAI call it makes first
    ("module.CONSTANT" in jogg_mcp.api) are named, and imported when first needed: listing which tools a
    process serves, and checking its flags, then costs no import of the tools (docs/architecture.md,
    "Start-up")."""

    function_ref: str
    title: str
    toolset: str
    read_only: bool
    idempotent: bool
    calls_ref: str | None  # the JoggAI call the tool makes first (its retry policy is the tool's); None: local
    example: Mapping[str, Any] = field(default_factory=dict)  # valid arguments, with placeholders
    spends_credits: bool = False
    destructive: bool = False  # it overwrites something the user had
    writes_files: bool = False  # it writes into the user's folders (so it is not read-only, whatever it calls)
    panel: bool = False  # an MCP Apps host shows its result in the player panel (server/panel.py)

    @property
    def name(self) -> str:
        return self.function_ref.rsplit(".", 1)[1]

    @cached_property
    def function(self) -> Callable[..., Any]:
        module, name = self.function_ref.rsplit(".", 1)
        found: Callable[..., Any] = getattr(importlib.import_module(f"jogg_mcp.server.tools.{module}"), name)
        return found

    @cached_property
    def calls(self) -> Endpoint | None:
        if self.calls_ref is None:
            return None
        module, name = self.calls_ref.rsplit(".", 1)
        endpoint: Endpoint = getattr(importlib.import_module(f"jogg_mcp.api.{module}"), name)
        return endpoint

    @property
    def description(self) -> str:
        """What the model reads: the docstring, dedented (docs/tool-descriptions.md)."""
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def annotations(self) -> ToolAnnotations:
        # Every tool talks to JoggAI, so every tool is open-world.
        return ToolAnnotations(
            title=self.title,
            read_only_hint=self.read_only,
            destructive_hint=self.destructive,
            idempotent_hint=self.idempotent,
            open_world_hint=True,
        )


VIDEO = "video"  # making and delivering videos: the default
TEMPLATES = "templates"  # videos from templates, with the user's own variables
AVATARS = "avatars"  # presenters of the user's own: photo avatars, product avatars
STUDIO = "studio"  # lip sync and translation of existing videos
HISTORY = "history"  # JoggAI's own lists of past renders
TOOLSETS = (VIDEO, TEMPLATES, AVATARS, STUDIO, HISTORY)

TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec(
        "assets.upload_asset",
        "Upload media file",
        VIDEO,
        read_only=False,
        idempotent=False,
        calls_ref="assets.REQUEST_UPLOAD",
        example={"path": IMAGE_FILE},
    ),
    ToolSpec(
        "products.create_product_from_url",
        "Create product from URL",
        VIDEO,
        read_only=False,
        idempotent=False,
        calls_ref="products.CREATE_PRODUCT",
        example={"url": "https://shop.example/p/2"},
    ),
    ToolSpec(
        "products.get_product",
        "Get product",
        VIDEO,
        read_only=True,
        idempotent=True,
        calls_ref="products.LIST_PRODUCTS",
        example={"product_id": PRODUCT_ID},
    ),
    ToolSpec(
        "products.update_product",
        "Update product",
        VIDEO,
        read_only=False,
        idempotent=True,
        destructive=True,
        calls_ref="products.UPDATE_PRODUCT",
        example={"product_id": PRODUCT_ID, "name": "Renamed"},
    ),
    ToolSpec(
        "drafts.draft_script",
        "Draft video scripts (spends credits)",
        VIDEO,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="products.DRAFT_SCRIPTS",
        example={"product_id": PRODUCT_ID, "language": "english", "video_length": 15},
    ),
    ToolSpec(
        "drafts.preview_video",
        "Preview product video styles (spends credits)",
        VIDEO,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="products.CREATE_PREVIEW",
        panel=True,
        example={
            "product_id": PRODUCT_ID,
            "visual_styles": [VIDEO_SETTINGS["visual_style"]],
            **{name: value for name, value in VIDEO_SETTINGS.items() if name != "visual_style"},
        },
    ),
    ToolSpec(
        "products.create_video",
        "Create product video (spends credits)",
        VIDEO,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="products.CREATE_VIDEO",
        example={"product_id": PRODUCT_ID, **VIDEO_SETTINGS},
    ),
    ToolSpec(
        "avatar_videos.create_avatar_video",
        "Create talking-avatar video (spends credits)",
        VIDEO,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="avatar_videos.CREATE_AVATAR_VIDEO",
        example={
            "avatar_id": 81,
            "avatar_type": "public",
            "voice_id": "en-US-ChristopherNeural",
            "aspect_ratio": "portrait",
            "script": "Hello there",
        },
    ),
    ToolSpec(
        "projects.get_project",
        "Get render status",
        VIDEO,
        read_only=True,
        idempotent=True,
        calls_ref="products.GET_PROJECT",
        panel=True,
        example={"project_id": PROJECT_ID},
    ),
    ToolSpec(
        "delivery.save_video",
        "Save video to a folder",
        VIDEO,
        read_only=False,
        idempotent=False,  # a second save adds "name (2).mp4"
        writes_files=True,
        calls_ref="products.GET_PROJECT",
        example={"project_id": PROJECT_ID},
    ),
    ToolSpec(
        "projects.list_projects",
        "List renders and drafts",
        VIDEO,
        read_only=True,
        idempotent=True,
        calls_ref=None,  # reads the ledger; JoggAI only to refresh unfinished renders
    ),
    ToolSpec(
        "catalog.list_catalog",
        "List avatars, voices, styles, templates or music",
        VIDEO,
        read_only=True,
        idempotent=True,
        calls_ref="catalog.PUBLIC_AVATARS",
        example={"kind": "avatars", "aspect_ratio": "portrait"},
    ),
    ToolSpec(
        "templates.get_template",
        "Get template variables",
        TEMPLATES,
        read_only=True,
        idempotent=True,
        calls_ref="templates.CUSTOM_TEMPLATE",
        example={"template_id": 5001},
    ),
    ToolSpec(
        "templates.create_template_video",
        "Create template video (spends credits)",
        TEMPLATES,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="templates.CREATE_TEMPLATE_VIDEO",
        example={
            "template_id": 5001,
            "language": "english",
            "variables": [
                {"name": "headline", "value": "Summer sale"},
                {"name": "logo", "value": IMAGE_FILE},
                {"name": "voiceover", "value": "Everything half price this week."},
            ],
        },
    ),
    ToolSpec(
        "photo_avatars.create_avatar_photos",
        "Generate avatar photos (spends credits)",
        AVATARS,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="photo_avatars.GENERATE_PHOTOS",
        example={"age": "Adult", "style": "professional", "gender": "female", "aspect_ratio": "portrait"},
    ),
    ToolSpec(
        "photo_avatars.animate_avatar_photo",
        "Animate a photo into an avatar (spends credits)",
        AVATARS,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="photo_avatars.ADD_MOTION",
        example={"image_url": "https://res.jogg.ai/face.png", "name": "Ada", "voice_id": "en-US-ChristopherNeural"},
    ),
    ToolSpec(
        "product_avatars.create_product_avatar_images",
        "Generate product avatar images (spends credits)",
        AVATARS,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="product_avatars.GENERATE_IMAGES",
        example={"product_image": IMAGE_FILE, "presenter_description": "A smiling runner in her thirties"},
    ),
    ToolSpec(
        "product_avatars.animate_product_avatar",
        "Animate a product avatar (spends credits)",
        AVATARS,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="product_avatars.ADD_MOTION",
        example={
            "batch_id": PRODUCT_AVATAR_BATCH,
            "image_url": PRODUCT_AVATAR_IMAGE,
            "name": "Runner",
            "voice_id": "en-US-ChristopherNeural",
            "description": "Holds the shoe up and smiles",
        },
    ),
    ToolSpec(
        "studio.create_lip_sync",
        "Lip-sync a video to audio (spends credits)",
        STUDIO,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="studio.CREATE_LIP_SYNC",
        example={"video": VIDEO_URL, "audio": AUDIO_FILE},
    ),
    ToolSpec(
        "studio.translate_video",
        "Translate a video (spends credits)",
        STUDIO,
        read_only=False,
        idempotent=False,
        spends_credits=True,
        calls_ref="studio.TRANSLATE",
        example={"video": PROJECT_ID, "language": "spanish"},
    ),
    ToolSpec(
        "history.list_video_history",
        "List JoggAI render history",
        HISTORY,
        read_only=True,
        idempotent=True,
        calls_ref="history.PRODUCT_VIDEOS",
        example={"kind": "product_videos"},
    ),
    ToolSpec(
        "catalog.get_credits",
        "Get remaining credits",
        VIDEO,
        read_only=True,
        idempotent=True,
        calls_ref="catalog.REMAINING_CREDITS",
    ),
)

BY_NAME: Mapping[str, ToolSpec] = {spec.name: spec for spec in TOOLS}


def enabled_tools(
    *, toolsets: tuple[str, ...] = (VIDEO,), only: tuple[str, ...] = (), read_only: bool = False
) -> tuple[ToolSpec, ...]:
    """The tools this process lists: fixed at start-up, the same for every connection (the MCP spec asks it).

    `toolsets` names toolsets, or "all"; `only` then narrows to named tools, and `read_only` to the tools that
    neither spend credits nor create or change anything. An unknown or unreachable name is an error saying why.
    """
    wanted = set(TOOLSETS) if "all" in toolsets else set(toolsets)
    unknown_sets = sorted(wanted - set(TOOLSETS))
    if unknown_sets:
        raise ValueError(
            f"JOGG_TOOLSETS (or --toolsets) names {', '.join(map(repr, unknown_sets))}, which jogg-mcp does not "
            f"have; its toolsets are: {', '.join(TOOLSETS)}, or all"
        )
    unknown = [name for name in only if name not in BY_NAME]
    if unknown:
        raise ValueError(
            f"JOGG_TOOLS (or --tools) names {', '.join(map(repr, unknown))}, which jogg-mcp does not have; "
            f"its tools are: {', '.join(BY_NAME)}"
        )
    outside = [name for name in only if BY_NAME[name].toolset not in wanted]
    if outside:
        sets = sorted({BY_NAME[name].toolset for name in outside})
        raise ValueError(
            f"JOGG_TOOLS (or --tools) names {', '.join(map(repr, outside))}, in toolset {', '.join(sets)}, which is "
            f"not enabled: add it to JOGG_TOOLSETS (or --toolsets {','.join(sorted(wanted | set(sets)))})"
        )
    return tuple(
        spec
        for spec in TOOLS
        if spec.toolset in wanted and (not only or spec.name in only) and (spec.read_only or not read_only)
    )


def register_tools(server: MCPServer[Any], tools: tuple[ToolSpec, ...] = TOOLS, *, output_schemas: bool = True) -> None:
    """`output_schemas` False: the SDK builds no output schema (none is listed then: JOGG_OUTPUT_SCHEMAS), which
    is most of what registering a tool costs at start-up; results keep their structured content either way."""
    for spec in tools:
        meta = panel_meta() if spec.panel else None
        server.tool(
            title=spec.title,
            description=spec.description,
            annotations=spec.annotations,
            meta=meta,
            structured_output=None if output_schemas else False,
        )(spec.function)
