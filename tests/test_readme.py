"""The README's generated tables match the code (refresh with `python -m jogg_mcp.docs --write`)."""

from __future__ import annotations

from jogg_mcp import docs
from jogg_mcp.config import ENV_VARS
from jogg_mcp.media.formats import FORMATS
from jogg_mcp.server.inventory import TOOLS


def test_readme_tables_are_current() -> None:
    current = docs.README.read_text()
    assert docs.render(current, docs.generated()) == current, "run: python -m jogg_mcp.docs --write"


def test_tables_cover_everything() -> None:
    readme = docs.README.read_text()
    for var in ENV_VARS:
        assert f"`{var.name}`" in readme
    for fmt in FORMATS:
        assert f"| {fmt.name} |" in readme
    for spec in TOOLS:
        assert f"| `{spec.name}` |" in readme


def test_stale_tables_are_detected() -> None:
    current = docs.README.read_text()
    stale = current.replace("| `JOGG_API_KEY` |", "| `JOGG_KEY` |")
    assert docs.render(stale, docs.generated()) == current
