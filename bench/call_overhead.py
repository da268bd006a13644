"""Call overhead: get_project through jogg-mcp (an MCP round trip over stdio, then JoggAI's GET) against
the same GET sent straight to the sandbox with httpx2. The difference is what the MCP layer costs per call.

    python bench/call_overhead.py [--calls 300]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import anyio
import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, median, percentile, save, table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from jogg_mcp.sandbox import SandboxServer

BATCH = 10


async def measure(sandbox: SandboxServer, calls: int) -> dict[str, list[float]]:
    from mcp import Client, StdioServerParameters

    headers = {"x-api-key": sandbox.api_key}
    async with httpx2.AsyncClient(headers=headers) as http:
        product = (await http.post(sandbox.base_url + "/v1/product", json={"url": "https://shop.example/p/1"})).json()
        created = await http.post(
            sandbox.base_url + "/v1/create_video_from_url",
            json={
                "product_id": product["data"]["product_id"],
                "aspect_ratio": 0,
                "video_length": "15",
                "language": "english",
                "avatar_id": 127,
                "avatar_type": 0,
                "visual_style": "FullScreen",
                "script_style": "Don't Worry",
                "template_type": "public",
            },
        )
        project_id = created.json()["data"]["project_id"]
        env = {**os.environ, "JOGG_API_KEY": sandbox.api_key, "JOGG_BASE_URL": sandbox.base_url}
        direct: list[float] = []
        through_mcp: list[float] = []
        params = StdioServerParameters(command=PYTHON, args=["-m", "jogg_mcp", "serve"], env=env)
        async with Client(params) as client:
            for _ in range(20):  # warm both paths
                await client.call_tool("get_project", {"project_id": project_id})
                await http.get(sandbox.base_url + "/v1/project", params={"project_id": project_id})
            for _ in range(calls // BATCH):  # interleaved batches
                for _ in range(BATCH):
                    started = time.perf_counter()
                    response = await http.get(sandbox.base_url + "/v1/project", params={"project_id": project_id})
                    direct.append((time.perf_counter() - started) * 1000)
                    assert response.json()["code"] == 0
                for _ in range(BATCH):
                    started = time.perf_counter()
                    result = await client.call_tool("get_project", {"project_id": project_id})
                    through_mcp.append((time.perf_counter() - started) * 1000)
                    assert not result.is_error
    return {"direct": direct, "mcp": through_mcp}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    with SandboxServer(render_seconds=0) as sandbox:
        samples = anyio.run(measure, sandbox, args.calls)
    stats = {
        name: {"p50_ms": round(median(v), 2), "p99_ms": round(percentile(v, 0.99), 2)} for name, v in samples.items()
    }
    overhead = {
        "p50_ms": round(stats["mcp"]["p50_ms"] - stats["direct"]["p50_ms"], 2),
        "p99_ms": round(stats["mcp"]["p99_ms"] - stats["direct"]["p99_ms"], 2),
    }
    print(f"get_project, {args.calls} calls each, interleaved in batches of {BATCH}")
    print(
        table(
            ["path", "p50 ms", "p99 ms"],
            [
                ["httpx2 GET /v1/project (direct)", stats["direct"]["p50_ms"], stats["direct"]["p99_ms"]],
                ["MCP tools/call over stdio", stats["mcp"]["p50_ms"], stats["mcp"]["p99_ms"]],
                ["overhead of the MCP layer", overhead["p50_ms"], overhead["p99_ms"]],
            ],
        )
    )
    print("target: overhead at most 5 ms median")
    print(f"results: {save('call_overhead', {'calls': args.calls, **stats, 'overhead': overhead})}")


if __name__ == "__main__":
    main()
