"""The README's generated tables match the code (refresh with `python -m jogg_mcp.docs --write`)."""

from __future__ import annotations

from jogg_mcp import docs
from jogg_mcp.config import ENV_VARS
from jogg_mcp.media.formats import FORMATS


def test_readme_tables_are_current() -> None:
    current = docs.README.read_text()
    assert docs.render(current, docs.generated()) == current, "run: python -m jogg_mcp.docs --write"


def test_tables_cover_everything() -> None:
    readme = docs.README.read_text()
    for var in ENV_VARS:
        assert f"`{var.name}`" in readme
    for fmt in FORMATS:
        assert f"| {fmt.name} |" in readme
    for tool in (
        "upload_asset",
        "create_product_from_url",
        "update_product",
        "create_video",
        "create_avatar_video",
        "get_project",
        "list_avatars",
        "list_voices",
        "list_visual_styles",
        "list_templates",
        "list_music",
        "get_credits",
    ):
        assert f"| `{tool}` |" in readme


def test_stale_tables_are_detected() -> None:
    current = docs.README.read_text()
    stale = current.replace("| `JOGG_API_KEY` |", "| `JOGG_KEY` |")
    assert docs.render(stale, docs.generated()) == current
