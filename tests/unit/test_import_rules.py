"""The layers import only downward (docs/architecture.md), and the sandbox imports nothing of the client."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "jogg_mcp"

# What each layer may import from jogg_mcp, besides itself. The top package (__init__) holds only constants.
ALLOWED: dict[str, set[str]] = {
    "api": {"jogg_mcp"},
    "media": set(),
    "files": set(),
    "config": set(),
    "sandbox": set(),
    "ledger": set(),
    "server": {"jogg_mcp", "api", "media", "files", "config", "ledger"},
}
ENTRY_POINTS = {"cli", "demo", "docs", "__main__", "__init__"}  # on top: may import anything


def layer_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


def is_module(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def imported_layers(path: Path) -> set[str]:
    layers = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            if node.module == "jogg_mcp":  # from jogg_mcp import x: the layer is x when x is a module
                names = [f"jogg_mcp.{alias.name}" for alias in node.names if is_module(alias.name)] or ["jogg_mcp"]
        for name in names:
            parts = name.split(".")
            if parts[0] == "jogg_mcp":
                layers.add(parts[1] if len(parts) > 1 else "jogg_mcp")
    return layers


def violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        layer = layer_of(path)
        if layer in ENTRY_POINTS:
            continue
        allowed = ALLOWED[layer] | {layer}
        for imported in sorted(imported_layers(path) - allowed):
            found.append(f"{path.relative_to(PACKAGE.parent)} ({layer}) imports jogg_mcp.{imported}")
    return found


def test_every_module_belongs_to_a_known_layer() -> None:
    layers = {layer_of(path) for path in PACKAGE.rglob("*.py")}
    assert layers <= set(ALLOWED) | ENTRY_POINTS, layers - set(ALLOWED) - ENTRY_POINTS


def test_layers_import_only_downward() -> None:
    assert violations() == []


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from jogg_mcp.api.models import Product\nimport jogg_mcp.server.runtime\nfrom jogg_mcp import config\n"
    )
    assert imported_layers(bad) == {"api", "server", "config"}


def test_the_api_knows_nothing_of_mcp() -> None:
    for path in (PACKAGE / "api").rglob("*.py"):
        tree = ast.parse(path.read_text())
        modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        modules |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(m == "mcp" or m.startswith("mcp.") for m in modules), path


def test_starting_the_server_imports_no_tool_and_no_api_model() -> None:
    """A client waits for `initialize`: building the server checks its flags but loads the tools only when they
    are first listed or called (docs/architecture.md, "Start-up")."""
    script = (
        "import sys\n"
        "from jogg_mcp.config import Settings\n"
        "from jogg_mcp.server import Runtime, build_server\n"
        "build_server(Runtime(Settings.load({'JOGG_API_KEY': 'k', 'JOGG_TOOLSETS': 'all'})))\n"
        "print(sorted(m for m in sys.modules if m.startswith(('jogg_mcp.server.tools', 'jogg_mcp.api'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout
