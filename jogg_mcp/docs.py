"""The README's configuration, tool and limits tables, and the MCPB manifest's tool list, generated from the
code so they cannot drift.

python -m jogg_mcp.docs          # exit 1 when README.md or the manifest is stale
python -m jogg_mcp.docs --write  # rewrite the generated blocks in README.md and the manifest's tools
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from jogg_mcp.config import ENV_VARS
from jogg_mcp.media.formats import limits_markdown
from jogg_mcp.server.inventory import TOOLS, enabled_tools

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
MCPB_MANIFEST = ROOT / "manifests" / "mcpb" / "manifest.json"
_BLOCK = re.compile(r"(<!-- BEGIN generated:(\w+) -->\n)(.*?)(<!-- END generated:\2 -->)", re.S)


def config_table() -> str:
    rows = ["| Variable | Flag | Default | Meaning |", "|---|---|---|---|"]
    for var in ENV_VARS:
        flag = f"`{var.flag}`" if var.flag else ""
        default = var.default if var.default.startswith("(") else f"`{var.default}`"
        rows.append(f"| `{var.name}` | {flag} | {default} | {var.description} |")
    return "\n".join(rows)


def first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    return flat.split(". ")[0].rstrip(".") + "."


def tools_table() -> str:
    rows = ["| Tool | Toolset | Title | What it does |", "|---|---|---|---|"]
    rows += [
        f"| `{spec.name}` | {spec.toolset} | {spec.title} | {first_sentence(spec.description)} |" for spec in TOOLS
    ]
    return "\n".join(rows)


def manifest_tools() -> list[dict[str, str]]:
    """What the bundle lists: the tools of the default toolsets (JOGG_TOOLSETS enables the others)."""
    return [{"name": spec.name, "description": first_sentence(spec.description)} for spec in enabled_tools()]


def render_manifest(text: str) -> str:
    manifest: dict[str, Any] = json.loads(text)
    manifest["tools"] = manifest_tools()
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def generated() -> dict[str, str]:
    return {"config": config_table(), "tools": tools_table(), "limits": limits_markdown()}


def render(readme: str, blocks: dict[str, str]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in blocks:
            raise KeyError(f"README has a generated block {name!r} that jogg_mcp.docs does not know")
        return f"{match.group(1)}{blocks[name]}\n{match.group(4)}"

    return _BLOCK.sub(fill, readme)


def main(argv: list[str]) -> int:
    outputs = {
        README: render(README.read_text(), generated()),
        MCPB_MANIFEST: render_manifest(MCPB_MANIFEST.read_text()),
    }
    stale = [path for path, fresh in outputs.items() if path.read_text() != fresh]
    if "--write" in argv:
        for path in stale:
            path.write_text(outputs[path])
        return 0
    if stale:
        names = ", ".join(str(path.relative_to(ROOT)) for path in stale)
        print(f"{names}: generated parts are stale: run `python -m jogg_mcp.docs --write`.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
