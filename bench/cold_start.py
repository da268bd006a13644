"""Cold start over stdio: process spawn to the initialize response, then to the tools/list response.

Compares jogg-mcp with a bare MCPServer holding one trivial tool (the floor for any server on this SDK) and
with MCP servers from PyPI, each in its own virtualenv under bench/.venvs (made on first run). Runs are
interleaved so machine noise hits every server alike. Also reports peak RSS and the size of the tools/list
answer, which is what a model pays in context for the tool surface.

    python bench/cold_start.py [--runs 9] [--no-peers]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, ROOT, StdioPeer, median, memory_kib, save, table

PEERS = {  # name: (pip requirement, console script, extra environment)
    "mcp-server-fetch": ("mcp-server-fetch", "mcp-server-fetch", {}),
    "elevenlabs-mcp": ("elevenlabs-mcp", "elevenlabs-mcp", {"ELEVENLABS_API_KEY": "bench-not-a-key"}),
}


def peer_command(name: str) -> list[str] | None:
    requirement, script, _ = PEERS[name]
    env_dir = ROOT / "bench" / ".venvs" / name
    binary = env_dir / "bin" / script
    if not binary.exists():
        print(f"installing {requirement} into {env_dir} ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
        done = subprocess.run(
            [
                str(env_dir / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                requirement,
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not binary.exists():
            print(f"could not install {requirement}: {done.stderr[-300:]}", file=sys.stderr)
            return None
    return [str(binary)]


def one_run(command: list[str], env: dict[str, str]) -> dict[str, float]:
    peer = StdioPeer(command, env)
    peer.initialize()
    initialized = time.perf_counter() - peer.started
    peer.send("notifications/initialized", notify=True)
    peer.send("tools/list", {})
    answer = peer.receive()
    listed = time.perf_counter() - peer.started
    peak = memory_kib(peer.process.pid, "VmHWM")
    peer.close()
    tools = json.loads(answer)["result"]["tools"]
    return {
        "initialize_ms": initialized * 1000,
        "tools_list_ms": listed * 1000,
        "peak_rss_mb": peak / 1024,
        "tools": len(tools),
        "tools_list_bytes": len(json.dumps(tools, separators=(",", ":")).encode()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--no-peers", action="store_true")
    args = parser.parse_args()

    base_env = {k: v for k, v in os.environ.items() if not k.startswith("JOGG_")}
    targets: dict[str, tuple[list[str], dict[str, str]]] = {
        "bare MCPServer (floor)": ([PYTHON, str(ROOT / "bench" / "bare_server.py")], base_env),
        "jogg-mcp": ([PYTHON, "-m", "jogg_mcp", "serve"], {**base_env, "JOGG_API_KEY": "bench-not-a-key"}),
        "jogg-mcp (all toolsets)": (
            [PYTHON, "-m", "jogg_mcp", "serve"],
            {**base_env, "JOGG_API_KEY": "bench-not-a-key", "JOGG_TOOLSETS": "all"},
        ),
    }
    if not args.no_peers:
        for name, (_, _, extra) in PEERS.items():
            command = peer_command(name)
            if command is not None:
                targets[name] = (command, {**base_env, **extra})

    for command, env in targets.values():  # warm the disk cache and .pyc files first
        one_run(command, env)
    samples: dict[str, list[dict[str, float]]] = {name: [] for name in targets}
    for _ in range(args.runs):
        for name, (command, env) in targets.items():
            samples[name].append(one_run(command, env))

    floor = median([s["initialize_ms"] for s in samples["bare MCPServer (floor)"]])
    floor_list = median([s["tools_list_ms"] for s in samples["bare MCPServer (floor)"]])
    summary = {}
    rows = []
    for name, runs in samples.items():
        init = median([r["initialize_ms"] for r in runs])
        listed = median([r["tools_list_ms"] for r in runs])
        entry = {
            "initialize_ms": round(init, 1),
            "tools_list_ms": round(listed, 1),
            "initialize_ratio_to_floor": round(init / floor, 3),
            "tools_list_ratio_to_floor": round(listed / floor_list, 3),
            "peak_rss_mb": round(median([r["peak_rss_mb"] for r in runs]), 1),
            "tools": int(runs[0]["tools"]),
            "tools_list_bytes": int(runs[0]["tools_list_bytes"]),
        }
        summary[name] = entry
        rows.append(
            [
                name,
                f"{init:.0f}",
                f"{listed:.0f}",
                f"{entry['initialize_ratio_to_floor']:.2f}x",
                f"{entry['peak_rss_mb']:.0f}",
                entry["tools"],
                entry["tools_list_bytes"],
                entry["tools_list_bytes"] // max(1, entry["tools"]),
            ]
        )
    print(f"Cold start over stdio, median of {args.runs} interleaved runs")
    print(
        table(
            [
                "server",
                "initialize ms",
                "tools/list ms",
                "vs floor",
                "peak RSS MB",
                "tools",
                "tools/list bytes",
                "bytes/tool",
            ],
            rows,
        )
    )
    print(f"results: {save('cold_start', {'runs': args.runs, 'servers': summary})}")


if __name__ == "__main__":
    main()
