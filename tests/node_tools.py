"""Command-line tools from npm that tests use (the MCP Inspector, the mcpb CLI), installed once into .tools/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS_DIR = ROOT / ".tools"


def npm_tool(package: str, binary: str) -> Path:
    path = TOOLS_DIR / "node_modules" / ".bin" / binary
    if not path.exists():
        npm = shutil.which("npm")
        assert npm, f"npm (Node.js 20+) is needed to install {package} for this test"
        TOOLS_DIR.mkdir(exist_ok=True)
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(TOOLS_DIR), package],
            check=True,
            timeout=600,
        )
    return path
