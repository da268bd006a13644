"""Upload: a 100 MB video through upload_asset (jogg-mcp over stdio, to the sandbox's signed URL) against
curl's PUT of the same file to a sandbox signed URL. Reports throughput, the ratio to curl, and how much the
server process's peak RSS grew during the upload.

upload_asset's time is end to end (local checks, asking JoggAI for the URL, the PUT); curl's is the PUT
alone, so the ratio is conservative. Runs are interleaved.

    python bench/upload.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import anyio
import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, median, memory_kib, save, table
from media_files import video_with_moov_last

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from jogg_mcp.sandbox import SandboxServer
from tests.support import process_with_marker

SIZE = 100_000_000


def curl_put(sandbox: SandboxServer, path: Path) -> float:
    ticket = httpx2.post(
        sandbox.base_url + "/v2/upload/asset",
        headers={"x-api-key": sandbox.api_key},
        json={"filename": "v.mp4", "content_type": "video/mp4", "file_size": SIZE},
    ).json()["data"]
    started = time.perf_counter()
    subprocess.run(
        [
            "curl",
            "-sS",
            "--fail",
            "-o",
            "/dev/null",
            "-T",
            str(path),
            "-H",
            "Content-Type: video/mp4",
            ticket["sign_url"],
        ],
        check=True,
    )
    return time.perf_counter() - started


async def tool_uploads(
    sandbox: SandboxServer, path: Path, runs: int, curl_times: list[float]
) -> dict[str, list[float]]:
    from mcp import Client, StdioServerParameters

    marker = uuid.uuid4().hex
    env = {
        **os.environ,
        "JOGG_API_KEY": sandbox.api_key,
        "JOGG_BASE_URL": sandbox.base_url,
        "JOGG_ALLOWED_DIRS": str(path.parent),
        "JOGG_BENCH_MARKER": marker,
    }
    times: list[float] = []
    growth: list[float] = []
    async with Client(StdioServerParameters(command=PYTHON, args=["-m", "jogg_mcp", "serve"], env=env)) as client:
        warm = video_with_moov_last(path.parent / "warm.mp4", 200_000)
        await client.call_tool("upload_asset", {"path": str(warm)})  # libmagic and PyAV loaded, pool warm
        pid = process_with_marker("JOGG_BENCH_MARKER", marker)
        for _ in range(runs):
            curl_times.append(await anyio.to_thread.run_sync(curl_put, sandbox, path))
            Path(f"/proc/{pid}/clear_refs").write_text("5")
            baseline = memory_kib(pid, "VmRSS")
            started = time.perf_counter()
            result = await client.call_tool("upload_asset", {"path": str(path)})
            times.append(time.perf_counter() - started)
            if result.is_error:
                raise RuntimeError(result.content)
            growth.append((memory_kib(pid, "VmHWM") - baseline) / 1024)
    return {"times": times, "growth_mib": growth}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, SandboxServer(render_seconds=0, rate_limit=10_000) as sandbox:
        video = video_with_moov_last(Path(folder) / "launch.mp4", SIZE)
        curl_times: list[float] = []
        measured = anyio.run(tool_uploads, sandbox, video, args.runs, curl_times)
    tool_s, curl_s = median(measured["times"]), median(curl_times)
    summary = {
        "file_bytes": SIZE,
        "upload_asset_mb_per_s": round(SIZE / 1e6 / tool_s, 1),
        "curl_put_mb_per_s": round(SIZE / 1e6 / curl_s, 1),
        "throughput_ratio_to_curl": round(curl_s / tool_s, 3),
        "server_peak_rss_growth_mib": round(max(measured["growth_mib"]), 1),
    }
    print(f"100 MB upload to the sandbox on loopback, median of {args.runs} interleaved runs")
    print(
        table(
            ["path", "seconds", "MB/s"],
            [
                ["upload_asset (checks + URL + streamed PUT)", f"{tool_s:.2f}", summary["upload_asset_mb_per_s"]],
                ["curl -T (PUT only)", f"{curl_s:.2f}", summary["curl_put_mb_per_s"]],
            ],
        )
    )
    print(
        f"throughput vs curl: {summary['throughput_ratio_to_curl']:.2f}x (target >= 0.9); server peak RSS growth: "
        f"{summary['server_peak_rss_growth_mib']} MiB (target <= 16)"
    )
    print(f"results: {save('upload', {'runs': args.runs, **summary})}")


if __name__ == "__main__":
    main()
