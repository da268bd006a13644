"""The README's configuration, tool and limits tables, generated from the code so they cannot drift.

python -m jogg_mcp.docs          # exit 1 and show what differs when README.md is stale
python -m jogg_mcp.docs --write  # rewrite the generated blocks in README.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import anyio

from jogg_mcp.config import ENV_VARS, Settings
from jogg_mcp.media.formats import limits_markdown

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"(<!-- BEGIN generated:(\w+) -->\n)(.*?)(<!-- END generated:\2 -->)", re.S)


def config_table() -> str:
    rows = ["| Variable | Flag | Default | Meaning |", "|---|---|---|---|"]
    for var in ENV_VARS:
        flag = f"`{var.flag}`" if var.flag else ""
        default = var.default if var.default.startswith("(") else f"`{var.default}`"
        rows.append(f"| `{var.name}` | {flag} | {default} | {var.description} |")
    return "\n".join(rows)


async def _tools() -> list[tuple[str, str, str]]:
    from mcp import Client

    from jogg_mcp.server import Runtime, build_server

    async with Client(build_server(Runtime(settings=Settings.load({})))) as client:
        tools = (await client.list_tools()).tools
    return [(t.name, t.title or "", _first_sentence(t.description or "")) for t in tools]


def _first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    return flat.split(". ")[0].rstrip(".") + "."


def tools_table() -> str:
    rows = ["| Tool | Title | What it does |", "|---|---|---|"]
    rows += [f"| `{name}` | {title} | {summary} |" for name, title, summary in anyio.run(_tools)]
    return "\n".join(rows)


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
    current = README.read_text()
    fresh = render(current, generated())
    if "--write" in argv:
        README.write_text(fresh)
        return 0
    if fresh != current:
        print("README.md's generated tables are stale: run `python -m jogg_mcp.docs --write`.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
